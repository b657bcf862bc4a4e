"""Synthetic registry generation throughput, against the obvious way of writing it.

    .venv/bin/python bench/generator.py [--count 1000000] [--naive 100000] [--workers N] [--out DIR]

Measured: records/min writing JSONL (the generator's dict records, orjson, chunked writes) and USPTO XML,
to a real file, in one process and with ``write_generated`` in N worker processes. The obvious alternative builds ``Right`` objects with ``random.Random`` draws per field
(``generate_rights``), converts each to a dict and serialises it with the standard ``json`` module, one
write per line; it runs on a subset and is compared per record.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from ipwarden.registry.generator import (
    _tables,
    generate_records,
    generate_rights,
    write_generated,
    write_jsonl,
    write_uspto_xml,
)


def _rate(n: int, seconds: float) -> float:
    return n / seconds * 60


def _naive(count: int, path: Path) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("w", encoding="utf-8") as fh:
        for right in generate_rights(count, 1):
            data: dict[str, Any] = dataclasses.asdict(right)
            fh.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    return time.perf_counter() - start, time.process_time() - cpu


def _line(label: str, n: int, wall: float, cpu: float, extra: str = "") -> None:
    print(
        f"{label:<10} {n:>10,} records  wall {wall:7.1f} s {_rate(n, wall):>12,.0f}/min   "
        f"cpu {cpu:7.1f} s {_rate(n, cpu):>12,.0f}/min {extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--naive", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="ipwarden-gen-"))
    t0 = time.perf_counter()
    _tables()
    print(f"tables (Nice terms, word lists, pinyin): {time.perf_counter() - t0:.2f} s (once per process)")

    t0, c0 = time.perf_counter(), time.process_time()
    with (out / "gen.jsonl").open("wb") as fh:
        n = write_jsonl(generate_records(args.count, 1), fh)
    jsonl = (time.perf_counter() - t0, time.process_time() - c0)
    size = (out / "gen.jsonl").stat().st_size
    _line("jsonl", n, *jsonl, f"{size / n:.0f} B/record")

    t0, c0 = time.perf_counter(), time.process_time()
    with (out / "gen-parallel.jsonl").open("wb") as fh:
        p = write_generated(args.count, 1, fh, workers=args.workers)
    par_wall = time.perf_counter() - t0
    _line(f"jsonl x{args.workers}", p, par_wall, time.process_time() - c0, "(cpu: parent only)")
    same = (out / "gen-parallel.jsonl").read_bytes() == (out / "gen.jsonl").read_bytes()
    print(f"parallel output identical to serial: {same}")

    xml_count = max(args.count // 4, 1)
    t0, c0 = time.perf_counter(), time.process_time()
    with (out / "gen.xml").open("wb") as fh:
        m = write_uspto_xml(generate_records(xml_count, 1, offices=("US",)), fh)
    _line("uspto-xml", m, time.perf_counter() - t0, time.process_time() - c0)

    naive = _naive(args.naive, out / "naive.jsonl")
    _line("naive", args.naive, *naive)
    print(
        f"ratio jsonl / naive per record: wall {_rate(n, jsonl[0]) / _rate(args.naive, naive[0]):.2f}x, "
        f"cpu {_rate(n, jsonl[1]) / _rate(args.naive, naive[1]):.2f}x"
    )


if __name__ == "__main__":
    main()
