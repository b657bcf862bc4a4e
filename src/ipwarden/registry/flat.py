"""A right as one flat tuple of text values: the form bulk imports build and SQL stores write.

A flat right holds the values of :data:`FLAT_COLUMNS` in order (text or ``None``; lists, goods and the
representative as compact JSON; dates as ``YYYY-MM-DD``; enums as their values) and ends with a content
hash of everything before it, so that an identical re-import is recognised without reading the stored row
back. Bulk imports build these tuples straight from the input (no :class:`Right` per record), and the SQL
store writes them as they are; :func:`flatten` and :func:`unflatten` convert from and to the model, and a
test keeps the two ways of building a tuple identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import re
from typing import Any

from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind, Status

__all__ = [
    "FLAT_COLUMNS",
    "FlatRight",
    "flatten",
    "hashed",
    "json_list",
    "quote",
    "right_problem",
    "unflatten",
]

FlatRight = tuple[Any, ...]

FLAT_COLUMNS: tuple[str, ...] = (
    "id", "kind", "office", "mark_text", "mark_type", "application_number", "registration_number",
    "owner_name", "owner_country", "owner_address", "owner_legal_form", "representative", "goods_services",
    "vienna_codes", "locarno_class", "ipc_codes", "status", "raw_status", "filed", "registered", "expires",
    "priority_date", "priority_country", "international_registration", "designated_offices", "image",
    "owner_family", "title", "description", "source", "content_hash",
)  # fmt: skip
ID, OFFICE, APPLICATION_NUMBER, OWNER_NAME, OWNER_FAMILY = 0, 2, 5, 7, 26

_EMPTY = "[]"
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# The C string quoter behind json.dumps(ensure_ascii=False): building small JSON arrays by hand with it is
# several times faster than the generic encoder, and the output is identical.
quote: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
_OFFICE = re.compile(r"[A-Z][A-Z0-9]{1,3}")


def hashed(values: FlatRight) -> FlatRight:
    """Append the content hash: 128-bit BLAKE2b of the values (text or None).

    The values are serialised with marshal format 2, which writes each string as its UTF-8 bytes with a
    length and None as one tag byte: unambiguous, independent of string interning, and three times faster
    than ``repr`` on long goods texts. Should a later Python write these bytes differently, the only effect
    is that the first identical re-import after the upgrade counts as "replaced" rather than "unchanged".
    """
    return (*values, hashlib.blake2b(marshal.dumps(values, 2), digest_size=16).hexdigest())


def json_list(values: tuple[str, ...] | list[str]) -> str:
    """A list of strings as compact JSON, exactly as ``json.dumps(..., ensure_ascii=False)`` writes it."""
    return "[" + ",".join(map(quote, values)) + "]" if values else _EMPTY


def _goods(goods: tuple[GoodsServices, ...]) -> str:
    if not goods:
        return _EMPTY
    if all(type(g.nice_class) is int and type(g.text) is str for g in goods):
        return "[" + ",".join(f'{{"class":{g.nice_class},"text":{quote(g.text)}}}' for g in goods) + "]"
    return _dumps([{"class": g.nice_class, "text": g.text} for g in goods])


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _representative(rep: Party | None) -> str | None:
    if rep is None:
        return None
    return _dumps(
        {"name": rep.name, "country": rep.country, "address": rep.address, "legal_form": rep.legal_form}
    )


def flatten(r: Right, owner_family: str | None = None) -> FlatRight:
    """One flat right in :data:`FLAT_COLUMNS` order, hash included; ``owner_family`` (when given) in place
    of the right's own, as the owner-family rule sets it (cheaper than copying the right first)."""
    owner, rep = r.owner, r.representative
    return hashed(
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
            _representative(rep),
            _goods(r.goods_services),
            json_list(r.vienna_codes),
            r.locarno_class,
            json_list(r.ipc_codes),
            r.status.value,
            r.raw_status,
            _iso(r.filed),
            _iso(r.registered),
            _iso(r.expires),
            _iso(r.priority_date),
            r.priority_country,
            r.international_registration,
            json_list(r.designated_offices),
            r.image,
            r.owner_family if owner_family is None else owner_family,
            r.title,
            r.description,
            r.source,
        )
    )


def _json(value: Any) -> Any:
    """Flat tuples and SQLite hold JSON text; psycopg has already parsed JSONB."""
    return json.loads(value) if isinstance(value, str) else value


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_json(value)) if value not in (None, _EMPTY) else ()


def unflatten(row: FlatRight | Any) -> Right:
    """A :class:`Right` from a flat right or a stored row in :data:`FLAT_COLUMNS` order (hash optional)."""
    (
        rid, kind, office, mark_text, mark_type, application_number, registration_number, owner_name,
        owner_country, owner_address, owner_legal_form, representative, goods_services, vienna_codes,
        locarno_class, ipc_codes, status, raw_status, filed, registered, expires, priority_date,
        priority_country, international_registration, designated_offices, image, owner_family, title,
        description, source,
    ) = row[:30]  # fmt: skip
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


def _has_nul(r: Right) -> bool:
    texts = [r.id, r.office, r.mark_text, r.application_number, r.registration_number, r.locarno_class,
             r.raw_status, r.priority_country, r.international_registration, r.image, r.title,
             r.description, r.source, r.owner_family, *r.vienna_codes, *r.ipc_codes,
             *r.designated_offices, *(g.text for g in r.goods_services)]  # fmt: skip
    for party in (r.owner, r.representative):
        if party is not None:
            texts += (party.name, party.country, party.address, party.legal_form)
    return "\x00" in "".join(t for t in texts if isinstance(t, str))


def right_problem(r: Right) -> tuple[str, str] | None:
    """``(field, reason)`` when no store would keep this parsed right (the store's invariants), else None.

    The importers check these per record, so such a record is rejected like any other bad record instead of
    failing the whole batch in the store.
    """
    if r.id != r.id.strip():
        return "id", f"id {r.id!r} has spaces around it; remove them"
    if not _OFFICE.fullmatch(r.office):
        return "office", f"office {r.office!r} is not an office code like 'US', 'EM' or 'WO'"
    if r.owner_family is not None and r.owner_family != r.owner_family.strip():
        return "owner_family", f"owner_family {r.owner_family!r} has spaces around it; remove them"
    if _has_nul(r):
        return "(record)", "text holds a NUL character (U+0000), which databases cannot store; remove it"
    return None
