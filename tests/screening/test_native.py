"""Compiled modules: same answers as the source, never used when stale, an optional build (the screening
equivalence is here, the clearance-search one in tests/similarity/test_compiled_search.py)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from ipwarden import native
from ipwarden.screening.cues import CueMatcher, GiMatcher
from ipwarden.screening.matcher import RightRef
from ipwarden.screening.models import Listing
from ipwarden.screening.services import Screener

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
NAMES = ("probe.pkg.alpha", "probe.pkg.beta")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_build_native", ROOT / "scripts" / "build_native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fake_build(tmp_path: Path) -> Iterator[Path]:
    """A package folder whose two modules have 'extension modules' (not loadable) and a matching stamp."""
    package = tmp_path / "probe" / "pkg"
    package.mkdir(parents=True)
    for name in NAMES:
        leaf = name.rsplit(".", 1)[1]
        (package / f"{leaf}.py").write_text(f"WHO = 'source of {leaf}'\n")
        (package / f"{leaf}{SUFFIX}").write_bytes(b"not a shared library")
    (tmp_path / f"group{SUFFIX}").write_bytes(b"")
    stamp = {
        "suffix": SUFFIX,
        "library": f"../../group{SUFFIX}",
        "modules": {name: native.source_digest(package / f"{name.rsplit('.', 1)[1]}.py") for name in NAMES},
    }
    (package / native.STAMP).write_text(json.dumps(stamp))
    before = list(sys.meta_path)
    yield package
    sys.meta_path[:] = before
    for name in ("probe", "probe.pkg", *NAMES):
        sys.modules.pop(name, None)


def test_a_build_matching_its_sources_is_fresh(fake_build: Path) -> None:
    assert native.fresh(fake_build, NAMES)


@pytest.mark.parametrize("change", ["source edited", "library gone", "other python", "no stamp", "no module"])
def test_a_build_that_no_longer_matches_is_stale(fake_build: Path, change: str) -> None:
    stamp_path = fake_build / native.STAMP
    stamp = json.loads(stamp_path.read_text())
    if change == "source edited":
        (fake_build / "alpha.py").write_text("WHO = 'edited'\n")
    elif change == "library gone":
        (fake_build.parents[1] / f"group{SUFFIX}").unlink()
    elif change == "other python":
        stamp_path.write_text(json.dumps({**stamp, "suffix": ".cpython-399-x.so"}))
    elif change == "no stamp":
        stamp_path.unlink()
    else:
        (fake_build / f"beta{SUFFIX}").unlink()
    assert not native.fresh(fake_build, NAMES)


def test_a_stale_build_is_never_imported(fake_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fake_build / "alpha.py").write_text("WHO = 'edited source'\n")
    monkeypatch.syspath_prepend(str(fake_build.parents[1]))
    assert native.install_guard(fake_build, NAMES) is False
    # without the guard Python would load alpha's (broken) extension module, which is first in its order
    from probe.pkg import alpha, beta

    assert alpha.WHO == "edited source" and alpha.__file__.endswith(".py")
    assert beta.WHO == "source of beta"


def test_pure_python_can_be_forced(fake_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(fake_build.parents[1]))
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.install_guard(fake_build, NAMES) is False
    from probe.pkg import alpha

    assert alpha.WHO == "source of alpha"


def test_a_fresh_build_is_used(fake_build: Path) -> None:
    before = list(sys.meta_path)
    assert native.install_guard(fake_build, NAMES) is True
    assert sys.meta_path == before


def test_the_build_falls_back_without_a_compiler(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "ipwarden", src / "ipwarden", ignore=shutil.ignore_patterns("*.so"))
    leftovers = [
        src / "ipwarden" / "screening" / f"matcher{SUFFIX}",
        src / "ipwarden" / "similarity" / f"forms{SUFFIX}",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"an old build")
    env = {**os.environ, "CC": "no-such-compiler-here"}
    script = str(ROOT / "scripts" / "build_native.py")
    done = subprocess.run(
        [sys.executable, script, "--src", str(src)], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "no C compiler: 'no-such-compiler-here'" in done.stderr
    assert "screening will run as pure Python" in done.stderr
    assert "similarity will run as pure Python" in done.stderr
    assert not any(
        leftover.exists() for leftover in leftovers
    )  # an old build is removed, not left to go stale
    strict = subprocess.run(
        [sys.executable, script, "--src", str(src), "--strict"], env=env, capture_output=True, check=False
    )
    assert strict.returncode == 1


def test_the_tool_check_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    script = _script()
    monkeypatch.setenv("CC", "gcc-that-is-not-there -O2")
    assert "'gcc-that-is-not-there' is not on PATH" in script.missing_tools()


def test_objects_that_compiled_classes_hold_survive_pickling(screener: Screener) -> None:
    """Spark ships the screener pickled; compiled classes are rebuilt from what made them."""
    ref = RightRef("R-1", "NIKE", "Nike, Inc.", "nike", "US", (25, 28))
    assert pickle.loads(pickle.dumps(ref)) == ref
    clone = pickle.loads(pickle.dumps(screener))
    assert isinstance(clone._counterfeit, CueMatcher) and isinstance(clone._gis, GiMatcher)
    assert clone._mark_reasons.matcher is clone.matcher  # one matcher, not two copies
    listing = Listing(id="L-1", title="NIKE AIR replica shoes", category="shoes", market="US", price=12.5)
    result = screener.screen(listing)
    assert clone.screen(listing) == result and result.reasons
    assert pickle.loads(pickle.dumps(listing)) == listing  # results and listings travel between processes
    assert pickle.loads(pickle.dumps(result)) == result


def _answers(src: Path | None, *, pure: bool) -> str:
    env = native.child_environment(src, pure=pure) | {"PYTHONHASHSEED": "0"}
    code = (
        "import sys, ipwarden.screening, ipwarden.native as n\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from equivalence import lines\n"
        "print('compiled' if n.compiled('screening') else 'pure')\n"
        "for line in lines(20000, 600): print(line)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


def test_the_modules_in_use_answer_as_the_source_does() -> None:
    """The tuning split and benchmark titles (each rewritten) give the same lines forced to pure Python
    as with the modules this checkout imports (compiled after the setup's native build)."""
    pure = _answers(None, pure=True)
    used = _answers(None, pure=False)
    assert pure.startswith("pure\n")
    assert used.startswith("compiled\n" if native.group_fresh("screening") else "pure\n")
    assert pure.count("\n") > 15_000 and '"decision": "block"' in pure
    assert used.split("\n", 1)[1] == pure.split("\n", 1)[1]


@pytest.mark.slow
def test_a_fresh_build_answers_as_the_source_does(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("*.so", native.STAMP, "__pycache__"))
    script = str(ROOT / "scripts" / "build_native.py")
    build = [sys.executable, script, "--src", str(src), "--strict", "--only", "screening"]
    subprocess.run(build, check=True, capture_output=True)
    assert native.fresh(src / "ipwarden" / "screening", native.GROUPS["screening"])
    compiled = _answers(src, pure=False)
    assert compiled.startswith("compiled\n")
    assert compiled.split("\n", 1)[1] == _answers(src, pure=True).split("\n", 1)[1]
