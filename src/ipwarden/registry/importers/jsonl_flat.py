"""The bulk JSONL path: one decoded JSON record straight to a flat right (registry/flat.py), no model object.

:func:`flat_right` takes only records that are plainly valid (every field of the type the schema expects,
every check passed) and returns ``None`` for anything else; the caller then runs the general path
(``record_from_dict`` and the model), which builds the same tuple or names the problem. So the rejects,
their fields and reasons come from one place, and the fast path only has to agree with the general one on
the records it takes, which tests/registry/test_import_bulk.py checks field by field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ipwarden.registry.flat import FlatRight, json_list, quote
from ipwarden.registry.importers.schema import RIGHT_FIELDS
from ipwarden.registry.models import MarkType, RightKind, Status

__all__ = ["flat_right"]

_KEYS = frozenset(RIGHT_FIELDS) - {"record"}
_KINDS = frozenset(k.value for k in RightKind)
_MARK_TYPES = frozenset(m.value for m in MarkType)
_STATUSES = frozenset(s.value for s in Status)
_TEXTLESS = frozenset(
    m.value for m in MarkType if m not in (MarkType.WORD, MarkType.COMBINED)
)  # figurative, sound, colour, 3d, ...
_OWNER_KEYS = frozenset({"name", "country", "address", "legal_form"})
_OFFICE = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_TEXT_FIELDS = (
    "id", "office", "mark_type", "status", "mark", "application_number", "registration_number",
    "locarno_class", "raw_status", "priority_country", "international_registration", "image",
    "owner_family", "title", "description", "source",
)  # fmt: skip
_DATE_FIELDS = ("filed", "registered", "expires", "priority_date")
_TEXT_TYPES = frozenset({str, type(None)})
_fromisoformat = dt.date.fromisoformat
_str = str
_list = list
_dict = dict
_int = int


class _NotPlainError(Exception):
    """The record needs the general path (an unusual type or a problem to report)."""


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if value.__class__ is not _list:
        raise _NotPlainError
    for item in value:
        if item.__class__ is not _str:
            raise _NotPlainError
    return [v for v in value if v]


def _owner(value: Any) -> tuple[str | None, str | None, str | None, str | None]:
    if value is None or value == "":
        return None, None, None, None
    if value.__class__ is _str:
        return value, None, None, None
    if value.__class__ is not _dict or not _OWNER_KEYS.issuperset(value):
        raise _NotPlainError
    name, country = value.get("name"), value.get("country")
    address, legal_form = value.get("address"), value.get("legal_form")
    if name.__class__ is not _str or not name.strip():
        raise _NotPlainError
    for item in (country, address, legal_form):
        if item is not None and item.__class__ is not _str:
            raise _NotPlainError
    return name, country or None, address or None, legal_form or None


def _representative(value: Any) -> str | None:
    name, country, address, legal_form = _owner(value)
    if name is None:
        return None
    fields = (("name", name), ("country", country), ("address", address), ("legal_form", legal_form))
    return "{" + ",".join(f'"{k}":{quote(v) if v is not None else "null"}' for k, v in fields) + "}"


def _goods(data: dict[str, Any]) -> tuple[str, bool]:
    """The goods as stored JSON (merged by class, ascending) and whether there are any."""
    out: dict[int, str] = {}
    items = data.get("goods_services")
    if items is not None:
        if items.__class__ is not _list:
            raise _NotPlainError
        for item in items:
            if item.__class__ is not _dict:
                raise _NotPlainError
            number = item.get("class")
            if number.__class__ is not _int or not 1 <= number <= 45:
                raise _NotPlainError
            text = item.get("text") or ""
            if text.__class__ is not _str:
                raise _NotPlainError
            previous = out.get(number)
            out[number] = f"{previous}; {text}" if previous is not None and text else text
    classes = data.get("classes")
    if classes is not None:
        if classes.__class__ is not _list:
            raise _NotPlainError
        for number in classes:
            if number.__class__ is not _int or not 1 <= number <= 45:
                raise _NotPlainError
            if number not in out:
                out[number] = ""
    if not out:
        return "[]", False
    return "[" + ",".join(f'{{"class":{k},"text":{quote(out[k])}}}' for k in sorted(out)) + "]", True


def flat_right(
    data: Any, source: str, family_of: Callable[[str], str | None]
) -> tuple[tuple[Any, ...], bool] | None:
    """``(values, ruled)`` for a plainly valid, complete right record, else ``None`` (use the general path).

    ``values`` are the 30 values of a flat right without its hash; ``family_of`` is the owner-family rule
    (applied when the record names no family itself), and ``ruled`` says whether it set the family.
    Text is not searched for NUL characters: the caller sends lines holding ``\\u0000`` the general way.
    """
    try:
        return _flat(data, source, family_of)
    except _NotPlainError:
        return None


def _flat(data: Any, source: str, family_of: Callable[[str], str | None]) -> tuple[FlatRight, bool] | None:
    if data.__class__ is not _dict or not _KEYS.issuperset(data):
        return None
    get = data.get
    kind = get("right", "trademark")
    texts = tuple(map(get, _TEXT_FIELDS))
    if not _TEXT_TYPES.issuperset(map(type, texts)) or kind.__class__ is not _str:
        return None
    if "" in texts:
        texts = tuple([value or None for value in texts])
    (rid, office, mark_type, status, mark, application_number, registration_number, locarno_class,
     raw_status, priority_country, international_registration, image, owner_family, title, description,
     own_source) = texts  # fmt: skip
    if (
        rid is None
        or rid != rid.strip()
        or office is None
        or kind not in _KINDS
        or (mark_type is not None and mark_type not in _MARK_TYPES)
        or (status is not None and status not in _STATUSES)
        or (owner_family is not None and owner_family != owner_family.strip())
    ):
        return None
    office = office.upper()
    if not _OFFICE.fullmatch(office):
        return None
    filed, registered, expires, priority_date = dates = tuple(map(get, _DATE_FIELDS))
    for value in dates:
        if value is not None:
            if value.__class__ is not _str or len(value) != 10 or value[4] != "-" or value[7] != "-":
                return None if value != "" else _flat(_without_empty_dates(data), source, family_of)
            try:
                _fromisoformat(value)  # accepts only ASCII YYYY-MM-DD here, so the text is the ISO form
            except ValueError:
                return None
    if filed and ((registered and registered < filed) or (expires and expires < filed)):
        return None
    owner = get("owner")
    if owner is None:
        owner_name = owner_country = owner_address = owner_legal_form = None
    elif owner.__class__ is _dict and len(owner) == 2 and "country" in owner:
        owner_name, owner_country = owner.get("name"), owner["country"]
        if owner_name.__class__ is not _str or not owner_name.strip() or owner_country.__class__ is not _str:
            return None
        owner_country, owner_address, owner_legal_form = owner_country or None, None, None
    else:
        owner_name, owner_country, owner_address, owner_legal_form = _owner(owner)
    goods, has_goods = _goods(data)
    vienna = get("vienna_codes")
    vienna = None if vienna is None else _strings(vienna)
    if not (mark or mark_type or image or vienna or owner_name or has_goods or title):
        return None  # status-only: merged with the stored right by the general path
    if kind == "trademark":
        has_text = bool(mark and mark.strip())
        if not has_text and (mark_type == "word" or not (image or vienna or mark_type in _TEXTLESS)):
            return None
    ruled = False
    if owner_family is None and owner_name:
        owner_family = family_of(owner_name)
        ruled = owner_family is not None
    ipc, designated, representative = get("ipc"), get("designated_offices"), get("representative")
    values = (
        rid, kind, office, mark, mark_type, application_number, registration_number, owner_name,
        owner_country, owner_address, owner_legal_form,
        None if representative is None else _representative(representative), goods,
        json_list(vienna) if vienna else "[]", locarno_class,
        "[]" if ipc is None else json_list(_strings(ipc)), status or "unknown", raw_status, filed, registered,
        expires, priority_date, priority_country, international_registration,
        "[]" if designated is None else json_list([o.upper() for o in _strings(designated)]), image,
        owner_family, title, description, own_source or source,
    )  # fmt: skip
    return values, ruled


def _without_empty_dates(data: dict[str, Any]) -> dict[str, Any]:
    """Empty dates mean "no date" (rare: the generator and exports leave them out)."""
    return {k: v for k, v in data.items() if not (k in _DATE_FIELDS and v == "")}
