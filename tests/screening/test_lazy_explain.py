"""Per-listing shortcuts in explaining mark hits give the answers of the long way: the brand-context test
worked out once per listing, and mark reason texts written only for the mentions that are kept."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.screening import matcher as matcher_module
from ipwarden.screening.marks import MarkReasons
from ipwarden.screening.matcher import MarkMatcher
from ipwarden.screening.models import Listing, Reason
from ipwarden.screening.services import Screener

_WORDS = st.sampled_from(
    [
        "apple",
        "Apple",
        "APPLE",
        "aple",
        "iphone",
        "IPHONE",
        "iphonee",
        "IPHONEE",
        "Nike",
        "NIKE",
        "nike",
        "adidass",
        "fresh",
        "pie",
        "PIE",
        "original",
        "Brand",
        "正品",
        "apple™",
        "®",
        "charger",
        "42",
        "XL",
        "case",
        "for",
    ]
)


@pytest.fixture(scope="module")
def matcher(store: InMemoryRightsStore) -> MarkMatcher:
    return MarkMatcher.build(store.iter_rights(), store.list_families())


@pytest.mark.parametrize(
    ("text", "maybe"),
    [
        ("fresh apple pie", False),
        ("FRESH APPLE PIE", False),  # all capitals: no word stands out
        ("Genuine APPLE charger", True),
        ("fresh apple™ pie", True),
        ("original apple charger", True),
        ("apple 正品", True),
    ],
)
def test_brand_context_of_a_plain_listing(text: str, maybe: bool) -> None:
    words = text.split()
    tokens = tuple(w.casefold().rstrip("™") for w in words)
    assert matcher_module._plain_brand_context(text, words, tokens) is maybe


@given(words=st.lists(_WORDS, min_size=1, max_size=8))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_brand_context_shortcut_changes_no_hit(matcher: MarkMatcher, words: list[str]) -> None:
    text = " ".join(words)
    for classes in (None, frozenset({25}), frozenset({9}), frozenset({1})):
        for brand_field in (False, True):
            quick = matcher.find(text, brand_field=brand_field, classes=classes)
            with mock.patch.object(matcher_module, "_plain_brand_context", lambda *_: True):
                slow = matcher.find(text, brand_field=brand_field, classes=classes)
            assert quick == slow


def _eager_reasons(screener: Screener, listing: Listing) -> list[Reason]:
    """Every mention explained in full, then the strongest per owner (no authorisation or referential
    use in these listings): what ``MarkReasons.reasons`` gave before it wrote only the kept texts."""
    explain: MarkReasons = screener._mark_reasons
    best: dict[str, Reason] = {}
    classes = frozenset({9})
    for hit in screener.matcher.find(listing.title, classes=classes):
        right, relevant, tail = explain._choice(hit, listing.market, classes)
        if hit.common and not (hit.brand_context or relevant):
            continue
        weight = explain._mark_weight(hit.how, relevant, "title")
        reason = explain._mark_reason(hit, right, tail, "title", weight)
        key = screener._owner_key.get(reason.right_id or "", hit.mark)
        if key not in best or reason.weight > best[key].weight:
            best[key] = reason
    ordered = sorted(best.values(), key=lambda r: (-r.weight, r.signal, r.evidence or ""))
    return ordered[:5]


@given(words=st.lists(_WORDS.filter(lambda w: w not in ("case", "for")), min_size=1, max_size=8))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_lazy_mark_reasons_equal_eager_ones(screener: Screener, words: list[str]) -> None:
    listing = Listing(id="L-1", title=" ".join(words), category="electronics", market="US")
    got = [r for r in screener.screen(listing).reasons if r.signal.startswith("mark.")]
    assert got == _eager_reasons(screener, listing)


def test_one_reason_text_per_owner(screener: Screener) -> None:
    listing = Listing(id="L-1", title="APPLE IPHONE iphonee charger", category="electronics", market="US")
    calls: list[str] = []
    original = MarkReasons._mark_reason

    def counting(self: MarkReasons, *args: object) -> Reason:
        calls.append("x")
        return original(self, *args)  # type: ignore[arg-type]

    with mock.patch.object(MarkReasons, "_mark_reason", counting):
        result = screener.screen(listing)
    (reason,) = [r for r in result.reasons if r.signal.startswith("mark.")]
    assert reason.owner == "Apple Inc." and reason.signal == "mark.exact"
    assert len(calls) == 1  # three mentions of one owner's marks, one reason written
