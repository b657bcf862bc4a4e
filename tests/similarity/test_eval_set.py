"""Validation of the held-out clearance evaluation set (eval/clearance/), so that it cannot silently rot.

Checks every line of registry.jsonl (schema A, and that the registry importer accepts it) and of
queries.jsonl (contract G fields, categories, expected ids, counts, class relations, citations), that the
files are what the compile script produces from its tables, and that the README's counts are current.
"""

from __future__ import annotations

import json
import re
import runpy
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ipwarden.registry.importers import Reject, parse_file
from ipwarden.registry.nice import class_relation

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval" / "clearance"
REGISTRY = EVAL_DIR / "registry.jsonl"
QUERIES = EVAL_DIR / "queries.jsonl"
README = EVAL_DIR / "README.md"

POSITIVE = (
    "spelling",
    "lookalike",
    "sound_latin",
    "sound_chinese",
    "cross_script",
    "glyph",
    "containment",
    "translation",
    "family",
    "goods",
)
CATEGORIES = (*POSITIVE, "negative")
QUERY_FIELDS = {"qid", "query", "classes", "offices", "category", "expect", "source", "note", "split"}
RIGHT_REQUIRED = ("id", "right", "mark", "mark_type", "owner", "office", "classes", "status")
RIGHT_KINDS = {"trademark", "design", "patent", "copyright", "geographical_indication"}
STATUSES = {
    "pending",
    "published",
    "opposed",
    "registered",
    "expired",
    "refused",
    "cancelled",
    "withdrawn",
    "abandoned",
    "unknown",
}
NEGATIVE_KINDS = {
    "unrelated_goods",
    "decided_no_confusion",
    "conceptual_difference",
    "generic_shared",
    "ordinary_word",
    "coexistence",
}
# A source is a decided case with its year, a public fact, a widely reported knock-off or a labelled
# constructed pattern; never a bare assertion.
SOURCE_FORMS = (
    re.compile(r"\((?:[^()]*\b)?(19|20)\d{2}\b[^()]*\)"),
    re.compile(r"^public knock-off widely reported: \S"),
    re.compile(r"^public fact: \S"),
    re.compile(r"^constructed pattern of a documented kind: \S"),
    re.compile(r"^UDRP case D(19|20)\d{2}-\d{4}\b"),
)
MIN_QUERIES = 300
MIN_NEGATIVES = 50
MIN_PER_CATEGORY = 20


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name} line {n}: blank line"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name} line {n}: expected a JSON object"
        rows.append(row)
    return rows


@cache
def _registry() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    rights: dict[str, dict[str, Any]] = {}
    families: dict[str, dict[str, Any]] = {}
    for row in _read_jsonl(REGISTRY):
        target = families if row.get("record") == "owner_family" else rights
        assert row["id"] not in target, f"duplicate id {row['id']}"
        target[row["id"]] = row
    return rights, families


@cache
def _queries() -> tuple[dict[str, Any], ...]:
    return tuple(_read_jsonl(QUERIES))


def _script(text: str) -> set[str]:
    """The scripts of a mark's letters: 'han' for CJK ideographs, 'latin' for Latin letters."""
    out: set[str] = set()
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            out.add("han")
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            out.add("latin")
    return out


def _relations(query: dict[str, Any], right: dict[str, Any]) -> set[str]:
    return {class_relation(a, b) for a in query["classes"] for b in right["classes"]}


def test_registry_records_follow_schema_a() -> None:
    rights, families = _registry()
    assert len(rights) >= 150
    for rid, r in rights.items():
        for name in RIGHT_REQUIRED:
            assert r.get(name) not in (None, "", []), f"registry {rid}: field {name} missing or empty"
        assert re.fullmatch(r"EV-[A-Z]{2}-[A-Z0-9-]+-\d{1,2}", rid), f"registry {rid}: id pattern"
        assert rid.startswith(f"EV-{r['office']}-"), f"registry {rid}: id does not name office {r['office']}"
        assert r["right"] in RIGHT_KINDS and r["status"] in STATUSES, f"registry {rid}: right/status"
        assert re.fullmatch(r"[A-Z]{2}", r["office"]), f"registry {rid}: office {r['office']!r}"
        assert all(isinstance(c, int) and 1 <= c <= 45 for c in r["classes"]), f"registry {rid}: classes"
        assert rid.endswith(f"-{r['classes'][0]}"), f"registry {rid}: id does not end with the first class"
        if "registration_number" in r:
            assert str(r["registration_number"]).strip(), f"registry {rid}: empty registration_number"
        if "owner_family" in r:
            assert r["owner_family"] in families, f"registry {rid}: unknown owner_family {r['owner_family']}"
    for fid, fam in families.items():
        assert fam["name"] and isinstance(fam.get("aliases", []), list), f"owner_family {fid}"
        members = [r for r in rights.values() if r.get("owner_family") == fid]
        scripts = set().union(*(_script(r["mark"]) for r in members))
        assert {"han", "latin"} <= scripts, f"owner_family {fid}: needs a Chinese and a Latin mark"
        assert len({r["owner"] for r in members}) == 1, f"owner_family {fid}: members have different owners"


