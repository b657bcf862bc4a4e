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
