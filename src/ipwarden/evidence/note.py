"""C2SP signed notes with Ed25519 (c2sp.org/signed-note) and cosignatures (c2sp.org/tlog-cosignature).

Key IDs are ``SHA-256(name || "\\n" || alg || public key)[:4]`` with ``alg`` 0x01 for note signatures and
0x04 for timestamped ``cosignature/v1``. Key strings follow Go's ``golang.org/x/mod/sumdb/note``:
verifier ``name+hex(keyid)+base64(alg||pub)`` and signer ``PRIVATE+KEY+name+hex(keyid)+base64(alg||seed)``.
Pure functions: nothing here touches files or the network.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ipwarden.evidence.errors import FormatError, SignatureError

__all__ = [
    "ALG_COSIGNATURE_V1",
    "ALG_ED25519",
    "NoteSignature",
    "Signer",
    "VerifiedNote",
    "Verifier",
    "b64decode_strict",
    "generate_signer",
    "key_id",
    "open_note",
    "parse_signature_line",
    "parse_skey",
    "parse_vkey",
    "sign_note",
    "verify_note",
]

ALG_ED25519 = 0x01
ALG_COSIGNATURE_V1 = 0x04
_DASH = "\u2014 "
_MAX_SIGNATURES = 100


def key_id(name: str, alg: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([alg]) + public).digest()[:4]


def _check_name(name: str) -> None:
    if not name or "+" in name or any(c.isspace() for c in name):
        raise FormatError(
            f"invalid key name {name!r}: a key name must be non-empty without spaces or '+'",
            hint="use a schema-less URL such as example.com/log",
        )


def b64decode_strict(text: str, what: str) -> bytes:
    """Standard base64 in its one canonical form (zero padding bits), so no altered text decodes alike."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise FormatError(f"{what} is not valid base64: {text[:60]!r}") from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise FormatError(f"{what} is not in canonical base64: {text[:60]!r}")
    return raw


_b64decode = b64decode_strict


