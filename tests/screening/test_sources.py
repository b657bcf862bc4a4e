"""One conformance suite over the file-backed and in-memory context sources: they must answer alike."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from ipwarden.screening.errors import ListingError, ScreeningConfigError
from ipwarden.screening.interfaces import (
    ImageStore,
    ReferencePrices,
    RemovedListing,
    RemovedListings,
    SellerHistory,
    SellerRecord,
)
from ipwarden.screening.memory import (
    InMemoryImageStore,
    InMemoryReferencePrices,
    InMemoryRemovedListings,
    InMemorySellerHistory,
)
from ipwarden.screening.sources import (
    FileImageStore,
    FileReferencePrices,
    FileRemovedListings,
    FileSellerHistory,
)

PRICES = [("nike", "shoes", "US", 120.0, "USD")] + [
    (None, "shoes", "US", float(p), "USD") for p in (80, 90, 100, 110, 120, 95)
]
SELLERS = [
    SellerRecord("S-1", dt.date(2026, 1, 2), 2, False, ("phone:1",)),
    SellerRecord("S-GONE", None, 3, True, ("phone:1", "bank:2")),
]
REMOVED = [
    RemovedListing(
        "R-1", "Nike Air Max copy", "S-GONE", ("a.png",), "US-1", "Nike, Inc.", dt.date(2026, 5, 1)
    )
]


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["file", "memory"])
def sources(
    request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[ReferencePrices, SellerHistory, RemovedListings, ImageStore]:
    if request.param == "memory":
        return (
            InMemoryReferencePrices(PRICES),
            InMemorySellerHistory(SELLERS),
            InMemoryRemovedListings(REMOVED),
            InMemoryImageStore({"a.png": b"png-bytes"}),
        )
    (tmp_path / "a.png").write_bytes(b"png-bytes")
    prices = jsonl(
        tmp_path / "prices.jsonl",
        [{"brand": b, "category": c, "market": m, "price": p, "currency": cur} for b, c, m, p, cur in PRICES],
    )
    sellers = jsonl(
        tmp_path / "sellers.jsonl",
        [
            {
                "seller_id": s.seller_id,
                "created": s.created.isoformat() if s.created else None,
                "strikes": s.strikes,
                "removed": s.removed,
                "identifiers": list(s.identifiers),
            }
            for s in SELLERS
        ],
    )
    removed = jsonl(
        tmp_path / "removed.jsonl",
        [
            {
                "id": r.id,
                "title": r.title,
                "seller_id": r.seller_id,
                "images": list(r.images),
                "right_id": r.right_id,
                "owner": r.owner,
                "removed_on": "2026-05-01",
            }
            for r in REMOVED
        ],
    )
    return (
        FileReferencePrices(prices),
        FileSellerHistory(sellers),
        FileRemovedListings(removed),
        FileImageStore(tmp_path),
    )


def test_sources_conform(sources: tuple[ReferencePrices, SellerHistory, RemovedListings, ImageStore]) -> None:
    prices, sellers, removed, images = sources
    assert isinstance(prices, ReferencePrices) and isinstance(sellers, SellerHistory)
    ref = prices.reference("NIKE", "Shoes", "us")
    assert ref is not None and ref.price == 120.0 and ref.currency == "USD"
    assert prices.reference("adidas", "shoes", "US") is None
    stats = prices.category_stats("shoes", "US")
    assert stats is not None and stats.median == 97.5 and stats.count == 6 and stats.mad == 10.0
    assert prices.category_stats("shoes", "DE") is None
    record = sellers.get("S-1")
    assert record is not None and record.strikes == 2 and record.created == dt.date(2026, 1, 2)
    assert sellers.removed_sharing("S-1", record.identifiers) == ["S-GONE"]
    assert sellers.removed_sharing("S-GONE", ("phone:1",)) == []
    assert list(removed.all()) == REMOVED
    assert images.read("a.png") == b"png-bytes"
    with pytest.raises(ListingError, match=r"missing\.png"):
        images.read("missing.png")


def test_bad_context_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "prices.jsonl"
    path.write_text('{"brand": "nike", "price": 1}\n{"brand": "nike", "price": "lots"}\n', encoding="utf-8")
    with pytest.raises(ScreeningConfigError, match=r"prices.jsonl:2: field 'price' must be a number"):
        FileReferencePrices(path)
