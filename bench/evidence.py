"""Evidence ledger benchmarks: durable appends (single vs batched), checkpoint signing, proofs at 1M/10M
entries (tiles vs recomputing the tree), and offline verification of a court bundle.

    .venv/bin/python bench/evidence.py [--sizes 1000000,10000000] [--work DIR]

The large trees are built with a bulk path (leaf hashes straight into tiles, no entry bundles), which is
what an import of existing evidence would use; proofs then read tiles exactly as for a live log.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from ipwarden.evidence import merkle
from ipwarden.evidence.blobstore import DirStorage
from ipwarden.evidence.bundle import export_bundle
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.log import CHECKPOINT, TiledLog
from ipwarden.evidence.models import canonical
from ipwarden.evidence.note import Signer, sign_note, verify_note
from ipwarden.evidence.services import EvidenceService
from ipwarden.evidence.tiles import TILE_WIDTH, TileReader, tile_path
from ipwarden.evidence.verify import verify_bundle

SIGNER = Signer("bench.example/log", hashlib.sha256(b"bench").digest())


def _entry(i: int) -> bytes:
    return canonical(
        {
            "type": "ipwarden.evidence.item/v1",
            "case": f"CASE-{i % 977}",
            "file": {
                "name": f"capture-{i}.png",
                "sha256": hashlib.sha256(str(i).encode()).hexdigest(),
                "size": 48213,
            },
            "operator": "bench",
            "source_url": f"https://shop.example/item/{i}",
            "capture": {"method": "screenshot", "tool": "ipwarden", "tool_version": "0.1.0"},
            "recorded_at": "2026-11-22T00:00:00.000000Z",
        }
    )


def _log(root: Path) -> TiledLog:
    return TiledLog(DirStorage(root, durable=True), SIGNER.name, lambda: SIGNER, lambda: [SIGNER.verifier])


def bench_appends(work: Path) -> None:
    log = _log(work / "single")
    n_single = 200
    t = time.perf_counter()
    for i in range(n_single):
        log.append([_entry(i)])
    single = n_single / (time.perf_counter() - t)
    log = _log(work / "batched")
    rates = {}
    for batch in (100, 1000, 5000, 20000):
        n = 0
        t = time.perf_counter()
        while n < 40_000:
            log.append([_entry(n + i) for i in range(batch)])
            n += batch
        rates[batch] = n / (time.perf_counter() - t)
    print("durable appends (fsync of write-ahead file, tiles, checkpoint per commit):")
    print(f"  one entry per commit   : {single:10,.0f} entries/s")
    for batch, rate in rates.items():
        print(f"  {batch:5d} entries/commit : {rate:10,.0f} entries/s   ({rate / single:,.0f}x single)")


def bench_signing() -> None:
    text = Checkpoint(SIGNER.name, 123_456_789, hashlib.sha256(b"root").digest()).to_text()
    n = 2000
    t = time.perf_counter()
    for _ in range(n):
        note = sign_note(text, [SIGNER])
    sign_rate = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(n):
        verify_note(note, [SIGNER.verifier])
    verify_rate = n / (time.perf_counter() - t)
    print(f"checkpoint signing: {sign_rate:,.0f}/s; verification: {verify_rate:,.0f}/s")


def bulk_build(root: Path, size: int) -> bytes:
    """Write hash tiles for ``size`` synthetic leaves level by level; returns the root."""
    storage = DirStorage(root, durable=False)
    level = 0
    hashes_gen = (merkle.leaf_hash(i.to_bytes(8, "big")) for i in range(size))
    row: list[bytes] = list(hashes_gen)
    while row:
        parents = []
        for j in range(0, len(row), TILE_WIDTH):
            chunk = row[j : j + TILE_WIDTH]
            storage.write(tile_path(level, j // TILE_WIDTH, len(chunk)), b"".join(chunk))
            if len(chunk) == TILE_WIDTH:
                parents.append(merkle.root_hash(chunk))
        row = parents
        level += 1
    reader = TileReader(storage.read, size)
    root_hash = merkle.subtree_hash(reader.node, 0, size)
    storage.write(CHECKPOINT, sign_note(Checkpoint(SIGNER.name, size, root_hash).to_text(), [SIGNER]))
    return root_hash


def bench_proofs(work: Path, sizes: list[int]) -> None:
    rng = random.Random(1)
    for size in sizes:
        root_dir = work / f"tree-{size}"
        t = time.perf_counter()
        root = bulk_build(root_dir, size)
        build = time.perf_counter() - t
        log = TiledLog(DirStorage(root_dir), SIGNER.name, lambda: SIGNER, lambda: [SIGNER.verifier])
        samples = []
        cold = []
        for k in range(300):
            index = rng.randrange(size)
            t = time.perf_counter()
            proof, _st = log.inclusion_proof(index)  # lock, signed checkpoint, tile reads, proof
            samples.append(time.perf_counter() - t)
            if k < 50:
                t = time.perf_counter()
                fresh = TileReader(log.storage.read, size)  # no tile cache at all
                merkle.inclusion_proof(fresh.node, index, size)
                cold.append(time.perf_counter() - t)
            merkle.verify_inclusion(index, size, merkle.leaf_hash(index.to_bytes(8, "big")), proof, root)
        old = size // 3
        t = time.perf_counter()
        log.consistency_proof(old, size)
        cons = time.perf_counter() - t
        print(
            f"tree of {size:>11,} entries (bulk build {build:6.1f} s): inclusion proof median "
            f"{statistics.median(samples) * 1e3:.3f} ms, p95 {sorted(samples)[int(0.95 * len(samples))] * 1e3:.3f} ms "
            f"(uncached reader {statistics.median(cold) * 1e3:.3f} ms); consistency proof {cons * 1e3:.3f} ms"
        )
        if size <= 1_000_000:
            leaves = [merkle.leaf_hash(i.to_bytes(8, "big")) for i in range(size)]
            t = time.perf_counter()
            assert merkle.root_hash(leaves) == root
            naive = time.perf_counter() - t
            print(
                f"  alternative: recompute the tree from all leaf hashes: {naive * 1e3:,.0f} ms per proof "
                f"({naive / statistics.median(samples):,.0f}x slower than tiles)"
            )
        shutil.rmtree(root_dir)


def bench_bundle(work: Path) -> None:
    svc = EvidenceService(work / "svc" / "evidence", KeyDir(work / "svc" / "keys"))
    for b in range(10):
        svc.add_files([(f"cap-{b}-{i}.png", random.randbytes(50_000)) for i in range(100)], f"CASE-{b}")
    out = export_bundle(svc, svc.case_entries("CASE-3"), work / "bundle.zip")
    times = []
    for _ in range(5):
        t = time.perf_counter()
        report = verify_bundle(out)
        times.append(time.perf_counter() - t)
    print(
        f"offline verification of a bundle with {len(report.items)} items (50 kB files, log of {report.size}): "
        f"{statistics.median(times) * 1e3:.1f} ms ({statistics.median(times) / len(report.items) * 1e3:.2f} ms/item)"
    )


def calibrate() -> None:
    """How fast this machine hashes right now (shared machines vary by an order of magnitude)."""
    data = b"\x01" + bytes(64)
    n = 200_000
    t = time.perf_counter()
    for _ in range(n):
        hashlib.sha256(data).digest()
    print(f"calibration: SHA-256 of a 65-byte node takes {(time.perf_counter() - t) / n * 1e6:.2f} us here")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="ipwarden-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        calibrate()
        bench_appends(work)
        bench_signing()
        bench_bundle(work)
        bench_proofs(work, [int(s) for s in args.sizes.split(",") if s])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
