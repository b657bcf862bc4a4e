"""Each similarity aspect on its own: the score and the reason a person can check."""

from __future__ import annotations

import pytest

from ipwarden.similarity import aspects as asp
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.glued import web_name, worded_tail
from ipwarden.similarity.glyph_aspects import _glyph_step_exists
from ipwarden.similarity.keys import query_probes
from ipwarden.similarity.phonetics import latin_key
from ipwarden.similarity.policy import default_policy
from ipwarden.similarity.rhymes import cadence_keys, syllables
from ipwarden.similarity.scoring import compare


def _run(fn: asp.AspectFn, query: str, mark: str) -> asp.Aspect | None:
    return fn(prepare(query), prepare(mark))


def test_spelling_weighs_the_beginning() -> None:
    early = _run(asp.spelling, "BIKE", "NIKE")
    late = _run(asp.spelling, "NIKA", "NIKE")
    assert early is not None and late is not None
    assert late.score > early.score
    assert "same beginning 'nik'" in late.reasons[0]


def test_spelling_identical_after_normalisation() -> None:
    found = _run(asp.spelling, "Ｎｉｋé", "NIKE")
    assert found is not None and found.score == 1.0
    assert "identical once case, accents and spacing are ignored" in found.reasons[0]


def test_transposition_is_one_edit() -> None:
    found = _run(asp.spelling, "SAMSUMG", "SAMSUNG")
    assert found is not None and "1 edit" in found.reasons[0]
    swapped = _run(asp.spelling, "NIEK", "NIKE")
    assert swapped is not None and "1 edit" in swapped.reasons[0]


@pytest.mark.parametrize(
    ("query", "mark", "reason"),
    [
        ("G00GLE", "GOOGLE", "'0' for 'o'"),
        ("PAYPA1", "PAYPAL", "'1' for 'l'"),
        ("ΝΙΚΕ", "NIKE", "for"),
        ("MODERN", "MODEM", "'rn' for 'm'"),  # two letters for one, named together
        ("VVALMART", "WALMART", "'vv' for 'w'"),
    ],
)
def test_lookalike_names_the_swapped_characters(query: str, mark: str, reason: str) -> None:
    found = _run(asp.lookalike, query, mark)
    assert found is not None and found.score >= 0.9
    assert any(reason in r for r in found.reasons)


def test_lookalike_needs_a_difference() -> None:
    assert _run(asp.lookalike, "NIKE", "NIKE") is None
    assert _run(asp.lookalike, "PUMA", "NIKE") is None


@pytest.mark.parametrize(
    ("query", "mark"),
    [("KOKA-KOLA", "COCA-COLA"), ("DAISON", "DYSON"), ("XCEED", "X-SEED"), ("FOTOMAX", "PHOTOMAX")],
)
def test_sound_latin(query: str, mark: str) -> None:
    found = _run(asp.sound_latin, query, mark)
    assert found is not None and found.score >= 0.85
    assert found.reasons[0].startswith("sound:")


def test_sound_latin_different_sound() -> None:
    assert _run(asp.sound_latin, "PUMA", "NIKE") is None


def test_a_sound_reason_quotes_the_words_the_key_was_made_of() -> None:
    found = _run(asp.sound_latin, "MICHEAL KORS HANDBAG", "MICHAEL KORS")
    assert found is not None
    assert found.reasons[0].startswith("sound: 'MICHEAL KORS' (handbag set aside) sounds like 'MICHAEL KORS'")


def test_a_g_before_e_i_or_y_is_said_as_j() -> None:
    found = _run(asp.sound_latin, "GINGERBEAR", "JINJERBEAR")
    assert found is not None and found.score == 0.85 and "g before e, i or y said as j" in found.reasons[0]
    hard = _run(asp.sound_latin, "GOLEX", "JOLEX")  # a g before o stays hard
    assert hard is None or all("said as j" not in r for r in hard.reasons)


def test_sound_chinese_homophone_and_fuzzy() -> None:
    same = _run(asp.sound_chinese, "康师父", "康师傅")
    assert same is not None and same.score >= 0.9 and "kang1 shi1 fu4" in same.reasons[0]
    fuzzy = _run(asp.sound_chinese, "康斯傅", "康师傅")  # sh/s
    assert fuzzy is not None and "fuzzy pinyin" in fuzzy.reasons[0]
    nl = _run(asp.sound_chinese, "蒙流", "蒙牛")  # liu/niu, n/l initials
    assert nl is not None


