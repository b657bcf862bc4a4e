"""Rows <-> domain objects. Pre-serialised tuples keep bulk writes on the driver's fast path.

Lists and the representative are stored as JSON (text in SQLite, JSONB in PostgreSQL); dates as ISO
``YYYY-MM-DD``; enums as their values. Each row ends with a content hash of everything before it, so an
identical re-import is recognised without reading the stored row back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
from collections.abc import Sequence
from typing import Any

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

RIGHT_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "office",
    "mark_text",
    "mark_type",
    "application_number",
    "registration_number",
    "owner_name",
    "owner_country",
    "owner_address",
    "owner_legal_form",
    "representative",
    "goods_services",
    "vienna_codes",
    "locarno_class",
    "ipc_codes",
    "status",
    "raw_status",
    "filed",
    "registered",
    "expires",
    "priority_date",
    "priority_country",
    "international_registration",
    "designated_offices",
    "image",
    "owner_family",
    "title",
    "description",
    "source",
    "content_hash",
)
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
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# The C string quoter behind json.dumps(ensure_ascii=False): building small JSON arrays by hand with it is
# several times faster than the generic encoder, and the output is identical.
_quote: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring


def _hashed(values: Row) -> Row:
    """Append the content hash: 128-bit BLAKE2b of the row's values (text or None).

    The values are serialised with marshal format 2, which writes each string as its UTF-8 bytes with a
    length and None as one tag byte: unambiguous, independent of string interning, and three times faster
    than ``repr`` on long goods texts. Should a later Python write these bytes differently, the only effect
    is that the first identical re-import after the upgrade counts as "replaced" rather than "unchanged".
    """
    return (*values, hashlib.blake2b(marshal.dumps(values, 2), digest_size=16).hexdigest())


def _list(values: tuple[str, ...]) -> str:
    return "[" + ",".join(map(_quote, values)) + "]" if values else _EMPTY


def _goods(goods: tuple[GoodsServices, ...]) -> str:
    if not goods:
        return _EMPTY
    if all(type(g.nice_class) is int and type(g.text) is str for g in goods):
        return "[" + ",".join(f'{{"class":{g.nice_class},"text":{_quote(g.text)}}}' for g in goods) + "]"
    return _dumps([{"class": g.nice_class, "text": g.text} for g in goods])


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def encode_right(r: Right) -> Row:
    """One ``rights`` row in :data:`RIGHT_COLUMNS` order."""
    owner, rep = r.owner, r.representative
    return _hashed(
        (
            r.id,
            r.kind.value,
            r.office,
            r.mark_text,
            r.mark_type.value if r.mark_type is not None else None,
            r.application_number,
            r.registration_number,
            owner.name if owner is not None else None,
            owner.country if owner is not None else None,
            owner.address if owner is not None else None,
            owner.legal_form if owner is not None else None,
            _dumps(
                {
                    "name": rep.name,
                    "country": rep.country,
                    "address": rep.address,
                    "legal_form": rep.legal_form,
                }
            )
            if rep is not None
            else None,
            _goods(r.goods_services),
            _list(r.vienna_codes),
            r.locarno_class,
            _list(r.ipc_codes),
            r.status.value,
            r.raw_status,
            _iso(r.filed),
            _iso(r.registered),
            _iso(r.expires),
            _iso(r.priority_date),
            r.priority_country,
            r.international_registration,
            _list(r.designated_offices),
            r.image,
            r.owner_family,
            r.title,
            r.description,
            r.source,
        )
    )


def _json(value: Any) -> Any:
    """SQLite hands back JSON text; psycopg has already parsed JSONB."""
    return json.loads(value) if isinstance(value, str) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_json(value)) if value not in (None, _EMPTY) else ()


def decode_right(row: Sequence[Any]) -> Right:
    """A :class:`Right` from a row selected in :data:`RIGHT_COLUMNS` order (the hash may be left off)."""
    (
        rid,
        kind,
        office,
        mark_text,
        mark_type,
        application_number,
        registration_number,
        owner_name,
        owner_country,
        owner_address,
        owner_legal_form,
        representative,
        goods_services,
        vienna_codes,
        locarno_class,
        ipc_codes,
        status,
        raw_status,
        filed,
        registered,
        expires,
        priority_date,
        priority_country,
        international_registration,
        designated_offices,
        image,
        owner_family,
        title,
        description,
        source,
    ) = row[:30]
    rep = _json(representative)
    return Right(
        id=rid,
        kind=RightKind(kind),
        office=office,
        mark_text=mark_text,
        mark_type=MarkType(mark_type) if mark_type is not None else None,
        application_number=application_number,
        registration_number=registration_number,
        owner=Party(owner_name, owner_country, owner_address, owner_legal_form)
        if owner_name is not None
        else None,
        representative=Party(rep["name"], rep.get("country"), rep.get("address"), rep.get("legal_form"))
        if rep is not None
        else None,
        goods_services=tuple(GoodsServices(g["class"], g["text"]) for g in _json(goods_services))
        if goods_services not in (None, _EMPTY)
        else (),
        vienna_codes=_strings(vienna_codes),
        locarno_class=locarno_class,
        ipc_codes=_strings(ipc_codes),
        status=Status(status),
        raw_status=raw_status,
        filed=_date(filed),
        registered=_date(registered),
        expires=_date(expires),
        priority_date=_date(priority_date),
        priority_country=priority_country,
        international_registration=international_registration,
        designated_offices=_strings(designated_offices),
        image=image,
        owner_family=owner_family,
        title=title,
        description=description,
        source=source,
    )


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
