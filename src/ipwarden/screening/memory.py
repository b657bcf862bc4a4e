"""In-memory implementations of the screener's I/O boundaries, for tests, embedding and the API."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence

from ipwarden.screening.errors import ListingError
from ipwarden.screening.interfaces import CategoryStats, PriceRef, RemovedListing, SellerRecord
from ipwarden.similarity.normalize import normalise

__all__ = [
    "InMemoryImageStore",
    "InMemoryReferencePrices",
    "InMemoryRemovedListings",
    "InMemorySellerHistory",
    "PriceRow",
]

#: (brand or None, category, market or None, price, currency or None)
PriceRow = tuple[str | None, str | None, str | None, float, str | None]
MIN_OBSERVATIONS = 5


def _key(value: str | None) -> str:
    return normalise(value) if value else ""


class InMemoryReferencePrices:
    """Reference prices per brand and observed prices per category (rows with no brand)."""

    def __init__(self, rows: Iterable[PriceRow] = ()) -> None:
        self._refs: dict[tuple[str, str, str], PriceRef] = {}
        observed: dict[tuple[str, str], list[tuple[float, str | None]]] = {}
        for brand, category, market, price, currency in rows:
            m = (market or "").upper()
            if brand:
                basis = f"reference price {brand}/{category or '*'}/{m or '*'}"
                self._refs[(_key(brand), _key(category), m)] = PriceRef(price, currency, basis)
            elif category:
                observed.setdefault((_key(category), m), []).append((price, currency))
        self._stats: dict[tuple[str, str], CategoryStats] = {}
        for key, values in observed.items():
            if len(values) < MIN_OBSERVATIONS:
                continue
            prices = [p for p, _ in values]
            median = statistics.median(prices)
            mad = statistics.median(abs(p - median) for p in prices)
            self._stats[key] = CategoryStats(median, mad, len(prices), values[0][1])

    def reference(self, brand: str, category: str | None, market: str | None) -> PriceRef | None:
        b, c, m = _key(brand), _key(category), (market or "").upper()
        for key in ((b, c, m), (b, c, ""), (b, "", m), (b, "", "")):
            found = self._refs.get(key)
            if found is not None:
                return found
        return None

    def category_stats(self, category: str, market: str | None) -> CategoryStats | None:
        return self._stats.get((_key(category), (market or "").upper()))


class InMemorySellerHistory:
    def __init__(self, records: Iterable[SellerRecord] = ()) -> None:
        self._records = {r.seller_id: r for r in records}
        self._removed_by_identifier: dict[str, set[str]] = {}
        for record in self._records.values():
            if record.removed:
                for ident in record.identifiers:
                    self._removed_by_identifier.setdefault(ident, set()).add(record.seller_id)

    def get(self, seller_id: str) -> SellerRecord | None:
        return self._records.get(seller_id)

    def removed_sharing(self, seller_id: str, identifiers: Sequence[str]) -> list[str]:
        found: set[str] = set()
        for ident in identifiers:
            found |= self._removed_by_identifier.get(ident, set())
        found.discard(seller_id)
        return sorted(found)


class InMemoryRemovedListings:
    def __init__(self, listings: Iterable[RemovedListing] = ()) -> None:
        self._listings = list(listings)

    def all(self) -> Sequence[RemovedListing]:
        return tuple(self._listings)


class InMemoryImageStore:
    def __init__(self, images: Mapping[str, bytes] | None = None) -> None:
        self._images = dict(images or {})

    def put(self, path: str, data: bytes) -> None:
        self._images[path] = data

    def read(self, path: str) -> bytes:
        try:
            return self._images[path]
        except KeyError:
            raise ListingError(
                f"image {path!r} not found in the image store",
                hint="check the listing's images paths",
            ) from None
