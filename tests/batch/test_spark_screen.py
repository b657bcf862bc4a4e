"""Spark (local mode) writes exactly the lines the local engine writes, for the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipwarden.screening.factory import build_screener
from ipwarden.screening.runner import run_batch

pytestmark = pytest.mark.spark

REGISTRY = [
    {
        "id": "US-NIKE",
        "right": "trademark",
        "mark": "NIKE",
        "mark_type": "word",
        "owner": "Nike, Inc.",
        "owner_family": "nike",
        "office": "US",
        "classes": [25],
        "status": "registered",
    },
    {
        "id": "CN-NAIKE",
        "right": "trademark",
        "mark": "耐克",
        "mark_type": "word",
        "owner": "Nike, Inc.",
        "owner_family": "nike",
        "office": "CN",
        "classes": [25],
        "status": "registered",
    },
    {
        "record": "authorisation",
        "id": "auth-1",
        "seller_id": "S-OK",
        "kind": "authorised_reseller",
        "owner_family": "nike",
        "territories": ["US"],
    },
]
TITLES = [
    "Nike Air Max replica 1:1",
    "N-I-K-E hoodie",
    "耐克 高仿 运动鞋",
    "plain socks",
    "naike shoes AAA",
    "Scale 1:100 model",
    "Nike Air Max 90",
    "Case for iPhone",
]


def _inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "registry.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in REGISTRY), "utf-8"
    )
    (ctx / "seller-history.jsonl").write_text(json.dumps({"seller_id": "S-3", "strikes": 2}) + "\n", "utf-8")
    rows = [
        {
            "id": f"L-{i}",
            "seller_id": f"S-{i % 5}" if i % 7 else "S-OK",
            "title": TITLES[i % len(TITLES)],
            "category": "shoes",
            "market": "US",
            "price": 10.0 + i,
            "date": "2026-11-20",
        }
        for i in range(60)
    ]
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in rows]
    lines[5] = b"{broken json"
    lines[9] = b'{"id": "bad-utf8", "title": "caf\xe9"}'
    lines[12] = json.dumps({**rows[12], "price": "abc"}).encode()
    source = tmp_path / "listings.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    parquet = tmp_path / "listings.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)

    return ctx, source, parquet


def _compare(tmp_path: Path, ctx: Path, path: Path) -> Path:
    from ipwarden.batch.spark_screen import run_spark

    screener = build_screener(context_dir=ctx)
    local, spark = tmp_path / f"local{path.suffix}.out", tmp_path / f"spark{path.suffix}.out"
    local_summary = run_batch(screener, path, local)
    spark_summary = run_spark(screener, path, spark)
    assert spark.read_text("utf-8") == local.read_text("utf-8")
    assert spark_summary.to_dict() == local_summary.to_dict()
    # the driver reads back only the flagged results it keeps: the same ones the local engine keeps
    assert [r.to_dict() for r in spark_summary.flagged_results] == [
        r.to_dict() for r in local_summary.flagged_results
    ]
    assert local_summary.flagged > 0 and local_summary.errors == (3 if path.suffix == ".jsonl" else 0)
    return spark


def test_spark_equals_local_on_jsonl_with_bad_lines(tmp_path: Path) -> None:
    ctx, source, _ = _inputs(tmp_path)
    _compare(tmp_path, ctx, source)


@pytest.mark.slow
def test_spark_equals_local_on_parquet_and_resumes(tmp_path: Path) -> None:
    from ipwarden.batch.spark_screen import run_spark

    ctx, _, parquet = _inputs(tmp_path)
    out = _compare(tmp_path, ctx, parquet)
    again = run_spark(build_screener(context_dir=ctx), parquet, out)
    assert again.skipped == 60 and again.screened == 0
