"""Readers for the registry's input formats. Each yields :class:`Parsed` records or :class:`Reject` s,
streaming, in constant memory: USPTO trademark-applications XML, WIPO ST.66 and ST.96 XML, and ipwarden's
own JSONL/CSV schema (docs/schema/ipwarden-record.schema.json)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ipwarden.registry.errors import UnknownFormatError
from ipwarden.registry.importers.csv_format import parse_csv
from ipwarden.registry.importers.detect import FORMATS, check_file, detect_format
from ipwarden.registry.importers.jsonl import parse_jsonl
from ipwarden.registry.importers.records import Parsed, Reject
from ipwarden.registry.importers.schema import record_from_dict, record_to_dict
from ipwarden.registry.importers.uspto_xml import parse_uspto_xml
from ipwarden.registry.importers.wipo_xml import parse_st66, parse_st96

__all__ = [
    "FORMATS",
    "Parsed",
    "Reject",
    "check_file",
    "detect_format",
    "parse_file",
    "record_from_dict",
    "record_to_dict",
    "resolve_format",
]

_PARSERS: dict[str, Callable[[Path], Iterator[Parsed | Reject]]] = {
    "uspto-xml": parse_uspto_xml,
    "st66": parse_st66,
    "st96": parse_st96,
    "jsonl": parse_jsonl,
    "csv": parse_csv,
}


def resolve_format(path: Path, fmt: str = "auto") -> str:
    if fmt == "auto":
        return detect_format(path)
    if fmt not in _PARSERS:
        raise UnknownFormatError(f"unknown format {fmt!r}", hint=f"use one of: auto, {', '.join(FORMATS)}")
    return fmt


def parse_file(path: Path, fmt: str) -> Iterator[Parsed | Reject]:
    """Records of ``path`` in format ``fmt`` (a resolved name, see :func:`resolve_format`)."""
    return _PARSERS[fmt](path)
