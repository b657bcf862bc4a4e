"""Contract F text primitives: normalisation, skeletons, phonetic keys and pinyin."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipwarden.similarity.chinese import fuzzy_syllable, pinyin_syllables, to_pinyin
from ipwarden.similarity.normalize import _confusables, normalise, skeleton, tokens
from ipwarden.similarity.phonetics import latin_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ｎｉｋｅ", "nike"),
        ("Nïké  Store!", "nike store"),
        ("  COCA-COLA ", "coca cola"),
        ("ÅNGSTRÖM", "angstrom"),
        ("耐克 NIKE", "耐克 nike"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("lookalike", "original"),
    [
        ("ΝΙΚΕ", "NIKE"),  # Greek capitals
        ("аpple", "apple"),  # Cyrillic a
        ("G00GLE", "GOOGLE"),
        ("PAYPA1", "PAYPAL"),
        ("rnicrosoft", "microsoft"),
        ("vvalmart", "walmart"),
        ("5AMSUNG", "SAMSUNG"),
        ("NI KE", "NIKE"),
    ],
)
def test_skeleton_folds_lookalikes(lookalike: str, original: str) -> None:
    assert skeleton(lookalike) == skeleton(original)


def test_skeleton_keeps_different_marks_apart() -> None:
    assert skeleton("NIKE") != skeleton("MIKE")
    assert skeleton("苹果") == "苹果"


def test_tokens_split_scripts() -> None:
    assert tokens("耐克NIKE 官方旗舰店") == ["耐克", "nike", "官方旗舰店"]
    assert tokens(" -- ") == []


@given(st.text(max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(max_size=40))
def test_skeleton_is_idempotent(text: str) -> None:
    once = skeleton(text)
    assert skeleton(once) == once


_LATIN_CONFUSABLES = sorted((chr(cp), t) for cp, t in _confusables().items() if t.isalpha())


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), st.data())
def test_skeleton_equals_skeleton_of_confusable_variant(word: str, data: st.DataObject) -> None:
    variant = []
    for ch in word:
        options = [src for src, target in _LATIN_CONFUSABLES if target == ch]
        if options and data.draw(st.booleans()):
            variant.append(data.draw(st.sampled_from(options)))
        else:
            variant.append(ch)
    assert skeleton("".join(variant)) == skeleton(word)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("KOKA-KOLA", "COCA-COLA"),
        ("DAISON", "DYSON"),
        ("NAIKE", "NIKE"),
        ("FOTO", "PHOTO"),
        ("XCEED", "X-SEED"),
        ("TAKE 10!", "TAKETEN"),
        ("KWIK", "QUICK"),
    ],
)
def test_latin_key_matches_respellings(a: str, b: str) -> None:
    assert latin_key(a) == latin_key(b)


def test_latin_key_separates_different_sounds() -> None:
    assert latin_key("NIKE") != latin_key("PUMA")
    assert latin_key("耐克") == ""


def test_pinyin() -> None:
    assert to_pinyin("老干妈") == "lao gan ma"
    assert to_pinyin("老干妈", tones=True) == "lao3 gan4 ma1"
    assert to_pinyin("耐克") == "nai ke"
    assert [fuzzy_syllable(s) for s in pinyin_syllables("康师父")] == [
        fuzzy_syllable(s) for s in pinyin_syllables("康师傅")
    ]
    assert fuzzy_syllable("zhang") == "zan"
    assert fuzzy_syllable("ning") == "lin"


def test_mark_skeleton_reads_3_as_e() -> None:
    from ipwarden.similarity.normalize import mark_skeleton

    assert mark_skeleton("L3GO") == mark_skeleton("LEGO")
    assert skeleton("L3GO") != skeleton("LEGO")  # listing text keeps its numbers


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("華為", "华为"),
        ("蘋果電腦", "苹果电脑"),
        ("麥當勞", "麦当劳"),
        ("李寧", "李宁"),
        ("無印良品", "无印良品"),
    ],
)
def test_normalise_simplifies_traditional_characters(traditional: str, simplified: str) -> None:
    assert normalise(traditional) == simplified


def test_normalise_keeps_characters_that_simplified_words_write() -> None:
    # 著 is kept in 著名 'famous'; 宁 is simplified already; 乾 stays in 乾隆
    assert normalise("著名") == "著名"
    assert normalise("李宁") == "李宁"
    assert normalise("乾隆") == "乾隆"
