"""Query validation (bad input gives a clear InputError) and the configurable risk policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipwarden.errors import InputError
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.policy import RiskPolicy, RiskTier, default_policy
from ipwarden.similarity.query import OFFICES, SearchQuery, parse_offices
from ipwarden.similarity.scoring import assess, compare, goods_relation


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the query is empty"),
        ("   \t ", "the query is empty"),
        ("N" * 10_000, "10000 characters long; the limit is 200"),
        ("NI\x07KE", "control character (U+0007 at position 3)"),
        ("🙂🙂🙂", "has no letters or digits"),
    ],
)
def test_bad_query_text(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        SearchQuery.parse(text)
    assert message in err.value.message
    assert err.value.hint


@pytest.mark.parametrize("value", [0, 46, "abc", "-3"])
def test_bad_class(value: object) -> None:
    with pytest.raises(InputError, match="is not a Nice class"):
        SearchQuery.parse("NIKE", classes=[value])


def test_offices() -> None:
    assert parse_offices(["us", "EU,cn", "WO"]) == ("US", "EM", "CN", "WO")
    assert {"EM", "WO", "BX", "OA", "AP", "EA", "GC", "US", "CN"} <= OFFICES
    with pytest.raises(InputError, match="unknown office code 'XX'"):
        parse_offices(["XX"])


def test_mixed_script_query_is_fine() -> None:
    query = SearchQuery.parse("耐克 NIKE 2024", classes=["25", "class 18"], offices=["US"], statuses=["live"])
    assert query.classes == (25, 18)
    assert query.statuses is not None and len(query.statuses) == 4


def test_unknown_status_and_limit() -> None:
    with pytest.raises(InputError, match="unknown status"):
        SearchQuery.parse("NIKE", statuses=["alive"])
    with pytest.raises(InputError, match="limit 0 is out of range"):
        SearchQuery.parse("NIKE", limit=0)


def _relation(a: int, b: int) -> str:  # a tiny local stand-in for the Nice relation table
    return "related" if {a, b} == {18, 25} else "unrelated"


def test_identical_mark_unrelated_goods_is_lower_risk_and_says_so() -> None:
    match = compare(prepare("COACH"), prepare("COACH"))
    relation, why = goods_relation([41], [18], _relation)
    result = assess(match, relation, why)
    assert relation == "unrelated" and result.risk is not RiskTier.HIGH
    assert any("unrelated" in r and "lowers the risk" in r for r in result.reasons)
    same = assess(match, *goods_relation([18], [18], _relation))
    assert same.risk is RiskTier.HIGH and same.score > result.score
    related = assess(match, *goods_relation([25], [18], _relation))
    assert related.relation == "related" and "related classes (25~18)" in related.reasons[-1]


def test_meaning_alone_is_at_most_medium_by_default() -> None:
    match = compare(prepare("苹果"), prepare("APPLE"))
    result = assess(match, *goods_relation([9], [9], _relation))
    assert result.risk is RiskTier.MEDIUM
    assert "meaning" in default_policy().needs_corroboration


def test_policy_from_file_changes_tiers(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml").read_text()
    strict = tmp_path / "strict.yaml"
    strict.write_text(text.replace("same: {high: 0.80, medium: 0.62}", "same: {high: 0.99, medium: 0.9}"))
    policy = RiskPolicy.from_file(strict)
    match = compare(prepare("NIKEE"), prepare("NIKE"), policy)
    assert assess(match, "same", "goods: same class 25", policy).risk is not RiskTier.HIGH
    bad = tmp_path / "bad.yaml"
    bad.write_text("tiers: {}\n")
    with pytest.raises(InputError, match="risk policy"):
        RiskPolicy.from_file(bad)


def test_related_classes_on_editorial_judgement_or_needing_something_more_are_loose() -> None:
    from ipwarden.similarity.services import _default_relation

    relation = _default_relation(default_policy())
    assert relation(25, 18) == "related"  # USPTO coordinated classes
    assert relation(32, 33) == "related"  # In re Chatam: beer and tequila
    assert relation(7, 12) == "loosely_related"  # editorial: engines and vehicles
    assert relation(30, 43) == "loosely_related"  # In re Coors: "something more" than food and restaurant
    assert relation(12, 25) == "unrelated" and relation(9, 9) == "same"


def test_identical_mark_in_loosely_related_classes_is_medium_and_says_why() -> None:
    from ipwarden.similarity.services import _default_relation

    relation = _default_relation(default_policy())
    match = compare(prepare("MERCURY"), prepare("MERCURY"))
    loose = assess(match, *goods_relation([7], [12], relation))
    assert loose.relation == "loosely_related" and loose.risk is RiskTier.MEDIUM
    assert "7~12" in loose.reasons[-1] and "medium at most" in loose.reasons[-1]
    related = assess(match, *goods_relation([18], [25], relation))
    assert related.risk is RiskTier.HIGH and related.score == loose.score  # ranked alike, tiered apart
    # a related pair on an authority wins over a loose pair between other classes of the same marks
    assert goods_relation([7, 18], [12, 25], relation)[0] == "related"


def test_policy_without_related_for_high_keeps_every_relation_strong(tmp_path: Path) -> None:
    from ipwarden.similarity.services import _default_relation

    text = (Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml").read_text()
    old = tmp_path / "old.yaml"
    old.write_text(
        text.split("\nrelated_for_high:")[0].replace("  loosely_related: {high: 1.01, medium: 0.70}\n", "")
    )
    policy = RiskPolicy.from_file(old)
    assert policy.tiers["loosely_related"] == policy.tiers["related"]
    assert _default_relation(policy)(7, 12) == "related"
    match = compare(prepare("MERCURY"), prepare("MERCURY"), policy)
    assert assess(match, *goods_relation([7], [12], _default_relation(policy)), policy).risk is RiskTier.HIGH