@pytest.mark.parametrize(("query", "mark"), [("NAIKE", "耐克"), ("Laoganma", "老干妈"), ("耐克", "NAIKE")])
def test_cross_script(query: str, mark: str) -> None:
    found = _run(asp.cross_script, query, mark)
    assert found is not None and found.score >= 0.9
    assert "pinyin of" in found.reasons[0]


@pytest.mark.parametrize(
    ("query", "mark", "pair"),
    [
        ("土力架", "士力架", "'土' for '士'"),
        ("怏乐", "快乐", "'怏' for '快'"),
        ("午奶", "牛奶", "'午' for '牛'"),
        ("臼象", "白象", "'臼' for '白'"),
        ("雷碧", "雪碧", "'雷' for '雪'"),
        ("治治", "洽洽", "'治' for '洽'"),
    ],
)
def test_glyph_lookalike_characters(query: str, mark: str, pair: str) -> None:
    found = _run(asp.glyph, query, mark)
    assert found is not None and found.score >= 0.6
    assert any(pair in r for r in found.reasons)


def test_glyph_split_character() -> None:
    found = _run(asp.glyph, "周住", "雕")
    assert found is not None and found.score >= 0.8
    assert "split character: '周住' written for '雕'" in found.reasons


def test_glyph_different_characters() -> None:
    assert _run(asp.glyph, "中国", "美国") is None or _run(asp.glyph, "中国", "美国").score < 0.6  # type: ignore[union-attr]


def test_containment_of_the_whole_earlier_mark() -> None:
    found = _run(asp.containment, "STONE LION CAPITAL", "LION CAPITAL")
    assert found is not None and found.reasons == ("contains the whole earlier mark 'LION CAPITAL'",)
    chinese = _run(asp.containment, "乔丹新百伦", "新百伦")
    assert chinese is not None and "'新百伦'" in chinese.reasons[0]


def test_containment_ignores_generic_words() -> None:
    found = _run(asp.containment, "Nike Official Store", "NIKE")
    assert found is not None and "official, store" in found.reasons[0]
    cn = _run(asp.containment, "耐克官方旗舰店", "耐克")
    assert cn is not None and found.score >= 0.9


def test_meaning_through_dictionaries() -> None:
    apple = _run(asp.meaning, "苹果", "APPLE")
    assert apple is not None and "CC-CEDICT" in apple.reasons[0]
    sea = _run(asp.meaning, "MARAZUL", "BLUE SEA")
    assert sea is not None and "mar (es) = sea" in sea.reasons[0]
    assert _run(asp.meaning, "PUMA", "APPLE") is None


def test_chinese_names_one_character_apart() -> None:
    """Three characters or more, one of them different in the same place (CNIPA Guidelines: 仅个别汉字不同)."""
    found = _run(asp.glyph, "于福记", "徐福记")
    assert found is not None and found.score == 0.79 and "'于' for '徐'" in found.reasons[0]
    assert (
        compare(prepare("于福记"), prepare("徐福记")).score < default_policy().tiers["same"][0]
    )  # not high alone
    first = _run(asp.glyph, "黄福记", "徐福记")  # huang and xu, 黄 and 徐: the Guidelines' exception
    assert first is not None and first.score == 0.72 and "differs in sound and look" in first.reasons[0]
    assert _run(asp.glyph, "徐福乐", "徐福记").score == 0.79  # type: ignore[union-attr]
    assert _run(asp.glyph, "福记", "乐记") is None  # two characters: one is half the mark
    assert _run(asp.glyph, "徐福记", "福记徐") is None  # the same characters in other places
    assert _run(asp.glyph, "徐福记好", "于福记") is None  # lengths differ
    assert _run(asp.glyph, "大学生", "中学生") is None  # two dictionary words: their meanings differ
    assert _run(asp.glyph, "雷碧", "雪碧").reasons[0].startswith("look-alike")  # type: ignore[union-attr]


