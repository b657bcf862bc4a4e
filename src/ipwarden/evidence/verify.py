"""Offline verification of an evidence bundle (``bundle.zip``), with nothing but the bundle.

This module depends only on the pure cores (Merkle, notes, checkpoints, policy, tlog-proof): no
storage, database or web code, so a court expert can read and run it on its own. Steps, in order:

1. read ``policy`` (c2sp.org/tlog-policy): the log keys, witness keys and the quorum;
2. verify ``checkpoint``: a log signature and enough witness cosignatures for the quorum;
3. for each item, its ``.tlog-proof``: same checkpoint, and the entry's leaf hash is included at the index;
4. each entry is canonical JSON, and every file it references is in the bundle with that SHA-256.

Optionally the caller pins the log key (``trusted_log_vkeys``) learned from a source other than the bundle.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipwarden.errors import IntegrityError
from ipwarden.evidence import merkle
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.errors import FormatError, TamperError
from ipwarden.evidence.models import file_ref, parse_entry
from ipwarden.evidence.note import parse_vkey
from ipwarden.evidence.policy import Policy
from ipwarden.evidence.tlogproof import TlogProof

__all__ = ["BUNDLE_FORMAT", "BundleReport", "manifest_bytes", "verify_bundle"]

BUNDLE_FORMAT = "ipwarden-evidence-bundle/v1"


@dataclass(slots=True)
class BundleReport:
    origin: str = ""
    size: int = 0
    witnesses: dict[str, int] = field(default_factory=dict)  # name -> cosignature time
    items: list[dict[str, Any]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    timestamp: str | None = None  # RFC 3161 time, when the bundle carries a token


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError as exc:
        raise TamperError(f"the bundle lacks {name}") from exc
    except zipfile.BadZipFile as exc:
        raise TamperError(f"{name} in the bundle is damaged ({exc})") from exc


def verify_bundle(path: Path, trusted_log_vkeys: Sequence[str] = ()) -> BundleReport:
    """Verify everything in the bundle; raises an :class:`IntegrityError` naming the first failure."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise TamperError(f"{path} is not a readable zip bundle ({exc})") from exc
    with zf:
        bad = zf.testzip()
        if bad is not None:
            raise TamperError(f"{bad} in the bundle is damaged (CRC mismatch)")
        try:
            manifest = json.loads(_read(zf, "manifest.json"))
        except ValueError as exc:
            raise TamperError("manifest.json is not valid JSON") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
            raise FormatError(f"{path} is not an ipwarden evidence bundle ({BUNDLE_FORMAT})")
        report = BundleReport()
        policy = Policy.parse(_read(zf, "policy").decode("utf-8", errors="replace"), "policy")
        if trusted_log_vkeys:
            pinned = {parse_vkey(v).public for v in trusted_log_vkeys}
            if not any(v.public in pinned for v, _ in policy.logs):
                raise IntegrityError("none of the log keys in the bundle is a key you trust")
            policy.logs = [(v, u) for v, u in policy.logs if v.public in pinned]
        checkpoint = _read(zf, "checkpoint")
        text, _, times = policy.verify_checkpoint(checkpoint)
        cp = Checkpoint.from_text(text)
        report.origin, report.size, report.witnesses = cp.origin, cp.size, times
        report.checks.append(
            f"checkpoint of {cp.origin} (size {cp.size}) is signed by the log and meets the witness "
            f"quorum {policy.quorum!r} ({len(times)} valid cosignatures)"
        )
        if "timestamp.tsr" in zf.namelist():
            from ipwarden.evidence.timestamp import verify_timestamp

            info = verify_timestamp(_read(zf, "timestamp.tsr"), checkpoint, _read(zf, "tsa-chain.pem"))
            report.timestamp = info.time.isoformat()
            report.checks.append(f"RFC 3161 timestamp over the checkpoint: {report.timestamp}")
        if cp.origin not in {v.name for v, _ in policy.logs}:
            raise IntegrityError(f"checkpoint origin {cp.origin!r} is not a log named in the policy")
        items = manifest.get("items") if isinstance(manifest, dict) else None
        if not isinstance(items, list):
            raise TamperError("manifest.json has no list of items")
        for item in items:
            report.items.append(_verify_item(zf, item, checkpoint, cp))
        if not report.items:
            raise FormatError("the bundle lists no items")
        expected = manifest_bytes(cp.origin, cp.size, report.items)
        if _read(zf, "manifest.json") != expected:
            raise TamperError("manifest.json does not match the verified entries and checkpoint")
        known = {v.vkey for v, _ in policy.logs} | {w.verifier.vkey for w in policy.witnesses.values()}
        for name in zf.namelist():
            if name.startswith("keys/") and _read(zf, name).decode(errors="replace").strip() not in known:
                raise TamperError(f"{name} is not one of the keys in the policy")
        report.checks.append(f"{len(report.items)} entries are included in the log at their indexes")
        return report


def _verify_item(
    zf: zipfile.ZipFile, item: dict[str, Any], checkpoint: bytes, cp: Checkpoint
) -> dict[str, Any]:
    try:
        index = int(item["index"])
        entry_name, proof_name = str(item["entry"]), str(item["proof"])
    except (KeyError, TypeError, ValueError) as exc:
        raise TamperError(f"manifest.json: malformed item {str(item)[:80]}") from exc
    item = {"entry": entry_name, "proof": proof_name}
    entry = _read(zf, entry_name)
    proof = TlogProof.from_bytes(_read(zf, item["proof"]))
    where = f"item {index} ({item['entry']})"
    if proof.index != index:
        raise TamperError(f"{where}: the proof is for index {proof.index}, not {index}")
    if proof.checkpoint != checkpoint:
        raise TamperError(f"{where}: the proof carries a different checkpoint than the bundle")
    try:
        merkle.verify_inclusion(index, cp.size, merkle.leaf_hash(entry), proof.proof, cp.root)
    except IntegrityError as exc:
        raise TamperError(f"{where}: the entry is not the one in the log ({exc.message})") from exc
    record = parse_entry(entry, where)
    ref = file_ref(record, where)
    if ref is not None:
        name = f"files/{ref.sha256}"
        data = _read(zf, name)
        if hashlib.sha256(data).hexdigest() != ref.sha256 or len(data) != ref.size:
            raise TamperError(f"{where}: file {ref.name} ({name}) does not match the logged SHA-256")
    return {
        "index": index,
        "entry": item["entry"],
        "proof": item["proof"],
        "type": record["type"],
        "case": record.get("case"),
        "file": record.get("file"),
    }


def manifest_bytes(origin: str, size: int, items: Sequence[dict[str, Any]]) -> bytes:
    """The one encoding of a bundle manifest, so a verifier can insist on it byte for byte."""
    listed = [{k: i[k] for k in ("index", "entry", "proof", "type")} for i in items]
    manifest = {"format": BUNDLE_FORMAT, "origin": origin, "size": size, "items": listed}
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
