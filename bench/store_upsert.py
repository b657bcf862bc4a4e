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

import psycopg

from ipwarden.registry.families import assign_family
from ipwarden.registry.generator import generate_rights
from ipwarden.registry.models import Right
from ipwarden.storage import SqlRightsStore, open_store


def timed_upserts(store: SqlRightsStore, rights: Sequence[Right], batch: int) -> tuple[float, int, int]:
    """Records/s over all batches, plus the stored and unchanged totals (to check the work was real)."""
    stored = unchanged = 0
    start = time.perf_counter()
    for i in range(0, len(rights), batch):
        result = store.upsert_rights(rights[i : i + batch])
        stored += result.stored
        unchanged += result.unchanged
    return len(rights) / (time.perf_counter() - start), stored, unchanged


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
) -> tuple[float, float]:
    store = opener()
    try:
        load, stored, _ = timed_upserts(store, rights, batch)
        again, _, unchanged = timed_upserts(store, rights, batch)
        assert stored == len(rights) and unchanged == len(rights) and store.count_rights() == len(rights)
    finally:
        store.close()
    print(f"{name:<28} load {load:>10,.0f} rec/s   identical re-import {again:>10,.0f} rec/s")
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
    print(f"batches of {args.batch:,}\n")

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
        f"SQLite / PostgreSQL (COPY)        load {sqlite[0] / pg_copy[0]:.2f}x   re-import {sqlite[1] / pg_copy[1]:.2f}x"
    )
    print(f"COPY / executemany on PostgreSQL  load {pg_copy[0] / pg_many[0]:.2f}x")


if __name__ == "__main__":
    main()