def test_glyph_alignment_runs_only_when_a_look_alike_step_exists() -> None:
    assert _glyph_step_exists("雷碧", "雪碧")  # 雷 looks like 雪
    assert _glyph_step_exists("周住牌", "雕牌")  # 周住 written for 雕
    assert not _glyph_step_exists("可乐", "雪碧")
    assert asp.glyph(prepare("可乐"), prepare("雪碧")) is None
    found = asp.glyph(prepare("周住牌"), prepare("雕牌"))
    assert found is not None and "split character" in found.reasons[0]


def test_a_rhyme_is_a_different_first_sound_and_the_rest_alike() -> None:
    found = _run(asp.rhyme, "GOLEX", "ROLEX")
    assert found is not None and 0.8 <= found.score < 0.88 and "first sound" in found.reasons[0]
    assert _run(asp.rhyme, "DOUGIES", "HUGGIES") is not None  # -oug- and -ugg- are said alike
    assert _run(asp.rhyme, "ROLEX", "RELAX") is None  # the same first sound
    assert _run(asp.rhyme, "BOSS", "MOSS") is None  # too short: every letter counts
    short = _run(asp.rhyme, "VIVO", "TIVO")  # a key of two but two syllables: VIVO ~ TIVO (FCAFC 2012)
    assert short is not None and short.score >= 0.8
    assert _run(asp.rhyme, "APPLE", "GRAPPLE") is None  # a vowel start, not a rhyme
    assert _run(asp.rhyme, "GOLEX", "ROLAND") is None


def test_a_chinese_mark_read_across_another_word_is_not_contained_whole() -> None:
    across = _run(asp.containment, "白象牙", "白象")  # 白 + 象牙 'ivory'
    assert across is not None and across.score < 0.8 and "'象牙'" in across.reasons[0]
    whole = _run(asp.containment, "白象方便面", "白象")
    assert whole is not None and whole.score >= 0.88


def test_a_misspelt_mark_with_words_added_is_found_by_its_word() -> None:
    found = _run(asp.spelling, "SAMSNG GALAXY", "SAMSUNG")
    assert found is not None and found.score == 0.78 and "'SAMSNG'" in found.reasons[0]
    said = _run(asp.spelling, "ROLLEX SUBMARINER", "ROLEX")
    assert said is not None and said.score == 0.78
    assert _run(asp.spelling, "SAMSNG", "SAMSUNG").reasons[0].startswith("spelling: 1 edit")  # type: ignore[union-attr]
    assert _run(asp.spelling, "GALAXY PHONE CASE", "SAMSUNG") is None


def test_pinyin_among_other_words_of_a_latin_query() -> None:
    policy = default_policy()
    # two words in a row write the whole pinyin
    whole = compare(prepare("YUNNAN BAIYAO TOOTHPASTE"), prepare("云南白药"), policy, (3,))
    assert whole.score >= 0.85 and "YUNNAN BAIYAO" in whole.aspects[0].reasons[0]
    # a sound key met by chance, spelt unlike the pinyin (baiyao, bei ai): not high
    chance = compare(prepare("YUNNAN BAIYAO TOOTHPASTE"), prepare("北爱"), policy, (3,))
    assert 0 < chance.score < 0.8
    # an ordinary English word is read as itself, not as pinyin
    assert compare(prepare("AXE BODY SPRAY"), prepare("博德"), policy, (3,)).score == 0.0
    # a postal romanisation is spelt as the pinyin once rewritten
    assert compare(prepare("KWEICHOW MOUTAI"), prepare("茅台"), policy, (33,)).score >= 0.8


def test_pinyin_a_syllable_a_word_among_other_words() -> None:
    found = compare(prepare("LAO GAN MA SPICY CHILI CRISP"), prepare("老干妈"), default_policy(), (30,))
    assert found.score >= 0.85 and "'LAO GAN MA'" in found.aspects[0].reasons[0]


def test_a_misspelt_mark_of_several_words_among_added_words() -> None:
    found = _run(asp.spelling, "LOUIS VUITON POCHETTE", "LOUIS VUITTON")
    assert found is not None and found.score == 0.86 and "'LOUIS VUITON'" in found.reasons[0]
    found = _run(asp.spelling, "RALF LAUREN POLO SHIRT", "RALPH LAUREN")
    assert found is not None and found.score == 0.86 and "'RALF LAUREN'" in found.reasons[0]
    # one misspelt word among others may be chance: below high alone
    found = _run(asp.spelling, "SAMSNG GALAXY", "SAMSUNG")
    assert found is not None and found.score == 0.78 and "'SAMSNG'" in found.reasons[0]
    # ordinary words close to an ordinary-word mark are not a misspelt mark
    plain = _run(asp.spelling, "BLUE SKIES TODAY", "BLUE SKY")
    assert plain is None or plain.score < 0.78


