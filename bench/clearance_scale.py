"""Clearance search at scale: index build time, CPU, peak memory and query latency on a large SQLite registry.

Three steps, each timed on its own, so the index build is never confused with the import:

``registry``
    Write ``--size`` generated rights (``ipwarden.registry.generator``, the same records as ``ipwarden
    registry generate``) straight into a SQLite registry: chunks generated and encoded in ``--workers``
    processes, one bulk insert with the secondary indexes created afterwards, then the held-out evaluation
    registry (eval/clearance/registry.jsonl) through the ordinary ``import_files``. This is a fixture for
    the benchmark, not the product's import path (see docs/benchmarks/import.md for that).
``build``
    ``SearchIndex.build`` from that registry with ``--workers`` processes, in a child process of its own
    so its peak RSS (``ru_maxrss`` of the children, workers included) and CPU seconds are its own.
``query``
    Every evaluation query (eval/clearance/queries.jsonl) through ``SearchService``: recall@10 per category,
    false-high rate on negatives, p50/p99 latency.

    nice -n 5 .venv/bin/python bench/clearance_scale.py --size 10000000 registry build query
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval" / "clearance"
sys.path.insert(0, str(ROOT / "bench"))


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _chunk_rows(job: tuple[int, int, int]) -> list[tuple[Any, ...]]:
    from ipwarden.registry.generator import _chunk_records, record_to_right
    from ipwarden.storage.codec import encode_right

    chunk, count, seed = job
    return [encode_right(record_to_right(r)) for r in _chunk_records(chunk, count, seed, ())]


def make_registry(db: Path, size: int, seed: int, workers: int) -> dict[str, Any]:
    from ipwarden.registry.generator import CHUNK, _tables
    from ipwarden.registry.services import import_files
    from ipwarden.storage import open_store
    from ipwarden.storage.codec import RIGHT_COLUMNS

    if db.exists():
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    open_store(f"sqlite:///{db}").close()  # schema through the shipped migrations
    started, cpu0 = time.perf_counter(), time.process_time()
    con = sqlite3.connect(db)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;")
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='rights' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        con.execute(f"DROP INDEX {name}")
    insert = f"INSERT OR REPLACE INTO rights ({', '.join(RIGHT_COLUMNS)}) VALUES ({', '.join('?' * len(RIGHT_COLUMNS))})"
    _tables()
    jobs = [(k, size, seed) for k in range((size + CHUNK - 1) // CHUNK)]
    done = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for rows in pool.imap(_chunk_rows, jobs, chunksize=1):
            con.executemany(insert, rows)
            done += len(rows)
            if done % 500_000 < len(rows):
                con.commit()
                _log(f"registry: {done:,}/{size:,} rights written")
    con.commit()
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("UPDATE store_meta SET rights_count = (SELECT COUNT(*) FROM rights), changes = changes + 1")
    con.commit()
    con.close()
    store = open_store(f"sqlite:///{db}")
    summary = import_files([EVAL / "registry.jsonl"], store, home=db.parent / "import-home")
    total = store.count_rights()
    store.close()
    out = {"rights": total, "wall_s": time.perf_counter() - started, "cpu_s_main": time.process_time() - cpu0}
    _log(f"registry ready: {total:,} rights in {out['wall_s']:.0f} s; eval import: {summary}")
    return out


class _RssSampler(threading.Thread):
    """Peak of the summed RSS of this process and its children (the filing workers), sampled every 0.5 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.stop = threading.Event()

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def run(self) -> None:
        while not self.stop.is_set():
            pids = [os.getpid(), *(p.pid for p in multiprocessing.active_children())]
            self.peak_mb = max(self.peak_mb, sum(self._rss_kb(p) for p in pids) / 1024)
            self.stop.wait(0.5)


