"""Looser meaning matches: inflected foreign words, English word forms, and their candidate probes."""

from __future__ import annotations

from pathlib import Path

from similarity_support import right

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.aspects import meaning
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import SearchIndex
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.meanings import (
    canonical,
    english_compound,
    glued_equivalent,
    inflected_meanings,
    romaji,
    variants,
)


def test_canonical_key_joins_english_word_forms() -> None:
    assert canonical("golden star") == canonical("gold star") == canonical("gold stars") == "gold star"
    assert canonical("berries") == "berry"
    assert canonical("glass") == "glass" and canonical("lotus") == "lotus"  # not plurals
    assert canonical("gold star") != canonical("gold sun")


def test_variants_list_the_forms_a_mark_may_be_filed_under() -> None:
    found = variants("gold star")
    assert found[0] == "gold star" and "golden star" in found and len(found) <= 8


def test_inflected_foreign_words_are_read_through_their_base_form() -> None:
    # (words the induced table lists as they are, SCHWARZE or GATTI, need no base form)
    german = inflected_meanings(("blaue", "sterne"))
    assert "blue star" in german and "sterne = star (inflected form)" in german["blue star"]
    assert "red star" in inflected_meanings(("rossi", "sterne"))  # Italian plural of rosso
    assert "black cat" in prepare("GATTI NERI").meanings  # in the induced table as they are
    assert inflected_meanings(("gato", "negro")) == {}  # every word is in the lexicon as it is
    assert inflected_meanings(("blue", "sea")) == {}  # BLUE is English, not an inflected Italian blu
    assert inflected_meanings(("耐克",)) == {}


def test_meaning_aspect_uses_both() -> None:
    german = meaning(prepare("BLAUE STERNE"), prepare("BLUE STAR"))
    # BLUE STAR is the English equivalent itself: a little closer than a phrase met through English
    assert german is not None and german.score == 0.93 and "inflected form" in german.reasons[0]
    gold = meaning(prepare("金星"), prepare("GOLDEN STAR"))
    assert gold is not None and "gold star" in gold.reasons[0]
    assert meaning(prepare("STARS"), prepare("STAR")) is None  # the same plain words: spelling judges
    assert meaning(prepare("BLUE SEA"), prepare("BLUE SEA INC")) is None


def test_probes_reach_marks_filed_under_another_form() -> None:
    keys = {p.key: p.group for p in query_probes(prepare("BLAUE STERNE"))}
    assert keys["m:blue star"] == "meaning"
    assert query_probes(prepare("金星"))  # sanity: a Chinese query has probes
    assert "m:golden star" in {p.key for p in query_probes(prepare("金星"))}
    tournesol = {p.key: p.group for p in query_probes(prepare("TOURNESOL"))}
    assert tournesol["m:tournesol"] == "spelling"  # its own word: found again by spelling
    assert tournesol["m:sunflower"] == "meaning"


def test_meaning_slots_go_to_marks_other_groups_do_not_find(tmp_path: Path) -> None:
    """Identical marks fill the spelling slots; the meaning slots still reach the translated mark."""
    store = InMemoryRightsStore()
    crowd = [right(f"T{i}", "TOURNESOL", [3]) for i in range(60)]
    store.upsert_rights([*crowd, right("SF", "SUNFLOWER", [3])])
    index = SearchIndex.build(tmp_path / "index", store)
    ords = index.candidates("TOURNESOL", cap=20)
    assert len(ords) == 21  # the cap, and on top of it the one place of the cadence group (TOURNESOL's own)
    assert index.ords_of(["SF"])[0] in ords


def test_japanese_and_korean_words_translate() -> None:
    """Romaji (glued or with the particle no), kana read as romaji, and Hangul words."""
    assert "black cat" in prepare("KURONEKO").meanings  # kuro + neko
    assert "black cat" in prepare("クロネコ").meanings and "black cat" in prepare("くろねこ").meanings
    assert "gold star" in prepare("KIN NO HOSHI").meanings  # no 'of' set aside between two words
    assert not any("gold" in key for key in prepare("NO FEAR").meanings)  # NO alone stays English
    assert "black cat" in prepare("검은 고양이").meanings
    assert romaji("ラーメン") == "raamen" and romaji("ニッポン") == "nippon" and romaji("NIKE") is None


