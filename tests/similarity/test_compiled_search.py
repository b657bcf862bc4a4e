"""Compiled clearance-search modules (scripts/build_native.py) answer exactly as their sources do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ipwarden import native

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("compiled_answers.py")


def _answers(src: Path | None, *, pure: bool) -> str:
    env = native.child_environment(src, pure=pure)
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout


def test_the_modules_in_use_answer_as_the_source_does() -> None:
    """Every development case and probe query (about 2,000), the forms and keys of every mark they cite,
    and five suggestions: the same lines forced to pure Python as with the modules this checkout imports
    (compiled after the setup's native build)."""
    pure = _answers(None, pure=True)
    used = _answers(None, pure=False)
    assert pure.startswith("pure\n")
    assert used.startswith("compiled\n" if native.group_fresh("similarity") else "pure\n")
    assert pure.count("\n") > 2_500 and '"high"' in pure and '"clear": true' in pure
    assert used.split("\n", 1)[1] == pure.split("\n", 1)[1]


def test_a_stale_similarity_build_is_not_used(tmp_path: Path) -> None:
    """An edited source after a build: the package loads every listed module from its ``.py`` file."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
    forms = src / "ipwarden" / "similarity" / "forms.py"
    forms.write_text(forms.read_text("utf-8") + "\nEDITED = True\n", "utf-8")
    code = (
        "import ipwarden.native as n, ipwarden.similarity.forms as f, ipwarden.similarity.scoring as s\n"
        "print(n.compiled('similarity'), f.EDITED, s.__file__.endswith('.py'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["False", "True", "True"]


@pytest.mark.slow
def test_a_fresh_build_answers_as_the_source_does(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("*.so", native.STAMP, "__pycache__"))
    build = [sys.executable, str(ROOT / "scripts" / "build_native.py"), "--src", str(src), "--strict"]
    subprocess.run([*build, "--only", "similarity"], check=True, capture_output=True)
    assert native.fresh(src / "ipwarden" / "similarity", native.GROUPS["similarity"])
    compiled = _answers(src, pure=False)
    assert compiled.startswith("compiled\n")
    assert compiled.split("\n", 1)[1] == _answers(src, pure=True).split("\n", 1)[1]
