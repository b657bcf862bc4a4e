"""Explained hits are reused across listings: one-word hits per matcher (by the word as written, mark
group and kind of key) and mark reasons per screener (by group and kind of match, for one market, class
set and field). A reused answer must be the one worked out afresh, the caches must stay bounded, and
new data must not see old answers."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind, Status
from ipwarden.screening import marks as marks_module
from ipwarden.screening import matcher as matcher_module
from ipwarden.screening.matcher import MarkMatcher
from ipwarden.screening.models import Listing
from ipwarden.screening.services import Screener, ScreeningContext

_WORDS = st.sampled_from(
    ["apple", "Apple", "APPLE", "aple", "iphone", "IPHONE", "iphonee", "Nike", "NIKE", "nike", "adidass",
     "a-d-i-d-a-s", "N.I.K.E", "louis", "vuitton", "LouisVuitton", "耐克", "naike", "fresh", "pie",
     "original", "Brand", "正品", "apple™", "charger", "XL", "case", "for", "shoes"]
)  # fmt: skip
_CLASSES = (None, frozenset({25}), frozenset({9}), frozenset({1}))


@pytest.fixture
def matcher(store: InMemoryRightsStore) -> MarkMatcher:
    return MarkMatcher.build(store.iter_rights(), store.list_families())


@given(texts=st.lists(st.lists(_WORDS, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=6))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cached_word_hits_equal_fresh_ones(matcher: MarkMatcher, texts: list[str]) -> None:
    for text in texts:  # the later texts find words explained by the earlier ones
        for classes in _CLASSES:
            for brand_field in (False, True):
                warm = matcher.find(text, brand_field=brand_field, classes=classes)
                matcher._word_hits.clear()
                cold = matcher.find(text, brand_field=brand_field, classes=classes)
                assert warm == cold
                # trailing spaces send the text the long way (no per-word shortcut), same offsets
                assert warm == matcher.find(text + "  ", brand_field=brand_field, classes=classes)


def test_word_hit_is_reused(matcher: MarkMatcher) -> None:
    first = matcher.find("fresh Apple charger", classes=frozenset({9}))
    assert ("Apple", matcher._by_norm["apple"], 0) in matcher._word_hits
    with mock.patch.object(MarkMatcher, "_word_hit", side_effect=AssertionError("explained again")):
        again = matcher.find("Apple charger for sale", classes=frozenset({9}))
    assert [(h.how, h.text, h.rights) for h in again] == [(h.how, h.text, h.rights) for h in first]
    assert again[0].span == (0, 5) and first[0].span == (6, 11)


def test_word_hits_stay_bounded(matcher: MarkMatcher) -> None:
    with mock.patch.object(matcher_module, "_WORD_HITS_LIMIT", 2):
        for text in ("apple", "Apple", "APPLE", "nike", "Nike", "NIKE iphone adidas"):
            matcher.find(text, classes=None)
            assert len(matcher._word_hits) <= 2
        assert [h.text for h in matcher.find("APPLE nike", classes=None)] == ["APPLE", "nike"]


def test_new_rights_are_not_answered_from_the_cache(matcher: MarkMatcher) -> None:
    (before,) = matcher.find("Apple shoes", brand_field=True)
    assert [ref.id for ref in before.rights] == ["US-APPLE"]
    acme = Right(
        id="US-ACME",
        kind=RightKind.TRADEMARK,
        office="US",
        mark_text="APPLE",
        mark_type=MarkType.WORD,
        owner=Party("Acme Ltd"),
        status=Status.REGISTERED,
        goods_services=(GoodsServices(25),),
    )
    assert matcher.add_right(acme)
    matcher.finish()
    (after,) = matcher.find("Apple shoes", brand_field=True)
    assert [ref.id for ref in after.rights] == ["US-APPLE", "US-ACME"]


@given(words=st.lists(_WORDS, min_size=1, max_size=8))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_cached_mark_reasons_equal_fresh_ones(screener: Screener, words: list[str]) -> None:
    explain = screener._mark_reasons
    for category, market in (("electronics", "US"), ("shoes", "CN"), (None, None)):
        listing = Listing(id="L-1", title=" ".join(words), brand=words[0], category=category, market=market)
        warm = screener.screen(listing)
        explain._explained.clear()
        explain._choices.clear()
        cold = screener.screen(listing)
        assert warm == cold


def test_mark_reasons_stay_bounded(screener: Screener) -> None:
    explain = screener._mark_reasons
    with mock.patch.object(marks_module, "_CACHE_LIMIT", 2):
        explain._explained.clear()
        explain._explained_size = 0
        for market in ("US", "CN", "EM", "WO", "JP"):
            result = screener.screen(Listing(id="L", title="NIKE IPHONE shoes", market=market))
            assert {r.signal for r in result.reasons} >= {"mark.exact"}
            assert sum(map(len, explain._explained.values())) <= 2


def test_a_new_screener_starts_with_empty_caches(
    store: InMemoryRightsStore, context: ScreeningContext, screener: Screener
) -> None:
    screener.screen(Listing(id="L", title="NIKE shoes", market="US"))
    assert screener._mark_reasons._explained
    fresh = Screener.from_store(store, context=context)
    assert not fresh._mark_reasons._explained and not fresh.matcher._word_hits
