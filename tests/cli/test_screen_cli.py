"""``ipwarden screen``: JSONL, CSV and Parquet input, a context folder, counts and exit codes, resume."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

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
        "id": "US-IPHONE",
        "right": "trademark",
        "mark": "IPHONE",
        "mark_type": "word",
        "owner": "Apple Inc.",
        "owner_family": "apple",
        "office": "US",
        "classes": [9],
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
LISTINGS: list[dict[str, Any]] = [
    {
        "id": "1",
        "seller_id": "S-X",
        "title": "Nike Air Max replica 1:1",
        "category": "shoes",
        "market": "US",
        "price": 25,
        "currency": "USD",
    },
    {
        "id": "2",
        "seller_id": "S-OK",
        "title": "Nike Air Max 90",
        "category": "shoes",
        "market": "US",
        "price": 119,
        "currency": "USD",
    },
    {
        "id": "3",
        "seller_id": "S-Y",
        "title": "Case for iPhone 15",
        "category": "phone accessories",
        "market": "US",
        "price": 9,
        "currency": "USD",
    },
    {
        "id": "4",
        "seller_id": "S-Z",
        "title": "N-I-K-E socks",
        "category": "clothing",
        "market": "US",
        "price": -5,
        "currency": "USD",
    },
]


def context_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "registry.jsonl").write_text(
        "\n".join(json.dumps(r) for r in REGISTRY) + "\n", encoding="utf-8"
    )
    (folder / "reference-prices.jsonl").write_text(
        json.dumps({"brand": "nike", "category": "shoes", "market": "US", "price": 120, "currency": "USD"})
        + "\n",
        encoding="utf-8",
    )
    return folder


def results(out: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def write(fmt: str, folder: Path) -> Path:
    path = folder / f"listings.{fmt}"
    if fmt == "jsonl":
        path.write_text("\n".join(json.dumps(x) for x in LISTINGS) + "\n", encoding="utf-8")
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(LISTINGS[0]))
            writer.writeheader()
            writer.writerows(LISTINGS)
    else:
        pq.write_table(pa.Table.from_pylist([{**x, "price": float(x["price"])} for x in LISTINGS]), path)
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_screens_each_format(cli: Callable[..., Any], tmp_path: Path, fmt: str) -> None:
    source, out = write(fmt, tmp_path), tmp_path / "out.jsonl"
    result = cli("screen", str(source), "--out", str(out), "--context", str(context_dir(tmp_path / "ctx")))
    assert result.exit_code == 3, result  # one listing has a bad price: partial success
    assert "screened 3, flagged 1, errors 1" in result.stdout
    found = results(out)
    assert found["1"]["decision"] == "block"
    assert {r["signal"] for r in found["1"]["reasons"]} >= {
        "mark.exact",
        "cue.counterfeit",
        "price.below_reference",
    }
    assert found["2"]["decision"] == "allow" and found["2"]["reasons"][0]["family"] == "authorisation"
    assert found["3"]["reasons"][0]["family"] == "referential"
    assert found["4"]["decision"] == "error" and found["4"]["error"]["field"] == "price"


def test_rerun_resumes_and_json_summary(cli: Callable[..., Any], tmp_path: Path) -> None:
    source, out, ctx = write("jsonl", tmp_path), tmp_path / "out.jsonl", context_dir(tmp_path / "ctx")
    out.write_text(
        json.dumps({"id": "1", "risk": 1.0, "decision": "block", "reasons": []}) + "\n", encoding="utf-8"
    )
    result = cli("screen", str(source), "--out", str(out), "--context", str(ctx), "--json")
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["skipped"] == 1 and summary["screened"] == 2 and summary["errors"] == 1
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4


def test_user_mistakes_are_short_errors(cli: Callable[..., Any], tmp_path: Path) -> None:
    bad_type = cli("screen", str(tmp_path / "x.txt"), "--out", str(tmp_path / "o.jsonl"))
    assert bad_type.exit_code == 2 and "unsupported listing file type" in bad_type.stderr
    source = write("jsonl", tmp_path)
    empty = cli("screen", str(source), "--out", str(tmp_path / "o.jsonl"))
    assert empty.exit_code == 2 and "no live word marks" in empty.stderr
    assert "Traceback" not in empty.stderr
