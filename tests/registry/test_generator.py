"""The synthetic registry generator: determinism, realism of the output, and both writers read back by the
importers (JSONL schema and USPTO XML v2.0)."""

from __future__ import annotations

import collections
import io
import json
import re
from pathlib import Path
from typing import Any

from ipwarden.registry.generator import (
    CLASS_WEIGHTS,
    generate_records,
    generate_rights,
    record_to_right,
    write_generated,
    write_jsonl,
    write_uspto_xml,
)
from ipwarden.registry.importers.jsonl import parse_jsonl
from ipwarden.registry.importers.records import Parsed
from ipwarden.registry.importers.schema import record_from_dict
from ipwarden.registry.importers.uspto_xml import parse_uspto_xml
from ipwarden.registry.models import MarkType, Right, Status

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _jsonl(count: int, seed: int) -> bytes:
    buf = io.BytesIO()
    write_jsonl(generate_records(count, seed), buf)
    return buf.getvalue()


def test_same_seed_same_output_and_prefix_property() -> None:
    assert _jsonl(3_000, 11) == _jsonl(3_000, 11)
    longer = _jsonl(12_000, 11).splitlines()
    assert longer[:3_000] == _jsonl(3_000, 11).splitlines()


def test_different_seed_different_output() -> None:
    a, b = _jsonl(500, 1).splitlines(), _jsonl(500, 2).splitlines()
    assert sum(x == y for x, y in zip(a, b, strict=True)) == 0


def test_records_are_valid_schema_records_and_ids_unique() -> None:
    records = list(generate_records(6_000, 5))
    assert len({r["id"] for r in records}) == len(records)
    for rec in records[:2_000]:
        right = record_from_dict(rec)
        assert isinstance(right, Right)
        assert record_to_right(rec) == Right(**{**_fields(right), "source": "generator"})


def _fields(right: Right) -> dict[str, Any]:
    return {name: getattr(right, name) for name in Right.__slots__}


def test_output_is_realistic() -> None:
    records = list(generate_records(20_000, 9))
    marks = [r["mark"] for r in records if "mark" in r]
    chinese = [m for m in marks if _HAN.search(m)]
    assert 0.10 < len(chinese) / len(marks) < 0.40  # Chinese owners file most of their marks in characters
    assert all(2 <= len(m) <= 4 for m in chinese)
    assert len(set(marks)) > 0.5 * len(marks)  # varied, but common words recur as in real registers
    types = collections.Counter(r["mark_type"] for r in records)
    assert types["word"] > types["combined"] > types["figurative"] > 0
    assert all(r.get("vienna_codes") for r in records if r["mark_type"] == "figurative")
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d\d", c) for r in records for c in r.get("vienna_codes", ()))
    first_classes = collections.Counter(r["classes"][0] for r in records)
    assert set(first_classes) <= set(CLASS_WEIGHTS)
    offices = collections.Counter(r["office"] for r in records)
    assert offices.most_common(1)[0][0] == "CN" and {"US", "EM", "JP", "KR", "GB"} <= set(offices)
    statuses = collections.Counter(r["status"] for r in records)
    assert 0.45 < statuses["registered"] / len(records) < 0.65
    owners = collections.Counter(r["owner"]["name"] for r in records)
    assert owners.most_common(1)[0][1] > 50  # a few owners hold many marks
    assert any(n.endswith(("GmbH", "S.A.", "Inc.", "有限公司", "Co., Ltd.")) for n in owners)
    for rec in records:
        if rec["status"] == "registered":
            assert rec["filed"] < rec["registered"] <= "2026-11-22" < rec["expires"]
        if rec["status"] == "expired":
            assert rec["expires"] < "2026-11-22"
        for gs in rec["goods_services"]:
            assert gs["text"] and 1 <= gs["class"] <= 45


def test_generate_rights_gives_models() -> None:
    rights = list(generate_rights(200, 3))
    assert len(rights) == 200 and all(isinstance(r, Right) for r in rights)
    assert {r.status for r in rights} <= set(Status)
    assert any(r.mark_type is MarkType.COMBINED and r.vienna_codes and r.mark_text for r in rights)


