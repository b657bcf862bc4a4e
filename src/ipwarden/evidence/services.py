"""The evidence ledger as one service: add files and decisions, prove, cosign, export and audit.

Layout under ``IPWARDEN_HOME/evidence``: ``files/<aa>/<sha256>`` (content-addressed bytes), ``log/``
(the tiled log, see :mod:`ipwarden.evidence.log`), ``policy`` (c2sp.org/tlog-policy naming the
witnesses and the quorum), ``log/checkpoint.witnessed`` (the latest cosigned checkpoint). Keys live
elsewhere (:mod:`ipwarden.evidence.keys`).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ipwarden.evidence.blobstore import DirStorage
from ipwarden.evidence.errors import EvidenceNotFoundError, FormatError, SignatureError
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.log import LogState, TiledLog
from ipwarden.evidence.models import EntryType, FileRef, canonical, parse_entry
from ipwarden.evidence.note import Signer, Verifier, open_note, parse_signature_line, verify_note
from ipwarden.evidence.policy import Policy
from ipwarden.evidence.tlogproof import TlogProof

__all__ = ["CosignReport", "EvidenceService", "ItemReceipt"]

DEFAULT_ORIGIN = "ipwarden.local/evidence"
WITNESSED = "checkpoint.witnessed"
TIMESTAMP_NOTE = "timestamp/checkpoint"
TIMESTAMP_TSR = "timestamp/checkpoint.tsr"
TIMESTAMP_CHAIN = "timestamp/tsa-chain.pem"
CAPTURE_TOOL = "ipwarden"


@dataclass(frozen=True, slots=True)
class ItemReceipt:
    index: int
    sha256: str
    name: str
    size: int


@dataclass(slots=True)
class CosignReport:
    size: int
    results: dict[str, str] = field(default_factory=dict)
    quorum_met: bool = False
    note: bytes = b""


def _utc(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class EvidenceService:
    def __init__(
        self,
        root: Path,
        keys: KeyDir,
        origin: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        cosigner: Callable[[str, int, Sequence[bytes], bytes], tuple[int, bytes]] | None = None,
    ) -> None:
        self.root = root
        self.keys = keys
        self.clock = clock
        self.files_dir = root / "files"
        self.storage = DirStorage(root / "log")
        self.origin = origin or self._stored_origin() or DEFAULT_ORIGIN
        self._cosigner = cosigner
        self.log = TiledLog(self.storage, self.origin, self._signer, self.log_verifiers)

    # --- keys -----------------------------------------------------------------------------------------

    def _stored_origin(self) -> str | None:
        ring = self.keys.ring("log")
        return ring[-1].vkey.split("+", 1)[0] if ring else None

    def _signer(self) -> Signer:
        signer = self.keys.signer("log")
        if signer is None:
            signer = self.keys.create("log", self.origin, self.clock())
        return signer

    def ensure_key(self) -> Verifier:
        """The active log key, created on first use."""
        return self._signer().verifier

    def log_verifiers(self) -> list[Verifier]:
        return self.keys.verifiers("log")

    def rotate_key(self, operator: str | None = None) -> tuple[str, str]:
        """New log key; the rotation is logged (signed by the old key) before the new key takes over."""
        old = self._signer()
        new = self.keys.new_key("log", self.origin)
        record = {
            "type": EntryType.KEY_ROTATION.value,
            "old_vkey": old.verifier.vkey,
            "new_vkey": new.verifier.vkey,
            "operator": operator,
            "recorded_at": _utc(self.clock()),
        }
        with self.storage.lock():
            self.log.append([canonical(record)])  # signed by the old key
            self.keys.activate("log", new, self.clock())
            self.log.resign()  # the same tree, now signed by the new key
        return old.verifier.vkey, new.verifier.vkey

    # --- adding ---------------------------------------------------------------------------------------

    def store_file(self, path: Path) -> FileRef:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FormatError(f"cannot read evidence file {path}: {exc.strerror}") from exc
        return self.store_bytes(path.name, data)

    def store_bytes(self, name: str, data: bytes) -> FileRef:
        """Store ``data`` under its SHA-256 (written once, fsynced, renamed into place)."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.files_dir / digest[:2] / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{digest}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        return FileRef(name, digest, len(data))

    def add_files(
        self,
        paths: Sequence[Path | tuple[str, bytes]],
        case: str,
        *,
        note: str | None = None,
        source_url: str | None = None,
        operator: str | None = None,
        submitter: str | None = None,
        capture_method: str = "file",
        tool_version: str | None = None,
        captured_at: str | None = None,
    ) -> list[ItemReceipt]:
        """One log entry per file (a path or a (name, bytes) pair), appended as one durable batch."""
        if not case.strip():
            raise FormatError("the case reference is empty", hint="pass --case with the case number")
        refs = [self.store_file(p) if isinstance(p, Path) else self.store_bytes(*p) for p in paths]
        now = _utc(self.clock())
        entries = [
            canonical(
                {
                    "type": EntryType.ITEM.value,
                    "case": case,
                    "file": ref.to_dict(),
                    "submitter": submitter,
                    "operator": operator,
                    "source_url": source_url,
                    "capture": {"method": capture_method, "tool": CAPTURE_TOOL, "tool_version": tool_version}
                    if tool_version
                    else {"method": capture_method, "tool": CAPTURE_TOOL},
                    "captured_at": captured_at,
                    "recorded_at": now,
                    "note": note,
                }
            )
            for ref in refs
        ]
        first, _ = self.log.append(entries)
        return [ItemReceipt(first + i, r.sha256, r.name, r.size) for i, r in enumerate(refs)]

    def record_decision(
        self,
        case: str,
        decision: str,
        items: Iterable[int] = (),
        note: str | None = None,
        operator: str | None = None,
    ) -> int:
        record = {
            "type": EntryType.DECISION.value,
            "case": case,
            "decision": decision,
            "items": sorted(set(items)),
            "operator": operator,
            "recorded_at": _utc(self.clock()),
            "note": note,
        }
        first, _ = self.log.append([canonical(record)])
        return first

    # --- reading --------------------------------------------------------------------------------------

    def state(self) -> LogState:
        return self.log.state()

    def show(self, index: int) -> dict[str, Any]:
        size = self.state().size
        if not 0 <= index < size:
            raise EvidenceNotFoundError(f"there is no evidence entry {index}; the log holds {size} entries")
        return parse_entry(self.log.entry(index), f"entry {index}")

    def case_entries(self, case: str) -> list[int]:
        size = self.state().size
        out = []
        for i, raw in enumerate(self.log.entries(0, size, size)):
            rec = json.loads(raw)
            if rec.get("case") == case:
                out.append(i)
        if not out:
            raise EvidenceNotFoundError(f"no evidence entries for case {case!r}")
        return out

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / sha256[:2] / sha256

    # --- witnesses and checkpoints --------------------------------------------------------------------

    def policy(self) -> Policy:
        """The configured policy (``evidence/policy``) with every log key ever used added as a log line."""
        path = self.root / "policy"
        pol = Policy.parse(path.read_text(), str(path)) if path.exists() else Policy()
        known = {v.public for v, _ in pol.logs}
        for ver in self.log_verifiers():
            if ver.public not in known:
                pol.logs.append((ver, None))
        return pol

    def witnessed(self) -> bytes | None:
        return self.storage.read(WITNESSED)

    def cosign(self) -> CosignReport:
        """Ask every witness of the policy that has a URL to cosign the latest checkpoint."""
        import httpx

        from ipwarden.evidence.witness_http import request_cosignature

        send = self._cosigner or request_cosignature
        pol = self.policy()
        st = self.state()
        report = CosignReport(st.size, note=st.note)
        if st.size == 0:
            raise EvidenceNotFoundError("the log is empty; add evidence before asking witnesses to cosign")
        sizes_path = self.root / "witness-sizes.json"
        sizes: dict[str, int] = json.loads(sizes_path.read_text()) if sizes_path.exists() else {}
        lines: list[str] = []
        for w in pol.witnesses.values():
            if not w.url:
                continue
            old = sizes.get(w.name, 0)
            try:
                for _attempt in range(2):
                    proof = self.log.consistency_proof(old, st.size) if 0 < old < st.size else []
                    status, body = send(w.url, old, proof, st.note)
                    if status == 409 and body.strip().isdigit():
                        old = int(body.strip())
                        continue
                    break
            except (OSError, httpx.HTTPError) as exc:
                report.results[w.name] = f"unreachable: {type(exc).__name__}: {exc}"
                continue
            if status != 200:
                report.results[w.name] = f"refused ({status}): {body.decode(errors='replace').strip()}"
                continue
            try:
                for line in body.decode().splitlines():
                    sig = parse_signature_line(line)
                    if (sig.name, sig.key_id) == (w.verifier.name, w.verifier.key_id):
                        w.verifier.verify(open_note(st.note)[0], sig.sig)
                        lines.append(line + "\n")
                        report.results[w.name] = "cosigned"
                        sizes[w.name] = st.size
            except (FormatError, SignatureError) as exc:
                report.results[w.name] = f"bad cosignature: {exc.message}"
            report.results.setdefault(w.name, "no cosignature from the expected key")
        sizes_path.write_text(json.dumps(sizes, indent=2, sort_keys=True))
        cosigned = st.note + "".join(lines).encode()
        report.note = cosigned
        names = {n for n, r in report.results.items() if r == "cosigned"}
        report.quorum_met = pol.satisfied(names)
        if lines:
            verify_note(cosigned, self.log_verifiers())
            self.storage.write(WITNESSED, cosigned)
            self.storage.sync()
        return report

    def timestamp(self, url: str, chain_pem: bytes) -> object:
        """RFC 3161 timestamp over the latest witnessed (else signed) checkpoint, checked and stored."""
        from ipwarden.evidence.timestamp import request_timestamp, verify_timestamp

        note = self.witnessed() or self.state().note
        if not note:
            raise EvidenceNotFoundError("the log has no checkpoint to timestamp yet")
        tsr = request_timestamp(url, note)
        info = verify_timestamp(tsr, note, chain_pem)
        self.storage.write(TIMESTAMP_NOTE, note)
        self.storage.write(TIMESTAMP_TSR, tsr)
        self.storage.write(TIMESTAMP_CHAIN, chain_pem)
        self.storage.sync()
        return info

    def timestamp_for(self, note: bytes) -> tuple[bytes, bytes] | None:
        """The stored RFC 3161 token and TSA chain if they cover exactly this checkpoint."""
        if self.storage.read(TIMESTAMP_NOTE) != note:
            return None
        tsr, chain = self.storage.read(TIMESTAMP_TSR), self.storage.read(TIMESTAMP_CHAIN)
        return (tsr, chain) if tsr is not None and chain is not None else None

    def checkpoint_for(self, indexes: Sequence[int]) -> bytes:
        """The best checkpoint covering ``indexes``: the witnessed one if it does, else the latest."""
        wit = self.witnessed()
        if wit is not None:
            from ipwarden.evidence.checkpoint import Checkpoint

            cp = Checkpoint.from_text(open_note(wit)[0])
            if all(i < cp.size for i in indexes):
                return wit
        return self.state().note

    def proof(self, index: int, note: bytes | None = None) -> TlogProof:
        from ipwarden.evidence.checkpoint import Checkpoint

        note = note or self.checkpoint_for([index])
        cp = Checkpoint.from_text(open_note(note)[0])
        hashes, _ = self.log.inclusion_proof(index, cp.size)
        return TlogProof(index, tuple(hashes), note)