def test_phrases_translate_as_a_whole() -> None:
    assert "good morning" in prepare("BUENOS DIAS").meanings
    assert "day good" not in prepare("BUENOS DIAS").meanings  # not word for word


def test_irregular_plurals_and_chinese_measure_words() -> None:
    assert canonical("seven wolves") == canonical("seven wolf")
    wolves = {canonical(k) for k in prepare("七匹狼").meanings}  # 七 seven, 匹 measure word, 狼 wolf
    assert canonical("seven wolves") in wolves
    assert "red star" in inflected_meanings(prepare("LE ROSSI STERNE").core)  # the article le aside


def test_an_english_query_probes_the_marks_that_translate_it() -> None:
    """PHOENIX looks up the marks whose translated meaning is 'phoenix' (凤凰, FENICE), apart from the many
    marks that are the same English word; a foreign query does not look up its fellow translations."""
    assert "mx:phoenix" in mark_keys(prepare("凤凰")) and "mx:phoenix" in mark_keys(prepare("FENICE"))
    assert not any(k.startswith("mx:") for k in mark_keys(prepare("PHOENIX")))
    probes = {p.key: p.group for p in query_probes(prepare("PHOENIX"))}
    assert probes["mx:phoenix"] == "meaning"
    assert "mx:dove" not in {p.key for p in query_probes(prepare("COLOMBE"))}  # it probes m:dove, c:dove


def test_two_chinese_names_meeting_only_through_their_characters_senses() -> None:
    thin = meaning(prepare("斐乐"), prepare("雅欣"))  # 斐 'elegant' + 乐 'happy'; 雅 'elegant' + 欣 'happy'
    assert thin is not None and thin.score == 0.72 and "character by character only" in thin.reasons[0]
    words = meaning(prepare("蓝月亮"), prepare("BLUE MOON"))  # 月亮 'moon' is a word: a meaning in full
    assert words is not None and words.score > 0.9


def test_a_closed_english_compound_meets_its_two_words_in_another_language(tmp_path: Path) -> None:
    """SEAHORSE is 海马 'sea horse' written as one word, both ways round; a dictionary word is not split."""
    assert english_compound("seahorse") == ("horse sea",)
    assert english_compound("carpet") == () and english_compound("sunday") == ()  # words of their own
    assert glued_equivalent("horse sea", "seahorse") == "sea horse"
    assert glued_equivalent("horse sea", "horses") == "" and glued_equivalent("car pet", "carpet") == ""
    found = meaning(prepare("SEAHORSE"), prepare("海马"))
    assert found is not None and "'SEAHORSE' is 'sea horse' written as one word" in found.reasons[0]
    assert meaning(prepare("海马"), prepare("SEAHORSE")) is not None
    assert meaning(prepare("CARPET"), prepare("车宠物")) is None  # 车 'car' + 宠物 'pet' is not CARPET
    assert "mx:horse sea" in {p.key for p in query_probes(prepare("SEAHORSE"))}
    store = InMemoryRightsStore()
    store.upsert_rights(
        [right("HM", "海马", [43]), right("SH", "SEAHORSE", [43]), right("X", "SEASHORE", [43])]
    )
    index = SearchIndex.build(tmp_path / "index", store)
    assert index.ords_of(["HM"])[0] in index.candidates("SEAHORSE", cap=20)
    assert index.ords_of(["SH"])[0] in index.candidates("海马日本料理", cap=20)


def test_a_chinese_restaurant_name_is_read_without_its_cuisine() -> None:
    assert prepare("海马日本料理").core == ("海马",)  # 日本料理 'Japanese cuisine' describes the services
    assert prepare("老王小吃").core == ("老王",)
