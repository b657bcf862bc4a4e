"""JSON Lines in ipwarden's schema (contract A): one record per line, streamed line by line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ipwarden.registry.importers._json import loads
from ipwarden.registry.importers.records import Parsed, RecordError, Reject
from ipwarden.registry.importers.schema import is_status_only, record_from_dict
from ipwarden.registry.models import Right

__all__ = ["parse_jsonl"]


def parse_jsonl(path: Path) -> Iterator[Parsed | Reject]:
    name = str(path)
    source = path.name
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = loads(line)
            except ValueError as err:
                text = line.decode("utf-8", "replace").rstrip("\n")
                yield Reject(name, number, "(line)", f"not valid JSON ({err}); fix or remove the line", text)
                continue
            try:
                record = record_from_dict(data, source=source)
                yield Parsed(record, number, partial=isinstance(record, Right) and is_status_only(record))
            except RecordError as err:
                yield Reject(name, number, err.field, err.reason, data)