def test_a_misspelt_first_or_last_word_of_a_longer_mark() -> None:
    for query, earlier, part in [
        ("ARMANNI", "GIORGIO ARMANI", "'ARMANI'"),  # the surname, spelt with one letter more
        ("HARLY", "HARLEY-DAVIDSON", "'HARLEY'"),  # the coined opening, one letter less
    ]:
        found = _run(asp.spelling, query, earlier)
        assert found is not None and found.score == 0.75, query
        assert f"is {part} of the earlier mark" in found.reasons[0]
    for query, earlier in [("MICHAL", "MICHAEL KORS"), ("LIONS", "STONE LION CAPITAL")]:
        found = _run(asp.spelling, query, earlier)  # a given name, an ordinary word: no such part
        assert found is None or "of the earlier mark" not in found.reasons[0], query


def test_a_coined_first_or_last_word_is_filed_under_its_sound_for_its_respellings() -> None:
    from ipwarden.similarity.keys import mark_keys, query_probes

    assert {"wk:HRL", "wk:DVDSN"} <= mark_keys(prepare("HARLEY-DAVIDSON"))
    assert not any(k.startswith("wk:") for k in mark_keys(prepare("LION CAPITAL")))  # ordinary words
    assert not any(k.startswith("wk:") for k in mark_keys(prepare("HARLEY")))  # one word: its own keys
    probes = {p.key: p for p in query_probes(prepare("HARLY"))}
    assert probes["wk:HRL"].group == "respelled"
    assert not any(k.startswith("wk:") for k in {p.key for p in query_probes(prepare("HARLEY DAVIDSON"))})


def test_a_consonant_put_before_a_mark_that_begins_with_a_vowel_is_a_rhyme() -> None:
    texon = _run(asp.rhyme, "TEXON", "EXXON")  # Exxon Corp. v. Texas Motor Exchange (5th Cir. 1980)
    assert texon is not None and 0.8 <= texon.score < 0.88 and "first sound put before it" in texon.reasons[0]
    assert _run(asp.rhyme, "EXXON", "TEXON") is not None  # either way round
    assert _run(asp.rhyme, "NIKE", "IKE") is None  # too short a mark left
    assert _run(asp.rhyme, "TOXIN", "EXXON") is None  # the same keys, but spelled apart
    assert _run(asp.rhyme, "STEXON", "EXXON") is None  # two consonants put before it
    assert "v:AKSAN" in {p.key for p in query_probes(prepare("TEXON")) if p.group == "rhyme"}
    assert latin_key("EXXON") == latin_key("EXON") == "AKSN"  # a doubled x is said once


def test_two_letters_trading_places_across_one_count_as_one_slip() -> None:
    found = _run(asp.spelling, "DOGIVA", "GODIVA")
    assert found is not None and found.score == 0.708 and "'d' and 'g' trade places" in found.reasons[0]
    assert _run(asp.spelling, "NIKE", "KINE") is None  # four letters: two of them are half the mark
    far = _run(asp.spelling, "DOGIAV", "GODIVA")  # more than one slip
    assert far is None or "trade places" not in far.reasons[0]


def test_a_misspelt_name_glued_before_a_word_of_the_web() -> None:
    """SIFFYNET ~ SIFY (Satyam Infoway v. Sifynet Solutions, Supreme Court of India, 2004)."""
    found = _run(asp.spelling, "SIFFYNET", "SIFY")
    assert found is not None and found.score == 0.78 and "'SIFFY'" in found.reasons[0]
    assert _run(asp.spelling, "GOOGELNET.COM", "GOOGLE") is not None
    cabinet = _run(asp.spelling, "CABINET", "CABI")  # an English word, not CABI + net
    assert cabinet is None or "contains" not in cabinet.reasons[0]
    assert web_name("siffynet") == ("siffy", "net") and web_name("hornet") is None  # HOR: too short a name


