"""Geographical indications: the name or an evocation on goods from elsewhere counts; goods from the origin
(shown by the origin field or by words outside the name) do not."""

from __future__ import annotations

import pytest

from ipwarden.screening.cues import CueMatcher, GiMatcher, fold
from ipwarden.screening.lexicon import CueKind, load_lexicon


@pytest.fixture(scope="module")
def gis() -> GiMatcher:
    lexicon = load_lexicon()
    return GiMatcher(lexicon.gis, 40, lexicon.evocations)


def _hits(gis: GiMatcher, text: str, category: str, origin: str | None, market: str = "CN") -> list[str]:
    """GI names that count against the listing (not from the origin, or evoked)."""
    goods = frozenset(fold(f"{category} {text}").split())
    found = gis.find(fold(text), goods_words=goods, origin=origin, market=market)
    return [h.gi.name for h in found if h.guard is None and (h.evocation or not h.from_origin)]


@pytest.mark.parametrize(
    ("title", "category", "origin", "name"),
    [
        # the place in the name is not a statement of origin (EU PGI Aceto Balsamico di Modena; CN GI 盘锦大米)
        ("Aceto Balsamico di Modena уксус 500мл", "vinegar", "RU", "Aceto Balsamico di Modena"),
        ("盘锦大米 大米 5kg", "rice", "CN/Hebei", "盘锦大米"),
        ("Prosciutto di Parma sliced ham", "ham", "US", "Prosciutto di Parma"),
        ("Napa Valley Cabernet red wine", "wine", "AR", "Napa Valley"),
        ("绍兴酒 黄酒 500ml", "rice wine", "CN/Shandong", "绍兴酒"),
    ],
)
def test_name_of_the_place_is_not_an_origin(
    gis: GiMatcher, title: str, category: str, origin: str, name: str
) -> None:
    assert name in _hits(gis, title, category, origin)


@pytest.mark.parametrize(
    ("title", "category", "origin"),
    [
        ("Prosciutto di Parma DOP, 18 months, sliced 100g", "ham", "IT/Parma"),
        ("盘锦大米 新米 5kg", "rice", "CN/Liaoning/Panjin"),
        ("绍兴酒 花雕 五年陈 500ml", "rice wine", "CN/Zhejiang/Shaoxing"),
        ("Champagne Brut Réserve AOC 75cl", "wine", "FR/Champagne"),
    ],
)
def test_goods_from_the_origin_are_not_flagged(
    gis: GiMatcher, title: str, category: str, origin: str
) -> None:
    assert _hits(gis, title, category, origin) == []


def test_origin_words_outside_the_name_still_count_without_an_origin_field(gis: GiMatcher) -> None:
    assert _hits(gis, "盘锦大米 辽宁盘锦 产地直发 5kg", "rice", None) == []
    assert _hits(gis, "Prosciutto di Parma, product of Italy", "ham", None, "US") == []


def test_a_stated_other_origin_overrides_origin_words_in_the_text(gis: GiMatcher) -> None:
    # the origin field names another country: "Italian recipe" in the title does not make it Italian
    assert "Aceto Balsamico di Modena" in _hits(
        gis, "Aceto Balsamico di Modena, italian recipe", "vinegar", "US", "US"
    )
    # same country, another region
    assert "盘锦大米" in _hits(gis, "盘锦大米 辽宁 5kg", "rice", "CN/Hebei")


@pytest.mark.parametrize(
    ("title", "category", "name"),
    [
        # evocation wordings of EU Reg. 2024/1143 Art. 26 ("style", "type", "method", "imitation", "flavour")
        ("vino espumoso estilo de Champagne", "wine", "Champagne"),
        ("vinho espumante tipo Champanhe", "wine", "Champagne"),
        ("игристое вино в стиле шампанского", "wine", "Champagne"),
        ("香槟类起泡酒", "wine", "Champagne"),
        ("샴페인풍 스파클링 와인", "wine", "Champagne"),
        ("bebida sabor a Tequila", "spirits", "Tequila"),
        ("sparkling wine, Champagne method", "wine", "Champagne"),
        ("Sekt nach Art Champagner", "wine", "Champagne"),
    ],
)
def test_evocations_count_whatever_the_origin(gis: GiMatcher, title: str, category: str, name: str) -> None:
    goods = frozenset(fold(f"{category} {title}").split())
    found = gis.find(fold(title), goods_words=goods, origin="FR/Champagne", market="FR")
    assert [(h.gi.name, h.evocation) for h in found] == [(name, True)]


