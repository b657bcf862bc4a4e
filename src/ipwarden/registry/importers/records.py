"""What every importer yields: a parsed record (with where it came from) or a reject, plus the shared
record-level checks, so that a bad record is reported the same way whatever format it came in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ipwarden.registry.models import Authorisation, MarkType, OwnerFamily, Right, RightKind

__all__ = ["Parsed", "RecordError", "Reject", "check_right", "parse_date"]

Record = Right | OwnerFamily | Authorisation


@dataclass(frozen=True, slots=True)
class Parsed:
    """One record read from a file. ``position`` is the line (JSONL/CSV) or record number (XML).

    ``partial`` marks a status-only office record (no mark data): it updates the status and dates of a
    stored right with the same id and keeps the stored mark, owner and goods.
    """

    record: Record
    position: int
    partial: bool = False


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that was not imported, and why; written to the rejects file with the raw record."""

    file: str
    position: int
    field: str
    reason: str
    raw: Any = None
    unit: str = "line"  # "line" for JSONL/CSV, "record" for XML

    @property
    def message(self) -> str:
        return f"{self.file}: {self.unit} {self.position}: field '{self.field}': {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """The rejects-file line: an XML record's number is ``record_number`` (``record`` is the raw one)."""
        return {
            "file": self.file,
            "line" if self.unit == "line" else f"{self.unit}_number": self.position,
            "field": self.field,
            "reason": self.reason,
            "record": self.raw,
        }


class RecordError(ValueError):
    """Raised inside a parser for one bad record; turned into a :class:`Reject` by the caller."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def parse_date(value: object, field: str) -> dt.date | None:
    """``YYYY-MM-DD`` (schema A) or ``YYYYMMDD`` (USPTO); zeros and empty mean "no date"."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(field, f"expected a date as text YYYY-MM-DD, got {value!r}")
    text = value.strip()
    if not text or text.strip("0-") == "":
        return None
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            # ST.66 dates may carry a time-zone suffix: 1995-02-07-05:00
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        raise RecordError(field, f"impossible date {text!r} (no such day); fix the date") from None
    raise RecordError(field, f"expected a date YYYY-MM-DD, got {text!r}")


_TEXTLESS_TYPES = frozenset(
    {
        MarkType.FIGURATIVE,
        MarkType.SOUND,
        MarkType.COLOUR,
        MarkType.THREE_D,
        MarkType.MOTION,
        MarkType.HOLOGRAM,
        MarkType.POSITION,
        MarkType.OTHER,
    }
)


def check_right(right: Right, *, partial: bool = False) -> None:
    """The record-level rules every format shares; raises :class:`RecordError` naming the field."""
    if not right.id or not right.id.strip():
        raise RecordError("id", "missing id; every record needs a unique id such as US-1234567")
    for goods in right.goods_services:
        if not 1 <= goods.nice_class <= 45:
            raise RecordError("classes", f"unknown Nice class {goods.nice_class}; classes are 1..45")
    if right.filed and right.registered and right.registered < right.filed:
        raise RecordError(
            "registered", f"registered {right.registered} is before filed {right.filed}; check both dates"
        )
    if right.filed and right.expires and right.expires < right.filed:
        raise RecordError(
            "expires", f"expires {right.expires} is before filed {right.filed}; check both dates"
        )
    if right.kind is RightKind.TRADEMARK and not partial:
        has_text = bool(right.mark_text and right.mark_text.strip())
        if right.mark_type is MarkType.WORD and not has_text:
            raise RecordError("mark", "a word mark needs the mark text; give 'mark' or change 'mark_type'")
        has_image = bool(right.image or right.vienna_codes) or right.mark_type in _TEXTLESS_TYPES
        if not has_text and not has_image:
            raise RecordError(
                "mark",
                "a trademark needs mark text or an image (image, vienna_codes or a figurative mark_type)",
            )
