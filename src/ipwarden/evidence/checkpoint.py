"""C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the signed statement of a log's size and root.

Body: origin line, decimal tree size, base64 root hash, then optional extension lines. Strict parser.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from ipwarden.evidence.errors import FormatError
from ipwarden.evidence.merkle import HASH_SIZE
from ipwarden.evidence.note import b64decode_strict

__all__ = ["Checkpoint"]


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = field(default=())

    def to_text(self) -> bytes:
        lines = [self.origin, str(self.size), base64.b64encode(self.root).decode(), *self.extensions]
        return ("\n".join(lines) + "\n").encode()

    @classmethod
    def from_text(cls, text: bytes) -> Checkpoint:
        """Parse a checkpoint body (the note text, without signatures)."""
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError("checkpoint is not valid UTF-8") from exc
        if not decoded.endswith("\n"):
            raise FormatError("checkpoint text must end with a newline")
        lines = decoded[:-1].split("\n")
        if len(lines) < 3:
            raise FormatError(f"checkpoint has {len(lines)} lines; expected origin, size and root hash")
        origin, size_s, root_s, *ext = lines
        if not origin:
            raise FormatError("checkpoint origin line is empty")
        if not size_s.isdigit() or (size_s != "0" and size_s.startswith("0")) or not size_s.isascii():
            raise FormatError(f"checkpoint size {size_s!r} is not a decimal number without leading zeros")
        root = b64decode_strict(root_s, "checkpoint root hash")
        if len(root) != HASH_SIZE:
            raise FormatError(f"checkpoint root hash has {len(root)} bytes; expected {HASH_SIZE}")
        if any(not e for e in ext):
            raise FormatError("checkpoint extension lines must not be empty")
        return cls(origin, int(size_s), root, tuple(ext))
