"""Spelling conventions across languages and scripts: initials, 'of' words, older romanisations, Chinese
transliterations of Western marks, initial J/Y, Italian spelling, a silent initial H."""

from __future__ import annotations

import pytest

from ipwarden.similarity.aspects import _cross, containment, cross_script, meaning, sound_latin
from ipwarden.similarity.chinese import from_older_romanisation, transliteration_key
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.normalize import tokens
from ipwarden.similarity.phonetics import (
    french_reading,
    glide_key,
    italian_key,
    labial_keys,
    latin_key,
    liquid_keys,
)


def test_single_letters_in_a_row_are_one_word() -> None:
    assert tokens("N.I.K.E. AIR", join_initials=True) == ["nike", "air"]
    assert tokens("耐克N I K E", join_initials=True) == ["耐克", "nike"]
    assert tokens("X-SEED", join_initials=True) == ["x", "seed"]  # one letter alone stays a word
    assert tokens("N.I.K.E. AIR") == ["n", "i", "k", "e", "air"]  # other text (goods, listings) as written
    assert prepare("N.I.K.E. AIR").core_skel[0] == prepare("NIKE").core_skel[0]


@pytest.mark.parametrize("query", ["STELLA D'ORO", "ÉTOILE D'OR", "ESTRELLA DE ORO"])
def test_of_words_are_set_aside_like_of(query: str) -> None:
    found = meaning(prepare(query), prepare("GOLDEN STAR"))
    assert found is not None and found.score >= 0.9, found
    assert "d" not in prepare(query).core and "de" not in prepare(query).core


def test_older_romanisations_towards_pinyin() -> None:
    assert from_older_romanisation("hsiaomi") == "xiaomi"
    assert from_older_romanisation("kweichow") == "guichou"
    assert from_older_romanisation("nike") == "nike"


def test_cross_script_reads_an_older_romanisation() -> None:
    found = cross_script(prepare("HSIAOMI"), prepare("小米"))
    assert found is not None and found.score > 0.9 and "older romanisation" in found.reasons[0]
    plain = cross_script(prepare("XIAOMI"), prepare("小米"))
    assert plain is not None and plain.score > found.score  # the pinyin itself stays closer


def test_cross_script_finds_the_pinyin_as_one_word_of_the_query() -> None:
    found = cross_script(prepare("KWEICHOW MOUTAI"), prepare("茅台"))
    assert found is not None and found.reasons[0].startswith("contains 'MOUTAI'")
    assert found.score < (cross_script(prepare("MOUTAI"), prepare("茅台")) or found).score
    assert cross_script(prepare("KWEICHOW BANANA"), prepare("茅台")) is None


def test_transliteration_key_folds_what_chinese_does_not_keep_apart() -> None:
    assert transliteration_key(latin_key("PHILIPS")) == transliteration_key(latin_key("feilipu"))
    assert transliteration_key(latin_key("GUCCI")) == transliteration_key(latin_key("guchi"))
    assert transliteration_key(latin_key("NIKE")) != transliteration_key(latin_key("lining"))


@pytest.mark.parametrize(
    ("chinese", "latin", "score", "reason"),
    [
        # a name of four syllables or more writing five consonants or more in order is no chance likeness
        ("卡尔文克莱因", "CALVIN KLEIN", 0.735, "syllable by consonant (fit 0.85)"),
        ("丽思卡尔顿", "RITZ-CARLTON", 0.765, "syllable by consonant (fit 0.95)"),
        ("飞利浦", "PHILIPS", 0.7, "transliterates"),
        # short names that write the vowels after the onsets too (syllable shapes) score a little more
        ("愛迪達", "ADIDAS", 0.73, "with its vowels"),
        ("欧米茄", "OMEGA", 0.745, "with its vowels"),
        ("柯达", "KODAK", 0.745, "with its vowels"),
        ("锐步", "REEBOK", 0.745, "with its vowels"),
    ],
)
def test_chinese_transliteration_of_a_western_mark(
    chinese: str, latin: str, score: float, reason: str
) -> None:
    # the transliteration alone (the dictionary's name for the brand is a separate, stronger route)
    found = _cross(prepare(latin), prepare(chinese))
    assert found is not None and found[0] == score and reason in found[1]
    assert found[0] < 0.8  # never high on its own