@dataclass(frozen=True, slots=True)
class Verifier:
    """A public key that can check note signatures (alg 0x01) or cosignatures (alg 0x04)."""

    name: str
    alg: int
    public: bytes

    @property
    def key_id(self) -> bytes:
        return key_id(self.name, self.alg, self.public)

    @property
    def vkey(self) -> str:
        enc = base64.b64encode(bytes([self.alg]) + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{enc}"

    def verify(self, text: bytes, sig: bytes) -> int | None:
        """Check ``sig`` (without the key ID) over ``text``; returns the cosignature time, if any."""
        key = Ed25519PublicKey.from_public_bytes(self.public)
        if self.alg == ALG_COSIGNATURE_V1:
            if len(sig) != 72:
                raise SignatureError(f"cosignature from {self.name} has {len(sig)} bytes; expected 72")
            (ts,) = struct.unpack(">Q", sig[:8])
            msg = b"cosignature/v1\ntime %d\n" % ts + text
            try:
                key.verify(sig[8:], msg)
            except InvalidSignature as exc:
                raise SignatureError(f"cosignature from {self.name} does not verify") from exc
            return int(ts)
        if len(sig) != 64:
            raise SignatureError(f"signature from {self.name} has {len(sig)} bytes; expected 64")
        try:
            key.verify(sig, text)
        except InvalidSignature as exc:
            raise SignatureError(f"signature from {self.name} does not verify") from exc
        return None


@dataclass(frozen=True, slots=True)
class Signer:
    """An Ed25519 private key with its note name; ``alg`` 0x04 makes timestamped cosignatures."""

    name: str
    seed: bytes
    alg: int = ALG_ED25519

    @property
    def verifier(self) -> Verifier:
        pub = Ed25519PrivateKey.from_private_bytes(self.seed).public_key().public_bytes_raw()
        return Verifier(self.name, self.alg, pub)

    @property
    def skey(self) -> str:
        enc = base64.b64encode(bytes([self.alg]) + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.key_id.hex()}+{enc}"

    def sign(self, text: bytes, timestamp: int | None = None) -> bytes:
        """Signature bytes (without the key ID); cosigners include the big-endian timestamp first."""
        key = Ed25519PrivateKey.from_private_bytes(self.seed)
        if self.alg == ALG_COSIGNATURE_V1:
            if timestamp is None or not 0 <= timestamp < 2**63:
                raise FormatError("a cosignature needs a timestamp between 0 and 2^63-1")
            msg = b"cosignature/v1\ntime %d\n" % timestamp + text
            return struct.pack(">Q", timestamp) + key.sign(msg)
        return key.sign(text)


def generate_signer(name: str, alg: int = ALG_ED25519) -> Signer:
    _check_name(name)
    seed = Ed25519PrivateKey.generate().private_bytes_raw()
    return Signer(name, seed, alg)


def parse_vkey(vkey: str) -> Verifier:
    """Parse ``name+keyid+base64(alg||pub)``; the key ID must match the key."""
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3:
        raise FormatError(f"malformed verifier key {vkey!r}: expected name+keyid+key")
    name, hexid, enc = parts
    _check_name(name)
    raw = _b64decode(enc, f"verifier key {name}")
    if len(raw) != 33 or raw[0] not in (ALG_ED25519, ALG_COSIGNATURE_V1):
        raise FormatError(f"verifier key {name} is not an Ed25519 key (type 0x01 or 0x04)")
    ver = Verifier(name, raw[0], raw[1:])
    if len(hexid) != 8 or hexid.lower() != ver.key_id.hex():
        raise FormatError(f"verifier key {name}: key ID {hexid} does not match the key")
    return ver


def parse_skey(skey: str) -> Signer:
    parts = skey.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise FormatError("malformed signer key: expected PRIVATE+KEY+name+keyid+key")
    name, hexid, enc = parts[2:]
    _check_name(name)
    raw = _b64decode(enc, f"signer key {name}")
    if len(raw) != 33 or raw[0] not in (ALG_ED25519, ALG_COSIGNATURE_V1):
        raise FormatError(f"signer key {name} is not an Ed25519 key (type 0x01 or 0x04)")
    signer = Signer(name, raw[1:], raw[0])
    if hexid.lower() != signer.verifier.key_id.hex():
        raise FormatError(f"signer key {name}: key ID {hexid} does not match the key")
    return signer


@dataclass(frozen=True, slots=True)
class NoteSignature:
    name: str
    key_id: bytes
    sig: bytes

    @property
    def line(self) -> str:
        return f"{_DASH}{self.name} {base64.b64encode(self.key_id + self.sig).decode()}\n"


def parse_signature_line(line: str) -> NoteSignature:
    if not line.startswith(_DASH):
        raise FormatError(f"malformed signature line {line[:60]!r}: expected '— name base64'")
    fields = line[len(_DASH) :].split(" ")
    if len(fields) != 2:
        raise FormatError(f"malformed signature line {line[:60]!r}: expected '— name base64'")
    name, enc = fields
    _check_name(name)
    raw = _b64decode(enc, f"signature from {name}")
    if len(raw) < 5:
        raise FormatError(f"signature from {name} is too short")
    return NoteSignature(name, raw[:4], raw[4:])


def open_note(msg: bytes) -> tuple[bytes, list[NoteSignature]]:
    """Split a signed note into its text (ending in a newline) and its signature lines."""
    try:
        decoded = msg.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError("signed note is not valid UTF-8") from exc
    if "\r" in decoded or any(ord(c) < 0x20 and c != "\n" for c in decoded):
        raise FormatError("signed note contains control characters")
    split = decoded.rfind("\n\n")
    if split < 0 or not decoded.endswith("\n"):
        raise FormatError("malformed signed note: expected text, a blank line, then signature lines")
    text, sigs = decoded[: split + 1], decoded[split + 2 :]
    lines = sigs[:-1].split("\n")
    if len(lines) > _MAX_SIGNATURES:
        raise FormatError(f"signed note has more than {_MAX_SIGNATURES} signatures")
    return text.encode(), [parse_signature_line(line) for line in lines]


def sign_note(text: bytes, signers: list[Signer], timestamp: int | None = None) -> bytes:
    """A signed note: ``text`` (newline-terminated), a blank line and one line per signer."""
    if not text.endswith(b"\n") or b"\n\n" in text:
        raise FormatError("note text must end with a newline and contain no blank lines")
    lines = []
    for s in signers:
        ver = s.verifier
        lines.append(NoteSignature(s.name, ver.key_id, s.sign(text, timestamp)).line)
    return text + b"\n" + "".join(lines).encode()


@dataclass(frozen=True, slots=True)
class VerifiedNote:
    text: bytes
    verified: dict[str, int | None]  # vkey -> cosignature timestamp (None for plain signatures)
    unknown: list[NoteSignature]


def verify_note(msg: bytes, verifiers: list[Verifier]) -> VerifiedNote:
    """Check every signature from a known key (a bad one is an error); unknown signatures are kept aside.

    Raises :class:`SignatureError` if no known key signed the note.
    """
    text, sigs = open_note(msg)
    by_id = {(v.name, v.key_id): v for v in verifiers}
    verified: dict[str, int | None] = {}
    unknown: list[NoteSignature] = []
    for s in sigs:
        ver = by_id.get((s.name, s.key_id))
        if ver is None:
            unknown.append(s)
            continue
        verified[ver.vkey] = ver.verify(text, s.sig)
    if not verified:
        names = ", ".join(sorted({v.name for v in verifiers})) or "none"
        raise SignatureError(f"the note carries no valid signature from a trusted key (trusted: {names})")
    return VerifiedNote(text, verified, unknown)
