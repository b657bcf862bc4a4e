"""Listing input: turn one JSON object (or CSV row) into a :class:`Listing`, or say precisely what is wrong.

Over-long text is capped, not rejected, and the cap is reported in the result's notes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.errors import ListingError
from ipwarden.screening.models import Listing, Stage

__all__ = ["listing_from_dict", "listing_id_of"]

_TEXT_FIELDS = ("title", "description", "brand", "category", "currency", "market", "seller_id", "origin")


def listing_id_of(raw: Any, fallback: str) -> str:
    """The listing's id if it has a usable one (for error records), else ``fallback``."""
    if isinstance(raw, Mapping):
        value = raw.get("id")
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return fallback


def _bad(where: str, field: str, expected: str, got: Any) -> ListingError:
    shown = repr(got)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return ListingError(
        f"{where}: field '{field}' must be {expected}, got {shown}",
        hint="fix the field (see docs/schema/listing.schema.json) and screen the listing again",
        details={"field": field},
    )


def _price(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _bad(where, "price", "a non-negative number", value)
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            raise _bad(where, "price", "a non-negative number", value) from None
    elif isinstance(value, int | float):
        number = float(value)
    else:
        raise _bad(where, "price", "a non-negative number", value)
    if not math.isfinite(number) or number < 0:
        raise _bad(where, "price", "a non-negative number", value)
    return number


def _strings(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(";") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise _bad(where, field, "a list of strings", value)


def listing_from_dict(raw: Any, config: ScreeningConfig, where: str = "listing") -> tuple[Listing, list[str]]:
    """Validate and build a listing; returns it with notes about capped fields. Raises ListingError."""
    if not isinstance(raw, Mapping):
        raise ListingError(f"{where}: expected a JSON object, got {type(raw).__name__}")
    listing_id = listing_id_of(raw, "")
    if not listing_id:
        raise _bad(where, "id", "a non-empty string", raw.get("id"))
    where = f"{where} (id {listing_id})"
    notes: list[str] = []
    text: dict[str, str | None] = {}
    for field in _TEXT_FIELDS:
        value = raw.get(field)
        if value is None:
            text[field] = None
        elif isinstance(value, str):
            text[field] = value
        elif field == "seller_id" and isinstance(value, int) and not isinstance(value, bool):
            text[field] = str(value)
        else:
            raise _bad(where, field, "a string", value)
    for field, limit_name in (
        ("title", "title_chars"),
        ("description", "description_chars"),
        ("brand", "brand_chars"),
    ):
        value = text[field]
        limit = int(config.get("limits", limit_name))
        if value is not None and len(value) > limit:
            notes.append(
                f"{field} capped at {limit} characters (was {len(value)}); the rest was not screened"
            )
            text[field] = value[:limit]
    stage_value = raw.get("stage") or "listing"
    try:
        stage = Stage(stage_value)
    except ValueError:
        raise _bad(where, "stage", "one of " + ", ".join(s.value for s in Stage), stage_value) from None
    reviews = _strings(raw.get("reviews"), "reviews", where)
    max_reviews, review_chars = (
        int(config.get("limits", "reviews")),
        int(config.get("limits", "review_chars")),
    )
    if len(reviews) > max_reviews:
        notes.append(f"only the first {max_reviews} of {len(reviews)} reviews were screened")
        reviews = reviews[:max_reviews]
    if any(len(r) > review_chars for r in reviews):
        notes.append(f"reviews capped at {review_chars} characters each")
        reviews = tuple(r[:review_chars] for r in reviews)
    date_value = raw.get("date")
    date: dt.date | None = None
    if date_value is not None:
        try:
            date = dt.date.fromisoformat(str(date_value))
        except ValueError:
            raise _bad(where, "date", "a date YYYY-MM-DD", date_value) from None
    market = text["market"]
    if market is not None and not (2 <= len(market.strip()) <= 3 and market.strip().isalpha()):
        raise _bad(where, "market", "an ISO 3166 country code like 'US'", market)
    listing = Listing(
        id=listing_id,
        seller_id=text["seller_id"],
        title=text["title"] or "",
        description=text["description"] or "",
        brand=text["brand"],
        category=text["category"],
        price=_price(raw.get("price"), where),
        currency=text["currency"].upper() if text["currency"] else None,
        market=market.strip().upper() if market else None,
        images=_strings(raw.get("images"), "images", where),
        stage=stage,
        reviews=reviews,
        origin=text["origin"],
        date=date,
    )
    if not (listing.title or listing.description or listing.brand or listing.images or listing.reviews):
        raise ListingError(
            f"{where}: nothing to screen: title, description, brand, images and reviews are all empty",
            hint="give at least a title",
            details={"field": "title"},
        )
    return listing, notes
