"""Spellings of one sound: pinyin with tone numbers, older romanisations, ü, -ng, Polish sz/cz, final -y."""

from __future__ import annotations

from ipwarden.similarity.aspects import cross_script, sound_latin
from ipwarden.similarity.chinese import fuzzy_syllable, transliteration_key
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.phonetics import latin_key, spelled_as_said
from ipwarden.similarity.romanisation import older_fuzzy_readings, older_readings, without_tone_numbers


def test_tone_numbers_are_dropped_only_from_whole_toned_syllables() -> None:
    assert without_tone_numbers(["xiao3", "mi3"]) == ["xiao", "mi"]
    assert without_tone_numbers(["hua2wei2"]) == ["huawei"]
    assert without_tone_numbers(["lv4", "jian4"]) == ["lv", "jian"]
    assert without_tone_numbers(["4ever", "21"]) == ["4ever", "21"]  # a digit that is no tone
    assert without_tone_numbers(["a1"]) == ["a1"]  # one toned syllable is no evidence
    assert without_tone_numbers(["mp3", "li2"]) == ["mp3", "li2"]
    assert prepare("XIAO3 MI3").latin == "xiaomi"


def test_a_toned_pinyin_query_probes_the_chinese_mark() -> None:
    probes = {p.key for p in query_probes(prepare("MENG2NIU2"))}
    assert probes & mark_keys(prepare("蒙牛"))


def test_older_romanisations_read_as_every_pinyin_they_may_stand_for() -> None:
    assert ("quan", "ju", "de") in older_readings("chuanchute")  # Wade-Giles ch'üan chü te
    assert ("zhang", "yu") in older_readings("changyu")
    assert ("zhong", "hua") in older_readings("chunghwa")  # postal hw
    assert ("tong", "ren", "tang") in older_readings("tungjentang")  # Wade-Giles j = pinyin r
    assert older_readings("samsung") == ()
    assert older_readings("tang") == ()  # one syllable is no name to read
    assert prepare("全聚德").fuzzy in older_fuzzy_readings("chuanchute")


def test_an_older_romanisation_meets_the_chinese_mark() -> None:
    query, mark = prepare("CHUAN CHU TE"), prepare("全聚德")
    assert {p.key for p in query_probes(query)} & mark_keys(mark)
    found = cross_script(query, mark)
    assert found is not None and found.score >= 0.85 and "Wade-Giles" in found.reasons[0]
    assert cross_script(prepare("CHUAN CHU TE"), prepare("张裕")) is None


def test_u_umlaut_is_u_in_fuzzy_pinyin() -> None:
    assert fuzzy_syllable("lv") == fuzzy_syllable("lu") == "lu"
    assert {p.key for p in query_probes(prepare("LÜJIAN"))} & mark_keys(prepare("绿箭"))


def test_ng_and_n_are_one_in_transliteration_keys() -> None:
    assert transliteration_key(latin_key("leipeng")) == transliteration_key(latin_key("rayban")) == "LPN"
    found = cross_script(prepare("雷朋"), prepare("RAY-BAN"))
    assert found is not None and found.score < 0.85  # loose evidence, never high alone


def test_polish_sz_and_cz_are_sh_and_ch() -> None:
    assert latin_key("szanel") == latin_key("chanel")
    assert latin_key("guczi") == latin_key("guchi")


def test_doubled_letters_and_a_final_y_do_not_set_one_sound_apart() -> None:
    assert spelled_as_said("sonie") == spelled_as_said("sony") == "soni"
    assert spelled_as_said("leggo") == "lego"
    sony = sound_latin(prepare("SONIE"), prepare("SONY"))
    sonne = sound_latin(prepare("SONIE"), prepare("SONNE"))
    assert sony is not None and sonne is not None and sony.score > sonne.score


def test_a_mark_split_around_an_ordinary_word_is_probed_joined() -> None:
    assert "k:" + latin_key("walmart") in {p.key for p in query_probes(prepare("WALL MART"))}
