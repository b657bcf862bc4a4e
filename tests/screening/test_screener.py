"""Each signal family fires with an explanation, and the innocent look-alikes of each do not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.errors import ScreeningConfigError
from ipwarden.screening.models import Decision, Family, ScreeningResult
from ipwarden.screening.services import Screener, ScreeningContext

Screen = Callable[..., ScreeningResult]


def signals(result: ScreeningResult) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for reason in result.reasons:
        out.setdefault(reason.signal, []).append(reason.evidence or "")
    return out


def test_exact_mark_alone_is_allowed_but_explained(screen: Screen) -> None:
    result = screen(title="Nike Air Max 90 white", category="shoes", market="US", price=119, currency="USD")
    assert result.decision is Decision.ALLOW
    (reason,) = result.reasons
    assert reason.signal == "mark.exact" and reason.right_id == "US-NIKE" and reason.owner == "Nike, Inc."
    assert reason.span == (0, 4) and reason.rule.startswith("rules/")


def test_mark_plus_counterfeit_cue_blocks(screen: Screen) -> None:
    result = screen(title="Nike Air Max 90 replica 1:1 mirror quality", category="shoes", market="US")
    assert result.decision is Decision.BLOCK
    assert {"mark.exact", "cue.counterfeit"} <= set(signals(result))
    assert all("+lex:" in r.rule for r in result.reasons if r.family is Family.COUNTERFEIT_CUE)


@pytest.mark.parametrize(
    "title",
    [
        "Scale 1:100 model kit of a Boeing 747",
        "AAA batteries 24 pack alkaline",
        "Real Madrid home replica jersey",
    ],
)
def test_guarded_cues_do_not_count(screen: Screen, title: str) -> None:
    result = screen(title=title, category="toys")
    assert result.decision is Decision.ALLOW
    assert all(r.weight == 0 for r in result.reasons)


@pytest.mark.parametrize(
    "title",
    ["高仿耐克运动鞋 原单", "Zapatillas réplica calidad espejo", "кроссовки реплика", "레플리카 가방"],
)
def test_cues_in_other_languages(screen: Screen, title: str) -> None:
    assert "cue.counterfeit" in signals(screen(title=title))


def test_disguised_mark_needs_review(screen: Screen) -> None:
    result = screen(title="N-I-K-E running shoes", category="shoes", market="US")
    assert result.decision is Decision.REVIEW
    assert signals(result) == {"mark.spaced": ["N-I-K-E"]}


def test_authorised_seller_gets_no_mark_signal(screen: Screen) -> None:
    result = screen(title="Nike Air Max 90", seller_id="S-NIKE-US", market="US", category="shoes", price=20)
    assert result.decision is Decision.ALLOW
    (reason,) = result.reasons
    assert reason.family is Family.AUTHORISATION and reason.weight == 0 and reason.evidence == "auth-1"
    # the same seller outside its territory, and an expired licence, are not covered
    outside = screen(title="Nike Air Max 90", seller_id="S-NIKE-US", market="DE", category="shoes")
    assert "mark.exact" in signals(outside)
    expired = screen(title="Nike Air Max 90", seller_id="S-OLD", market="US", category="shoes")
    assert "mark.exact" in signals(expired)


def test_referential_use_lowers_risk(screen: Screen) -> None:
    result = screen(
        title="Case for iPhone 15 Pro, compatible with Apple MagSafe", category="phone accessories"
    )
    assert result.decision is Decision.ALLOW
    assert {r.family for r in result.reasons} == {Family.REFERENTIAL}
    cn = screen(title="手机壳 适用于 iPhone 15", category="phone accessories")
    assert {r.family for r in cn.reasons} == {Family.REFERENTIAL}
    ja = screen(
        title="iPhone 15 対応 クリアケース", category="phone accessories"
    )  # the word follows the name
    assert {r.family for r in ja.reasons} == {Family.REFERENTIAL}
    fake = screen(title="iPhone 15 Pro 128GB replica", category="phones")
    assert Family.REFERENTIAL not in fake.families


def test_common_word_mark_needs_relevant_goods_or_brand_context(screen: Screen) -> None:
    assert screen(title="fresh apple pie, homemade", category="food").reasons == ()
    assert "mark.exact" in signals(screen(title="apple charger 20W", category="electronics"))
    assert "mark.exact" in signals(screen(title="Genuine APPLE sticker", category="home"))


def test_price_far_below_reference(screen: Screen) -> None:
    result = screen(title="Nike Air Max 90", category="shoes", market="US", price=25, currency="USD")
    (price,) = [r for r in result.reasons if r.family is Family.PRICE]
    assert price.signal == "price.below_reference" and "21%" in price.detail
    assert result.decision is Decision.REVIEW
    fair = screen(title="Nike Air Max 90", category="shoes", market="US", price=99, currency="USD")
    assert Family.PRICE not in fair.families


def test_price_far_below_category_median(screen: Screen) -> None:
    result = screen(title="adidas superstar", category="shoes", market="US", price=12, currency="USD")
    assert "price.below_category" in signals(result)
    other_currency = screen(title="adidas superstar", category="shoes", market="US", price=12, currency="EUR")
    assert Family.PRICE not in other_currency.families


def test_images_match_protected_logo_and_removed_listing(screen: Screen) -> None:
    result = screen(
        title="sports shoes", images=["listing/swoosh.jpg", "listing/monogram.jpg", "listing/other.png"]
    )
    found = signals(result)
    assert "image.protected" in found and "stay_down.image" in found
    protected = next(r for r in result.reasons if r.signal == "image.protected")
    assert protected.right_id == "US-NIKE" and protected.field == "images[0]"


def test_broken_image_is_an_error_record(screen: Screen) -> None:
    result = screen(title="sports shoes", images=["listing/broken.jpg"])
    assert result.decision is Decision.ERROR
    assert result.error is not None and "images[0]" in result.error["message"]
    missing = screen(title="sports shoes", images=["nowhere.png"])
    assert missing.decision is Decision.ERROR and "not found" in str(missing.error)


def test_stay_down_title(screen: Screen) -> None:
    result = screen(title="Louis Vuitton Neverfull MM monogram canvas tote bag, brown", category="bags")
    reason = next(r for r in result.reasons if r.signal == "stay_down.title")
    assert reason.right_id == "US-LV" and "R-1" in reason.detail
    assert result.decision is Decision.BLOCK


def test_gi_evocation_and_origin(screen: Screen) -> None:
    evoked = screen(title="Champagne-style sparkling wine from California", category="wine", market="FR")
    assert "gi.evocation" in signals(evoked)
    genuine = screen(title="Champagne brut 750ml", category="wine", market="FR", origin="FR/Champagne")
    assert Family.GI not in genuine.families
    colour = screen(title="champagne colour satin dress", category="clothing", market="FR")
    assert Family.GI not in colour.families
    tea = screen(title="西湖龙井 型 绿茶 250g", category="tea", market="CN")
    assert Family.GI in tea.families


def test_seller_signals(screen: Screen) -> None:
    assert "seller.new_account" in signals(screen(title="socks", seller_id="S-NEW"))
    struck = screen(title="socks", seller_id="S-STRUCK")
    assert next(r.weight for r in struck.reasons if r.signal == "seller.strikes") == pytest.approx(0.5)
    alias = screen(title="socks", seller_id="S-ALIAS")
    assert signals(alias)["seller.shared_identifier"] == ["S-GONE"]


def test_consumer_feedback(screen: Screen) -> None:
    result = screen(
        title="sneakers", stage="feedback", reviews=["arrived fast", "这是假货，不是正品", "não é original"]
    )
    feedback = [r for r in result.reasons if r.family is Family.FEEDBACK]
    assert [r.field for r in feedback] == ["reviews[1]", "reviews[2]"]
    assert result.decision is Decision.REVIEW
    # each reason names its review and quotes that review's own words, not the cue's headword
    assert (
        feedback[0].detail.startswith("buyer review 2 says")
        and f"{feedback[0].evidence!r}" in feedback[0].detail
    )
    assert feedback[1].detail.startswith("buyer review 3 says") and "original" in feedback[1].detail


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"price": "abc"}, "price"),
        ({"price": -5}, "price"),
        ({"title": 42}, "title"),
        ({"id": ""}, "id"),
        ({"stage": "launch"}, "stage"),
        ({"images": [1, 2]}, "images"),
        ({"market": "United States"}, "market"),
    ],
)
def test_bad_fields_give_error_records(screen: Screen, fields: dict[str, object], field: str) -> None:
    result = screen(**{"title": "Nike", **fields})
    assert result.decision is Decision.ERROR
    assert result.error is not None and result.error["field"] == field
    assert f"field '{field}'" in result.error["message"]


def test_huge_description_is_capped_and_said(screen: Screen) -> None:
    result = screen(title="plain socks", description="cotton " * 150_000 + " replica")
    assert result.decision is Decision.ALLOW  # the cue sits beyond the cap
    assert any("description capped at 20000 characters (was 1050008)" in n for n in result.notes)


def test_thresholds_come_from_configuration(
    store: InMemoryRightsStore, context: ScreeningContext, tmp_path: Path
) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("version: strict/1\nthresholds: {review: 0.2, block: 0.5}\n", encoding="utf-8")
    strict = Screener.from_store(store, config=ScreeningConfig.load(path), context=context)
    result = strict.screen_raw({"id": "x", "title": "Nike Air Max", "category": "shoes"})
    assert result.decision is Decision.REVIEW and result.reasons[0].rule == "strict/1/mark.exact"
    path.write_text("thresholds: {review: 0.9, block: 0.5}\n", encoding="utf-8")
    with pytest.raises(ScreeningConfigError, match="review <= block"):
        ScreeningConfig.load(path)
