"""The development probe files (tests/similarity/probes/), run at scale by bench/clearance.py: well formed,
citing marks that exist, and distinct from the held-out queries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from similarity_support import dev_data, dev_negatives

from ipwarden.similarity.normalize import normalise

PROBES = sorted((Path(__file__).parent / "probes").glob("clearance_probes_*.yaml"))
SEALED = Path(__file__).resolve().parents[2] / "eval" / "containment_fresh" / "cases.yaml"
CATEGORIES = {
    "containment",
    "cross_script",
    "sound_latin",
    "sound_chinese",
    "translation",
    "negative",
    "spelling",
    "lookalike",
    "glyph",
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_probe_files_cite_marks_that_exist_under_one_id_each() -> None:
    assert len(PROBES) >= 3
    registry = list(dev_data()["registry"]) + list(dev_negatives().get("registry") or [])
    for path in PROBES:
        registry += _load(path)["registry"] or []
    ids = [r["id"] for r in registry]
    assert len(ids) == len(set(ids)), "an id names two marks"
    known = set(ids)
    for path in PROBES:
        for case in _load(path)["cases"]:
            assert case["category"] in CATEGORIES, (path.name, case)
            cited = list(case.get("expect", [])) + list(case.get("not_high", []))
            assert cited and set(cited) <= known, (path.name, case["query"])
            assert (case["category"] == "negative") == ("not_high" in case), (path.name, case["query"])


def test_probe_queries_are_not_evaluation_queries() -> None:
    queries = Path(__file__).resolve().parents[2] / "eval" / "clearance" / "queries.jsonl"
    if not queries.is_file():
        pytest.skip("evaluation set not present")

    def keys(text: str) -> set[str]:
        return {normalise(text).replace(" ", ""), "".join(ch for ch in normalise(text) if ch.isalnum())}

    held_out: set[str] = set()
    for line in queries.read_text("utf-8").splitlines():
        if line:
            held_out |= keys(json.loads(line)["query"])
    if SEALED.is_file():
        held_out |= {k for case in _load(SEALED)["cases"] for k in keys(str(case["query"]))}
    for path in PROBES:
        clashes = [c["query"] for c in _load(path)["cases"] if keys(str(c["query"])) & held_out]
        assert clashes == [], path.name


def test_the_sealed_containment_set_is_well_formed() -> None:
    """The sealed set is read only by bench/clearance.py --sealed; its items are checked here by rule."""
    data = _load(SEALED)
    ids = [r["id"] for r in data["registry"]]
    assert len(ids) == len(set(ids)) and all(i.startswith("F-") for i in ids)
    assert all(r["office"] in {"US", "EM", "CN", "GB", "WO"} for r in data["registry"])
    assert all(1 <= c <= 45 for r in data["registry"] for c in r["classes"])
    positives = [c for c in data["cases"] if "expect" in c]
    negatives = [c for c in data["cases"] if "not_high" in c]
    assert len(positives) >= 30 and len(negatives) >= 10
    assert all(c["category"] == "containment" and c.get("source") for c in positives)
    assert all(c.get("kind") and c.get("source") for c in negatives)
    cited = {i for c in data["cases"] for i in c.get("expect", []) + c.get("not_high", [])}
    assert cited <= set(ids)
