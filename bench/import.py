"""Import throughput and memory: JSONL and USPTO XML into SQLite and PostgreSQL, against the naive way.

    .venv/bin/python bench/import.py [--count 1000000] [--naive 20000] [--no-pg] [--workdir DIR]
        [--formats jsonl,uspto-xml] [--general] [--floor N]

Each measured import runs in its own process so that its peak RSS (getrusage) is its own; CPU seconds
(``time.process_time`` of that process) are printed beside wall seconds, since a shared machine stretches
the wall clock, together with the CPU seconds and the largest peak RSS of its reader processes (the bulk
JSONL path reads in child processes) and the 1-minute load average when the import ended. The naive
alternative stores one record per transaction (one upsert and commit per record) on a subset.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

PG_ADMIN = os.environ.get("IPWARDEN_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _phase(args: argparse.Namespace) -> None:
    """Run one measured import in this process and print its figures as JSON."""
    from ipwarden.registry.importers import parse_file, resolve_format
    from ipwarden.registry.models import Right
    from ipwarden.registry.services import import_files
    from ipwarden.storage import open_store

    store = open_store(args.db)
    path = Path(args.file)
    start, cpu_start, children_start = time.perf_counter(), time.process_time(), _children_cpu()
    rejected = 0
    if args.phase == "naive":
        done = 0
        for item in parse_file(path, resolve_format(path)):
            record = getattr(item, "record", None)
            if isinstance(record, Right):
                store.upsert_rights([record])  # one transaction per record
                done += 1
                if done >= args.limit:
                    break
        records = done
    else:
        summary = import_files([path], store, home=args.home, store_label=args.db)
        records = summary.read
        rejected = (
            summary.rejected
        )  # e.g. serial numbers that repeat when other offices' records become US case files
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    figures = {"records": records, "seconds": seconds, "cpu_seconds": cpu_seconds, "rejected": rejected}
    readers = {"reader_cpu_seconds": _children_cpu() - children_start,
               "reader_peak_rss_mb": _peak_rss_mb(resource.RUSAGE_CHILDREN), "load": os.getloadavg()[0]}  # fmt: skip
    print(json.dumps({**figures, "peak_rss_mb": _peak_rss_mb(), **readers}))


def _floor(path: Path, count: int, work: Path) -> None:
    """What the JSONL → SQLite path cannot go below on this machine, measured on the same records.

    Reading: the bulk reader's CPU per record (bytes → checked flat right with its hash, in this process).
    Writing: plain ``sqlite3`` ``executemany`` of those flat rows into a bare table of the same 31 columns
    (text primary key, no other index, WAL, synchronous=NORMAL, a commit per 5,000 rows): the least any
    single SQLite writer does per record, with no checks, no upsert and no bookkeeping.
    """
    import sqlite3

    from ipwarden.registry.bulk import _blocks
    from ipwarden.registry.flat import FLAT_COLUMNS

    rows: list[tuple[object, ...]] = []
    cpu = time.process_time()
    for block in _blocks(path, [], 0, 1):
        rows += block[2]
        if len(rows) >= count:
            break
    read_cpu = time.process_time() - cpu
    read_records = len(rows)  # the reader's blocks hold up to ~2,000 records beyond ``count``
    rows = rows[:count]
    db = work / f"floor-{uuid.uuid4().hex[:6]}.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    columns = ", ".join(
        f"{name} TEXT" + (" PRIMARY KEY" if i == 0 else "") for i, name in enumerate(FLAT_COLUMNS)
    )
    conn.execute(f"CREATE TABLE rights ({columns})")
    sql = f"INSERT INTO rights VALUES ({', '.join('?' * len(FLAT_COLUMNS))})"
    cpu = time.process_time()
    for start in range(0, len(rows), 5000):
        conn.executemany(sql, rows[start : start + 5000])
        conn.commit()
    write_cpu = time.process_time() - cpu
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    read_us, write_us = read_cpu / read_records * 1e6, write_cpu / len(rows) * 1e6
    print(f"floor on {len(rows):,} records: reading {read_us:.1f} CPU µs/record, bare sqlite3 executemany "
          f"{write_us:.1f} CPU µs/record; one SQLite writer cannot pass {1e6 / write_us:,.0f} records/s, "
          f"and with reading on {os.cpu_count()} cores {os.cpu_count() * 1e6 / (read_us + write_us):,.0f} "
          f"records/s (load {os.getloadavg()[0]:.2f})")  # fmt: skip


def _run(
    phase: str, file: Path, db: str, home: Path, *, limit: int = 0, general: bool = False
) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", phase, "--file", str(file), "--db", db, "--home", str(home)]
    cmd += ["--limit", str(limit)]
    env = {**os.environ, "IPWARDEN_IMPORT_BULK": "off"} if general else None
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _pg_db() -> tuple[str, str]:
    import psycopg

    name = f"ipwarden_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].split("://", 1)[1]
    return name, f"postgresql+psycopg://{base}/{name}"


def _drop_pg(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--naive", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--phase")
    parser.add_argument("--file")
    parser.add_argument("--db")
    parser.add_argument("--home")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--formats", default="jsonl,uspto-xml", help="which inputs to measure")
    parser.add_argument(
        "--general",
        action="store_true",
        help="also import each file the general way (IPWARDEN_IMPORT_BULK=off)",
    )
    parser.add_argument(
        "--floor", type=int, default=0, metavar="N", help="also measure the JSONL → SQLite floor on N records"
    )
    args = parser.parse_args()
    if args.phase:
        _phase(args)
        return

    from ipwarden.registry.generator import generate_records, write_jsonl
    from ipwarden.registry.generator_uspto import write_uspto_xml

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ipwarden-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    files = {"jsonl": work / f"rights-{args.count}.jsonl", "uspto-xml": work / f"rights-{args.count}.xml"}
    start = time.perf_counter()
    wanted = args.formats.split(",")
    files = {k: p for k, p in files.items() if k in wanted}
    if "jsonl" in files and not files["jsonl"].exists():
        with files["jsonl"].open("wb") as out:
            write_jsonl(generate_records(args.count, args.seed), out)
    if "uspto-xml" in files and not files["uspto-xml"].exists():
        with files["uspto-xml"].open("wb") as out:
            write_uspto_xml(generate_records(args.count, args.seed), out)
    print(f"generated (or reused) {args.count:,} records in {time.perf_counter() - start:.0f} s: "
          + ", ".join(f"{k} {p.stat().st_size / 1e6:,.0f} MB" for k, p in files.items()))  # fmt: skip

    def sqlite_db(fmt: str) -> tuple[str, str]:
        return "", f"sqlite:///{work / f'bench-{fmt}-{uuid.uuid4().hex[:6]}.db'}"

    def pg_db(_fmt: str) -> tuple[str, str]:
        return _pg_db()

    targets: list[tuple[str, Callable[[str], tuple[str, str]]]] = [("sqlite", sqlite_db)]
    if not args.no_pg:
        targets.append(("postgresql", pg_db))
    print(f"{'input':<10} {'database':<20} {'records':>9} {'seconds':>8} {'records/s':>10} {'CPU s':>7} "
          f"{'rec/CPU s':>10} {'peak RSS MB':>12} {'naive rec/s':>12} {'ratio':>7} {'rejected':>9} "
          f"{'reader CPU s':>13} {'reader RSS MB':>14} {'load':>5}")  # fmt: skip
    ways = [("", False), (" (general)", True)] if args.general else [("", False)]
    for (fmt, path), (way, general), (db_name, make_db) in itertools.product(files.items(), ways, targets):
        pg_name, url = make_db(fmt)
        try:
            fast = _run("import", path, url, work / "home", general=general)
        finally:
            if pg_name:
                _drop_pg(pg_name)
        naive: dict[str, float] | None = None
        if args.naive and not general:
            pg_name, url = make_db(fmt + "-naive")
            try:
                naive = _run("naive", path, url, work / "home", limit=args.naive)
            finally:
                if pg_name:
                    _drop_pg(pg_name)
        rate = fast["records"] / fast["seconds"]
        naive_rate = naive["records"] / naive["seconds"] if naive else float("nan")
        cpu = fast["cpu_seconds"]
        print(f"{fmt:<10} {db_name + way:<20} {fast['records']:>9,.0f} {fast['seconds']:>8.1f} {rate:>10,.0f} "
              f"{cpu:>7.1f} {fast['records'] / cpu:>10,.0f} {fast['peak_rss_mb']:>12,.0f} {naive_rate:>12,.0f} {rate / naive_rate:>6.0f}x "
              f"{fast['rejected']:>9,.0f} {fast['reader_cpu_seconds']:>13.1f} "
              f"{fast['reader_peak_rss_mb']:>14,.0f} {fast['load']:>5.2f}", flush=True)  # fmt: skip
    if args.floor and "jsonl" in files:  # last: a child started later would count this process's memory
        _floor(files["jsonl"], args.floor, work)


if __name__ == "__main__":
    main()
