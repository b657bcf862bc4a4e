"""The Nice classification: counts from the WIPO masters, the shipped file, lookup and term search."""

from __future__ import annotations

import gzip
import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType

import pytest

from ipwarden.errors import InputError
from ipwarden.registry.nice import load_classification, load_vocabulary, parse_class, tokens

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "ipwarden" / "registry" / "data" / "nice-12-2024.json.gz"


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_nice_data", ROOT / "scripts" / "build_nice_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_masters_have_45_classes_and_9915_terms(shared_data: Path) -> None:
    data = _build_script().derive(shared_data / "nice")
    assert len(data["classes"]) == 45
    assert sum(len(c["terms"]) for c in data["classes"]) == 9915
    assert (data["edition"], data["version"], data["date_in_force"]) == (12, "2024", "2024-01-01")


def test_shipped_file_is_what_the_script_derives_from_the_masters(shared_data: Path) -> None:
    script = _build_script()
    derived = script.derive(shared_data / "nice")
    assert json.loads(gzip.decompress(SHIPPED.read_bytes())) == derived
    assert script.encode(derived) == SHIPPED.read_bytes()


def test_loaded_classification_counts_and_kinds() -> None:
    nice = load_classification()
    assert sorted(nice.classes) == list(range(1, 46))
    assert nice.term_count == 9915
    assert {nice.classes[n].kind for n in range(1, 35)} == {"good"}
    assert {nice.classes[n].kind for n in range(35, 46)} == {"service"}
    assert nice.classes[25].heading[0] == "Clothing, footwear, headwear"
    assert nice.classes[25].note.startswith("Class 25 includes mainly clothing")
    # class references inside the explanatory notes are spelt out
    assert any("(Cl. 5)" in e for e in nice.classes[1].excludes)
    basic = {t.basic_number: t.text for t in nice.classes[1].terms}
    assert basic["0002"] == "adhesives for industrial purposes"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("running shoes", 25),
        ("handbags", 18),
        ("smartphones", 9),
        ("coffee", 30),
        ("retail store services", 35),
        ("beer", 32),
        ("wine", 33),
        ("perfume", 3),
        ("hotel services", 43),
        ("T-shirts", 25),
        ("batteries", 9),
    ],
)
def test_search_finds_the_class_of_a_term(query: str, expected: int) -> None:
    found = load_classification().search_classes(query)
    assert found, query
    assert found[0][0] == expected, [(c, [h.term for h in hits]) for c, hits in found]


def test_search_ranks_exact_over_all_words_over_partial() -> None:
    hits = load_classification().search("coffee")
    assert tuple(hits[0]) == (30, "coffee", 1.0, None)
    scores = {h.term: h.score for h in hits}
    assert 0.6 <= scores["coffee flavourings"] < 1.0
    partial = load_classification().search("coffee spoons")
    by_term = {h.term: h.score for h in partial}
    # "coffee" alone matches only one of two words: lower than a term with both words
    assert all(by_term.get(t, 0) < max(by_term.values()) for t in ("coffee",))


def test_search_handles_plurals_and_case() -> None:
    assert tokens("Batteries, Shoes and Watches") == tokens("battery shoe watch")
    assert tokens("potatoes") == tokens("potato")
    assert tokens("boxes glasses") == tokens("box glass")
    assert load_classification().search("HANDBAG")[0].term == "handbags"


def test_search_of_nothing_useful_is_empty() -> None:
    nice = load_classification()
    assert nice.search("") == []
    assert nice.search("the of and") == []
    assert nice.search("xqzzyv") == []


def test_search_is_fast_after_loading() -> None:
    nice = load_classification()
    start = time.perf_counter()
    for _ in range(50):
        nice.search("retail store services")
    assert (time.perf_counter() - start) / 50 < 0.05


@pytest.mark.parametrize("bad", [0, 46, "abc", "", "2.5", "-1"])
def test_parse_class_rejects_non_classes(bad: object) -> None:
    with pytest.raises(InputError, match="expected a whole number from 1 to 45"):
        parse_class(bad)


def test_parse_class_accepts_common_spellings() -> None:
    assert parse_class("25") == parse_class(" class 25 ") == parse_class(25) == 25


def test_hits_are_class_term_score_tuples() -> None:
    hit = load_classification().search("handbags")[0]
    assert hit == (18, "handbags", 1.0, None)
    number, term, score, via = hit
    assert (hit[0], hit.nice_class, number) == (18, 18, 18) and term == "handbags" and score == 1.0
    assert via is None  # the official wording itself, not an everyday word


@pytest.mark.parametrize(
    ("query", "cls", "term"),
    [
        ("sneakers", 25, "sports shoes"),
        ("运动鞋", 25, "sports shoes"),
        ("hoodie", 25, "sweaters"),
        ("手机壳", 9, "cases for smartphones"),
        ("earbuds", 9, "headphones"),
        ("香水", 3, "perfumes"),
        ("power bank", 9, "portable power chargers"),
    ],
)
def test_everyday_marketplace_words_reach_the_classification(query: str, cls: int, term: str) -> None:
    best = load_classification().search(query)[0]
    assert (best.nice_class, best.term, best.score, best.via) == (cls, term, 1.0, query)


def test_a_marketplace_word_inside_a_longer_query_counts_and_the_longest_reading_wins() -> None:
    hits = load_classification().search("男士运动鞋 白色")
    assert hits[0][:3] == (25, "sports shoes", 0.9)
    assert all(h.term != "footwear" or h.score < 0.9 for h in hits)  # 鞋 is inside 运动鞋
    phone_case = {h.term for h in load_classification().search("手机壳")}
    assert "smartphones" not in phone_case  # 手机 is inside 手机壳


def test_latin_marketplace_words_match_whole_words_only() -> None:
    assert all(h.via != "cap" for h in load_classification().search("capsules"))
    assert any(h.via == "cap" for h in load_classification().search("red cap"))


def test_a_vocabulary_word_must_point_at_a_real_indication() -> None:
    classes = load_classification().classes
    good = b"entries:\n  - words: [sneakers]\n    terms: [[25, 'sports shoes']]\n"
    assert load_vocabulary(good, classes) == {"sneakers": ((25, "sports shoes"),)}
    bad = b"entries:\n  - words: [sneakers]\n    terms: [[25, 'moon boots for cats']]\n"
    with pytest.raises(ValueError, match="moon boots for cats"):
        load_vocabulary(bad, classes)
