"""Compile the hot listing-screening modules with mypyc, in place, beside their ``.py`` files.

Usage: python scripts/build_native.py [--force] [--clean] [--strict] [--src DIR]

The compiled modules screen about 1.3x the listings per CPU-second with the same results (see the Speed
section of docs/benchmarks/screening.md). The build is optional: when mypyc, setuptools, a C compiler or
the Python headers are missing, or compiling fails, it says so, removes any earlier build and exits 0,
and screening runs as pure Python. Nothing is rebuilt while the stamp says the build matches the sources.
``ipwarden.screening.native`` ignores a build whose sources have changed since (and ``IPWARDEN_PURE_PYTHON=1``
ignores any build), so an edited ``.py`` file is never shadowed by an old extension module.

  --force   rebuild even if the build is up to date
  --clean   remove the compiled modules and the stamp, then stop
  --strict  exit 1 instead of falling back when the build is impossible or fails
  --src     the source root holding ``ipwarden/`` (default: src/ of this checkout)
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
FALLBACK = "listing screening will run as pure Python (same results, about 1.3x slower)"


def _native(src: Path) -> ModuleType:
    """``ipwarden.screening.native`` loaded on its own: importing the package would load the very
    extension modules this script may replace."""
    spec = importlib.util.spec_from_file_location("_ipwarden_native", src / "ipwarden/screening/native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(src: Path, native: ModuleType) -> list[Path]:
    """Every file a build leaves in the source tree (whether it exists or not)."""
    found = [src / "ipwarden/screening" / native.STAMP]
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        found.append(src / f"{native.GROUP}__mypyc{suffix}")
        found += [src.joinpath(*name.split(".")).with_suffix(suffix) for name in native.MODULES]
    return found


def clean(src: Path, native: ModuleType) -> int:
    removed = 0
    for path in _outputs(src, native):
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


def _compile(src: Path, work: Path) -> None:
    """Runs in a child process: mypyc to C, then the C compiler, into ``work/lib``."""
    from mypyc.build import mypycify
    from setuptools import setup

    native = _native(src)
    os.chdir(src)
    paths = [str(Path(*name.split(".")).with_suffix(".py")) for name in native.MODULES]
    flags = [f"--config-file={_mypy_config(work)}", f"--cache-dir={work / 'cache'}"]
    modules = mypycify([*flags, *paths], opt_level="3", group_name=native.GROUP, target_dir=str(work / "c"))
    setup(
        name="ipwarden-native",
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


def build(src: Path, *, force: bool = False) -> str | None:
    """Build in a scratch folder, then put the modules in place. Returns why it failed, else None."""
    native = _native(src)
    if not force and native.fresh(src / "ipwarden/screening"):
        print("native screening modules: up to date")
        return None
    why = missing_tools()
    if why is not None:
        return why
    package = src / "ipwarden/screening"
    digests = {
        name: native.source_digest(src.joinpath(*name.split(".")).with_suffix(".py"))
        for name in native.MODULES
    }
    with tempfile.TemporaryDirectory(prefix="ipwarden-native-") as scratch:
        work = Path(scratch)
        log = work / "build.log"
        with log.open("w") as out:
            done = subprocess.run(
                [sys.executable, __file__, "--_compile", str(work), "--src", str(src)],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode != 0:
            tail = log.read_text("utf-8", "replace").strip().splitlines()[-15:]
            return "compiling failed:\n    " + "\n    ".join(tail)
        built = [p for p in (work / "lib").rglob("*") if p.is_file()]
        clean(src, native)
        for path in built:
            target = src / path.relative_to(work / "lib")
            partial = target.with_name(target.name + ".partial")
            shutil.copyfile(path, partial)
            os.replace(partial, target)  # a new file: processes that loaded the old one keep it
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    library = os.path.relpath(src / f"{native.GROUP}__mypyc{suffix}", package)
    current = {
        name: native.source_digest(src.joinpath(*name.split(".")).with_suffix(".py"))
        for name in native.MODULES
    }
    if current != digests:
        clean(src, native)
        return "a source file changed while compiling: run the build again"
    stamp = {"suffix": suffix, "library": library, "modules": digests}
    (package / native.STAMP).write_text(json.dumps(stamp, indent=1) + "\n", "utf-8")
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ipwarden.screening, ipwarden.screening.native as n; print(n.compiled())",
        ],
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=False,
    )
    if check.stdout.strip() != "True":
        clean(src, native)
        return "the compiled modules do not import:\n    " + (check.stderr.strip() or check.stdout.strip())
    print(f"native screening modules: compiled {len(native.MODULES)} modules with mypyc into {package}")
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--_compile", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    src = args.src.resolve()
    if args._compile is not None:
        _compile(src, args._compile)
        return 0
    native = _native(src)
    if args.clean:
        print(f"native screening modules: removed {clean(src, native)} file(s)")
        return 0
    why = build(src, force=args.force)
    if why is None:
        return 0
    clean(src, native)
    print(f"native screening modules not built: {why}\n{FALLBACK}", file=sys.stderr)
    return 1 if args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
