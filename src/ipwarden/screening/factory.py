"""Build a Screener from a registry and a context folder: the one recipe every mode uses.

The CLI, the HTTP API, the Spark job and the benchmark all call :func:`build_screener`, so a listing gets
the same answer whichever way it is screened.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.errors import ScreeningConfigError
from ipwarden.screening.lexicon import load_lexicon
from ipwarden.screening.services import ProtectedImage, Screener, ScreeningContext
from ipwarden.screening.sources import (
    ContextFiles,
    FileImageStore,
    FileReferencePrices,
    FileRemovedListings,
    FileSellerHistory,
)

__all__ = ["build_screener", "context_from_folder", "load_registry_files"]


def load_registry_files(paths: list[Path], store: RightsStore | None = None) -> RightsStore:
    """Import ipwarden-schema JSONL/CSV files (rights, families, authorisations) into ``store``."""
    from ipwarden.registry.services import import_files

    target = store if store is not None else InMemoryRightsStore()
    with tempfile.TemporaryDirectory(prefix="ipwarden-screen-") as home:
        summary = import_files(paths, target, restart=True, home=home)
    if summary.rejected:
        raise ScreeningConfigError(
            f"{', '.join(map(str, paths))}: {summary.rejected} registry record(s) were rejected",
            hint="run `ipwarden registry import` on the file to see each problem",
        )
    return target


def context_from_folder(folder: Path | None, images_root: Path | None = None) -> ScreeningContext:
    """Context sources from the standard file names in ``folder`` (see ipwarden/screening/lexicon.py)."""
    if folder is None:
        return ScreeningContext(images=FileImageStore(images_root or Path.cwd()))
    if not folder.is_dir():
        raise ScreeningConfigError(f"{folder}: context folder not found", hint="pass an existing folder")
    files = ContextFiles(folder)
    prices = files.path("reference-prices")
    sellers = files.path("seller-history")
    removed = files.path("removed-listings")
    protected = [
        ProtectedImage(
            id=str(obj.get("id") or f"line-{number}"),
            path=str(obj.get("path") or ""),
            right_id=obj.get("right_id"),
            owner=obj.get("owner"),
            label=obj.get("label"),
        )
        for number, obj in files.protected_images()
    ]
    return ScreeningContext(
        prices=FileReferencePrices(prices) if prices else None,
        sellers=FileSellerHistory(sellers) if sellers else None,
        removed=FileRemovedListings(removed) if removed else None,
        images=FileImageStore(images_root or folder),
        protected_images=protected,
    )


def build_screener(
    store: RightsStore | None = None,
    *,
    context_dir: Path | None = None,
    config_path: Path | None = None,
    images_root: Path | None = None,
    allow_empty: bool = False,
) -> Screener:
    """A screener over ``store`` plus ``context_dir/registry.jsonl`` (if any) and the context files."""
    registry_paths = list(ContextFiles(context_dir).registry_paths()) if context_dir else []
    if registry_paths:
        merged = InMemoryRightsStore()
        if store is not None:
            merged.upsert_rights(list(store.iter_rights()))
            merged.upsert_families(store.list_families())
            merged.upsert_authorisations(store.list_authorisations())
        store = load_registry_files(registry_paths, merged)
    if store is None:
        store = InMemoryRightsStore()
    screener = Screener.from_store(
        store,
        config=ScreeningConfig.load(config_path),
        lexicon=load_lexicon(),
        context=context_from_folder(context_dir, images_root),
    )
    if screener.matcher.size == 0 and not allow_empty:
        raise ScreeningConfigError(
            "the registry holds no live word marks, so no listing could be found infringing",
            hint="import rights first (`ipwarden registry import FILE`) or pass --context DIR with a "
            "registry.jsonl",
        )
    return screener
