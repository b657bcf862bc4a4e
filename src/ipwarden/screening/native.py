"""Compiled screening modules: used only when they were built from the sources now on disk.

``scripts/build_native.py`` compiles the hot screening modules with mypyc into extension modules beside
the ``.py`` files (about 1.3x the listings per CPU-second) and writes a stamp of the sources it compiled.
Python would import such an extension module even after its source was edited, so this module checks
the stamp when the package is imported: if any compiled module is missing or older than its source, or
``IPWARDEN_PURE_PYTHON=1`` is set, every listed module is loaded from its ``.py`` file instead (all of
them, because compiled modules call each other directly). Without a build nothing changes.

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
    "GROUP",
    "MODULES",
    "STAMP",
    "compiled",
    "fresh",
    "install_guard",
    "source_digest",
]

# the per-listing path: text views, the mark matcher, mark reasons, cues and the result models (a
# listing's reasons are built there). The screener stays a Python class.
MODULES = (
    "ipwarden.screening.anchors",
    "ipwarden.screening.cues",
    "ipwarden.screening.marks",
    "ipwarden.screening.matcher",
    "ipwarden.screening.models",
    "ipwarden.screening.signals",
    "ipwarden.screening.text",
)
# beside this file: {"suffix": ..., "library": the shared library's path from here, "modules": {name: sha256}}
STAMP = "native.json"
GROUP = "ipwarden_screening_native"  # mypyc's shared library of the compiled modules, in the source root
PURE_ENV = "IPWARDEN_PURE_PYTHON"
_HERE = Path(__file__).resolve().parent


def _source(name: str, root: Path) -> Path:
    return root.joinpath(*name.split(".")[2:]).with_suffix(".py")


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fresh(root: Path = _HERE, modules: Sequence[str] = MODULES) -> bool:
    """Whether every module in ``root`` (the screening package folder) has an extension module built
    by this interpreter from the source now on disk, according to the build stamp."""
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


def install_guard(root: Path = _HERE, modules: Sequence[str] = MODULES) -> bool:
    """Make the listed modules load from source unless fresh compiled ones are there (see the module
    docstring). Returns whether the compiled modules will be used. Run before any of them is imported."""
    if not _has_extensions(root, modules):
        return False
    if os.environ.get(PURE_ENV, "") not in ("", "0") or not fresh(root, modules):
        if not any(isinstance(f, _SourceFirst) for f in sys.meta_path):
            sys.meta_path.insert(0, _SourceFirst({name: _source(name, root) for name in modules}))
        return False
    return True


def compiled() -> bool:
    """Whether the screening modules in use are the compiled ones (for benchmark and test reports)."""
    module = sys.modules.get("ipwarden.screening.matcher")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")
