"""Watermark originals and find them again: keys, the evidence link, and the register of originals.

The 64-bit payload links a marked image to the evidence log entry that proves when the original existed:
``entry index (4 bytes, big-endian) || SHA-256(entry bytes)[:4]``. The index finds the entry directly; the
hash prefix shows it is the same entry (not entry N of some other log). Every embedding is also noted in
a register of originals with the original's perceptual hashes, so copies whose mark was destroyed can
still be recognised.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ipwarden.errors import InputError, NotFoundError
from ipwarden.evidence.perceptual import ImageHashes, compare, hashes, query_hashes
from ipwarden.evidence.watermark import (
    Reading,
    attempts,
    embed_array,
    load_image,
    luma,
    psnr,
    read_array,
    save_image,
    ssim,
)
from ipwarden.evidence.watermark_align import Alignment, read_aligned
from ipwarden.evidence.watermark_codec import TAG_BITS

__all__ = [
    "DetectReport",
    "EmbedReport",
    "EntryLookup",
    "JsonlOriginals",
    "LogEntries",
    "MemoryEntries",
    "MemoryOriginals",
    "OriginalRecord",
    "OriginalsRegistry",
    "WatermarkService",
    "entry_payload",
    "load_key",
    "parse_payload",
]

KEY_ENV = "IPWARDEN_WATERMARK_KEY"


# --- keys -----------------------------------------------------------------------------------------------


def load_key(path: Path, create: bool) -> bytes:
    """The secret key: ``IPWARDEN_WATERMARK_KEY`` if set, else the key file (made on first embed)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode()
    if path.exists():
        key = path.read_bytes().strip()
        if len(key) < 16:
            raise InputError(
                f"watermark key file {path} holds {len(key)} bytes; at least 16 are needed",
                hint="restore the key file from your backup; a new key cannot read old marks",
            )
        return key
    if not create:
        raise NotFoundError(
            f"no watermark key at {path}",
            hint=f"watermark an image first (this creates the key), or set {KEY_ENV} to the embedding key",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(secrets.token_hex(32).encode())
    return path.read_bytes().strip()


# --- the evidence link ----------------------------------------------------------------------------------


class EntryLookup(Protocol):
    """Read access to the evidence log: the bytes of entry ``index``, or None if there is none."""

    def entry(self, index: int) -> bytes | None: ...


class MemoryEntries:
    def __init__(self, entries: list[bytes] | None = None) -> None:
        self.entries = list(entries or [])

    def entry(self, index: int) -> bytes | None:
        return self.entries[index] if 0 <= index < len(self.entries) else None


def entry_payload(index: int, entry: bytes) -> bytes:
    if not 0 <= index < 2**32:
        raise InputError(f"evidence entry {index} cannot be carried in a watermark (limit 2^32 entries)")
    return index.to_bytes(4, "big") + hashlib.sha256(entry).digest()[:4]


def parse_payload(text: str) -> bytes:
    try:
        data = bytes.fromhex(text)
    except ValueError:
        data = b""
    if len(data) != 8:
        raise InputError(
            f"payload {text!r} is not 16 hexadecimal digits (64 bits)",
            hint="for example --payload 00000007a1b2c3d4, or use --entry N to link an evidence entry",
        )
    return data


def _link(payload: bytes, entries: EntryLookup | None) -> dict[str, Any]:
    index = int.from_bytes(payload[:4], "big")
    link: dict[str, Any] = {"entry": index, "entry_hash_prefix": payload[4:].hex()}
    if entries is None:
        link["status"] = "no evidence log available"
        return link
    data = entries.entry(index)
    if data is None:
        link["status"] = "no such entry in this evidence log"
    elif hashlib.sha256(data).digest()[:4] != payload[4:]:
        link["status"] = "entry exists but its hash differs (a different log, or not an entry link)"
    else:
        link["status"] = "verified"
        record = json.loads(data)
        for name in ("type", "case", "file", "recorded_at", "submitter"):
            if name in record:
                link[name] = record[name]
    return link


# --- the register of originals --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OriginalRecord:
    payload: str
    name: str
    sha256: str
    marked_sha256: str
    width: int
    height: int
    phash: str
    dhash: str
    entry: int | None = None

    def image_hashes(self) -> ImageHashes:
        return ImageHashes(int(self.phash, 16), int(self.dhash, 16))


class OriginalsRegistry(Protocol):
    def add(self, record: OriginalRecord) -> None: ...

    def records(self) -> list[OriginalRecord]: ...


class MemoryOriginals:
    def __init__(self) -> None:
        self._records: list[OriginalRecord] = []

    def add(self, record: OriginalRecord) -> None:
        self._records.append(record)

    def records(self) -> list[OriginalRecord]:
        return list(self._records)


class JsonlOriginals:
    """One JSON line per watermarked original, appended (``IPWARDEN_HOME/watermark/originals.jsonl``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def add(self, record: OriginalRecord) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(asdict(record), sort_keys=True) + "\n")

    def records(self) -> list[OriginalRecord]:
        if not self.path.exists():
            return []
        out = []
        for n, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(OriginalRecord(**json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise InputError(
                    f"{self.path}, line {n}: not a register record ({exc})",
                    hint="restore the file from backup or delete the broken line",
                ) from None
        return out


# --- the service ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EmbedReport:
    out: str
    payload: str
    entry: int | None
    psnr_db: float
    ssim: float
    verified: bool  # the saved file was read back and carries the payload
    sha256: str
    marked_sha256: str
    entry_matches_image: bool | None = None  # does the linked entry record this very file?

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DetectReport:
    found: bool
    payload: str | None
    confidence: float
    false_alarm_probability: float
    signal: float
    bit_errors: int
    mirrored: bool
    mode: str  # "blind" or "aligned to original"
    alignment: dict[str, float] | None = None
    link: dict[str, Any] | None = None
    copy_matches: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class WatermarkService:
    def __init__(self, key: bytes, originals: OriginalsRegistry, entries: EntryLookup | None = None) -> None:
        self.key = key
        self.originals = originals
        self.entries = entries

    def payload_for_entry(self, index: int) -> bytes:
        if self.entries is None:
            raise NotFoundError("no evidence log is available to link the watermark to")
        data = self.entries.entry(index)
        if data is None:
            raise NotFoundError(
                f"evidence entry {index} does not exist",
                hint="add the original with 'ipwarden evidence add' and use the entry number",
            )
        return entry_payload(index, data)

    def embed(
        self, image: Path, out: Path, payload: bytes | None = None, entry: int | None = None
    ) -> EmbedReport:
        """Watermark ``image`` into ``out`` with an explicit payload or the link to evidence ``entry``."""
        if (payload is None) == (entry is None):
            raise InputError("give exactly one of a payload or an evidence entry to embed")
        if out.resolve() == image.resolve():
            raise InputError(
                f"output {out} is the input image",
                hint="write the marked copy to a new file and keep the original unchanged",
            )
        data = self.payload_for_entry(entry) if entry is not None else payload
        assert data is not None
        rgb = load_image(image)
        marked = embed_array(rgb, data, self.key)
        save_image(marked, out)
        back = read_array(luma(load_image(out)), self.key, try_mirror=False)
        y = luma(rgb)
        record = OriginalRecord(
            payload=data.hex(),
            name=image.name,
            sha256=_sha256(image),
            marked_sha256=_sha256(out),
            width=rgb.shape[1],
            height=rgb.shape[0],
            entry=entry,
            **hashes(y).hex(),
        )
        self.originals.add(record)
        return EmbedReport(
            str(out),
            data.hex(),
            entry,
            round(psnr(rgb, marked.astype(np.float64)), 2),
            round(ssim(rgb, marked.astype(np.float64)), 5),
            back.found and back.decoded.payload == data,
            record.sha256,
            record.marked_sha256,
            self._entry_file(entry) == record.sha256 if entry is not None else None,
        )

    def _entry_file(self, index: int) -> str | None:
        data = self.entries.entry(index) if self.entries is not None else None
        try:
            ref = json.loads(data).get("file") if data is not None else None
        except ValueError:
            return None
        return ref.get("sha256") if isinstance(ref, dict) else None

    def detect(self, image: Path, original: Path | None = None) -> DetectReport:
        """Read the mark blind (as is and mirrored); with the original, re-align crops and resizes first."""
        y = luma(load_image(image))
        reading = read_array(y, self.key)
        tries = attempts()
        mode, where = "blind", None
        orig_y = luma(load_image(original)) if original is not None else None
        if not reading.found and orig_y is not None:
            aligned, more, where = read_aligned(y, orig_y, self.key)
            tries += more
            if aligned is not None:
                mode, reading = "aligned to original", aligned
        report = self._report(reading, tries, mode, where)
        if report.found and report.payload is not None:
            report.link = _link(bytes.fromhex(report.payload), self.entries)
        report.copy_matches = self._copy_matches(y, orig_y, original)
        return report

    @staticmethod
    def _report(reading: Reading, attempts: int, mode: str, where: Alignment | None) -> DetectReport:
        found = reading.found
        false_alarm = min(1.0, attempts * 2.0**-TAG_BITS)
        return DetectReport(
            found=found,
            payload=reading.decoded.payload.hex() if found else None,
            confidence=round(1.0 - false_alarm, 9) if found else 0.0,
            false_alarm_probability=false_alarm,
            signal=round(reading.decoded.agreement, 4),
            bit_errors=reading.decoded.bit_errors,
            mirrored=reading.mirrored if found else False,
            mode=mode,
            alignment=None
            if where is None
            else {
                "top": round(where.top, 2),
                "left": round(where.left, 2),
                "height": round(where.height, 2),
                "width": round(where.width, 2),
                "mirrored": where.mirrored,
                "score": round(where.score, 4),
            },
        )

    def _copy_matches(
        self, y: np.ndarray[Any, Any], orig_y: np.ndarray[Any, Any] | None, original: Path | None
    ) -> list[dict[str, Any]]:
        """Registered originals (and ``--original``) this image is a perceptual-hash copy of."""
        out: list[dict[str, Any]] = []
        candidates: list[tuple[dict[str, Any], ImageHashes]] = [
            ({"source": "register", "name": r.name, "payload": r.payload, "entry": r.entry}, r.image_hashes())
            for r in self.originals.records()
        ]
        if orig_y is not None and original is not None:
            candidates.append(({"source": "--original", "name": original.name}, hashes(orig_y)))
        query = query_hashes(y)
        for info, registered in candidates:
            m = compare(query, registered)
            if m.match or info["source"] == "--original":
                out.append(
                    {
                        **info,
                        "match": m.match,
                        "phash_distance": m.phash_distance,
                        "dhash_distance": m.dhash_distance,
                        "mirrored": m.mirrored,
                    }
                )
        return out


class LogEntries:
    """:class:`EntryLookup` over the log of an :class:`ipwarden.evidence.services.EvidenceService`."""

    def __init__(self, service: Any) -> None:
        self.service = service

    def entry(self, index: int) -> bytes | None:
        if not 0 <= index < self.service.state().size:
            return None
        data: bytes = self.service.log.entry(index)
        return data
