"""The mark matcher finds disguised mentions on token boundaries and respects the common-word guard."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind, Status
from ipwarden.screening.matcher import MarkMatcher


@pytest.fixture
def matcher(store: InMemoryRightsStore) -> MarkMatcher:
    return MarkMatcher.build(store.iter_rights(), store.list_families())


@pytest.mark.parametrize(
    ("text", "how", "written", "right"),
    [
        ("Nike Air Max 90", "exact", "Nike", "US-NIKE"),
        ("brand new N-I-K-E air max", "spaced", "N-I-K-E", "US-NIKE"),
        ("N I K E running shoes", "spaced", "N I K E", "US-NIKE"),
        ("n1ke sneakers", "lookalike", "n1ke", "US-NIKE"),
        ("NlKE sneakers", "lookalike", "NlKE", "US-NIKE"),
        ("ΝΙΚΕ (Greek letters)", "lookalike", "ΝΙΚΕ", "US-NIKE"),
        ("耐克运动鞋 正品", "chinese", "耐克", "CN-NAIKE"),
        ("naike yundongxie", "pinyin", "naike", "CN-NAIKE"),
        ("LouisVuitton speedy", "compact", "LouisVuitton", "US-LV"),
        ("louis vuitton speedy", "exact", "louis vuitton", "US-LV"),
        ("Addidas superstar", "misspelled", "Addidas", "US-ADIDAS"),
        ("adidass superstar", "misspelled", "adidass", "US-ADIDAS"),
        ("NIKE INC licensed", "alias", "NIKE INC", "US-NIKE"),
    ],
)
def test_finds_each_kind_of_mention(
    matcher: MarkMatcher, text: str, how: str, written: str, right: str
) -> None:
    hits = {(h.how, h.text): h for h in matcher.find(text)}
    assert (how, written) in hits, hits
    assert right in {r.id for r in hits[(how, written)].rights}
    start, end = hits[(how, written)].span
    assert text[start:end] == written


def test_token_boundaries_and_expired_rights(matcher: MarkMatcher) -> None:
    assert matcher.find("snike nikelab") == []
    assert matcher.find("zorblax shoes") == []  # the ZORBLAX right has expired
    assert matcher.find("nuke") == []  # 4-letter marks are not fuzzy-matched


def test_common_word_marks_are_flagged_as_common(matcher: MarkMatcher) -> None:
    (hit,) = matcher.find("fresh apple pie")
    assert hit.common and not hit.brand_context
    (caps,) = matcher.find("Genuine APPLE charger")
    assert caps.brand_context


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(st.sampled_from(["cheap", "new", "shoes", "2024", "men", "черный", "鞋"]), max_size=4),
    after=st.lists(st.sampled_from(["size", "42", "white", "bag", "送礼"]), max_size=4),
    mark=st.sampled_from(["NIKE", "Louis Vuitton", "adidas"]),
)
def test_mark_found_wherever_it_sits(
    store: InMemoryRightsStore, before: list[str], after: list[str], mark: str
) -> None:
    matcher = MarkMatcher.build(store.iter_rights(), store.list_families())
    text = " ".join([*before, mark, *after])
    hits = matcher.find(text)
    assert any(text[h.span[0] : h.span[1]].casefold() == mark.casefold() for h in hits), (text, hits)


def test_matcher_survives_pickling(matcher: MarkMatcher) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(matcher))
    assert [(h.how, h.text) for h in clone.find("N-I-K-E and 耐克")] == [
        (h.how, h.text) for h in matcher.find("N-I-K-E and 耐克")
    ]


def test_latin_mark_is_not_a_pinyin_disguise_of_its_chinese_twin() -> None:
    from ipwarden.registry.models import MarkType, Party, Right, RightKind, Status

    def mark(right_id: str, text: str) -> Right:
        return Right(
            id=right_id,
            kind=RightKind.TRADEMARK,
            office="CN",
            mark_text=text,
            mark_type=MarkType.WORD,
            owner=Party("Huawei Technologies Co., Ltd."),
            owner_family="huawei",
            status=Status.REGISTERED,
        )

    matcher = MarkMatcher.build([mark("CN-1", "HUAWEI"), mark("CN-2", "华为"), mark("CN-3", "星巴克")])
    found = [(h.how, h.text) for h in matcher.find("Huawei Mate 60 华为 xingbake")]
    assert found == [("exact", "Huawei"), ("chinese", "华为"), ("pinyin", "xingbake")]


def test_rights_added_after_finish_are_found(matcher: MarkMatcher) -> None:
    """finish() again after add_right: a mark's rights and classes are not answered from before."""
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
    assert [h.text for h in matcher.find("apple shoes", classes=frozenset({25}))] == ["apple"]
