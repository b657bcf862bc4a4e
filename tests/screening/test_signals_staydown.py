"""Stay-down: a re-listing repeats the removed listing (its words or its picture), a genuine listing of the
same product does not."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image, ImageDraw

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.images import ImageIndex, ImageRef, phash
from ipwarden.screening.interfaces import RemovedListing
from ipwarden.screening.memory import InMemoryImageStore
from ipwarden.screening.models import Family, Listing
from ipwarden.screening.signals import image_reasons, repeats_removed_words, stay_down_reasons
from ipwarden.screening.staydown import StayDownIndex

REMOVED = RemovedListing(
    "R-7",
    "Samsung Galaxy Z Flip6 Smartphone neu",
    seller_id="S-BANNED",
    right_id="US-SAMSUNG",
    owner="Samsung Electronics Co., Ltd.",
    removed_on=dt.date(2026, 8, 8),
)
SHOES = RemovedListing("R-8", "AM90 white red sneakers men 40-45 fast shipping", seller_id="S-GONE")


def logo(kind: str, size: int = 256) -> bytes:
    """A drawn picture; the two kinds are far apart in pHash."""
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    if kind == "swoosh":
        draw.pieslice((20, 40, size - 20, size - 40), 200, 340, fill="black")
        draw.rectangle((size // 2, 20, size // 2 + 30, size - 20), fill="black")
    else:
        for i in range(0, size, 32):
            draw.line((i, 0, size - i, size), fill="brown", width=6)
        draw.ellipse((60, 60, size - 60, size - 60), outline="brown", width=10)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def reencoded(data: bytes, size: int) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").resize((size, size)).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def config() -> ScreeningConfig:
    return ScreeningConfig.load()


def _reasons(title: str, seller: str, config: ScreeningConfig) -> list[str]:
    index = StayDownIndex()
    index.add_titles((r.id, r.title) for r in (REMOVED, SHOES))
    listing = Listing(id="L-1", title=title, seller_id=seller)
    found = stay_down_reasons(listing, index, {r.id: r for r in (REMOVED, SHOES)}, config)
    return [r.signal for r in found if r.family is Family.STAY_DOWN]


def test_genuine_listing_of_the_removed_product_is_not_a_relisting(config: ScreeningConfig) -> None:
    # a near-duplicate by characters (the removed title is the product's name plus "neu")
    assert _reasons("Samsung Galaxy Z Flip6 Smartphone", "S-SHOP", config) == []


def test_reordered_relisting_with_an_added_word_is_caught(config: ScreeningConfig) -> None:
    assert _reasons("neu Samsung Galaxy Z Smartphone Flip6 Versand", "S-SHOP", config) == ["stay_down.title"]
    assert _reasons("sneakers AM90 white red men 40-45 fast shipping new", "S-X", config) == [
        "stay_down.title"
    ]


def test_removed_seller_relisting_a_shortened_title_is_caught(config: ScreeningConfig) -> None:
    assert _reasons("Samsung Galaxy Z Flip6 Smartphone", "S-BANNED", config) == ["stay_down.title"]


def test_small_spelling_edits_still_repeat_the_words() -> None:
    assert repeats_removed_words("Samsnug Galaxy Z Flip6 Smartphone neu", REMOVED.title)
    assert repeats_removed_words("sneakers AM90 white red men 40-45 fast shiping", SHOES.title)


def test_missing_or_changed_codes_do_not_repeat_the_words() -> None:
    assert not repeats_removed_words("Samsung Galaxy Z Flip6 Smartphone", REMOVED.title)
    assert not repeats_removed_words("AM90 white red sneakers men 41-46 fast shipping", SHOES.title)
    assert not repeats_removed_words("Samsung Galaxy Z Flip5 Smartphone neu", REMOVED.title)


def _png(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as image:
        return phash(image)


def test_owners_picture_is_not_a_stay_down_fingerprint(config: ScreeningConfig) -> None:
    """A removed listing that showed the owner's product photo: an authorised seller using that photo is
    matched to the protected picture (which authorisation can clear), not reported as a re-listing."""
    shot = logo("swoosh")
    index = ImageIndex(
        [
            (_png(shot), ImageRef("P-1", "protected", right_id="US-NIKE", owner="Nike, Inc.")),
            (_png(reencoded(shot, 200)), ImageRef("R-1", "removed", right_id="US-NIKE")),
        ]
    )
    store = InMemoryImageStore({"own.png": shot, "relisted.jpg": reencoded(logo("monogram"), 300)})
    found, protected = image_reasons(Listing(id="L-1", images=("own.png",)), store, index, config)
    assert found == [] and [ref.id for _, ref, _ in protected] == ["P-1"]


def test_removed_sellers_own_picture_is_a_stay_down_fingerprint(config: ScreeningConfig) -> None:
    picture = logo("monogram")
    index = ImageIndex(
        [
            (_png(logo("swoosh")), ImageRef("P-1", "protected", right_id="US-NIKE")),
            (_png(picture), ImageRef("R-2", "removed", right_id="US-LV")),
        ]
    )
    store = InMemoryImageStore({"relisted.jpg": reencoded(picture, 300)})
    found, protected = image_reasons(Listing(id="L-1", images=("relisted.jpg",)), store, index, config)
    assert [r.signal for r in found] == ["stay_down.image"] and protected == []


def test_short_removed_title_reordered_is_caught(config: ScreeningConfig) -> None:
    removed = RemovedListing("R-9", "GBP9 beige 无线耳机 新款", seller_id="S-GONE")
    index = StayDownIndex()
    index.add_titles([(removed.id, removed.title)])
    relisted = Listing(id="L-2", title="无线耳机 beige GBP9 新款 包邮", seller_id="S-NEW")
    found = stay_down_reasons(relisted, index, {removed.id: removed}, config)
    assert [r.signal for r in found] == ["stay_down.title"]
    other = Listing(id="L-3", title="无线耳机 beige GBP9 包邮", seller_id="S-NEW")
    assert stay_down_reasons(other, index, {removed.id: removed}, config) == []