def build_index(db: Path, index_dir: Path, workers: int) -> dict[str, Any]:
    from ipwarden.similarity.index import SearchIndex
    from ipwarden.storage import open_store

    store = open_store(f"sqlite:///{db}")
    total = store.count_rights()
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if done[0] % 500_000 < n:
            _log(f"indexed {done[0]:,}/{total:,}")

    sampler = _RssSampler()
    sampler.start()
    load_before = _load()
    started, cpu0 = time.perf_counter(), time.process_time()
    index = SearchIndex.build(index_dir, store, progress=progress, workers=workers)
    wall = time.perf_counter() - started
    cpu_main = time.process_time() - cpu0
    sampler.stop.set()
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {
        "rights": total,
        "marks": index.size,
        "wall_s": round(wall, 1),
        "cpu_s_main": round(cpu_main, 1),
        "cpu_s_workers": round(children.ru_utime + children.ru_stime, 1),
        "peak_rss_mb_sum": round(sampler.peak_mb),
        "peak_rss_mb_main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mb_largest_worker": round(children.ru_maxrss / 1024),
        "index_disk_mb": round(sum(f.stat().st_size for f in index_dir.iterdir()) / 1e6),
        "load_before": load_before,
        "load_after": _load(),
    }
    index.close()
    store.close()
    _log(f"index built: {out}")
    return out


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def run_queries(db: Path, index_dir: Path) -> dict[str, Any]:
    """recall@10 per category, false-high on negatives and latency, as bench/clearance.py counts them."""
    from clearance import twins_shown
    from ipwarden.errors import IpwardenError
    from ipwarden.similarity.index import open_index
    from ipwarden.similarity.query import SearchQuery
    from ipwarden.similarity.services import SearchService
    from ipwarden.storage import open_store

    store = open_store(f"sqlite:///{db}")
    opened = time.perf_counter()
    service = SearchService(open_index(index_dir, store, build_if_missing=False), store, recheck_seconds=None)
    open_s = time.perf_counter() - opened
    queries = [json.loads(x) for x in (EVAL / "queries.jsonl").read_text(encoding="utf-8").splitlines() if x]
    found: dict[str, int] = {}
    twins: dict[str, int] = {}
    expected: dict[str, int] = {}
    neg_total = neg_high = 0
    latencies: list[float] = []
    cpu0 = time.process_time()
    for q in queries:
        try:
            query = SearchQuery.parse(
                q["query"], classes=q.get("classes") or [], offices=q.get("offices") or [], limit=10
            )
            t0 = time.perf_counter()
            hits = service.search(query).hits
            latencies.append((time.perf_counter() - t0) * 1000)
        except IpwardenError:
            query, hits = None, ()
        ranked = [h.id for h in hits][:10]
        if q["category"] == "negative":
            neg_total += len(q["expect"])
            high = {h.id for h in hits if h.risk.value == "high"}
            neg_high += sum(1 for e in q["expect"] if e in high)
            continue
        cat = q["category"]
        expected[cat] = expected.get(cat, 0) + len(q["expect"])
        found[cat] = found.get(cat, 0) + sum(1 for e in q["expect"] if e in ranked)
        missed = [e for e in q["expect"] if e not in ranked]
        shown = twins_shown(service, query, hits, missed) if query is not None else set()
        twins[cat] = twins.get(cat, 0) + len(shown)
    out = {
        "queries": len(latencies),
        "open_s": round(open_s, 2),
        "p50_ms": round(_pct(latencies, 0.50), 1),
        "p99_ms": round(_pct(latencies, 0.99), 1),
        "mean_ms": round(sum(latencies) / len(latencies), 1),
        "max_ms": round(max(latencies), 1),
        "cpu_s": round(time.process_time() - cpu0, 1),
        "recall_at_10": round(sum(found.values()) / sum(expected.values()), 3),
        "recall_by_category": {c: round(found[c] / expected[c], 3) for c in sorted(expected)},
        "twins_shown_by_category": {c: twins.get(c, 0) for c in sorted(expected)},
        "false_high": round(neg_high / neg_total, 3) if neg_total else None,
        "load": _load(),
    }
    _log(f"queries: {out}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="+", choices=["registry", "build", "query"])
    parser.add_argument("--size", type=int, default=10_000_000, help="generated rights (default 10,000,000)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "clearance-scale")
    args = parser.parse_args(argv)
    db = args.workdir / f"registry-{args.size}.db"
    results: dict[str, Any] = {"size": args.size, "workers": args.workers}
    index_dir = args.workdir / f"index-{args.size}"
    if "registry" in args.steps:
        _log(f"load: {_load()}")
        results["registry"] = make_registry(db, args.size, args.seed, args.workers)
        _log(f"load: {_load()}")
    if "build" in args.steps:
        results["build"] = build_index(db, index_dir, args.workers)
    if "query" in args.steps:
        results["query"] = run_queries(db, index_dir)
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