@pytest.mark.parametrize(
    ("title", "category", "name"),
    [
        ("Parmaschinken, 100 g geschnitten", "ham", "Prosciutto di Parma"),
        ("Jambon de Parme tranché", "ham", "Prosciutto di Parma"),
        ("бутылка текилы 0,7 л", "spirits", "Tequila"),
        ("шотландского виски 12 лет", "whisky", "Scotch Whisky"),
        ("ゴルゴンゾーラ チーズ 200g", "cheese", "Gorgonzola"),
        ("프로세코 스파클링 와인", "wine", "Prosecco"),
    ],
)
def test_names_in_other_languages_and_case_forms(
    gis: GiMatcher, title: str, category: str, name: str
) -> None:
    assert name in _hits(gis, title, category, "US", "US")


def test_ordinary_words_near_a_genuine_gi_are_not_evocations(gis: GiMatcher) -> None:
    assert _hits(gis, "Champagne Brut AOC, méthode traditionnelle", "wine", "FR/Champagne", "FR") == []
    assert _hits(gis, "西湖龙井 味道醇厚 250g", "tea", "CN/Zhejiang/Hangzhou West Lake") == []
    assert _hits(gis, "Tequila 100% agave, sabor suave", "spirits", "MX/Jalisco", "MX") == []


def test_a_gi_evocation_is_not_also_a_counterfeit_cue() -> None:
    """ "imitation Champagne" is the GI's evocation (reported by the GI signal); "imitation Rolex" stays a
    counterfeit cue. The guard is derived at load time for cue words that are also evocation words."""
    lexicon = load_lexicon()
    cues = CueMatcher(lexicon.of_kind(CueKind.COUNTERFEIT), 40)

    def live(text: str) -> list[str]:
        return [h.cue.term for h in cues.find(fold(text)) if h.guard is None]

    assert live("imitation Champagne red wine") == []
    assert live("vinho tinto imitação de Champanhe") == []
    assert live("우조 스타일 증류주") == []
    assert "imitation" in live("montre imitation Rolex Submariner")
    assert "스타일" in live("샤넬 스타일 트위드 자켓")


def test_the_gi_evocation_guard_is_the_same_whatever_the_order_of_the_gis() -> None:
    """The guard is quoted in reasons, so its text must not depend on set or file order."""
    from ipwarden.screening.lexicon import Cue, CueKind, GeoIndication, with_gi_evocation_guards

    cue = Cue("imitation", "en", CueKind.COUNTERFEIT, r"(?<!\w)imitation(?!\w)")
    gis = [
        GeoIndication("Cava", "wine", "ES", ("EU",), "EU register", aliases=("Kava",)),
        GeoIndication("Feta", "cheese", "GR", ("EU",), "EU register", aliases=("Fêta",)),
        GeoIndication("Champagne", "wine", "FR/Champagne", ("EU",), "EU register"),
    ]
    guards = {
        with_gi_evocation_guards([cue], order, ["imitation"])[0].guards[-1] for order in (gis, gis[::-1])
    }
    assert len(guards) == 1
    (guard,) = guards
    assert guard.index("champagne") < guard.index("cava") < guard.index("feta") < guard.index("kava")


def test_a_guarded_cue_names_the_innocent_context_it_is_in() -> None:
    from ipwarden.screening.cues import CueMatcher
    from ipwarden.screening.lexicon import Cue, CueKind

    cue = Cue("1:1", "en", CueKind.COUNTERFEIT, r"1\s*:\s*1(?!\d)", guards=(r"scale\s*1\s*:\s*\d+",))
    (hit,) = CueMatcher([cue]).find("die-cast car 1:1 replica, scale 1:100 model")
    assert hit.guard == "scale 1:100"  # the words a reviewer can check, not the guard's pattern
