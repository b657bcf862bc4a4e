"""Upsert throughput of the registry store: SQLite vs PostgreSQL (COPY and plain executemany).

Generates N synthetic rights (ipwarden.registry.generator, owner families assigned by the merge rule)
outside the timed region, then times ``store.upsert_rights`` in batches into a fresh database: first load
(all new) and an identical re-import (all unchanged). Prints records/s and the ratios side by side.

    .venv/bin/python bench/store_upsert.py --count 200000 --batch 5000
    IPWARDEN_TEST_PG=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python bench/store_upsert.py
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import psycopg

from ipwarden.registry.families import assign_family
from ipwarden.registry.generator import generate_rights
from ipwarden.registry.models import Right
from ipwarden.storage import SqlRightsStore, open_store


class Rate(NamedTuple):
    wall: float  # records per second of elapsed time
    cpu: float  # records per second of this process's CPU time (the client side only, for PostgreSQL)


def timed_upserts(store: SqlRightsStore, rights: Sequence[Right], batch: int) -> tuple[Rate, int, int]:
    """Records/s over all batches, plus the stored and unchanged totals (to check the work was real).

    CPU time is reported beside wall time because the benchmark machine is shared: on a busy machine the
    wall-clock rate mostly measures how much CPU the scheduler gave us.
    """
    stored = unchanged = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(0, len(rights), batch):
        result = store.upsert_rights(rights[i : i + batch])
        stored += result.stored
        unchanged += result.unchanged
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return Rate(len(rights) / wall, len(rights) / max(cpu, 1e-9)), stored, unchanged


@contextmanager
def pg_database(admin_url: str) -> Iterator[str]:
    name = f"ipwarden_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def measure(
    name: str, opener: Callable[[], SqlRightsStore], rights: Sequence[Right], batch: int
) -> tuple[Rate, Rate]:
    store = opener()
    try:
        load, stored, _ = timed_upserts(store, rights, batch)
        again, _, unchanged = timed_upserts(store, rights, batch)
        assert stored == len(rights) and unchanged == len(rights) and store.count_rights() == len(rights)
    finally:
        store.close()
    print(
        f"{name:<26} load {load.wall:>8,.0f} rec/s (CPU {load.cpu:>8,.0f})   "
        f"identical re-import {again.wall:>8,.0f} rec/s (CPU {again.cpu:>8,.0f})"
    )
    return load, again


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument(
        "--pg", default=os.environ.get("IPWARDEN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    )
    args = parser.parse_args()

    start = time.perf_counter()
    rights = [assign_family(r) for r in generate_rights(args.count, seed=7)]
    print(f"generated {len(rights):,} rights in {time.perf_counter() - start:.1f} s (not timed below)")
    print(f"batches of {args.batch:,}; load average at start: {os.getloadavg()}\n")

    with tempfile.TemporaryDirectory() as tmp:
        sqlite = measure(
            "SQLite (WAL, executemany)",
            lambda: open_store(f"sqlite:///{Path(tmp) / 'bench.db'}"),
            rights,
            args.batch,
        )
    with pg_database(args.pg) as url:
        pg_copy = measure("PostgreSQL (COPY)", lambda: open_store(url), rights, args.batch)
    with pg_database(args.pg) as url:
        pg_many = measure(
            "PostgreSQL (executemany)", lambda: open_store(url, copy_threshold=10**9), rights, args.batch
        )

    print()
    print(
        f"SQLite / PostgreSQL (COPY), wall   load {sqlite[0].wall / pg_copy[0].wall:.2f}x   "
        f"re-import {sqlite[1].wall / pg_copy[1].wall:.2f}x"
    )
    print(f"COPY / executemany on PostgreSQL   load {pg_copy[0].wall / pg_many[0].wall:.2f}x")
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