def test_jsonl_file_reads_back_with_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.jsonl"
    with path.open("wb") as fh:
        assert write_jsonl(generate_records(1_500, 4), fh) == 1_500
    parsed = list(parse_jsonl(path))
    assert len(parsed) == 1_500 and all(isinstance(p, Parsed) for p in parsed)
    first = json.loads(path.read_text("utf-8").splitlines()[0])
    assert parsed[0].record.id == first["id"]  # type: ignore[union-attr]


def test_uspto_xml_reads_back_with_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.xml"
    records = list(generate_records(800, 6, offices=("US",)))
    with path.open("wb") as fh:
        assert write_uspto_xml(records, fh) == 800
    parsed = [p for p in parse_uspto_xml(path)]
    assert all(isinstance(p, Parsed) for p in parsed), [p for p in parsed if not isinstance(p, Parsed)][:2]
    by_serial = {p.record.application_number: p.record for p in parsed}  # type: ignore[union-attr]
    assert len(by_serial) == 800
    for rec in records:
        right = by_serial[rec["application_number"]]
        assert isinstance(right, Right)
        assert right.mark_text == rec.get("mark")
        assert right.classes == tuple(rec["classes"])
        # the USPTO records a withdrawal as express abandonment
        assert right.status.value == {"withdrawn": "abandoned"}.get(rec["status"], rec["status"])
        assert right.owner is not None and right.owner.name == rec["owner"]["name"]
        assert right.owner.country == rec["owner"]["country"]
        assert list(right.vienna_codes) == rec.get("vienna_codes", [])
        assert right.registration_number == rec.get("registration_number")
        if rec["mark_type"] in ("word", "combined", "figurative", "3d"):
            assert right.mark_type is not None and right.mark_type.value == rec["mark_type"]


def test_cli_generate_jsonl_and_xml(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    result = cli(
        "registry",
        "generate",
        "--count",
        "12000",
        "--seed",
        "8",
        "--out",
        str(out),
        "--quiet",
        "--workers",
        "2",
    )
    assert result.exit_code == 0, result
    assert "wrote 12,000 records" in result.stdout and "2 processes" in result.stdout
    assert out.read_bytes() == _jsonl(12_000, 8)
    xml = tmp_path / "r.xml"
    result = cli("registry", "generate", "-n", "50", "--out", str(xml), "--format", "uspto-xml", "--quiet")
    assert result.exit_code == 0, result
    assert xml.read_text("utf-8").count("<case-file>") == 50


def test_cli_generate_bad_input(cli: Any, tmp_path: Path) -> None:
    bad = cli("registry", "generate", "--count", "0", "--out", str(tmp_path / "x.jsonl"))
    assert bad.exit_code == 2 and "--count must be a positive number" in bad.stderr
    missing = cli("registry", "generate", "--count", "5", "--out", str(tmp_path / "no" / "x.jsonl"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    folder = cli("registry", "generate", "--count", "5", "--out", str(tmp_path))
    assert folder.exit_code == 2 and "is a directory" in folder.stderr


def test_parallel_writer_gives_the_same_bytes() -> None:
    serial, parallel = io.BytesIO(), io.BytesIO()
    assert write_generated(12_345, 21, serial, workers=1) == 12_345
    assert write_generated(12_345, 21, parallel, workers=2) == 12_345
    assert serial.getvalue() == parallel.getvalue() == _jsonl(12_345, 21)
    xml_serial, xml_parallel = io.BytesIO(), io.BytesIO()
    write_generated(6_000, 3, xml_serial, fmt="uspto-xml", workers=1)
    write_generated(6_000, 3, xml_parallel, fmt="uspto-xml", workers=2)
    direct = io.BytesIO()
    write_uspto_xml(generate_records(6_000, 3, offices=("US",)), direct)
    assert xml_serial.getvalue() == xml_parallel.getvalue() == direct.getvalue()
