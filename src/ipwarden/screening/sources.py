"""File-backed implementations of the screener's I/O boundaries and the context folder that holds them.

Formats are described at the top of ipwarden/screening/lexicon.py. Every problem names the file, line and
field. Image paths in these files are relative to the file's folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipwarden.screening.errors import ListingError, ScreeningConfigError
from ipwarden.screening.interfaces import (
    CategoryStats,
    PriceRef,
    RemovedListing,
    SellerRecord,
)
from ipwarden.screening.memory import (
    InMemoryReferencePrices,
    InMemoryRemovedListings,
    InMemorySellerHistory,
    PriceRow,
)

__all__ = [
    "ContextFiles",
    "FileImageStore",
    "FileReferencePrices",
    "FileRemovedListings",
    "FileSellerHistory",
    "read_records",
]

MAX_IMAGE_BYTES = 20_000_000


def read_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) from a JSONL or CSV context file; bad lines raise naming file and line."""
    try:
        if path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                for number, row in enumerate(csv.DictReader(handle), 2):
                    yield number, {k: (v if v != "" else None) for k, v in row.items()}
            return
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as err:
                    raise ScreeningConfigError(f"{path}:{number}: not valid JSON ({err.msg})") from err
                if not isinstance(obj, dict):
                    raise ScreeningConfigError(f"{path}:{number}: expected a JSON object")
                yield number, obj
    except (OSError, UnicodeDecodeError) as err:
        raise ScreeningConfigError(f"{path}: cannot read the file: {err}") from err


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ScreeningConfigError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None


def _list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v for v in value.split(";") if v)
    return tuple(str(v) for v in value)


class FileReferencePrices(InMemoryReferencePrices):
    """reference-prices.jsonl / .csv: ``brand, category, market, price, currency``."""

    def __init__(self, path: Path) -> None:
        rows: list[PriceRow] = []
        for number, obj in read_records(path):
            try:
                price = float(obj["price"])
            except (KeyError, TypeError, ValueError):
                raise ScreeningConfigError(
                    f"{path}:{number}: field 'price' must be a number, got {obj.get('price')!r}"
                ) from None
            rows.append(
                (obj.get("brand"), obj.get("category"), obj.get("market"), price, obj.get("currency"))
            )
        super().__init__(rows)

    def reference(self, brand: str, category: str | None, market: str | None) -> PriceRef | None:
        return super().reference(brand, category, market)

    def category_stats(self, category: str, market: str | None) -> CategoryStats | None:
        return super().category_stats(category, market)


class FileSellerHistory(InMemorySellerHistory):
    """seller-history.jsonl: ``seller_id, created, strikes, removed, identifiers``."""

    def __init__(self, path: Path) -> None:
        records: list[SellerRecord] = []
        for number, obj in read_records(path):
            where = f"{path}:{number}"
            if not obj.get("seller_id"):
                raise ScreeningConfigError(f"{where}: field 'seller_id' is required")
            try:
                strikes = int(obj.get("strikes") or 0)
            except (TypeError, ValueError):
                raise ScreeningConfigError(f"{where}: field 'strikes' must be an integer") from None
            removed = obj.get("removed")
            records.append(
                SellerRecord(
                    seller_id=str(obj["seller_id"]),
                    created=_date(obj.get("created"), f"{where}: field 'created'"),
                    strikes=strikes,
                    removed=removed is True or str(removed).lower() in ("true", "1", "yes"),
                    identifiers=_list(obj.get("identifiers")),
                )
            )
        super().__init__(records)


class FileRemovedListings(InMemoryRemovedListings):
    """removed-listings.jsonl: ``id, seller_id, title, images, right_id, owner, removed_on, reason``."""

    def __init__(self, path: Path) -> None:
        listings: list[RemovedListing] = []
        for number, obj in read_records(path):
            where = f"{path}:{number}"
            if not obj.get("id"):
                raise ScreeningConfigError(f"{where}: field 'id' is required")
            listings.append(
                RemovedListing(
                    id=str(obj["id"]),
                    title=str(obj.get("title") or ""),
                    seller_id=obj.get("seller_id"),
                    images=_list(obj.get("images")),
                    right_id=obj.get("right_id"),
                    owner=obj.get("owner"),
                    removed_on=_date(obj.get("removed_on"), f"{where}: field 'removed_on'"),
                    reason=obj.get("reason"),
                )
            )
        super().__init__(listings)


class FileImageStore:
    """Images on the local file system; relative paths resolve against ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, path: str) -> bytes:
        full = Path(path) if Path(path).is_absolute() else self.root / path
        try:
            size = full.stat().st_size
            if size > MAX_IMAGE_BYTES:
                raise ListingError(f"image {path!r} is {size} bytes, over the {MAX_IMAGE_BYTES} byte limit")
            return full.read_bytes()
        except OSError as err:
            raise ListingError(
                f"image {path!r} cannot be read ({err.strerror or err})",
                hint=f"paths are relative to {self.root}",
            ) from err


@dataclass(frozen=True, slots=True)
class ContextFiles:
    """The optional context files of one folder (eval/screening or ``--context DIR``)."""

    folder: Path

    def path(self, name: str) -> Path | None:
        for candidate in (name + ".jsonl", name + ".csv"):
            full = self.folder / candidate
            if full.is_file():
                return full
        return None

    def registry_paths(self) -> Sequence[Path]:
        found = self.path("registry")
        return [found] if found else []

    def protected_images(self) -> list[tuple[int, dict[str, Any]]]:
        found = self.path("protected-images")
        return list(read_records(found)) if found else []
