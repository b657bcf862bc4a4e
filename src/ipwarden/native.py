"""Compiled modules: used only when they were built from the sources now on disk.

``scripts/build_native.py`` compiles the hot modules of two packages with mypyc into extension modules
beside the ``.py`` files: the per-listing path of listing screening (about 1.3x the listings per
CPU-second) and the per-query path of clearance search (about 1.3x the queries per second). Each package
is one group with its own shared library and a stamp of the sources it compiled. Python would import such
an extension module even after its source was edited, so each package checks its stamp when it is
imported: if any compiled module of the group is missing or older than its source, or
``IPWARDEN_PURE_PYTHON=1`` is set, every module of that group is loaded from its ``.py`` file instead (all
of them, because compiled modules call each other directly). Without a build nothing changes.

This module imports nothing from ipwarden, so the build script can load it without importing the
modules it is about to replace.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

__all__ = [
    "GROUPS",
    "PURE_ENV",
    "STAMP",
    "child_environment",
    "compiled",
    "fresh",
    "group_fresh",
    "guard",
    "install_guard",
    "library_name",
    "source_digest",
]

GROUPS: dict[str, tuple[str, ...]] = {
    # the per-listing path: text views, the mark matcher, mark reasons, cues and the result models (a
    # listing's reasons are built there). The screener stays a Python class.
    "screening": (
        "ipwarden.screening.anchors",
        "ipwarden.screening.cues",
        "ipwarden.screening.marks",
        "ipwarden.screening.matcher",
        "ipwarden.screening.models",
        "ipwarden.screening.signals",
        "ipwarden.screening.text",
    ),
    # the per-query path: a mark's forms and keys, every aspect's scoring, the risk policy and ranking.
    # The index, the service and the resource loaders stay Python (their time is in NumPy and SQLite).
    "similarity": tuple(
        f"ipwarden.similarity.{name}"
        for name in (
            "aspect_types",
            "aspects",
            "candidate_groups",
            "chinese",
            "chinese_parts",
            "concepts",
            "forms",
            "glued",
            "glyph_aspects",
            "keys",
            "meanings",
            "normalize",
            "phonetics",
            "policy",
            "ranking",
            "readings",
            "rhymes",
            "romanisation",
            "scoring",
            "shared_words",
            "spelling_aspects",
            "transcriptions",
            "transliteration",
            "typosquats",
            "word_aspects",
        )
    ),
}
# in each package folder: {"suffix": ..., "library": the shared library's path from there,
# "modules": {name: sha256}}
STAMP = "native.json"
PURE_ENV = "IPWARDEN_PURE_PYTHON"
_HERE = Path(__file__).resolve().parent  # the ipwarden folder


def library_name(package: str) -> str:
    """mypyc's shared library of a package's compiled modules (it lies in the source root)."""
    return f"ipwarden_{package}_native"


def _source(name: str, root: Path) -> Path:
    return root.joinpath(*name.split(".")[2:]).with_suffix(".py")


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fresh(root: Path, modules: Sequence[str]) -> bool:
    """Whether every module in ``root`` (a package folder) has an extension module built by this
    interpreter from the source now on disk, according to the build stamp."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    try:
        stamp = json.loads((root / STAMP).read_text("utf-8"))
        built = stamp["modules"]
        if stamp["suffix"] != suffix or not (root / stamp["library"]).is_file():
            return False
        for name in modules:
            source = _source(name, root)
            if not source.with_suffix(suffix).is_file() or built.get(name) != source_digest(source):
                return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


class _SourceFirst(importlib.abc.MetaPathFinder):
    """Loads the listed modules from their ``.py`` files, ahead of any extension module beside them."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        if source is None:
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def _has_extensions(root: Path, modules: Sequence[str]) -> bool:
    return any(
        _source(name, root).with_suffix(suffix).exists()
        for name in modules
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )


def install_guard(root: Path, modules: Sequence[str]) -> bool:
    """Make the listed modules load from source unless fresh compiled ones are there (see the module
    docstring). Returns whether the compiled modules will be used. Run before any of them is imported."""
    if not _has_extensions(root, modules):
        return False
    if os.environ.get(PURE_ENV, "") not in ("", "0") or not fresh(root, modules):
        sources = {name: _source(name, root) for name in modules}
        if not any(isinstance(f, _SourceFirst) and f.sources == sources for f in sys.meta_path):
            sys.meta_path.insert(0, _SourceFirst(sources))
        return False
    return True


def guard(package: str) -> bool:
    """``install_guard`` for one package of ``GROUPS`` (its ``__init__`` calls this first)."""
    return install_guard(_HERE / package, GROUPS[package])


def group_fresh(package: str) -> bool:
    """Whether the package's compiled modules on disk match its sources (see ``fresh``)."""
    return fresh(_HERE / package, GROUPS[package])


def compiled(package: str) -> bool:
    """Whether the modules of the package that are in use are the compiled ones (for benchmark and
    test reports): at least one is loaded and every loaded one is an extension module."""
    loaded = [sys.modules[name] for name in GROUPS[package] if name in sys.modules]
    return bool(loaded) and all(not str(getattr(m, "__file__", "")).endswith(".py") for m in loaded)


def child_environment(src: Path | None = None, *, pure: bool = False) -> dict[str, str]:
    """The environment for a child Python process that imports ipwarden from ``src`` (else as this one
    does) with the compiled modules, where fresh, or with the source only (``pure``)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    if pure:
        env[PURE_ENV] = "1"
    else:
        env.pop(PURE_ENV, None)
    return env
