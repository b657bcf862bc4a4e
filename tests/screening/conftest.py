"""Shared screening fixtures: a small real registry, context sources in memory, and image bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from PIL import Image, ImageDraw

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import (
    Authorisation,
    AuthorisationKind,
    GoodsServices,
    MarkType,
    OwnerFamily,
    Party,
    Right,
    RightKind,
    Status,
)
from ipwarden.screening.interfaces import RemovedListing, SellerRecord
from ipwarden.screening.memory import (
    InMemoryImageStore,
    InMemoryReferencePrices,
    InMemoryRemovedListings,
    InMemorySellerHistory,
)
from ipwarden.screening.models import ScreeningResult
from ipwarden.screening.services import ProtectedImage, Screener, ScreeningContext

TODAY = dt.date(2026, 11, 20)


def trademark(
    right_id: str,
    mark: str,
    owner: str,
    family: str | None,
    classes: tuple[int, ...],
    *,
    office: str = "US",
    status: Status = Status.REGISTERED,
) -> Right:
    return Right(
        id=right_id,
        kind=RightKind.TRADEMARK,
        office=office,
        mark_text=mark,
        mark_type=MarkType.WORD,
        owner=Party(owner),
        owner_family=family,
        status=status,
        goods_services=tuple(GoodsServices(c) for c in classes),
    )


def logo(kind: str, size: int = 256) -> bytes:
    """A synthetic picture: distinct shapes per kind, so pHash tells them apart."""
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    if kind == "swoosh":
        draw.pieslice((20, 40, size - 20, size - 40), 200, 340, fill="black")
        draw.rectangle((size // 2, 20, size // 2 + 30, size - 20), fill="black")
    elif kind == "monogram":
        for i in range(0, size, 32):
            draw.line((i, 0, size - i, size), fill="brown", width=6)
        draw.ellipse((60, 60, size - 60, size - 60), outline="brown", width=10)
    else:
        draw.polygon([(0, size), (size, size), (size // 2, 0)], fill="blue")
        draw.rectangle((10, 10, 60, 60), fill="green")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def reencoded(data: bytes, size: int) -> bytes:
    """The same picture resized and saved as JPEG, as a re-lister would upload it."""
    with Image.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").resize((size, size)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def store() -> InMemoryRightsStore:
    store = InMemoryRightsStore()
    store.upsert_rights(
        [
            trademark("US-NIKE", "NIKE", "Nike, Inc.", "nike", (25, 18)),
            trademark("CN-NAIKE", "耐克", "Nike, Inc.", "nike", (25,), office="CN"),
            trademark("US-LV", "LOUIS VUITTON", "Louis Vuitton Malletier", "lv", (18, 25)),
            trademark("US-ADIDAS", "ADIDAS", "adidas AG", "adidas", (25, 28)),
            trademark("US-APPLE", "APPLE", "Apple Inc.", "apple", (9,)),
            trademark("US-IPHONE", "IPHONE", "Apple Inc.", "apple", (9,)),
            trademark("US-DEAD", "ZORBLAX", "Gone Ltd", None, (25,), status=Status.EXPIRED),
        ]
    )
    store.upsert_families([OwnerFamily("nike", "Nike, Inc.", ("NIKE INC",))])
    store.upsert_authorisations(
        [
            Authorisation(
                "auth-1",
                "S-NIKE-US",
                AuthorisationKind.AUTHORISED_RESELLER,
                owner_family="nike",
                territories=("US",),
            ),
            Authorisation(
                "auth-2",
                "S-OLD",
                AuthorisationKind.LICENSEE,
                right_id="US-NIKE",
                valid_until=dt.date(2020, 1, 1),
            ),
        ]
    )
    return store


@pytest.fixture(scope="session")
def context() -> ScreeningContext:
    images = InMemoryImageStore(
        {
            "logos/swoosh.png": logo("swoosh"),
            "removed/monogram.png": logo("monogram"),
            "listing/swoosh.jpg": reencoded(logo("swoosh"), 180),
            "listing/monogram.jpg": reencoded(logo("monogram"), 300),
            "listing/other.png": logo("other"),
            "listing/broken.jpg": b"\xff\xd8\xff\xe0 this is not really a jpeg",
        }
    )
    category_prices = [(None, "shoes", "US", float(p), "USD") for p in (80, 90, 95, 100, 105, 110, 120, 85)]
    return ScreeningContext(
        prices=InMemoryReferencePrices([("nike", "shoes", "US", 120.0, "USD"), *category_prices]),
        sellers=InMemorySellerHistory(
            [
                SellerRecord("S-NEW", TODAY - dt.timedelta(days=3)),
                SellerRecord("S-STRUCK", dt.date(2020, 1, 1), strikes=2),
                SellerRecord(
                    "S-GONE", dt.date(2019, 1, 1), strikes=3, removed=True, identifiers=("phone:+861",)
                ),
                SellerRecord("S-ALIAS", dt.date(2021, 1, 1), identifiers=("phone:+861", "bank:9")),
            ]
        ),
        removed=InMemoryRemovedListings(
            [
                RemovedListing(
                    "R-1",
                    "Louis Vuitton Neverfull MM monogram canvas tote bag brown",
                    seller_id="S-GONE",
                    images=("removed/monogram.png",),
                    right_id="US-LV",
                    owner="Louis Vuitton Malletier",
                    removed_on=dt.date(2026, 10, 1),
                )
            ]
        ),
        images=images,
        protected_images=(ProtectedImage("P-1", "logos/swoosh.png", "US-NIKE", "Nike, Inc.", "swoosh logo"),),
    )


@pytest.fixture(scope="session")
def screener(store: InMemoryRightsStore, context: ScreeningContext) -> Screener:
    return Screener.from_store(store, context=context)


@pytest.fixture
def screen(screener: Screener) -> Callable[..., ScreeningResult]:
    """Screen a listing given as keyword fields (date fixed, so account ages are stable)."""

    def run(**fields: object) -> ScreeningResult:
        fields.setdefault("id", "L-1")
        fields.setdefault("date", TODAY.isoformat())
        return screener.screen_raw(fields)

    return run
