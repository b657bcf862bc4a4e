"""The screener's shortcuts give the answers of the long way: word spans without a full token view, the
quick tests in front of the respelling patterns, and the GI and cue prefilters."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.screening import cues
from ipwarden.screening import matcher as matcher_module
from ipwarden.screening.cues import CueMatcher, GiMatcher, fold, plain_spelling
from ipwarden.screening.lexicon import CueKind, load_lexicon
from ipwarden.screening.matcher import MarkHit, MarkMatcher
from ipwarden.screening.text import build_view, fast_joined, joined_words, plain_words

# the patterns as first written (a leading lookbehind): the faster forms must match exactly the same
_APART_AS_WRITTEN = re.compile(r"(?<![^\W_])(?:[^\W\d_][.\-*_·•+ ]){2,}[^\W\d_](?![^\W_])")
_DIGIT_AS_WRITTEN = re.compile(r"(?<=[^\W\d_])[013457@$](?=[^\W\d_])")
_ALPHABET = "abceilprEPLI高仿é0134579@$.-*_·•+ \t"


@given(st.text(alphabet=_ALPHABET, max_size=16))
@settings(max_examples=400)
def test_respelling_patterns_match_as_written(text: str) -> None:
    assert [m.span() for m in cues._SPELLED_APART.finditer(text)] == [
        m.span() for m in _APART_AS_WRITTEN.finditer(text)
    ]
    assert [m.span() for m in cues._DIGIT_IN_WORD.finditer(text)] == [
        m.span() for m in _DIGIT_AS_WRITTEN.finditer(text)
    ]
    for position in range(len(text)):
        assert bool(cues._DIGIT_IN_WORD.match(text, position)) == bool(
            _DIGIT_AS_WRITTEN.match(text, position)
        )
    if _APART_AS_WRITTEN.search(text):
        assert cues._APART_PART.search(text), "the quick test must never rule out a real match"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("r.e.p.l.i.c.a bag", "replica bag"),
        ("r e p l i c a watch", "replica watch"),
        ("r3plica shoes", "replica shoes"),
        ("best price 2024 size 42", None),
    ],
)
def test_plain_spelling_after_the_quick_test(text: str, plain: str | None) -> None:
    found = plain_spelling(fold(text))
    assert (found[0] if found else None) == plain


def test_aaa_grade_cue_has_an_anchor_and_still_matches() -> None:
    lexicon = load_lexicon()
    matcher = CueMatcher(lexicon.of_kind(CueKind.COUNTERFEIT))
    assert not any(matcher._compiled[i].cue.term == "AAA grade" for i in matcher._always)
    assert any(h.cue.term == "AAA grade" for h in matcher.find(fold("Nike shoes AAA+ quality")))
    assert any(h.cue.term == "AAA grade" for h in matcher.find(fold("сумка ааа качество")))
    assert not any(h.cue.term == "AAA grade" for h in matcher.find(fold("bazaar shoes")))


def test_referential_matcher_skips_respellings() -> None:
    lexicon = load_lexicon()
    referential = CueMatcher(lexicon.of_kind(CueKind.REFERENTIAL))
    text = fold("c.a.s.e for iPhone")
    # letters spelled apart are read for counterfeit and feedback cues only, never as "case for"
    assert all(h.span[0] >= text.index("for") for h in referential.find(text))
    assert referential.find(fold("case for iPhone 15"))


@pytest.fixture(scope="module")
def gis() -> GiMatcher:
    lexicon = load_lexicon()
    return GiMatcher(lexicon.gis, 40, lexicon.evocations)


def test_gi_name_inside_a_word_is_not_a_candidate(gis: GiMatcher) -> None:
    calls: list[int] = []

    def goods() -> frozenset[str]:
        calls.append(1)
        return frozenset({"wine"})

    assert gis.find(fold("sport shoes support import"), goods_words=goods, origin=None, market="US") == []
    assert calls == [], "the goods words are worked out only when a GI name occurs"
    found = gis.find(fold("Port wine 10 years"), goods_words=goods, origin=None, market="US")
    assert [h.gi.name for h in found] == ["Porto"]
    assert calls == [1]
    assert gis.find(fold("香槟 酒"), goods_words=frozenset(), origin=None, market="CN")


@pytest.fixture
def matcher(store: InMemoryRightsStore) -> MarkMatcher:
    return MarkMatcher.build(store.iter_rights(), store.list_families())


_WORDS = st.sampled_from(
    [
        "Nike",
        "NIKE",
        "nike",
        "Air",
        "max",
        "耐克",
        "N-I-K-E",
        "N",
        "I",
        "K",
        "E",
        "adidass",
        "Louis",
        "Vuitton",
        "brand",
        "original",
        "shoes",
        "42",
        "™",
        "-",
        "LouisVuitton",
        "naike",
        "ΝΙΚΕ",
        "for",
    ]
)


@given(words=st.lists(_WORDS, max_size=9), gaps=st.lists(st.sampled_from(["\t", "\n", "\u3000"]), max_size=9))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_spans_without_a_view_equal_spans_with_one(
    matcher: MarkMatcher, words: list[str], gaps: list[str]
) -> None:
    single = " ".join(words)
    # one other white-space character between words: the same tokens, but not the single-space shortcut
    spaced = "".join(w + (gaps[i] if i < len(gaps) else "\t") for i, w in enumerate(words)).strip()
    for text in (single, spaced):
        assert fast_joined(text) == build_view(text).joined
        split = text.split()
        assert joined_words(split) == build_view(text).joined
        pairs = plain_words(text, split)
        if pairs is not None:
            view = build_view(text)
            assert [p[0] for p in pairs] == list(view.tokens)
            assert [p[1] for p in pairs] == list(view.keys)

    # the same words give the same mentions either way, each at its own place in its text
    def mentions(text: str) -> list[tuple[str, str, str]]:
        found = matcher.find(text, classes=frozenset({25}))
        return sorted((h.how, " ".join(h.text.split()), h.mark, h.brand_context) for h in found)

    assert mentions(single) == mentions(spaced)
    for text in (single, spaced):
        for hit in matcher.find(text, classes=frozenset({25})):
            assert text[hit.span[0] : hit.span[1]] == hit.text


@given(st.text(alphabet="aé1_ -.·*\t\u3000x", max_size=9))
@settings(max_examples=400)
def test_spaced_letters_quick_test_never_changes_the_answer(text: str) -> None:
    assert matcher_module._spaced_letters(text) is bool(matcher_module._SPACED.match(text))


@given(
    words=st.lists(
        st.sampled_from(
            ["adidass", "addidas", "iphonee", "aple", "Nike", "ADIDASS", "apple", "shoes", "case"]
        ),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_misspellings_with_every_word_judged_before_equal_the_long_way(
    matcher: MarkMatcher, words: list[str]
) -> None:
    """Words judged in earlier listings take the short way (a listing with none that may misspell a mark
    skips the per-word loop); mark hits are built as plain tuples of the named tuple's type."""
    text = " ".join(words)
    for classes in (None, frozenset({25}), frozenset({9})):
        for brand_field in (False, True):
            matcher._token_fuzzy.clear()  # every word unjudged: the long way
            matcher._fuzzy_live.clear()
            long_way = matcher.find(text, brand_field=brand_field, classes=classes)
            short_way = matcher.find(text, brand_field=brand_field, classes=classes)
            assert short_way == long_way
            assert all(type(hit) is MarkHit and hit.group >= 0 for hit in short_way)
    assert any(h.how == "misspelled" for h in matcher.find(text, brand_field=True)) or not (
        {"adidass", "addidas", "ADIDASS"} & set(words)
    )
