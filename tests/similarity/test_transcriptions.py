"""Chinese names read other ways than by Mandarin pinyin: Cantonese, a same-sound character, onsets kept."""

from __future__ import annotations

from ipwarden.similarity.forms import prepare, prepare_query
from ipwarden.similarity.transcriptions import (
    cantonese_readings,
    chinese_onset_keys,
    onset_keys,
    onset_score,
    read_otherwise,
    same_sound_entry,
)


def _read(latin: str, chinese: str) -> tuple[float, str] | None:
    c = prepare(chinese)
    return read_otherwise(tuple(latin.lower().split()), c.cjk, c.pinyin, c.fuzzy)


def test_cantonese_spellings_read_as_the_mandarin_of_their_characters() -> None:
    assert prepare("李锦记").fuzzy in cantonese_readings(("lee", "kum", "kee"))
    assert prepare("周生生").fuzzy in cantonese_readings(("chow", "sang", "sang"))
    assert cantonese_readings(("lee",)) == frozenset()  # one word is not a name
    assert cantonese_readings(("lee", "kum", "cola")) == frozenset()  # every word must be Cantonese


def test_other_readings_score_with_their_reason() -> None:
    found = _read("LEE KUM KEE", "李锦记")
    assert found and found[0] >= 0.85 and "Cantonese" in found[1]
    found = _read("KEN DE JEE", "肯德基")
    assert found and "ee for i" in found[1]
    found = _read("PIEN TZE HUANG", "片仔癀")
    assert found and "another reading" in found[1]
    assert _read("LEE KUM KEE", "周生生") is None
    assert _read("KEN DE JOE", "肯德基") is None


def test_a_same_sound_character_is_heard_as_the_dictionary_name() -> None:
    rolex = prepare("劳立士")
    assert same_sound_entry(rolex.cjk, rolex.fuzzy) == ("劳力士", ("rolex",))
    assert "rolex" in prepare_query("劳立士").meanings
    assert "rolex" not in prepare("劳立士").meanings  # the earlier marks keep their own meanings
    own = prepare("同仁堂")
    assert same_sound_entry(own.cjk, own.fuzzy) is None  # a dictionary word of its own
    assert same_sound_entry("劳力士", prepare("劳力士").fuzzy) is None


def test_onsets_kept_by_a_chinese_transliteration() -> None:
    assert onset_keys(("skechers",)) == {"SKS"}
    assert onset_keys(("montblanc",)) == {"MnPLn"}  # bl is one onset; nt and nc end syllables (n)
    assert onset_keys(("bvlgari",)) == {"PKL"}  # v between consonants is u
    assert "MST" in onset_keys(("mercedes", "benz"))  # a word of a longer mark
    assert "SKS" in chinese_onset_keys(("si", "kai", "qi"))
    assert "MnPLn" in chinese_onset_keys(("wan", "bao", "long"))  # wan for a Western m
    assert onset_score(("timberland",), prepare("添柏岚").pinyin) == 0.84
    assert onset_score(("mercedes", "benz"), prepare("梅赛德斯").pinyin) == 0.8  # one word of two
    assert onset_score(("timberland",), prepare("斯凯奇").pinyin) is None
    assert onset_score(("tiberland",), prepare("添柏岚").pinyin) is None  # the nasal codas count too
    assert chinese_onset_keys(("lei", "peng")) == frozenset()  # two syllables say too little