def test_the_dictionary_name_of_a_coined_brand_is_the_mark_in_another_script() -> None:
    found = cross_script(prepare("柯达"), prepare("KODAK"))
    assert found is not None and found.score == 0.9 and "Chinese name CC-CEDICT gives" in found.reasons[0]
    reverse = cross_script(prepare("ROLEX"), prepare("劳力士"))
    assert reverse is not None and reverse.score == 0.9
    # an ordinary word's translation is a meaning, not a name (苹果 'apple')
    assert cross_script(prepare("苹果"), prepare("APPLE")) is None


def test_transliteration_needs_the_consonants() -> None:
    assert cross_script(prepare("李宁"), prepare("KODAK")) is None
    assert cross_script(prepare("茅台"), prepare("ADIDAS")) is None


def test_transliteration_keys_are_filed_and_probed() -> None:
    assert "tk:KLFNKLN" in mark_keys(prepare("CALVIN KLEIN"))
    assert "tc:KLFNKLN" in mark_keys(prepare("卡尔文克莱因"))
    latin = {p.key for p in query_probes(prepare("CALVIN KLEIN"))}
    assert "tc:KLFNKLN" in latin and "tk:KLFNKLN" not in latin  # only the other script's marks
    assert "tk:KLFNKLN" in {p.key for p in query_probes(prepare("卡尔文克莱因"))}
    chow = {p.key for p in query_probes(prepare("CHOW TAI FOOK"))}  # the final K of Cantonese left out
    assert chow & {k for k in mark_keys(prepare("周大福")) if k.startswith("tc:")}


def test_initial_j_read_as_y() -> None:
    assert glide_key("yaguar") == latin_key("jaguar")
    assert glide_key("nike") == ""
    found = sound_latin(prepare("YAGUAR"), prepare("JAGUAR"))
    assert found is not None and found.score == 0.85 and "J and Y" in found.reasons[0]
    assert "k:" + latin_key("jaguar") in {p.key for p in query_probes(prepare("YAGUAR"))}


def test_italian_spelling() -> None:
    assert italian_key("gucci") == latin_key("goochi")
    assert italian_key("versace") == latin_key("versache")
    assert italian_key("nike") == ""  # nothing Italian to read
    assert "k:" + latin_key("goochi") in mark_keys(prepare("GUCCI"))
    found = sound_latin(prepare("GOOCHI"), prepare("GUCCI"))
    assert found is not None and "Italian spelling" in found.reasons[0]


def test_silent_initial_h_is_probed() -> None:
    probes = {p.key: p.group for p in query_probes(prepare("ONDA"))}
    assert probes["k:" + latin_key("HONDA")] == "respelled"  # its own slots, not the query's sound group
    found = sound_latin(prepare("ONDA"), prepare("HONDA"))
    assert found is not None and found.score >= 0.85


def test_a_leading_word_that_ends_the_mark_is_kept() -> None:
    assert prepare("HAGEN DAS").core == ("hagen", "das")  # 'das' ends it, so it is no article here
    assert prepare("DAS BOOT").core == ("boot",)
    found = sound_latin(prepare("HAGEN DAS"), prepare("HÄAGEN-DAZS"))
    assert found is not None and found.score > 0.9


def test_silent_initial_h_needs_the_same_sound_after_it() -> None:
    found = sound_latin(prepare("ONDA"), prepare("HONDA"))
    assert found is not None and found.score > 0.9 and "silent initial H" in found.reasons[0]
    other = sound_latin(prepare("IGAN"), prepare("HAGEN"))  # another vowel after the H
    assert other is None or other.score < 0.9


def test_only_the_earlier_mark_is_read_in_italian() -> None:
    assert sound_latin(prepare("GUCCI"), prepare("GOOCHI")) is None
    assert "k:" + italian_key("gucci") not in {p.key for p in query_probes(prepare("GUCCI"))}