def test_registry_is_accepted_by_the_importer() -> None:
    rejects = [r for r in parse_file(REGISTRY, "jsonl") if isinstance(r, Reject)]
    assert rejects == []


def test_queries_follow_contract_g() -> None:
    rights, _ = _registry()
    qids: set[str] = set()
    for q in _queries():
        qid = q.get("qid")
        assert set(q) == QUERY_FIELDS, f"query {qid}: fields {sorted(set(q) ^ QUERY_FIELDS)} differ"
        assert isinstance(qid, str) and re.fullmatch(r"cs-\d{3,}", qid), f"query {qid}: qid pattern"
        assert qid not in qids, f"query {qid}: duplicate qid"
        qids.add(qid)
        assert isinstance(q["query"], str) and q["query"].strip(), f"query {qid}: empty query"
        assert q["category"] in CATEGORIES, f"query {qid}: unknown category {q['category']!r}"
        assert q["split"] == "eval", f"query {qid}: every query of the held-out set is split 'eval'"
        assert q["classes"] and all(isinstance(c, int) and 1 <= c <= 45 for c in q["classes"]), qid
        assert q["offices"] and all(re.fullmatch(r"[A-Z]{2}", o) for o in q["offices"]), qid
        assert q["expect"] and len(set(q["expect"])) == len(q["expect"]), f"query {qid}: expect"
        for rid in q["expect"]:
            assert rid in rights, f"query {qid}: expected id {rid} is not in registry.jsonl"
            assert rights[rid]["office"] in q["offices"], (
                f"query {qid}: {rid} is outside the offices searched"
            )
        assert any(p.search(q["source"]) for p in SOURCE_FORMS), f"query {qid}: source {q['source']!r}"
        assert isinstance(q["note"], str), f"query {qid}: note"


def test_counts_reach_the_targets() -> None:
    counts = Counter(q["category"] for q in _queries())
    assert sum(counts.values()) >= MIN_QUERIES
    assert counts["negative"] >= MIN_NEGATIVES
    for category in POSITIVE:
        assert counts[category] >= MIN_PER_CATEGORY, f"{category}: {counts[category]} queries"


def test_positive_queries_search_the_classes_of_their_marks() -> None:
    rights, _ = _registry()
    for q in _queries():
        if q["category"] == "negative":
            continue
        for rid in q["expect"]:
            rel = _relations(q, rights[rid])
            if q["category"] == "goods":
                assert "same" not in rel and "related" in rel, f"goods query {q['qid']}: {rid} {rel}"
            else:
                assert rel & {"same", "related"}, f"query {q['qid']}: {rid} is in unrelated classes"


@pytest.mark.parametrize("category", ["family"])
def test_family_queries_expect_both_scripts_of_one_owner(category: str) -> None:
    rights, _ = _registry()
    for q in (q for q in _queries() if q["category"] == category):
        marks = [rights[rid] for rid in q["expect"]]
        fams = {m.get("owner_family") for m in marks}
        assert len(fams) == 1 and None not in fams, f"query {q['qid']}: expected marks of one owner family"
        scripts = set().union(*(_script(m["mark"]) for m in marks))
        assert {"han", "latin"} <= scripts, f"query {q['qid']}: needs the Chinese and the Latin mark"


def test_cross_script_queries_cross_scripts() -> None:
    rights, _ = _registry()
    for q in (q for q in _queries() if q["category"] == "cross_script"):
        for rid in q["expect"]:
            assert _script(q["query"]) != _script(rights[rid]["mark"]), (
                f"query {q['qid']}: same script as {rid}"
            )


def test_negatives_are_unrelated_or_justified() -> None:
    rights, _ = _registry()
    for q in (q for q in _queries() if q["category"] == "negative"):
        kind = re.match(r"Kind: (\w+)\. ", q["note"])
        assert kind and kind.group(1) in NEGATIVE_KINDS, (
            f"negative {q['qid']}: note must start 'Kind: <kind>. '"
        )
        for rid in q["expect"]:
            close = _relations(q, rights[rid]) & {"same", "related"}
            if close:
                assert "Justification: " in q["note"], f"negative {q['qid']}: {rid} is {close}, justify it"


def test_files_are_what_the_tables_compile_to() -> None:
    module = runpy.run_path(str(EVAL_DIR / "compile_set.py"))
    assert module["registry_records"]() == _read_jsonl(REGISTRY)
    assert module["query_records"]() == list(_queries())


def test_readme_counts_are_current() -> None:
    text = README.read_text(encoding="utf-8")
    counts = Counter(q["category"] for q in _queries())
    for category in CATEGORIES:
        row = re.search(rf"^\| `{category}` \|[^|\n]*\| (\d+) \|", text, re.M)
        assert row, f"README.md: no table row for category {category}"
        assert int(row.group(1)) == counts[category], f"README.md: count for {category} is stale"
    assert re.search(rf"\*\*{sum(counts.values())} queries\*\*", text), "README.md: total is stale"
    rights, families = _registry()
    assert f"{len(families)} owner-family records and {len(rights)} trademark records" in text, (
        "README.md: registry counts are stale"
    )
