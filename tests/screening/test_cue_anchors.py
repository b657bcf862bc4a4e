"""Cue prefilters never drop a hit: anchors found by parsing each regex (one literal of each set must
occur) and the rule that a cue needing CJK, kana or Hangul is not run on ASCII text give the hits of
running every cue's regex on every text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipwarden.screening.anchors import anchors_of, needs_wide
from ipwarden.screening.cues import CueMatcher, fold
from ipwarden.screening.lexicon import CueKind, load_lexicon

_LISTINGS = Path(__file__).resolve().parents[2] / "eval" / "screening" / "listings.jsonl"


def _pair(kind: CueKind) -> tuple[CueMatcher, CueMatcher]:
    cues = load_lexicon().of_kind(kind)
    quick, every = CueMatcher(cues), CueMatcher(cues)
    every._always = list(range(len(every)))  # the long way: every regex on every text
    every._has_anchors = False
    every._wide = set()
    return quick, every


@pytest.fixture(scope="module")
def matchers() -> list[tuple[CueMatcher, CueMatcher]]:
    return [_pair(kind) for kind in (CueKind.COUNTERFEIT, CueKind.REFERENTIAL, CueKind.FEEDBACK)]


def test_anchor_sets_of_a_pattern() -> None:
    assert {"qualité", "qualite"} in (anchors_of(r"(?<!\w)qualit[ée]\s+(?:miroir|1\s*:\s*1)(?!\w)") or [])
    both = anchors_of(r"(?<!\w)(?:same|identical)\s+(?:as|to)\s+(?:original|genuine)(?!\w)") or []
    assert {"original", "genuine"} in both and {"same", "identical"} in both
    assert {"as", "to"} not in both  # too short to rule anything out
    assert anchors_of(r"\w+") is None


@pytest.mark.parametrize(
    ("pattern", "wide"),
    [
        (r"미러급|정품급|(?<=[가-힣])\s?st(?![a-z])", True),
        (r"[가-힣]+급", True),
        (r"高仿|replica", False),
        (r"replica", False),
        (r"(?<![가-힣])st", False),
        (r"[^a-z]급", True),
        (r"[^가-힣]", False),
    ],
)
def test_needs_wide(pattern: str, wide: bool) -> None:
    assert needs_wide(pattern) is wide


def _same(matchers: list[tuple[CueMatcher, CueMatcher]], text: str) -> None:
    folded = fold(text)
    for quick, every in matchers:
        assert quick.find(folded) == every.find(folded), text


def test_tuning_listings_give_the_same_hits(matchers: list[tuple[CueMatcher, CueMatcher]]) -> None:
    rows = [json.loads(line) for line in _LISTINGS.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        if row.get("split") == "tune":
            for name in ("title", "description", "brand"):
                if row.get(name):
                    _same(matchers, row[name])


_VOCABULARY = (
    "replica same as original identical to genuine qualité qualite quality miroir 1:1 aaa ааа 미러급 "
    "st S급 a급 가방 case for iPhone compatible with kompatibel mit hülle hulle für gläser fake "
    "高仿 一比一 1比1 对应 適合 호환 케이스 calidad espejo primeira linha r.e.p.l.i.c.a r3plica 4 x"
)
_PIECES = st.sampled_from(_VOCABULARY.split())


@given(st.lists(_PIECES, max_size=10), st.sampled_from([" ", "", "  ", "-"]))
@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_generated_texts_give_the_same_hits(
    matchers: list[tuple[CueMatcher, CueMatcher]], pieces: list[str], gap: str
) -> None:
    _same(matchers, gap.join(pieces))


def test_gi_names_searched_in_ascii_text_only_when_one_is_ascii() -> None:
    from ipwarden.screening.cues import GiMatcher
    from ipwarden.screening.lexicon import GeoIndication

    lexicon = load_lexicon()
    assert not GiMatcher(lexicon.gis)._ascii_names  # the registry's such names are CJK: ASCII text skips them
    # a name that NFKC changes (² -> 2) is kept with the CJK names, under an ASCII key: searched again
    odd = GeoIndication("Testvale²", "wine", "Testvale", ("US",), "test", categories=("wine",))
    assert GiMatcher([odd])._ascii_names
    assert GiMatcher(lexicon.gis).find(fold("香槟 酒"), goods_words=frozenset(), origin=None, market="CN")