def test_the_head_noun_of_a_chinese_gloss_is_probed_as_a_mark() -> None:
    probes = {p.key: p for p in query_probes(prepare("大熊猫"))}  # 'giant panda'
    assert probes["c:panda"].group == "meaning" and probes["c:panda"].weight < 6.0
    assert "c:star" not in {p.key for p in query_probes(prepare("金星"))}  # 'stars' is a meaning of its own
    pomme = {p.key: p for p in query_probes(prepare("POMME"))}  # a one-word translation: the whole mark
    assert pomme["c:apple"].weight == 6.0
    found = meaning(prepare("大熊猫"), prepare("PANDA"))
    assert found is not None and found.score < 0.7  # a partial meaning: medium at most


def test_the_brand_suffix_is_set_aside_for_the_meaning() -> None:
    found = meaning(prepare("熊猫牌"), prepare("PANDA"))
    assert found is not None and found.score >= 0.85, found
    assert prepare("熊猫牌").cjk == "熊猫牌"  # the mark keeps its 牌 for spelling and sound
    assert prepare("雕牌").meanings == prepare("雕").meanings  # a one-character name keeps its own meaning


def test_goods_words_after_a_chinese_name_are_set_aside() -> None:
    omega = prepare("欧米茄手表")
    assert omega.core == ("欧米茄",) and omega.dropped == ("手表",)
    assert prepare("锐步运动鞋").dropped == ("运动", "鞋")
    assert prepare("运动鞋").core == ("运动鞋",)  # goods words alone are their own dominant element
    assert prepare("手表").core == ("手表",)
    found = cross_script(omega, prepare("OMEGA"))
    assert found is not None and "'欧米茄' ('ou mi jia') can be written for 'OMEGA'" in found.reasons[0]


def test_a_latin_word_read_as_pinyin_probes_the_fuzzy_pinyin() -> None:
    from ipwarden.similarity.chinese import read_as_pinyin

    assert read_as_pinyin("xiaomi") == ("xiao", "mi")
    assert read_as_pinyin("laoganma") == ("lao", "gan", "ma")
    assert read_as_pinyin("samsung") == ()  # not pinyin (no m or ng syllables)
    assert read_as_pinyin("apple") == ()
    probes = {p.key: p.group for p in query_probes(prepare("HSIAOMI"))}  # through the older romanisation
    assert probes["y:xiao mi"] == "chinese" and "y:xiao mi" in mark_keys(prepare("小米"))


def test_l_and_r_are_one_sound_where_buyers_say_them_alike() -> None:
    """ROLEX and LOLEX are both ロレックス in Japanese; the probes reach the marks filed under the other key."""
    found = sound_latin(prepare("LOLEX"), prepare("ROLEX"))
    assert found is not None and found.score == 0.9 and "l and r are one sound" in found.reasons[0]
    assert liquid_keys("LLKS") == ("RLKS", "LRKS", "RRKS")
    assert liquid_keys("NK") == () and liquid_keys("LRLRL") == ()  # none to swap, or too many
    assert "k:RLKS" in {p.key for p in query_probes(prepare("LOLEX"))}
    assert "k:RKS" not in {p.key for p in query_probes(prepare("LUXO"))}  # LKS: too short a key to probe
    other = sound_latin(prepare("GOLEX"), prepare("ROLEX"))  # another first sound is no liquid
    assert other is None or "one sound" not in other.reasons[0]