def test_a_misspelt_name_glued_before_an_ordinary_word_in_a_domain_name() -> None:
    """acadamyoutdoor.com ~ ACADEMY (Academy, Ltd. v. Above.com Domain Privacy, Forum FA1307001509066, 2013):
    in a domain name a glued word is read as a name and the ordinary word it ends with; not outside one."""
    found = _run(asp.spelling, "acadamyoutdoor.com", "ACADEMY")
    assert found is not None and found.score == 0.78 and "'ACADAMY'" in found.reasons[0]
    assert _run(asp.spelling, "ACADAMYOUTDOOR", "ACADEMY") is None  # no domain name: one coined word
    assert worded_tail("acadamyoutdoor") == ("acadamy", "outdoor")
    assert worded_tail("outdoor") is None and worded_tail("newstore") is None  # NEWS: too short a name


def test_coined_words_in_one_cadence_are_a_rhyme() -> None:
    """ALTOCOR ~ ADVICOR (Kos Pharmaceuticals v. Andrx, 3d Cir. 2004): three syllables each, the same first
    sound and the same ending; LUSOLIN ~ SAPOLIN (Phil. S.C. 1939): the same last two syllables' sounds."""
    altocor = _run(asp.rhyme, "ALTOCOR", "ADVICOR")
    assert altocor is not None and 0.68 <= altocor.score < 0.78 and "3 syllables each" in altocor.reasons[0]
    assert "begin with the same sound" in altocor.reasons[0] and "'-cor'" in altocor.reasons[0]
    lusolin = _run(asp.rhyme, "LUSOLIN", "SAPOLIN")
    assert lusolin is not None and "'-olin'" in lusolin.reasons[0]
    assert _run(asp.rhyme, "MILANZA", "POTENZA") is not None  # Bridgestone v. Federal (Fed. Cir. 2012)
    assert _run(asp.rhyme, "XENASA", "PENTASA") is None  # T-362/16: -ASA alone
    assert _run(asp.rhyme, "BONAMINE", "STRAMAMINE") is None  # two more: another rhythm
    assert _run(asp.rhyme, "ALTOCAR", "ADVICOR") is None  # the last letters are said otherwise
    assert _run(asp.rhyme, "SALTOR", "SIMTOR") is None  # two syllables: the ending is half the mark
    assert _run(asp.rhyme, "ALTO COR", "ADVICOR") is None  # one word each
    assert syllables("ALTAKAR") == ["A", "LTA", "KAR"]
    assert cadence_keys(prepare("ALTOCOR")) == cadence_keys(prepare("ADVICOR")) == {"cd:A7KAR", "ce:7AKAR"}
    assert cadence_keys(prepare("DETOX")) == set()
    assert "ce:9MANA" in cadence_keys(prepare("BONAMINE"), spread=1) & cadence_keys(prepare("DRAMAMINE"))
    bonamine = _run(asp.rhyme, "BONAMINE", "DRAMAMINE")
    assert bonamine is not None and "3 syllables each" in bonamine.reasons[0]  # the final e is silent


def test_a_domain_name_is_compared_without_its_top_level_domain_and_a_glued_www() -> None:
    """wwwups.org ~ UPS (United Parcel Service of America v. Michael Robert, WIPO D2006-0233): a dot left
    out after www is a typing slip, and the top-level domain says nothing of whose site it is."""
    found = _run(asp.containment, "wwwups.org", "UPS")
    assert found is not None and found.score >= 0.9 and "(org, www)" in found.reasons[0]
    assert prepare("www.ups.org").core == prepare("wwwups.org").core == ("ups",)
    assert prepare("WWWF").core == ("wwwf",)  # not a domain name: the letters are the mark
    assert prepare("ORG").core == ("org",) and "org" in prepare("ups org").core  # a word, not a domain


def test_look_alike_letter_pairs_in_a_domain_name_are_read_as_the_letter_they_imitate() -> None:
    """crnegroups.com ~ CME GROUP (rn for m, with GROUPS glued): typosquatting by look-alike letters."""
    found = _run(asp.containment, "crnegroups.com", "CME GROUP")
    assert found is not None and 0.8 <= found.score < 0.9
    assert "once look-alike letters are read as the letter they imitate ('crnegroups')" in found.reasons[0]
    assert _run(asp.containment, "crnegroups", "CME GROUP") is None  # not a domain name
    assert _run(asp.containment, "learngroups.com", "LEAM") is None  # LEARN is a word of its own
