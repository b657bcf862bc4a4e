"""A witness (c2sp.org/tlog-witness): cosigns a log's checkpoint only if it is consistent with the last one.

:class:`Witness` is the protocol logic without HTTP: ``add_checkpoint(body)`` returns the status code,
content type and body the HTTP layer sends. For each known log (by origin) it keeps the latest cosigned
size and root in a :class:`WitnessState`; the check and the update happen under one lock so two requests
cannot roll the state back. A forked or rewritten log gets 409/422 with an explanation and no cosignature.
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ipwarden.evidence import merkle
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.errors import FormatError, ProofError, SignatureError
from ipwarden.evidence.note import NoteSignature, Signer, Verifier, b64decode_strict, open_note, verify_note

__all__ = ["FileWitnessState", "MemoryWitnessState", "Witness", "WitnessReply", "WitnessState"]


class WitnessState(Protocol):
    def get(self, origin: str) -> tuple[int, bytes] | None: ...

    def put(self, origin: str, size: int, root: bytes) -> None: ...


class MemoryWitnessState:
    def __init__(self) -> None:
        self.data: dict[str, tuple[int, bytes]] = {}

    def get(self, origin: str) -> tuple[int, bytes] | None:
        return self.data.get(origin)

    def put(self, origin: str, size: int, root: bytes) -> None:
        self.data[origin] = (size, root)


class FileWitnessState:
    """One JSON file, replaced atomically and fsynced before the witness answers."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, dict[str, object]]:
        if not self.path.exists():
            return {}
        data: dict[str, dict[str, object]] = json.loads(self.path.read_text())
        return data

    def get(self, origin: str) -> tuple[int, bytes] | None:
        rec = self._load().get(origin)
        if rec is None:
            return None
        return int(str(rec["size"])), base64.b64decode(str(rec["root"]))

    def put(self, origin: str, size: int, root: bytes) -> None:
        data = self._load()
        data[origin] = {"size": size, "root": base64.b64encode(root).decode()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w") as fh:
            fh.write(json.dumps(data, indent=2, sort_keys=True))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


@dataclass(frozen=True, slots=True)
class WitnessReply:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


class Witness:
    def __init__(
        self,
        signer: Signer,
        logs: dict[str, list[Verifier]],
        state: WitnessState,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.signer = signer
        self.logs = logs
        self.state = state
        self.clock = clock
        self._lock = threading.Lock()

    def add_checkpoint(self, body: bytes) -> WitnessReply:
        try:
            old, proof, note = _parse_request(body)
            _text, _sigs = open_note(note)
            cp = Checkpoint.from_text(_text)
        except FormatError as exc:
            return WitnessReply(400, f"bad request: {exc.message}\n".encode())
        keys = self.logs.get(cp.origin)
        if keys is None:
            return WitnessReply(404, f"unknown log origin {cp.origin!r}\n".encode())
        try:
            verify_note(note, keys)
        except (SignatureError, FormatError):
            return WitnessReply(403, b"no valid signature from a known key of this log\n")
        if old > cp.size:
            return WitnessReply(
                400, f"old size {old} is larger than the checkpoint size {cp.size}\n".encode()
            )
        with self._lock:
            known = self.state.get(cp.origin)
            known_size = known[0] if known else 0
            if old != known_size:
                return WitnessReply(409, f"{known_size}\n".encode(), "text/x.tlog.size")
            if known is not None and old == cp.size:
                if known[1] != cp.root:
                    return WitnessReply(
                        409,
                        f"refused: a different root for size {cp.size} was cosigned before; "
                        f"the log has forked\n".encode(),
                    )
            elif known is not None:
                try:
                    merkle.verify_consistency(old, cp.size, proof, known[1], cp.root)
                except ProofError as exc:
                    return WitnessReply(
                        422,
                        f"refused: checkpoint of size {cp.size} is not consistent with the cosigned "
                        f"size {old} ({exc.message})\n".encode(),
                    )
            elif proof:
                return WitnessReply(422, b"refused: the proof must be empty when the old size is 0\n")
            self.state.put(cp.origin, cp.size, cp.root)
            ts = int(self.clock())
        ver = self.signer.verifier
        sig = NoteSignature(self.signer.name, ver.key_id, self.signer.sign(_text, ts))
        return WitnessReply(200, sig.line.encode())


def _parse_request(body: bytes) -> tuple[int, list[bytes], bytes]:
    head, sep, note = body.partition(b"\n\n")
    if not sep:
        raise FormatError("request has no blank line before the checkpoint")
    lines = head.decode("ascii", errors="replace").split("\n")
    first = lines[0]
    if not first.startswith("old ") or not first[4:].isdigit() or not first[4:].isascii():
        raise FormatError("the first line must be 'old <size>'")
    if first[4:] != "0" and first[4:].startswith("0"):
        raise FormatError("old size has leading zeros")
    if len(lines) - 1 > 63:
        raise FormatError("more than 63 consistency proof lines")
    proof = []
    for line in lines[1:]:
        h = b64decode_strict(line, "consistency proof line")
        if len(h) != merkle.HASH_SIZE:
            raise FormatError("consistency proof hash is not 32 bytes")
        proof.append(h)
    return int(first[4:]), proof, note
