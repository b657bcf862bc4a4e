"""The screening data files: cue lexicon, GI list, demo sample and the held-out evaluation set.

Cue examples are checked with plain ``re`` under the semantics documented in ipwarden/screening/lexicon.py
(case-insensitive on NFKC-casefolded text; a guard within 40 characters either side silences a hit), so
the data stays right whatever the screener's matching engine does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from ipwarden.screening.lexicon import default_pattern, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src/ipwarden/screening/data"
EVAL = ROOT / "eval/screening"
LANGUAGES = {"en", "zh", "es", "pt", "fr", "de", "ru", "ja", "ko", "vi"}
FAMILIES = {"mark", "counterfeit_cue", "price", "image", "gi", "stay_down", "seller", "feedback"}
CLEARING = {"authorisation", "referential"}
HARD_KINDS = {
    "genuine_title",
    "compatible_accessory",
    "scale_model",
    "batteries",
    "official_retro",
    "authorised_reseller",
    "parallel_import",
    "replica_jersey",
}
LISTING_FIELDS = {
    "id",
    "seller_id",
    "title",
    "description",
    "brand",
    "category",
    "price",
    "currency",
    "market",
    "images",
    "stage",
    "reviews",
}
STAGES = {"seller_registration", "listing", "marketing", "feedback"}
WINDOW = 40


def _cues() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))["cues"]
    return entries


def _fires(entry: dict[str, Any], text: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).casefold()
    pattern = entry.get("pattern") or default_pattern(entry["term"])
    for hit in re.finditer(pattern, folded, re.IGNORECASE):
        window = folded[max(0, hit.start() - WINDOW) : hit.end() + WINDOW]
        if not any(re.search(guard, window, re.IGNORECASE) for guard in entry.get("guards") or []):
            return True
    return False


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------- cues.yaml


def test_cues_cover_every_language_for_counterfeit_and_feedback_and_referential() -> None:
    by_kind: dict[str, set[str]] = defaultdict(set)
    for entry in _cues():
        by_kind[entry["kind"]].add(entry["language"])
    for kind in ("counterfeit", "feedback", "referential"):
        assert by_kind[kind] >= LANGUAGES, f"{kind} cues miss {sorted(LANGUAGES - by_kind[kind])}"


def test_every_cue_entry_is_complete_and_its_regexes_compile() -> None:
    seen = set()
    for entry in _cues():
        assert {"term", "language", "kind", "examples", "not_examples"} <= entry.keys(), entry
        assert entry["kind"] in {"counterfeit", "referential", "feedback"}
        re.compile(entry.get("pattern") or default_pattern(entry["term"]))
        for guard in entry.get("guards") or []:
            re.compile(guard)
        assert entry["examples"], f"{entry['term']}: at least one example"
        key = (entry["term"], entry["language"], entry["kind"])
        assert key not in seen, f"duplicate cue {key}"
        seen.add(key)


@pytest.mark.parametrize("entry", _cues(), ids=lambda e: f"{e['language']}-{e['kind']}-{e['term']}")
def test_cue_fires_on_its_examples_and_not_on_its_innocent_contexts(entry: dict[str, Any]) -> None:
    for text in entry["examples"]:
        assert _fires(entry, text), f"{entry['term']!r} should fire on {text!r}"
    for text in entry["not_examples"]:
        assert not _fires(entry, text), f"{entry['term']!r} should stay silent on {text!r}"


def test_guards_named_in_the_requirements_hold() -> None:
    counterfeit = [e for e in _cues() if e["kind"] == "counterfeit"]
    for innocent in (
        "Scale 1:100 model kit",
        "1:18 diecast Porsche 911",
        "AAA batteries 24 pack",
        "AAA 电池 24节",
        "adidas Real Madrid 24/25 Home Replica Jersey",
        "Air Jordan 1 Retro High OG 官方复刻 正品",
        "A4 copy paper 500 sheets",
    ):
        fired = [e["term"] for e in counterfeit if _fires(e, innocent)]
        assert not fired, f"{innocent!r} fired {fired}"
    for guilty in ("Rolex Submariner AAA+ replica", "耐克 高仿 1:1", "复刻AJ1 顶级版本"):
        assert any(_fires(e, guilty) for e in counterfeit), guilty


def test_the_screeners_loader_reads_both_files() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.cues) == len(_cues())
    assert len(lexicon.gis) >= 40


# ------------------------------------------------------------------------------------------- gi.yaml


def test_gi_entries_have_names_products_origins_protection_and_sources() -> None:
    data = yaml.safe_load((DATA / "gi.yaml").read_text(encoding="utf-8"))
    entries = data["indications"]
    assert 40 <= len(entries) <= 80
    names = Counter(e["name"] for e in entries)
    assert max(names.values()) == 1, names.most_common(3)
    for entry in entries:
        assert entry["name"] and entry["product"] and entry["origin"], entry
        assert re.fullmatch(r"[A-Z]{2}(/.+)?", entry["origin"]), entry["origin"]
        assert entry["protected_in"] and all(re.fullmatch(r"[A-Z]{2}", p) for p in entry["protected_in"])
        assert len(entry["source"]) > 20, f"{entry['name']}: cite the register or instrument"
        for guard in entry.get("guards", []):
            re.compile(guard)
        if entry.get("uncertain"):
            assert entry.get("note"), f"{entry['name']}: say what is uncertain"
    required = {"Champagne", "Parmigiano Reggiano", "Scotch Whisky", "西湖龙井", "安溪铁观音"}
    assert required <= set(names)
    chinese = [e for e in entries if e["origin"].startswith("CN")]
    assert len(chinese) >= 12
    assert any("香槟" in e.get("aliases", []) for e in entries)


def test_gi_colour_guards_keep_champagne_gold_out() -> None:
    entries = yaml.safe_load((DATA / "gi.yaml").read_text(encoding="utf-8"))["indications"]
    champagne = next(e for e in entries if e["name"] == "Champagne")
    for text in ("champagne gold satin dress", "香槟色 礼服"):
        assert any(re.search(g, text, re.IGNORECASE) for g in champagne["guards"]), text


# ------------------------------------------------------------------------------------------- listings


def _check_listing(row: dict[str, Any]) -> None:
    assert row.keys() >= LISTING_FIELDS, sorted(LISTING_FIELDS - row.keys())
    assert row["stage"] in STAGES
    assert isinstance(row["title"], str) and row["title"].strip()
    assert row["price"] is None or (isinstance(row["price"], int | float) and row["price"] > 0)
    assert re.fullmatch(r"[A-Z]{3}", row["currency"]) and re.fullmatch(r"[A-Z]{2}", row["market"])
    assert isinstance(row["images"], list) and isinstance(row["reviews"], list)
    if row["stage"] == "feedback":
        assert row["reviews"]


def test_sample_listings_follow_the_listing_contract_and_refer_to_real_context() -> None:
    rows = _jsonl(DATA / "sample-listings.jsonl")
    assert 35 <= len(rows) <= 60
    assert len({r["id"] for r in rows}) == len(rows)
    context = DATA / "sample-context"
    for row in rows:
        _check_listing(row)
        for image in row["images"]:
            assert (context / image).is_file(), image
    demo_sellers = {
        json.loads(line)["seller_id"]
        for line in (ROOT / "src/ipwarden/registry/data/demo/authorisations.jsonl").read_text().splitlines()
        if line.strip()
    }
    used = {r["seller_id"] for r in rows if r["seller_id"].startswith("demo-seller-")}
    assert used and used <= demo_sellers
    history = {h["seller_id"] for h in _jsonl(context / "seller-history.jsonl")}
    assert {r["seller_id"] for r in rows} <= history
    for row in _jsonl(context / "protected-images.jsonl") + _jsonl(context / "removed-listings.jsonl"):
        for image in [row["path"]] if "path" in row else row["images"]:
            assert (context / image).is_file(), image


# ------------------------------------------------------------------------------------------- eval set


@pytest.fixture(scope="module")
def eval_rows() -> list[dict[str, Any]]:
    return _jsonl(EVAL / "listings.jsonl")


def test_eval_listings_are_valid_and_labelled(eval_rows: list[dict[str, Any]]) -> None:
    assert len({r["id"] for r in eval_rows}) == len(eval_rows)
    for row in eval_rows:
        _check_listing(row)
        label = row["label"]
        assert set(label) >= {"infringing", "families", "hard_negative", "language"}
        assert set(label["families"]) <= FAMILIES | CLEARING
        assert label["language"] in LANGUAGES
        assert row["split"] in ("eval", "tune") and row["group"]
        if label["infringing"]:
            assert set(label["families"]) & FAMILIES and label["hard_negative"] is None
        else:
            assert not set(label["families"]) & FAMILIES
        for image in row["images"]:
            assert (EVAL / image).is_file(), image


def test_eval_split_is_large_and_covers_every_family_language_and_hard_negative(
    eval_rows: list[dict[str, Any]],
) -> None:
    held_out = [r for r in eval_rows if r["split"] == "eval"]
    assert len(held_out) >= 1000
    families = Counter(f for r in held_out if r["label"]["infringing"] for f in r["label"]["families"])
    for family in FAMILIES:
        assert families[family] >= 50, (family, families[family])
    for family in ("counterfeit_cue", "feedback"):
        languages = Counter(r["label"]["language"] for r in held_out if family in r["label"]["families"])
        assert set(languages) == LANGUAGES and min(languages.values()) >= 5, (family, languages)
    hard = Counter(r["label"]["hard_negative"] for r in held_out if r["label"]["hard_negative"])
    assert set(hard) >= HARD_KINDS, sorted(HARD_KINDS - set(hard))
    assert sum(hard.values()) >= 300
    assert {r["label"]["language"] for r in held_out} == LANGUAGES


def test_eval_and_tune_share_no_group_and_no_seller(eval_rows: list[dict[str, Any]]) -> None:
    groups: dict[str, set[str]] = defaultdict(set)
    sellers: dict[str, set[str]] = defaultdict(set)
    for row in eval_rows:
        groups[row["split"]].add(row["group"])
        sellers[row["split"]].add(row["seller_id"])
    assert not groups["eval"] & groups["tune"]
    assert not sellers["eval"] & sellers["tune"]
    seller_groups: dict[str, set[str]] = defaultdict(set)
    for row in eval_rows:
        seller_groups[row["seller_id"]].add(row["group"])
    assert all(len(g) == 1 for g in seller_groups.values()), "a seller belongs to one group"
    brands = {g.split(":", 1)[1] for g in groups["eval"] if g.startswith("brand:")}
    assert not brands & {g.split(":", 1)[1] for g in groups["tune"] if g.startswith("brand:")}


HELD_OUT_SHA256 = "5f1c7ea68a833f37ef6c21ec76418691504660b62609eba9f11d716a7b70d781"


def test_held_out_rows_never_change() -> None:
    """Tuning cases are appended after the held-out rows; the held-out lines stay byte for byte as published
    (eval/screening/README.md), so figures before and after a rule change are comparable."""
    import hashlib

    lines = (EVAL / "listings.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    held_out = [line for line in lines if json.loads(line)["split"] == "eval"]
    assert len(held_out) == 1045
    assert hashlib.sha256("".join(held_out).encode()).hexdigest() == HELD_OUT_SHA256
    assert len(lines) >= 1000


def test_gi_cases_come_from_the_frozen_gi_source() -> None:
    """The set's GI names are a frozen copy: every entry of it is still in the screener's gi.yaml, with its
    names kept (the lexicon may grow; the set does not follow it)."""
    frozen = yaml.safe_load((EVAL / "gi-source.yaml").read_text(encoding="utf-8"))["indications"]
    live = {
        e["name"]: e for e in yaml.safe_load((DATA / "gi.yaml").read_text(encoding="utf-8"))["indications"]
    }
    for entry in frozen:
        assert entry["name"] in live, entry["name"]
        assert set(entry.get("aliases", [])) <= set(live[entry["name"]].get("aliases", [])), entry["name"]


def test_eval_context_files_resolve(eval_rows: list[dict[str, Any]]) -> None:
    registry = _jsonl(EVAL / "registry.jsonl")
    rights = {r["id"] for r in registry if r.get("record", "right") == "right"}
    families = {r["id"] for r in registry if r.get("record") == "owner_family"}
    auths = [r for r in registry if r.get("record") == "authorisation"]
    assert auths and all(a["owner_family"] in families for a in auths)
    authorised = {a["seller_id"] for a in auths}
    for row in eval_rows:
        if "authorisation" in row["label"]["families"]:
            assert row["seller_id"] in authorised
    for row in _jsonl(EVAL / "protected-images.jsonl"):
        assert row["right_id"] in rights and (EVAL / row["path"]).is_file()
    removed = _jsonl(EVAL / "removed-listings.jsonl")
    for row in removed:
        assert row["right_id"] in rights and all((EVAL / p).is_file() for p in row["images"])
    history = {h["seller_id"]: h for h in _jsonl(EVAL / "seller-history.jsonl")}
    assert {r["seller_id"] for r in eval_rows} <= history.keys()
    assert {r["seller_id"] for r in removed} <= history.keys()
    prices = _jsonl(EVAL / "reference-prices.jsonl")
    assert {(p["brand"], p["market"]) for p in prices if p["brand"]} >= {("nike", "US"), ("apple", "CN")}


def test_seller_positives_are_backed_by_the_seller_history(eval_rows: list[dict[str, Any]]) -> None:
    history = {h["seller_id"]: h for h in _jsonl(EVAL / "seller-history.jsonl")}
    removed_ids = {i for h in history.values() if h["removed"] for i in h["identifiers"]}
    for row in eval_rows:
        if "seller" in row["label"]["families"]:
            record = history[row["seller_id"]]
            assert record["strikes"] >= 2 or set(record["identifiers"]) & removed_ids, row["id"]
        elif not row["label"]["infringing"]:
            record = history[row["seller_id"]]
            assert record["strikes"] == 0 and not set(record["identifiers"]) & removed_ids, row["id"]


def test_tune_split_cue_labels_agree_with_the_lexicon(eval_rows: list[dict[str, Any]]) -> None:
    """On the tuning split only: hard negatives built around innocent cue words stay silent, and cue
    positives written with listed cue words fire (evasive spellings are allowed to miss)."""
    counterfeit = [e for e in _cues() if e["kind"] == "counterfeit" and e.get("weight", 1.0) >= 0.5]
    silent_kinds = {
        "official_retro",
        "replica_jersey",
        "scale_model",
        "batteries",
        "copy_paper",
        "innocent_cue_word",
        "genuine_title",
        "authorised_reseller",
        "parallel_import",
    }
    misses = 0
    for row in (r for r in eval_rows if r["split"] == "tune"):
        text = f"{row['title']}\n{row['description']}"
        fired = [e["term"] for e in counterfeit if _fires(e, text)]
        if row["label"]["hard_negative"] in silent_kinds:
            assert not fired, (row["title"], fired)
        if "counterfeit_cue" in row["label"]["families"] and not fired:
            misses += 1
    assert misses <= 6


def test_image_labels_are_sound() -> None:
    summary = json.loads((EVAL / "counts.json").read_text(encoding="utf-8"))["images"]
    assert max(summary["copy_to_source_max_distance"].values()) <= 12
    assert summary["unrelated_to_known_min_distance"] > 16
    total = sum(p.stat().st_size for p in (EVAL / "images").rglob("*") if p.is_file())
    assert total < 5_000_000


@pytest.mark.slow
def test_the_builder_is_deterministic() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_screening_eval.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
