"""The screener's I/O boundaries. Each has a file-backed implementation (ipwarden.screening.sources) and
an in-memory one (ipwarden.screening.memory); one conformance test runs over both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

__all__ = [
    "CategoryStats",
    "ImageStore",
    "PriceRef",
    "ReferencePrices",
    "RemovedListing",
    "RemovedListings",
    "SellerHistory",
    "SellerRecord",
]


@dataclass(frozen=True, slots=True)
class PriceRef:
    price: float
    currency: str | None
    basis: str  # e.g. "reference nike/shoes/US"


@dataclass(frozen=True, slots=True)
class CategoryStats:
    median: float
    mad: float  # median absolute deviation
    count: int
    currency: str | None


@dataclass(frozen=True, slots=True)
class SellerRecord:
    seller_id: str
    created: dt.date | None = None
    strikes: int = 0
    removed: bool = False
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedListing:
    """A listing taken down after an upheld complaint; its fingerprints catch re-listings (stay-down)."""

    id: str
    title: str
    seller_id: str | None = None
    images: tuple[str, ...] = ()
    right_id: str | None = None
    owner: str | None = None
    removed_on: dt.date | None = None
    reason: str | None = None


@runtime_checkable
class ReferencePrices(Protocol):
    def reference(self, brand: str, category: str | None, market: str | None) -> PriceRef | None:
        """Typical price of ``brand`` (owner-family id or normalised mark) in that category and market."""
        ...

    def category_stats(self, category: str, market: str | None) -> CategoryStats | None:
        """Robust statistics of observed prices of the category in the market (None if too few)."""
        ...


@runtime_checkable
class SellerHistory(Protocol):
    def get(self, seller_id: str) -> SellerRecord | None: ...

    def removed_sharing(self, seller_id: str, identifiers: Sequence[str]) -> list[str]:
        """Ids of removed sellers (other than ``seller_id``) that used any of ``identifiers``."""
        ...


@runtime_checkable
class RemovedListings(Protocol):
    def all(self) -> Sequence[RemovedListing]: ...


@runtime_checkable
class ImageStore(Protocol):
    def read(self, path: str) -> bytes:
        """The image's bytes; raises ListingError naming the path when it is missing or unreadable."""
        ...
