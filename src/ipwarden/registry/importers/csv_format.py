"""CSV in ipwarden's schema: the JSONL field names as columns; list fields separated by ";".

``owner``/``representative`` are a name, or columns ``owner.name``, ``owner.country``, ``owner.address``;
``goods_services`` as ``25: clothing; 18: bags`` is also understood.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ipwarden.registry.importers.records import Parsed, RecordError, Reject
from ipwarden.registry.importers.schema import record_from_dict

__all__ = ["LIST_FIELDS", "parse_csv"]

LIST_FIELDS = frozenset({"classes", "vienna_codes", "ipc", "designated_offices", "aliases", "territories"})


def _row_to_dict(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if key in LIST_FIELDS:
            data[key] = [v.strip() for v in value.split(";") if v.strip()]
        elif key == "goods_services":
            items = []
            for part in value.split(";"):
                number, sep, text = part.partition(":")
                if not sep:
                    raise RecordError("goods_services", "expected 'CLASS: text; CLASS: text'")
                items.append({"class": number.strip(), "text": text.strip()})
            data[key] = items
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
                yield Parsed(record_from_dict(data, source=source), number)
            except RecordError as err:
                yield Reject(name, number, err.field, err.reason, row)
