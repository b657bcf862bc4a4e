"""docs/schema/listing.schema.json and the parser agree on what a valid listing is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.errors import ListingError
from ipwarden.screening.parse import listing_from_dict

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs/schema/listing.schema.json").read_text("utf-8")
)


@pytest.mark.parametrize(
    ("listing", "valid"),
    [
        ({"id": "a", "title": "Nike", "price": 12.5, "market": "US", "images": ["x.png"]}, True),
        ({"id": 7, "title": "Nike", "price": "12.50", "stage": "feedback", "reviews": ["fake"]}, True),
        ({"id": "a", "title": "Nike", "price": "abc"}, False),
        ({"id": "a", "title": "Nike", "price": -5}, False),
        ({"title": "no id"}, False),
        ({"id": "a", "title": 42}, False),
        ({"id": "a", "title": "x", "stage": "launch"}, False),
        ({"id": "a", "title": "x", "market": "United States"}, False),
    ],
)
def test_schema_and_parser_agree(listing: dict[str, Any], valid: bool) -> None:
    schema_ok = jsonschema.Draft202012Validator(SCHEMA).is_valid(listing)
    try:
        listing_from_dict(listing, ScreeningConfig.load())
        parser_ok = True
    except ListingError:
        parser_ok = False
    assert (schema_ok, parser_ok) == (valid, valid)
