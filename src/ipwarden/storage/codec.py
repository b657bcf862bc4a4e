"""Rows <-> domain objects. Pre-serialised tuples keep bulk writes on the driver's fast path.

Lists and the representative are stored as JSON (text in SQLite, JSONB in PostgreSQL); dates as ISO
``YYYY-MM-DD``; enums as their values. Each row ends with a content hash of everything before it, so an
identical re-import is recognised without reading the stored row back. A rights row is the registry's
flat right (registry/flat.py), which bulk imports build without a :class:`Right` per record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from ipwarden.registry.flat import FLAT_COLUMNS, flatten, hashed, json_list, unflatten
from ipwarden.registry.models import Authorisation, AuthorisationKind, OwnerFamily

__all__ = [
    "AUTHORISATION_COLUMNS",
    "FAMILY_COLUMNS",
    "RIGHT_COLUMNS",
    "decode_authorisation",
    "decode_family",
    "decode_right",
    "encode_authorisation",
    "encode_family",
    "encode_right",
]

Row = tuple[Any, ...]

RIGHT_COLUMNS: tuple[str, ...] = FLAT_COLUMNS
FAMILY_COLUMNS: tuple[str, ...] = ("id", "name", "aliases", "content_hash")
AUTHORISATION_COLUMNS: tuple[str, ...] = (
    "id",
    "seller_id",
    "kind",
    "right_id",
    "owner_family",
    "territories",
    "valid_from",
    "valid_until",
    "note",
    "content_hash",
)

_EMPTY = "[]"
_hashed = hashed
_list = json_list
#: One ``rights`` row in :data:`RIGHT_COLUMNS` order: the registry's flat right (registry/flat.py).
encode_right = flatten
#: A :class:`Right` from a row selected in :data:`RIGHT_COLUMNS` order (the hash may be left off).
decode_right = unflatten


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _json(value: Any) -> Any:
    """SQLite hands back JSON text; psycopg has already parsed JSONB."""
    return json.loads(value) if isinstance(value, str) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_json(value)) if value not in (None, _EMPTY) else ()


def encode_family(f: OwnerFamily) -> Row:
    return _hashed((f.id, f.name, _list(f.aliases)))


def decode_family(row: Sequence[Any]) -> OwnerFamily:
    return OwnerFamily(id=row[0], name=row[1], aliases=_strings(row[2]))


def encode_authorisation(a: Authorisation) -> Row:
    return _hashed(
        (
            a.id,
            a.seller_id,
            a.kind.value,
            a.right_id,
            a.owner_family,
            _list(a.territories),
            _iso(a.valid_from),
            _iso(a.valid_until),
            a.note,
        )
    )


def decode_authorisation(row: Sequence[Any]) -> Authorisation:
    return Authorisation(
        id=row[0],
        seller_id=row[1],
        kind=AuthorisationKind(row[2]),
        right_id=row[3],
        owner_family=row[4],
        territories=_strings(row[5]),
        valid_from=_date(row[6]),
        valid_until=_date(row[7]),
        note=row[8],
    )
