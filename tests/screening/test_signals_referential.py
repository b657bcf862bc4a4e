"""Referential use: a mark that only says what an accessory fits is explained, not scored as a claim."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ipwarden.screening.models import Family, ScreeningResult

Screen = Callable[..., ScreeningResult]


@pytest.mark.parametrize(
    "title",
    [
        "Compatible iPhone 15 case, clear",
        "Clear case slim for iPhone 15",
        "Ear tips for Apple AirPods Pro, replacement",
        "funda transparente para iPhone 15",
        "case transparente para iPhone 15",
        "coque silicone transparente pour iPhone 15",
        "Hülle transparent für iPhone 15",
        "чехол силиконовый прозрачный для iPhone 15",
        "iPhone 15用 ガラスフィルム",
        "iPhone 15 专用钢化膜",
        "iPhone 15 전용 강화유리",
        "ốp lưng trong suốt cho iPhone 15",
    ],
)
def test_accessory_wording_in_ten_languages_is_referential(screen: Screen, title: str) -> None:
    result = screen(title=title, category="phone accessories", market="US")
    assert Family.REFERENTIAL in result.families, [r.signal for r in result.reasons]
    assert not result.flagged


@pytest.mark.parametrize(
    "title",
    [
        "Nike running shoes for men, replica",
        "zapatillas para hombre Nike réplica",
        "Nike Schuhe für Herren Replika",
        "кроссовки Nike для бега реплика",
    ],
)
def test_goods_for_people_are_not_referential(screen: Screen, title: str) -> None:
    result = screen(title=title, category="shoes", market="US")
    assert Family.REFERENTIAL not in result.families
    assert result.flagged


@pytest.mark.parametrize("title", ["耐克 运动鞋 男女通用 高仿", "耐克 跑鞋 适用于跑步 高仿"])
def test_who_the_goods_are_for_is_not_referential(screen: Screen, title: str) -> None:
    # 男女通用 (unisex) and 适用于跑步 (for running) describe the goods, not what they fit
    result = screen(title=title, category="shoes", market="CN")
    assert Family.REFERENTIAL not in result.families
    assert Family.MARK in result.families and result.flagged
