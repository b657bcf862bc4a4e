"""The bundled demo registry: well-known marks, owner families across scripts, GIs and authorisations.

Public facts only (see data/demo/README.md for how it was compiled and what it does not claim). The files
are JSONL in the ipwarden record schema, so ``ipwarden registry import`` reads them like any other file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["DEMO_FILES", "demo_data_paths"]

#: Import order matters: owner families first (so rights join them), authorisations last.
DEMO_FILES = ("owner-families.jsonl", "trademarks.jsonl", "other-rights.jsonl", "authorisations.jsonl")


def demo_data_paths() -> list[Path]:
    """Paths of the demo JSONL files inside the installed package, in import order."""
    base = resources.files("ipwarden.registry").joinpath("data", "demo")
    paths = [Path(str(base.joinpath(name))) for name in DEMO_FILES]
    missing = [p for p in paths if not p.is_file()]
    if missing:  # a broken installation, not a user mistake
        raise FileNotFoundError(f"demo data missing from the package: {', '.join(map(str, missing))}")
    return paths
