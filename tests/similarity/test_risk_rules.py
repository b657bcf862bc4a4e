"""Risk rules that narrow a likeness to the same goods: weak (laudatory) earlier marks and short marks."""

from __future__ import annotations

from pathlib import Path

from ipwarden.similarity.concepts import short_marks, weak_earlier_mark
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.policy import RiskPolicy, RiskTier, default_policy
from ipwarden.similarity.scoring import assess, compare

POLICY_FILE = Path(__file__).parents[2] / "src/ipwarden/similarity/data/risk_policy.yaml"


def _risk(query: str, mark: str, relation: str, policy: RiskPolicy | None = None) -> RiskTier:
    match = compare(prepare(query), prepare(mark), policy)
    return assess(match, relation, f"goods: {relation}", policy).risk  # type: ignore[arg-type]


def test_a_laudatory_earlier_mark_reaches_only_the_same_mark_for_the_same_goods() -> None:
    weak = default_policy().weak_words
    assert weak is not None and {"plus", "treat", "premium", "优质"} <= weak
    assert weak_earlier_mark(prepare("TREAT"), weak) is not None
    assert weak_earlier_mark(prepare("TREATY"), weak) is None
    assert weak_earlier_mark(prepare("BEST BUY"), weak) is None  # one word of the mark is not laudatory
    assert _risk("TOFFEE TREAT", "TREAT", "same") is RiskTier.MEDIUM  # the query adds its own matter
    assert _risk("PLUS", "PLUS", "related") is RiskTier.MEDIUM  # other goods
    assert _risk("PLUS", "PLUS", "same") is RiskTier.HIGH  # the same mark for the same goods
    assert _risk("PLUS", "PLUS", "unspecified") is RiskTier.HIGH  # no goods named: left to the tiers
    result = assess(compare(prepare("TOFFEE TREAT"), prepare("TREAT")), "same", "goods: same class 30")
    assert any(r.startswith("weak earlier mark: 'TREAT'") for r in result.reasons)


def test_short_marks_that_differ_are_high_only_for_the_same_goods() -> None:
    def why(a: str, b: str) -> str | None:
        q, c = prepare(a), prepare(b)
        return short_marks(q, c, compare(q, c).aspects, 4)

    assert why("ASOS", "ASSOS") is not None
    assert why("UPS", "UBS") is not None
    assert why("ASOS", "ASOS") is None  # identical
    assert why("NIKEE", "NIKE") is None  # contains the whole earlier mark
    assert why("SAMSUMG", "SAMSUNG") is None  # not short
    assert why("COLA", "COCA-COLA") is None  # one short, the other long
    assert _risk("ASOS", "ASSOS", "related") is RiskTier.MEDIUM
    assert _risk("ASOS", "ASSOS", "same") is RiskTier.HIGH


def test_the_policy_can_turn_each_rule_off(tmp_path: Path) -> None:
    text = POLICY_FILE.read_text(encoding="utf-8")
    off = tmp_path / "off.yaml"
    off.write_text(
        text.replace("weak_elements:\n  enabled: true", "weak_elements:\n  enabled: false").replace(
            "short_marks: {enabled: true", "short_marks: {enabled: false"
        ),
        encoding="utf-8",
    )
    policy = RiskPolicy.from_file(off)
    assert policy.weak_words is None and policy.short_mark_letters is None
    assert default_policy().short_mark_letters == 4
    assert _risk("TOFFEE TREAT", "TREAT", "same", policy) is RiskTier.HIGH
    assert _risk("ASOS", "ASSOS", "related", policy) is RiskTier.HIGH


def test_a_rhyme_alone_is_at_most_medium() -> None:
    assert _risk("GOLEX", "ROLEX", "same") is RiskTier.MEDIUM
    assert _risk("ROLEKS", "ROLEX", "same") is RiskTier.HIGH  # the same sound
    # a sound aspect that hears the rhyme's keys as close is the rhyme again, not a second likeness
    # (MOBILIX ~ OBELIX, T-336/03, held not confusing)
    found = compare(prepare("MOBILIX"), prepare("OBELIX"))
    assert [a.kind.value for a in found.aspects][:2] == ["rhyme", "sound"] and found.aspects[1].score >= 0.7
    assert _risk("MOBILIX", "OBELIX", "same") is RiskTier.MEDIUM
    assert found.score == found.aspects[0].score  # and adds nothing to its score


def test_wine_estate_words_are_set_aside_for_wines() -> None:
    assert prepare("CHATEAU MARGAUX").core == ("margaux",)
    assert prepare("玛歌酒庄").core == ("玛歌",)


def test_a_misspelt_mark_among_added_words_is_medium_on_its_own() -> None:
    assert _risk("SAMSNG GALAXY", "SAMSUNG", "same") is RiskTier.MEDIUM
    assert _risk("MICHEAL KORS POCHETTE", "MICHAEL KORS", "same") is RiskTier.HIGH  # a name of two words
    # with a second likeness (ORBIT's letters in a row inside 'orbittchewing'), high
    assert _risk("ORBITT CHEWING", "ORBIT", "same") is RiskTier.HIGH


def test_the_earlier_mark_s_clear_meaning_sets_a_meaningless_sound_alike_apart() -> None:
    # "at least one of the two signs" has a clear meaning (C-361/04 P): CROWN, not the coined QRAUN
    assert _risk("QRAUN", "CROWN", "same") is RiskTier.MEDIUM
    concept = compare(prepare("QRAUN"), prepare("CROWN")).concept
    assert concept is not None and "'crown' is an ordinary word" in concept
    assert _risk("APPEL", "APPLE", "same") is RiskTier.HIGH  # read as the word misspelt: the same concept
    # the words of the mark misspelt, with a goods word added: still read as the mark
    assert _risk("NORTH FASE JACKET", "THE NORTH FACE", "same") is RiskTier.HIGH
    assert compare(prepare("NORTH FASE JACKET"), prepare("THE NORTH FACE")).concept is None
    assert _risk("雷碧", "雪碧", "same") is RiskTier.HIGH  # a Chinese brand name is a headword, not a word


def test_an_earlier_mark_that_names_its_goods_reaches_only_the_same_mark() -> None:
    """LITE for beer (Miller v. Falstaff, 1st Cir. 1981), GOLF CLASSIC for shirts (In re C.F. Hathaway, TTAB
    1976), DOOR SYSTEMS for metal doors (7th Cir. 1996): weak marks, at most medium against a longer query."""

    def risk(query: str, mark: str, classes: list[int]) -> RiskTier:
        match = compare(prepare(query), prepare(mark), None, classes)
        return assess(match, "same", "goods: same class").risk

    assert risk("FALSTAFF LITE BEER", "LITE", [32]) is RiskTier.MEDIUM
    assert risk("HATHAWAY GOLF CLASSIC", "GOLF CLASSIC", [25]) is RiskTier.MEDIUM
    assert risk("PRO-LINE DOOR SYSTEMS", "DOOR SYSTEMS", [6]) is RiskTier.MEDIUM
    assert risk("FALSTAFF LITE BEER", "LITE", [9]) is RiskTier.HIGH  # LITE names no goods of class 9
