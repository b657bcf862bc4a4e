"""Compile the hot listing-screening and clearance-search modules with mypyc, in place, beside the sources.

Usage: python scripts/build_native.py [--force] [--clean] [--strict] [--src DIR] [--only PACKAGE]

The compiled modules screen about 1.3x the listings per CPU-second and answer about 1.3x the clearance
queries per second, with the same results (see the Speed sections of docs/benchmarks/screening.md and
docs/benchmarks/clearance.md). Each package of ``ipwarden.native.GROUPS`` is built on its own. The build is
optional: when mypyc, setuptools, a C compiler or the Python headers are missing, or compiling a package
fails, it says so, removes that package's earlier build and exits 0, and the package runs as pure Python.
Nothing is rebuilt while the stamp says the build matches the sources. ``ipwarden.native`` ignores a build
whose sources have changed since (and ``IPWARDEN_PURE_PYTHON=1`` ignores any build), so an edited ``.py``
file is never shadowed by an old extension module.

  --force   rebuild even if the build is up to date
  --clean   remove the compiled modules and the stamps, then stop
  --strict  exit 1 instead of falling back when a build is impossible or fails
  --src     the source root holding ``ipwarden/`` (default: src/ of this checkout)
  --only    one package of ``GROUPS`` (screening or similarity) instead of both
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
FALLBACK = "{package} will run as pure Python (same results, about 1.3x slower)"


def _native(src: Path) -> ModuleType:
    """``ipwarden.native`` loaded on its own: importing the package would load the very extension
    modules this script may replace."""
    spec = importlib.util.spec_from_file_location("_ipwarden_native", src / "ipwarden/native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module_path(src: Path, name: str) -> Path:
    return src.joinpath(*name.split(".")).with_suffix(".py")


def _outputs(src: Path, native: ModuleType, package: str) -> list[Path]:
    """Every file a build of the package leaves in the source tree (whether it exists or not)."""
    found = [src / "ipwarden" / package / native.STAMP]
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        found.append(src / f"{native.library_name(package)}__mypyc{suffix}")
        found += [_module_path(src, name).with_suffix(suffix) for name in native.GROUPS[package]]
    return found


def clean(src: Path, native: ModuleType, package: str) -> int:
    removed = 0
    for path in _outputs(src, native, package):
        if path.exists():
            path.unlink()
            removed += 1
    return removed


def missing_tools() -> str | None:
    """Why compiling is impossible here (None if mypyc, setuptools, a C compiler and Python.h are there)."""
    for module in ("mypyc.build", "setuptools"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            return f"{module} is not installed (it comes with the development requirements)"
    compiler = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    if shutil.which(compiler.split()[0]) is None:
        return f"no C compiler: {compiler.split()[0]!r} is not on PATH (install gcc, or set CC)"
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not include.is_file():
        return f"no Python headers: {include} is missing (install the python3-dev package)"
    return None


def _mypy_config(work: Path) -> Path:
    """The project's third-party modules without type stubs, for mypyc's type check."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    lines = ["[mypy]", f"python_version = {sys.version_info[0]}.{sys.version_info[1]}"]
    for override in project.get("tool", {}).get("mypy", {}).get("overrides", []):
        if override.get("ignore_missing_imports"):
            modules = override["module"]
            names = modules if isinstance(modules, list) else [modules]
            lines += [f"[mypy-{','.join(names)}]", "ignore_missing_imports = True"]
    path = work / "mypy.ini"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _compile(src: Path, work: Path, package: str) -> None:
    """Runs in a child process: mypyc to C, then the C compiler, into ``work/lib``."""
    from mypyc.build import mypycify
    from setuptools import setup

    native = _native(src)
    os.chdir(src)
    paths = [str(_module_path(Path(), name)) for name in native.GROUPS[package]]
    flags = [f"--config-file={_mypy_config(work)}", f"--cache-dir={work / 'cache'}"]
    modules = mypycify(
        [*flags, *paths], opt_level="3", group_name=native.library_name(package), target_dir=str(work / "c")
    )
    setup(
        name=f"ipwarden-{package}-native",
        ext_modules=modules,
        script_args=[
            "--quiet",
            "build_ext",
            "--build-lib",
            str(work / "lib"),
            "--build-temp",
            str(work / "obj"),
        ],
    )


def _digests(src: Path, native: ModuleType, package: str) -> dict[str, str]:
    return {name: native.source_digest(_module_path(src, name)) for name in native.GROUPS[package]}


def build(src: Path, native: ModuleType, package: str, *, force: bool = False) -> str | None:
    """Build one package in a scratch folder, then put its modules in place. Returns why it failed."""
    folder = src / "ipwarden" / package
    modules = native.GROUPS[package]
    if not force and native.fresh(folder, modules):
        print(f"native {package} modules: up to date")
        return None
    why = missing_tools()
    if why is not None:
        return why
    digests = _digests(src, native, package)
    with tempfile.TemporaryDirectory(prefix=f"ipwarden-{package}-native-") as scratch:
        work = Path(scratch)
        log = work / "build.log"
        with log.open("w") as out:
            done = subprocess.run(
                [sys.executable, __file__, "--_compile", str(work), "--src", str(src), "--only", package],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode != 0:
            tail = log.read_text("utf-8", "replace").strip().splitlines()[-15:]
            return "compiling failed:\n    " + "\n    ".join(tail)
        built = [p for p in (work / "lib").rglob("*") if p.is_file()]
        clean(src, native, package)
        for path in built:
            target = src / path.relative_to(work / "lib")
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(path, partial)
            os.replace(partial, target)  # a new file: processes that loaded the old one keep it
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    library = os.path.relpath(src / f"{native.library_name(package)}__mypyc{suffix}", folder)
    if _digests(src, native, package) != digests:
        clean(src, native, package)
        return "a source file changed while compiling: run the build again"
    stamp = {"suffix": suffix, "library": library, "modules": digests}
    (folder / native.STAMP).write_text(json.dumps(stamp, indent=1) + "\n", "utf-8")
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import importlib, ipwarden.native as n\n"
            f"for name in n.GROUPS[{package!r}]: importlib.import_module(name)\n"
            f"print(n.compiled({package!r}))",
        ],
        env=native.child_environment(src),
        capture_output=True,
        text=True,
        check=False,
    )
    if check.stdout.strip() != "True":
        clean(src, native, package)
        return "the compiled modules do not import:\n    " + (check.stderr.strip() or check.stdout.strip())
    print(f"native {package} modules: compiled {len(modules)} modules with mypyc into {folder}")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--only", choices=("screening", "similarity"))
    parser.add_argument("--_compile", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    src = args.src.resolve()
    native = _native(src)
    packages = [args.only] if args.only else list(native.GROUPS)
    if args._compile is not None:
        _compile(src, args._compile, packages[0])
        return 0
    if args.clean:
        removed = sum(clean(src, native, package) for package in packages)
        print(f"native modules: removed {removed} file(s)")
        return 0
    failed = 0
    for package in packages:
        why = build(src, native, package, force=args.force)
        if why is None:
            continue
        failed += 1
        clean(src, native, package)
        print(
            f"native {package} modules not built: {why}\n" + FALLBACK.format(package=package), file=sys.stderr
        )
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
