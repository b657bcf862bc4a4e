"""What the log records: evidence items, case decisions and key rotations, as canonical JSON (RFC 8785).

Files are referenced by SHA-256 and size, never copied into the log. The entry bytes are exactly
``rfc8785.dumps(record)``, so anyone can re-encode a parsed entry and check it is the logged one.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

import rfc8785

from ipwarden.evidence.errors import FormatError

__all__ = ["EntryType", "FileRef", "canonical", "file_ref", "parse_entry"]


class EntryType(enum.StrEnum):
    ITEM = "ipwarden.evidence.item/v1"
    DECISION = "ipwarden.case.decision/v1"
    KEY_ROTATION = "ipwarden.log.key_rotation/v1"


@dataclass(frozen=True, slots=True)
class FileRef:
    name: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size}


_SAFE_INT = 2**53


def _plain(value: Any) -> bool:
    """True when RFC 8785 output equals sorted, compact ``json.dumps``: ASCII keys, no floats, small ints."""
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -_SAFE_INT < value < _SAFE_INT
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and k.isascii() and _plain(v) for k, v in value.items())
    return False


def canonical(record: dict[str, Any]) -> bytes:
    """RFC 8785 canonical JSON; ``None`` values are dropped so optional fields have one encoding.

    For records of strings, small integers and ASCII keys (all of ours) JCS ordering and escaping are
    those of ``json.dumps(sort_keys=True)``, which is several times faster; anything else goes through
    the ``rfc8785`` package. A property test checks both agree.
    """
    clean = {k: v for k, v in record.items() if v is not None}
    if _plain(clean):
        return json.dumps(clean, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return bytes(rfc8785.dumps(clean))


def parse_entry(data: bytes, where: str = "entry") -> dict[str, Any]:
    """Parse a logged entry and insist it is canonical, so two encodings of one record cannot both exist."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormatError(f"{where} is not valid JSON") from exc
    if not isinstance(record, dict) or record.get("type") not in {t.value for t in EntryType}:
        raise FormatError(f"{where} is not an ipwarden log entry (unknown 'type')")
    if canonical(record) != data:
        raise FormatError(f"{where} is not in canonical JSON form (RFC 8785)")
    return record


def file_ref(record: dict[str, Any], where: str = "entry") -> FileRef | None:
    """The file an item entry references, checked for shape; None for entries without a file."""
    ref = record.get("file")
    if ref is None:
        return None
    if (
        not isinstance(ref, dict)
        or not isinstance(ref.get("name"), str)
        or not isinstance(ref.get("sha256"), str)
        or len(ref["sha256"]) != 64
        or any(c not in "0123456789abcdef" for c in ref["sha256"])
        or not isinstance(ref.get("size"), int)
    ):
        raise FormatError(f"{where}: 'file' must have a name, a 64-hex-digit sha256 and a size")
    return FileRef(ref["name"], ref["sha256"], ref["size"])
