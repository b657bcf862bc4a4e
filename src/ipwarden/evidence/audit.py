"""Audit: recompute everything stored and say precisely what no longer matches.

Checks, from the bottom up: every entry bundle decodes and every entry is canonical JSON; the leaf hashes
recomputed from the entries equal the level-0 tiles, and every higher tile equals the hashes recomputed
from the level below; the tree root from the entries equals the signed checkpoint, whose signature must
verify; the witnessed checkpoint is signed, cosigned and matches the tree at its size; every file an
entry references exists and still has its SHA-256. Each finding names the item, tile or entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ipwarden.errors import IntegrityError
from ipwarden.evidence import merkle
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.errors import FormatError
from ipwarden.evidence.log import CHECKPOINT
from ipwarden.evidence.models import file_ref, parse_entry
from ipwarden.evidence.note import verify_note
from ipwarden.evidence.services import WITNESSED, EvidenceService
from ipwarden.evidence.tiles import (
    TILE_HEIGHT,
    TILE_WIDTH,
    decode_bundle,
    entries_path,
    tile_path,
    tile_widths,
)

__all__ = ["Finding", "audit"]


@dataclass(frozen=True, slots=True)
class Finding:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def audit(service: EvidenceService) -> tuple[int, list[Finding]]:
    """Returns the audited tree size and the findings (empty when everything verifies)."""
    findings: list[Finding] = []
    storage = service.storage
    with storage.lock(shared=True):
        raw = storage.read(CHECKPOINT)
        if raw is None:
            return 0, []
        try:
            cp = Checkpoint.from_text(verify_note(raw, service.log_verifiers()).text)
        except IntegrityError as exc:
            return 0, [Finding(f"log/{CHECKPOINT}", f"signature or format invalid ({exc.message})")]
        size = cp.size
        # Entries.
        entries: list[bytes | None] = []
        for n, width in tile_widths(0, size):
            path = entries_path(n, width)
            data = storage.read(path)
            if data is None:
                findings.append(Finding(f"log/{path}", "entry bundle is missing"))
                entries.extend([None] * width)
                continue
            try:
                bundle = decode_bundle(data, path)
            except IntegrityError as exc:
                findings.append(Finding(f"log/{path}", exc.message))
                bundle = []
            if len(bundle) != width:
                findings.append(Finding(f"log/{path}", f"holds {len(bundle)} entries; expected {width}"))
                bundle = [None] * width  # type: ignore[list-item]
            entries.extend(bundle)
        leaves = [merkle.leaf_hash(e) if e is not None else b"" for e in entries]
        # Tiles, level by level.
        level_hashes = leaves
        level = 0
        while level_hashes:
            for n, width in tile_widths(level, size):
                path = tile_path(level, n, width)
                data = storage.read(path)
                want = level_hashes[n * TILE_WIDTH : n * TILE_WIDTH + width]
                if data is None:
                    findings.append(Finding(f"log/{path}", "tile is missing"))
                    continue
                got = [data[i : i + 32] for i in range(0, len(data), 32)]
                if len(data) != width * 32:
                    findings.append(Finding(f"log/{path}", f"has {len(data)} bytes; expected {width * 32}"))
                    continue
                for k, (g, w) in enumerate(zip(got, want, strict=True)):
                    if g != w:
                        first = (n * TILE_WIDTH + k) << (TILE_HEIGHT * level)
                        what = f"entry {first}" if level == 0 else f"entries from {first}"
                        findings.append(Finding(f"log/{path}", f"hash {k} does not match {what}"))
            full = [level_hashes[j : j + TILE_WIDTH] for j in range(0, len(level_hashes), TILE_WIDTH)]
            level_hashes = [merkle.root_hash(c) for c in full if len(c) == TILE_WIDTH]
            level += 1
        if merkle.root_hash(leaves) != cp.root:
            findings.append(Finding(f"log/{CHECKPOINT}", "root hash does not match the logged entries"))
        # Entries' content and the files they reference.
        for i, e in enumerate(entries):
            if e is None:
                continue
            try:
                ref = file_ref(parse_entry(e, f"entry {i}"), f"entry {i}")
            except FormatError as exc:
                findings.append(Finding(f"entry {i}", exc.message))
                continue
            if ref is not None:
                stored = service.file_path(ref.sha256)
                if not stored.exists():
                    findings.append(Finding(f"item {i}", f"file {ref.name} ({stored}) is missing"))
                elif hashlib.sha256(stored.read_bytes()).hexdigest() != ref.sha256:
                    findings.append(Finding(f"item {i}", f"file {ref.name} ({stored}) was altered"))
        # The witnessed checkpoint.
        wit = storage.read(WITNESSED)
        if wit is not None:
            try:
                pol = service.policy()
                text = verify_note(wit, service.log_verifiers()).text
                wcp = Checkpoint.from_text(text)
                verify_note(wit, [v for v, _ in pol.logs] + [w.verifier for w in pol.witnesses.values()])
                if wcp.size > size or merkle.root_hash(leaves[: wcp.size]) != wcp.root:
                    findings.append(Finding(f"log/{WITNESSED}", "does not match the logged entries"))
            except IntegrityError as exc:
                findings.append(Finding(f"log/{WITNESSED}", exc.message))
    return size, findings
