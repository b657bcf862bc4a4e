"""ipwarden's own record schema (JSONL/CSV), both ways: dict -> model with hand-written checks that agree
with docs/schema/ipwarden-record.schema.json (a test keeps them in agreement), and model -> dict for export.

Hand-written rather than jsonschema per record because it is an order of magnitude faster and names the
field and the fix in its messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ipwarden.registry.importers.records import Record, RecordError, check_right
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

__all__ = ["RIGHT_FIELDS", "is_status_only", "record_from_dict", "record_to_dict"]

RIGHT_FIELDS = (
    "record", "id", "right", "mark", "mark_type", "owner", "owner_family", "representative", "office",
    "application_number", "registration_number", "classes", "goods_services", "vienna_codes",
    "locarno_class", "ipc", "status", "raw_status", "filed", "registered", "expires", "priority_date",
    "priority_country", "international_registration", "designated_offices", "image", "title",
    "description", "source",
)  # fmt: skip
FAMILY_FIELDS = ("record", "id", "name", "aliases")
AUTHORISATION_FIELDS = (
    "record", "id", "seller_id", "kind", "right_id", "owner_family", "territories", "valid_from",
    "valid_until", "note",
)  # fmt: skip
_ALLOWED = {
    "right": frozenset(RIGHT_FIELDS),
    "owner_family": frozenset(FAMILY_FIELDS),
    "authorisation": frozenset(AUTHORISATION_FIELDS),
}
_PARTY_FIELDS = frozenset({"name", "country", "address", "legal_form"})
_KINDS = {k.value: k for k in RightKind}
_MARK_TYPES = {m.value: m for m in MarkType}
_STATUSES = {s.value: s for s in Status}
_AUTH_KINDS = {k.value: k for k in AuthorisationKind}


def _enum(value: object, table: dict[str, Any], field: str) -> Any:
    found = table.get(value) if isinstance(value, str) else None
    if found is None:
        raise RecordError(field, f"unknown value {value!r}; expected one of {', '.join(sorted(table))}")
    return found


def _text(data: dict[str, Any], field: str) -> str | None:
    value = data.get(field)
    if value.__class__ is str:  # the usual case first: this runs ~15 times per record
        return value or None
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # numbers given as JSON numbers, e.g. registration_number
    if not isinstance(value, str):
        raise RecordError(field, f"expected text, got {type(value).__name__}")
    return value


def _strings(data: dict[str, Any], field: str) -> tuple[str, ...]:
    value = data.get(field)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(field, "expected a list of text values")
    return tuple(v for v in value if v)


def _date(data: dict[str, Any], field: str) -> dt.date | None:
    value = data.get(field)
    if value is None or value == "":
        return None
    if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return _fromisoformat(value)
        except ValueError:
            pass  # the checks below name the problem
    if not isinstance(value, str) or len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise RecordError(field, f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return _fromisoformat(value)
    except ValueError:
        if value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit():
            raise RecordError(field, f"impossible date {value!r} (no such day); fix the date") from None
        raise RecordError(field, f"expected a date YYYY-MM-DD, got {value!r}") from None


_fromisoformat = dt.date.fromisoformat


def _party(data: dict[str, Any], field: str) -> Party | None:
    value = data.get(field)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Party(name=value)
    if not isinstance(value, dict):
        raise RecordError(field, "expected a name or an object {name, country, address}")
    unknown = set(value) - _PARTY_FIELDS
    if unknown:
        raise RecordError(f"{field}.{sorted(unknown)[0]}", f"unknown field; expected {sorted(_PARTY_FIELDS)}")
    name = value.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RecordError(f"{field}.name", "missing name")
    country, address, legal_form = value.get("country"), value.get("address"), value.get("legal_form")
    for key, item in (("country", country), ("address", address), ("legal_form", legal_form)):
        if item is not None and not isinstance(item, str):
            raise RecordError(f"{field}.{key}", "expected text")
    return Party(name=name, country=country or None, address=address or None, legal_form=legal_form or None)


def _class_number(value: object, field: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(field, f"expected a Nice class number 1..45, got {value!r}")
    if not 1 <= value <= 45:
        raise RecordError(field, f"unknown Nice class {value}; classes are 1..45")
    return value


def _goods(data: dict[str, Any]) -> tuple[GoodsServices, ...]:
    out: dict[int, GoodsServices] = {}
    items = data.get("goods_services")
    if items is not None:
        if not isinstance(items, list):
            raise RecordError("goods_services", "expected a list of {class, text}")
        for item in items:
            if not isinstance(item, dict) or "class" not in item:
                raise RecordError("goods_services", "each entry needs 'class' (1..45) and optional 'text'")
            number = item["class"]
            if number.__class__ is not int or not 1 <= number <= 45:
                number = _class_number(number, "goods_services.class")
            text = item.get("text") or ""
            if text.__class__ is not str and not isinstance(text, str):
                raise RecordError("goods_services.text", "expected text")
            previous = out.get(number)
            out[number] = GoodsServices(number, f"{previous.text}; {text}" if previous and text else text)
    classes = data.get("classes")
    if classes is not None:
        if not isinstance(classes, list):
            classes = [classes]
        for value in classes:
            number = value if value.__class__ is int and 1 <= value <= 45 else _class_number(value, "classes")
            if number not in out:
                out[number] = GoodsServices(number, "")
    if len(out) < 2:
        return tuple(out.values())
    return tuple(out[k] for k in sorted(out))


def _right(data: dict[str, Any], source: str | None) -> Right:
    right_id = _text(data, "id")
    if right_id is None:
        raise RecordError("id", "missing id; every record needs a unique id such as US-1234567")
    kind = _enum(data.get("right", "trademark"), _KINDS, "right")
    mark_type = _enum(data["mark_type"], _MARK_TYPES, "mark_type") if data.get("mark_type") else None
    status = _enum(data.get("status") or "unknown", _STATUSES, "status")
    office = _text(data, "office")
    if office is None:
        prefix = right_id.split("-", 1)[0]
        office = prefix.upper() if "-" in right_id and 2 <= len(prefix) <= 3 else ""
    if not office:
        raise RecordError("office", "missing office; give the office code (e.g. US, CN, EM, WO)")
    right = Right(
        id=right_id,
        kind=kind,
        office=office.upper(),
        mark_text=_text(data, "mark"),
        mark_type=mark_type,
        application_number=_text(data, "application_number"),
        registration_number=_text(data, "registration_number"),
        owner=_party(data, "owner"),
        representative=_party(data, "representative"),
        goods_services=_goods(data),
        vienna_codes=_strings(data, "vienna_codes"),
        locarno_class=_text(data, "locarno_class"),
        ipc_codes=_strings(data, "ipc"),
        status=status,
        raw_status=_text(data, "raw_status"),
        filed=_date(data, "filed"),
        registered=_date(data, "registered"),
        expires=_date(data, "expires"),
        priority_date=_date(data, "priority_date"),
        priority_country=_text(data, "priority_country"),
        international_registration=_text(data, "international_registration"),
        designated_offices=tuple(o.upper() for o in _strings(data, "designated_offices")),
        image=_text(data, "image"),
        owner_family=_text(data, "owner_family"),
        title=_text(data, "title"),
        description=_text(data, "description"),
        source=_text(data, "source") or source,
    )
    check_right(right, partial=is_status_only(right))
    return right


def _family(data: dict[str, Any]) -> OwnerFamily:
    family_id, name = _text(data, "id"), _text(data, "name")
    if family_id is None:
        raise RecordError("id", "missing id of the owner family (e.g. 'nike')")
    if name is None:
        raise RecordError("name", "missing name of the owner family (e.g. 'Nike, Inc.')")
    return OwnerFamily(id=family_id, name=name, aliases=_strings(data, "aliases"))


def _authorisation(data: dict[str, Any]) -> Authorisation:
    auth_id, seller = _text(data, "id"), _text(data, "seller_id")
    if auth_id is None:
        raise RecordError("id", "missing id of the authorisation")
    if seller is None:
        raise RecordError("seller_id", "missing seller_id")
    right_id, family = _text(data, "right_id"), _text(data, "owner_family")
    if right_id is None and family is None:
        raise RecordError("right_id", "an authorisation needs right_id or owner_family")
    valid_from, valid_until = _date(data, "valid_from"), _date(data, "valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        raise RecordError("valid_until", f"valid_until {valid_until} is before valid_from {valid_from}")
    return Authorisation(
        id=auth_id,
        seller_id=seller,
        kind=_enum(data.get("kind"), _AUTH_KINDS, "kind"),
        right_id=right_id,
        owner_family=family,
        territories=tuple(t.upper() for t in _strings(data, "territories")),
        valid_from=valid_from,
        valid_until=valid_until,
        note=_text(data, "note"),
    )


def is_status_only(right: Right) -> bool:
    """No mark, owner or goods at all: a status update for a stored right (see Parsed.partial)."""
    return not (
        right.mark_text or right.mark_type or right.image or right.vienna_codes or right.owner
        or right.goods_services or right.title
    )  # fmt: skip


def record_from_dict(data: object, *, source: str | None = None) -> Record:
    """One schema-A record to a model object; raises :class:`RecordError` naming the bad field."""
    if not isinstance(data, dict):
        raise RecordError("record", "expected a JSON object per line")
    kind = data.get("record") or "right"
    allowed = _ALLOWED.get(kind) if isinstance(kind, str) else None
    if allowed is None:
        raise RecordError(
            "record", f"unknown record kind {kind!r}; expected right, owner_family or authorisation"
        )
    for key in () if allowed.issuperset(data) else data:
        if key not in allowed and not key.startswith("_") and key != "note":
            raise RecordError(
                key, f"unknown field for a {kind} record; expected one of {', '.join(sorted(allowed))}"
            )
    if kind == "owner_family":
        return _family(data)
    if kind == "authorisation":
        return _authorisation(data)
    return _right(data, source)


def _party_dict(party: Party | None) -> str | dict[str, str] | None:
    if party is None:
        return None
    if party.country is None and party.address is None and party.legal_form is None:
        return party.name
    out = {
        "name": party.name,
        "country": party.country,
        "address": party.address,
        "legal_form": party.legal_form,
    }
    return {k: v for k, v in out.items() if v is not None}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def record_to_dict(record: Record) -> dict[str, Any]:
    """A model object as a schema-A record (empty fields left out); the inverse of record_from_dict."""
    if isinstance(record, OwnerFamily):
        out: dict[str, Any] = {"record": "owner_family", "id": record.id, "name": record.name,
                               "aliases": list(record.aliases)}  # fmt: skip
    elif isinstance(record, Authorisation):
        out = {
            "record": "authorisation", "id": record.id, "seller_id": record.seller_id,
            "kind": record.kind.value, "right_id": record.right_id, "owner_family": record.owner_family,
            "territories": list(record.territories), "valid_from": _iso(record.valid_from),
            "valid_until": _iso(record.valid_until), "note": record.note,
        }  # fmt: skip
    else:
        r = record
        out = {
            "id": r.id, "right": r.kind.value, "mark": r.mark_text,
            "mark_type": r.mark_type.value if r.mark_type else None, "owner": _party_dict(r.owner),
            "owner_family": r.owner_family, "representative": _party_dict(r.representative),
            "office": r.office, "application_number": r.application_number,
            "registration_number": r.registration_number, "classes": list(r.classes),
            "goods_services": [{"class": g.nice_class, "text": g.text} for g in r.goods_services if g.text],
            "vienna_codes": list(r.vienna_codes), "locarno_class": r.locarno_class, "ipc": list(r.ipc_codes),
            "status": r.status.value, "raw_status": r.raw_status, "filed": _iso(r.filed),
            "registered": _iso(r.registered), "expires": _iso(r.expires),
            "priority_date": _iso(r.priority_date), "priority_country": r.priority_country,
            "international_registration": r.international_registration,
            "designated_offices": list(r.designated_offices), "image": r.image, "title": r.title,
            "description": r.description, "source": r.source,
        }  # fmt: skip
    return {k: v for k, v in out.items() if v is not None and v not in ([], "")}
