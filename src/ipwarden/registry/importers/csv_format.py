"""CSV in ipwarden's schema: the JSONL field names as columns; list fields separated by ";".

``owner``/``representative`` are a name, or columns ``owner.name``, ``owner.country``, ``owner.address``;
``goods_services`` is a JSON list (as exported) or ``25: clothing; 18: bags``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ipwarden.registry.importers._json import loads
from ipwarden.registry.importers.records import Parsed, RecordError, Reject
from ipwarden.registry.importers.schema import is_status_only, record_from_dict
from ipwarden.registry.models import Right

__all__ = ["LIST_FIELDS", "parse_csv"]

LIST_FIELDS = frozenset({"classes", "vienna_codes", "ipc", "designated_offices", "aliases", "territories"})


_NEXT_CLASS = re.compile(r";\s*(?=\d{1,2}\s*:)")


def _goods(value: str) -> list[Any]:
    """``[{"class": 25, "text": "..."}]`` (JSON, as exported) or ``25: clothing; 18: bags``."""
    if value.lstrip().startswith("["):
        try:
            items = loads(value)
        except ValueError:
            raise RecordError(
                "goods_services", 'not valid JSON; expected [{"class": 25, "text": ...}]'
            ) from None
        if not isinstance(items, list):
            raise RecordError("goods_services", "expected a JSON list")
        return items
    out = []
    for part in _NEXT_CLASS.split(value):
        number, sep, text = part.partition(":")
        if not sep:
            raise RecordError("goods_services", "expected 'CLASS: text; CLASS: text'")
        out.append({"class": number.strip(), "text": text.strip()})
    return out


def _row_to_dict(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if key in LIST_FIELDS:
            data[key] = [v.strip() for v in value.split(";") if v.strip()]
        elif key == "goods_services":
            data[key] = _goods(value)
        elif "." in key:
            head, _, sub = key.partition(".")
            party = data.setdefault(head, {})
            if isinstance(party, dict):
                party[sub] = value
        else:
            data[key] = value
    return data


def parse_csv(path: Path) -> Iterator[Parsed | Reject]:
    name, source = str(path), path.name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            number = reader.line_num
            if None in row:
                yield Reject(
                    name, number, "(row)", "more values than header columns; quote fields with commas", row
                )
                continue
            try:
                data = _row_to_dict(row)
                record = record_from_dict(data, source=source)
                yield Parsed(record, number, partial=isinstance(record, Right) and is_status_only(record))
            except RecordError as err:
                yield Reject(name, number, err.field, err.reason, row)
