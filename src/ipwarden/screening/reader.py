"""Read listings from JSONL, CSV or Parquet, one (line, object-or-error) at a time, never stopping early.

A line that is not UTF-8 or not JSON becomes a :class:`ListingError` for that line; the rest of the file
is still read. CSV list columns (images, reviews) are separated by ";".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ipwarden.screening.errors import ListingError, ScreeningConfigError

__all__ = ["FORMATS", "decode_line", "iter_listings", "listing_format"]

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet"}

Item = tuple[int, dict[str, Any] | ListingError]


def listing_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ScreeningConfigError(
            f"{path}: unsupported listing file type {path.suffix or '(none)'!r}",
            hint="use .jsonl, .csv or .parquet",
        )
    return fmt


def decode_line(data: bytes, where: str) -> dict[str, Any] | ListingError | None:
    """One JSONL line: the object, an error naming the line, or None for a blank line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = "\ufffd"
    if "\ufffd" in text:  # Spark hands over undecodable bytes already replaced by U+FFFD: same verdict
        return ListingError(
            f"{where}: not valid UTF-8 (undecodable bytes or U+FFFD replacement characters)",
            hint="re-encode the file as UTF-8",
        )
    if not text.strip():
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        return ListingError(f"{where}: not valid JSON ({err.msg} at column {err.colno})")
    if not isinstance(obj, dict):
        return ListingError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return obj


def csv_row(row: dict[str | Any, Any], where: str) -> dict[str, Any] | ListingError:
    values = {str(k): v for k, v in row.items() if k is not None}
    for key, value in values.items():
        if isinstance(value, str) and any(0xDC80 <= ord(c) <= 0xDCFF for c in value):
            return ListingError(f"{where}: column {key!r} is not valid UTF-8", hint="re-encode as UTF-8")
    return {k: (v if v != "" else None) for k, v in values.items()}


def iter_listings(path: Path) -> Iterator[Item]:
    fmt = listing_format(path)
    try:
        if fmt == "jsonl":
            with path.open("rb") as handle:
                for number, line in enumerate(handle, 1):
                    item = decode_line(line.rstrip(b"\r\n"), f"{path.name}:{number}")
                    if item is not None:
                        yield number, item
        elif fmt == "csv":
            with path.open("rb") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
                for number, row in enumerate(csv.DictReader(text), 2):
                    yield number, csv_row(row, f"{path.name}:{number}")
        else:
            import pyarrow.parquet as pq

            number = 0
            for batch in pq.ParquetFile(path).iter_batches(batch_size=4096):
                for row in batch.to_pylist():
                    number += 1
                    yield number, dict(row)
    except OSError as err:
        raise ScreeningConfigError(f"{path}: cannot read the listing file: {err}") from err
    except Exception as err:  # pyarrow raises its own types for a corrupt file
        if type(err).__module__.startswith("pyarrow"):
            raise ScreeningConfigError(f"{path}: not a readable Parquet file: {err}") from err
        raise
