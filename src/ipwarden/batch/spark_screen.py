"""Listing screening on Apache Spark: the same Screener, shipped to executors once per partition.

The driver builds the screener (registry marks, lexicon, context) exactly as the local engine does,
pickles it into a broadcast variable, and each partition unpickles it once and screens its rows with the
local engine's own function (ipwarden.screening.runner.screen_items). JSONL lines travel as raw bytes, so
invalid UTF-8 is reported for that line just as locally. Results come back to the driver in input order
and are appended to the output file with the same resume rule (ids already written are skipped).

spark-submit::

    spark-submit -m ipwarden.batch.spark_screen listings.jsonl --out results.jsonl --context DIR
    python -m ipwarden.batch.spark_screen listings.parquet --out results.jsonl --db sqlite:///reg.db
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ipwarden.screening.models import Decision, ScreeningResult
from ipwarden.screening.reader import csv_row, decode_line, listing_format
from ipwarden.screening.runner import BatchSummary, done_ids, result_line, screen_items
from ipwarden.screening.services import Screener

__all__ = ["main", "run_spark", "spark_session"]

_SCREENER: dict[int, Screener] = {}
_FLAGGED = frozenset({Decision.REVIEW.value, Decision.BLOCK.value})
_KEEP_FLAGGED = 50  # as BatchSummary.add keeps by default


def spark_session(master: str = "local[2]") -> Any:
    from pyspark.sql import SparkSession

    # Workers must run this interpreter (the one with ipwarden installed), not whatever python3 is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .config("spark.pyspark.python", os.environ["PYSPARK_PYTHON"])
        .appName("ipwarden-screen")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _screener_from(payload: Any) -> Screener:
    """Unpickle once per Python worker (cached by broadcast id), not once per row."""
    key = id(payload)
    screener = _SCREENER.get(key)
    if screener is None:
        screener = pickle.loads(payload.value)
        _SCREENER.clear()
        _SCREENER[key] = screener
    return screener


def _jsonl_items(rows: Iterable[tuple[bytes, int]], name: str) -> Iterator[tuple[int, Any]]:
    for data, index in rows:
        number = index + 1
        item = decode_line(bytes(data), f"{name}:{number}")
        if item is not None:
            yield number, item


def _row_items(rows: Iterable[tuple[Any, int]], name: str, fmt: str) -> Iterator[tuple[int, Any]]:
    for row, index in rows:
        values = row.asDict(recursive=True)
        if fmt == "csv":
            number = index + 2
            yield number, csv_row(values, f"{name}:{number}")
        else:
            yield index + 1, values


def _partition(payload: Any, name: str, fmt: str) -> Any:
    def run(rows: Iterable[tuple[Any, int]]) -> Iterator[tuple[int, str, str, str]]:
        screener = _screener_from(payload)
        items = _jsonl_items(rows, name) if fmt == "jsonl" else _row_items(rows, name, fmt)
        for result in screen_items(screener, items, name):
            yield (result.line or 0, result.id, result_line(result), result.decision.value)

    return run


def run_spark(screener: Screener, path: Path, out: Path, *, master: str = "local[2]") -> BatchSummary:
    """Screen ``path`` on Spark into ``out``; same output lines and resume rule as the local engine."""
    fmt = listing_format(path)
    session = spark_session(master)
    context = session.sparkContext
    payload = context.broadcast(pickle.dumps(screener, protocol=pickle.HIGHEST_PROTOCOL))
    if fmt == "jsonl":
        rdd = context.textFile(str(path.resolve()), use_unicode=False).zipWithIndex()
    elif fmt == "csv":
        frame = session.read.options(header="true", encoding="UTF-8", multiLine="true", escape='"').csv(
            str(path.resolve())
        )
        rdd = frame.rdd.zipWithIndex()
    else:
        rdd = session.read.parquet(str(path.resolve())).rdd.zipWithIndex()
    skip = done_ids(out)
    # toLocalIterator yields partition 0, 1, ... in order and each partition keeps its input order,
    # so results arrive in file order without a sort (a shuffle) on the way. With prefetching, the next
    # partition is screened while this one is written, so two executor cores work at once, not one.
    results = rdd.mapPartitions(_partition(payload, path.name, fmt))
    summary = BatchSummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        for _line, listing_id, line, decision in results.toLocalIterator(prefetchPartitions=True):
            if skip[listing_id] > 0:
                skip[listing_id] -= 1
                summary.skipped += 1
                continue
            handle.write(line + "\n")
            if decision in _FLAGGED and len(summary.flagged_results) < _KEEP_FLAGGED:
                summary.add(ScreeningResult.from_dict(json.loads(line)), _KEEP_FLAGGED)
            else:  # the driver reads a line back only for a flagged result it keeps
                summary.tally(Decision(decision))
    payload.unpersist()
    return summary


def main(argv: list[str] | None = None) -> int:
    """spark-submit entry point: same arguments as ``ipwarden screen`` (engine fixed to Spark)."""
    parser = argparse.ArgumentParser(prog="ipwarden.batch.spark_screen", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db", default=None)
    parser.add_argument("--context", type=Path, default=None)
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--images-root", type=Path, default=None)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args(argv)
    from ipwarden.config import Settings
    from ipwarden.errors import ExitCode, IpwardenError
    from ipwarden.screening.factory import build_screener
    from ipwarden.storage import open_store

    try:
        store = open_store(Settings.from_env(db_url=args.db).db_url)
        screener = build_screener(
            store,
            context_dir=args.context,
            config_path=args.config,
            images_root=args.images_root or args.context,
        )
        summary = run_spark(screener, args.file, args.out, master=args.master)
    except IpwardenError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return err.exit_code
    print(json.dumps({"out": str(args.out), **summary.to_dict()}))
    return ExitCode.PARTIAL if summary.errors else ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