def test_b_and_v_are_one_sound_where_buyers_say_them_alike() -> None:
    """VEEP and BEEP are said alike in Spanish (Krim-Ko v. Coca-Cola, CCPA 1968, held them confusing)."""
    found = sound_latin(prepare("VEEP"), prepare("BEEP"))
    assert found is not None and 0.8 <= found.score < 0.9 and "b and v are one sound" in found.reasons[0]
    assert labial_keys("VP") == ("BP",) and labial_keys("BVK") == ("VVK", "BBK")
    assert labial_keys("BVB") == () and labial_keys("NK") == ()  # too many to swap, or none
    assert sound_latin(prepare("VAT"), prepare("BAT")) is None  # the shortest words: b and v make others
    assert "v:BAP" in {p.key for p in query_probes(prepare("VEEP"))}  # a short key: probed by its vowels
    assert "k:BLKN" in {p.key for p in query_probes(prepare("VOLKAN"))}
    other = sound_latin(prepare("PEEP"), prepare("BEEP"))
    assert other is None or "one sound" not in other.reasons[0]


@pytest.mark.parametrize(
    ("mark", "reading"),
    [("RENAULT", "reno"), ("PEUGEOT", "pujo"), ("CHLOÉ", "kloe"), ("BORDEAUX", "bordo"), ("NIKE", "")],
)
def test_a_mark_that_looks_french_is_read_as_french_says_it(mark: str, reading: str) -> None:
    assert french_reading(mark) == reading


def test_a_french_name_written_as_heard() -> None:
    """RENO is how RENAULT is said; the mark is filed under its French reading, which the query probes."""
    found = sound_latin(prepare("RENO"), prepare("RENAULT"))
    assert (
        found is not None and found.score == 0.9 and "as French reads 'RENAULT' ('reno')" in found.reasons[0]
    )
    assert "fr:rana" in mark_keys(prepare("RENAULT"))
    assert "fr:rana" in {p.key for p in query_probes(prepare("RENO"))}
    loose = sound_latin(prepare("PUJOH"), prepare("PEUGEOT"))  # a letter more than the reading: scaled down
    assert loose is not None and 0.7 < loose.score < 0.9
    assert sound_latin(prepare("RANA"), prepare("RENAULT")) is None  # vowels far from the reading
    assert not any(k.startswith("fr:") for k in mark_keys(prepare("NIKE")))


def test_st_before_a_name_is_read_as_saint() -> None:
    """ST. REMY is said SAINT REMY (Remy Martin v. Shaw-Ross, 11th Cir. 1985): two letters alone are not its
    opening, which would meet every mark that opens with ST."""
    assert prepare("ST. REMY").core == ("saint", "remy") and prepare("STE MARIE").core == ("sainte", "marie")
    assert prepare("ST").core == ("st",) and prepare("ST 42").core == ("st", "42")  # no name after it
    same = containment(prepare("ST REMY"), prepare("SAINT REMY"))
    assert same is not None and same.score == 0.93 and "ST. is read as SAINT" in same.reasons[0]
    assert containment(prepare("ST. REMY"), prepare("ST")) is None
    shared = containment(prepare("ST. REMY"), prepare("REMY MARTIN"))
    assert shared is not None and "shares 'REMY'" in shared.reasons[0]


def test_the_spelling_of_a_mark_once_generic_words_are_set_aside() -> None:
    """PHONE4U.CO.UK is one letter from PHONES4U once its top-level domain is set aside (WIPO Overview 3.0,
    1.11.1); the whole strings are four edits apart."""
    from ipwarden.similarity.aspects import spelling

    found = spelling(prepare("PHONE4U.CO.UK"), prepare("PHONES 4U"))
    assert found is not None and found.score > 0.85
    assert "(co, uk set aside)" in found.reasons[0] and "1 edit(s)" in found.reasons[0]
    whole = spelling(prepare("PHONE4U"), prepare("PHONES 4U"))
    assert whole is not None and found.score < whole.score  # the words set aside still differ a little
    same = spelling(prepare("NIKE.COM"), prepare("NIKE"))  # the whole earlier mark: containment's
    assert same is not None and "set aside" not in same.reasons[0]
    official = spelling(prepare("NIKEE OFFICIAL STORE"), prepare("NIKE"))  # no domain: sound hears past them
    assert official is None or "set aside" not in official.reasons[0]
    far = spelling(prepare("PHONEBOX.COM"), prepare("PHONES4U"))
    assert far is None or "set aside" not in far.reasons[0]  # only a near spelling of the core counts
