"""Risk rules for weak earlier marks by their goods: descriptive words, common surnames, and retail services."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from ipwarden.similarity.concepts import common_surname, descriptive_earlier_mark
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.policy import RiskPolicy, RiskTier, default_policy
from ipwarden.similarity.scoring import assess, compare

OFF = dataclasses.replace(default_policy(), descriptive_words=None, surnames=None, retail_classes=None)


def _risk(query: str, mark: str, classes: tuple[int, ...], relation: str, policy: RiskPolicy) -> RiskTier:
    match = compare(prepare(query), prepare(mark), policy, classes)
    return assess(match, relation, f"goods: {relation}", policy).risk  # type: ignore[arg-type]


def test_a_mark_that_describes_its_own_goods_is_weak_for_those_goods_only() -> None:
    words = default_policy().descriptive_words
    assert words is not None and "teen" in words[16] and "gateway" in words[9]
    assert descriptive_earlier_mark(prepare("TEEN"), (16,), words) is not None
    assert descriptive_earlier_mark(prepare("TEEN"), (9,), words) is None  # not for other goods
    assert descriptive_earlier_mark(prepare("THERMOSCAN"), (10,), words) is not None  # THERMO + SCAN
    assert descriptive_earlier_mark(prepare("INDUCTOTHERM"), (11,), words) is not None  # INDUCT-o-THERM
    assert descriptive_earlier_mark(prepare("MICROSOFT"), (9,), words) is None  # coined, not descriptive
    assert descriptive_earlier_mark(prepare("TEEN VOGUE"), (16,), words) is None  # VOGUE is no description


def test_a_descriptive_earlier_mark_is_high_only_against_the_same_mark_for_the_same_goods() -> None:
    policy = default_policy()
    assert _risk("TEEN PEOPLE", "TEEN", (16,), "same", policy) is RiskTier.MEDIUM  # the query adds matter
    assert _risk("TEEN PEOPLE", "TEEN", (16,), "same", OFF) is RiskTier.HIGH  # the rule switched off
    assert _risk("THERMA-SCAN", "THERMOSCAN", (10,), "related", policy) is RiskTier.MEDIUM
    assert _risk("THERMA-SCAN", "THERMOSCAN", (10,), "related", OFF) is RiskTier.HIGH
    assert _risk("TEEN", "TEEN", (16,), "same", policy) is RiskTier.HIGH  # the same mark, the same goods
    reasons = assess(compare(prepare("TEEN PEOPLE"), prepare("TEEN"), policy, (16,)), "same", "").reasons
    assert any(r.startswith("weak earlier mark: 'TEEN' only describes") for r in reasons)


def test_the_common_name_of_the_services_in_another_language_is_descriptive() -> None:
    """SHAADI ('marriage' in Hindi) for matchmaking: secondshaadi.com is at most medium against SHAADI.COM
    (People Interactive v. Vivek Pahwa, Bombay HC 2016), shaadi.com itself still high."""
    policy = default_policy()
    assert _risk("SECONDSHAADI.COM", "SHAADI.COM", (45,), "same", policy) is RiskTier.MEDIUM
    assert _risk("SECONDSHAADI.COM", "SHAADI.COM", (45,), "same", OFF) is RiskTier.HIGH
    assert _risk("SHAADI.COM", "SHAADI.COM", (45,), "same", policy) is RiskTier.HIGH
    assert _risk("SECONDSHAADI.COM", "SHAADI.COM", (25,), "same", policy) is RiskTier.HIGH  # not its goods


def test_a_place_beside_a_kind_of_shop_is_weak_for_retail() -> None:
    """CANADA DRUGS, an online pharmacy (5127173 Manitoba v. Suucess, NAF FA1302812, 2010): a place and a
    kind of shop, high only against the same mark (a one-letter slip, canadarugs.com, still counts as it)."""
    policy = default_policy()
    assert _risk("MEDS OF CANADA DRUGS", "CANADA DRUGS", (35,), "same", policy) is RiskTier.MEDIUM
    assert _risk("MEDS OF CANADA DRUGS", "CANADA DRUGS", (35,), "same", OFF) is RiskTier.HIGH
    assert _risk("canadarugs.com", "CANADA DRUGS", (35,), "same", policy) is RiskTier.HIGH


def test_a_common_surname_is_weak_but_a_full_name_or_a_rare_one_is_not() -> None:
    surnames = default_policy().surnames
    assert surnames is not None and {"reed", "muller", "张"} <= surnames
    assert "white" not in surnames  # first of all an ordinary word
    assert common_surname(prepare("REED"), surnames) is not None
    assert common_surname(prepare("MÜLLER"), surnames) is not None  # accents as the lexicon writes them
    assert common_surname(prepare("PAUL SMITH"), surnames) is None
    assert common_surname(prepare("HILFIGER"), surnames) is None
    policy = default_policy()
    assert _risk("REED BUSINESS INFORMATION", "REED", (35,), "related", policy) is RiskTier.MEDIUM
    assert _risk("REED BUSINESS INFORMATION", "REED", (35,), "related", OFF) is RiskTier.HIGH


def test_retail_services_relate_only_to_goods_the_query_names() -> None:
    policy = default_policy()
    assert policy.retail_classes == frozenset({35})
    assert policy.loosely_related(35, 12, frozenset({"uspto-coordinated"}))
    assert policy.loosely_related(25, 35, frozenset({"case-law"}))
    assert not policy.loosely_related(35, 43, frozenset({"uspto-coordinated"}))  # services, not goods
    assert not OFF.loosely_related(35, 12, frozenset({"uspto-coordinated"}))


def test_the_rules_can_be_switched_off_or_given_other_words_in_a_policy_file() -> None:
    built_in = Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml"
    data = yaml.safe_load(built_in.read_text(encoding="utf-8"))
    changed = {
        "descriptive_elements": {"enabled": False},
        "common_surnames": {"words": {"fr": ["Dupont"]}},
        "retail_needs_named_goods": {"enabled": False, "retail_classes": [35]},
    }
    policy = RiskPolicy.from_mapping({**data, **changed}, "test")
    assert policy.descriptive_words is None and policy.retail_classes is None
    assert policy.surnames == frozenset({"dupont"})


def test_an_earlier_mark_that_praises_and_describes_its_goods_is_weak() -> None:
    words = {43: frozenset({"hotel"}), 25: frozenset({"shoes"})}
    laudatory = frozenset({"grand", "best"})
    weak = descriptive_earlier_mark(
        prepare("GRAND HOTEL"), (43,), words, laudatory
    )  # In re Hartz (TTAB 2012)
    assert weak is not None and "beside words that praise them or name a place" in weak
    assert descriptive_earlier_mark(prepare("GRAND HOTEL"), (43,), words) is None  # no laudatory words given
    assert descriptive_earlier_mark(prepare("GRAND BEST"), (43,), words, laudatory) is None  # praise alone
    assert descriptive_earlier_mark(prepare("GRAND HOTEL"), (25,), words, laudatory) is None  # not its goods
    assert descriptive_earlier_mark(prepare("GRAND ROLEX HOTEL"), (43,), words, laudatory) is None


def test_the_head_nouns_of_a_class_name_its_goods() -> None:
    from ipwarden.registry.nice import goods_heads

    heads = goods_heads()
    assert "shirts" in heads[25] and "loans" in heads[36]
    assert "polo" not in heads[25] and "echo" not in heads[9]  # they qualify a head noun, they are none
    words = default_policy().descriptive_words
    assert words is not None and "loans" in words[36] and "loans" not in words[25]
    weak = descriptive_earlier_mark(prepare("BEST LOANS"), (36,), words, frozenset({"best"}))
    assert weak is not None and "beside words that praise them" in weak
    assert descriptive_earlier_mark(prepare("POLO"), (25,), words) is None  # the word of a famous mark


def test_a_policy_may_leave_the_head_nouns_out(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml").read_text("utf-8")
    )
    data["descriptive_elements"] = {"enabled": True, "nice_heads": False}
    words = RiskPolicy.from_mapping(data, "test").descriptive_words
    assert words is not None and "loans" not in words.get(36, frozenset())


def test_a_kind_of_shop_describes_retail_services() -> None:
    words = default_policy().descriptive_words
    assert words is not None and "warehouse" in words[35] and "warehouse" not in words.get(25, frozenset())
    weak = descriptive_earlier_mark(prepare("WAREHOUSE SHOES"), (35,), words)  # Mil-Mar Shoe v. Shonac
    assert weak is not None


def test_a_place_name_beside_words_that_describe_the_goods_is_weak() -> None:
    policy = default_policy()
    words = policy.descriptive_words
    assert words is not None and {"florida", "zealand", "grand"} <= policy.beside_words
    assert "islands" not in policy.beside_words  # of CAYMAN ISLANDS, an ordinary word
    beside = policy.beside_words
    weak = descriptive_earlier_mark(prepare("FLORIDA INTERNATIONAL UNIVERSITY"), (41,), words, beside)
    assert weak is not None and "name a place" in weak  # Florida Int'l Univ. v. Florida Nat'l Univ. (2016)
    assert descriptive_earlier_mark(prepare("JORDAN"), (25,), words, beside) is None  # a place name alone
    assert descriptive_earlier_mark(prepare("FLORIDA UNIVERSITY"), (9,), words, beside) is None  # other goods


def test_two_marks_that_share_only_an_opening_common_in_the_trade_are_medium() -> None:
    """NUTRAVITE and NUTRILITE for supplements (Alticor v. Nutravite, 2004 FC 235): NUTR- is in many marks."""
    policy = default_policy()
    assert _risk("NUTRAVITE", "NUTRILITE", (5,), "same", policy) is RiskTier.MEDIUM
    off = dataclasses.replace(policy, descriptive_prefixes=None)
    assert _risk("NUTRAVITE", "NUTRILITE", (5,), "same", off) is RiskTier.HIGH
    assert _risk("NUTRAVITE", "NUTRILITE", (9,), "same", policy) is RiskTier.HIGH  # not an opening of class 9
    assert _risk("NUTRAMAX", "NUTRIMAX", (5,), "same", policy) is RiskTier.HIGH  # the rest is the same
    assert _risk("VITAMIX", "VITAMAX", (5,), "same", policy) is RiskTier.HIGH  # the rest alike from its start
    reasons = assess(compare(prepare("PHARMAGEN"), prepare("PHARMATON"), policy, (5,)), "same", "").reasons
    assert any(r.startswith("shared opening: PHARMA- opens many marks") for r in reasons)
