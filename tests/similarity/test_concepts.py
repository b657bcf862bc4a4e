"""Conceptual difference: an ordinary-word query with its own meaning is at most medium on sound alone."""

from __future__ import annotations

from pathlib import Path

from ipwarden.similarity.concepts import clear_meaning, conceptual_difference
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.policy import RiskPolicy, RiskTier, default_policy
from ipwarden.similarity.resources import english_headwords
from ipwarden.similarity.scoring import assess, compare

MIN = 6


def test_ordinary_words_are_told_from_coined_names_by_their_dictionary_use() -> None:
    counts = english_headwords()
    assert counts["relax"] >= MIN and counts["door"] >= MIN and counts["sunny"] >= MIN
    assert counts.get("rolex", 0) < MIN and counts.get("nike", 0) < MIN and counts.get("sony", 0) < MIN
    assert clear_meaning(prepare("RELAX"), MIN) == "'relax' is an ordinary word"
    assert clear_meaning(prepare("BLUE SKY"), MIN) == "'blue sky' is made of ordinary words"
    assert clear_meaning(prepare("ROLEX"), MIN) is None
    assert clear_meaning(prepare("RELAX 2000"), MIN) is None  # every word must be an ordinary word
    assert clear_meaning(prepare("ONDA"), MIN) is None  # a foreign word: heard, not understood
    assert clear_meaning(prepare("毅力"), MIN) == "'毅力' is a word meaning 'perseverance' (CC-CEDICT)"
    assert clear_meaning(prepare("伊利"), MIN) is None


def test_sound_alike_ordinary_word_is_medium_and_says_why() -> None:
    match = compare(prepare("RELAX"), prepare("ROLEX"))
    assert match.score >= 0.85 and match.concept is not None
    result = assess(match, "same", "goods: same class 14")
    assert result.risk is RiskTier.MEDIUM
    assert any(r.startswith("conceptual difference: 'relax' is an ordinary word") for r in result.reasons)
    chinese = assess(compare(prepare("毅力"), prepare("伊利")), "same", "goods: same class 29")
    assert chinese.risk is RiskTier.MEDIUM and "perseverance" in chinese.reasons[-2]


def test_no_counteraction_for_knock_offs_look_alikes_or_shared_meanings() -> None:
    for query, mark in [
        ("APPEL", "APPLE"),  # not an ordinary word: the misspelling evokes the mark's own meaning
        ("NIKEE", "NIKE"),
        ("R0LEX", "ROLEX"),  # look-alike characters
        ("RELAX STORE", "RELAX"),  # the same word
        ("APPLES", "APPLE"),  # the same word in another form
        ("DOORS", "DOOR"),
    ]:
        q, c = prepare(query), prepare(mark)
        match = compare(q, c)
        assert match.concept is None, (query, mark, match.concept)
        assert conceptual_difference(q, c, match.aspects, MIN) is None
    lookalike = compare(prepare("RE1AX"), prepare("ROLEX"))
    assert lookalike.concept is None


def test_policy_can_turn_the_rule_off(tmp_path: Path) -> None:
    assert default_policy().concept_min_headwords == MIN
    text = (Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml").read_text()
    off = tmp_path / "off.yaml"
    off.write_text(
        text.replace("conceptual_difference: {enabled: true", "conceptual_difference: {enabled: false")
    )
    policy = RiskPolicy.from_file(off)
    assert policy.concept_min_headwords is None
    match = compare(prepare("RELAX"), prepare("ROLEX"), policy)
    assert match.concept is None
    assert assess(match, "same", "goods: same class 14", policy).risk is RiskTier.HIGH
