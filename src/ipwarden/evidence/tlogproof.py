"""C2SP tlog-proof (c2sp.org/tlog-proof): an offline-verifiable proof that an entry is in a log.

``c2sp.org/tlog-proof@v1``, optional ``extra <base64>``, ``index <n>``, the inclusion proof hashes one per
line, a blank line, then the (cosigned) checkpoint verbatim. Files use the ``.tlog-proof`` extension.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from ipwarden.evidence.errors import FormatError
from ipwarden.evidence.note import b64decode_strict

__all__ = ["HEADER", "TlogProof"]

HEADER = "c2sp.org/tlog-proof@v1"


@dataclass(frozen=True, slots=True)
class TlogProof:
    index: int
    proof: tuple[bytes, ...]
    checkpoint: bytes  # the signed note, verbatim
    extra: bytes | None = None

    def to_bytes(self) -> bytes:
        lines = [HEADER]
        if self.extra is not None:
            lines.append("extra " + base64.b64encode(self.extra).decode())
        lines.append(f"index {self.index}")
        lines.extend(base64.b64encode(h).decode() for h in self.proof)
        return ("\n".join(lines) + "\n\n").encode() + self.checkpoint

    @classmethod
    def from_bytes(cls, data: bytes) -> TlogProof:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError("tlog-proof is not valid UTF-8") from exc
        head, sep, checkpoint = text.partition("\n\n")
        if not sep:
            raise FormatError("tlog-proof has no blank line before the checkpoint")
        lines = head.split("\n")
        if lines[0] != HEADER:
            raise FormatError(f"tlog-proof must start with {HEADER!r}, found {lines[0][:40]!r}")
        pos = 1
        extra = None
        if pos < len(lines) and lines[pos].startswith("extra "):
            extra = _b64(lines[pos][6:], "extra data")
            pos += 1
        if pos >= len(lines) or not lines[pos].startswith("index "):
            raise FormatError("tlog-proof is missing its 'index N' line")
        idx = lines[pos][6:]
        if not idx.isdigit() or not idx.isascii() or (idx != "0" and idx.startswith("0")):
            raise FormatError(f"tlog-proof index {idx!r} is not a decimal number without leading zeros")
        hashes = tuple(_b64(line, "inclusion proof hash") for line in lines[pos + 1 :])
        if len(hashes) > 63:
            raise FormatError("tlog-proof has more than 63 inclusion proof hashes")
        return cls(int(idx), hashes, checkpoint.encode(), extra)


def _b64(text: str, what: str) -> bytes:
    return b64decode_strict(text, f"tlog-proof {what}")
