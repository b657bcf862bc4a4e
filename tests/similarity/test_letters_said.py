"""Marks written in lone letters or digits, said as the letters' names and as number words (B WEAR 'bee wear')."""

from __future__ import annotations

from pathlib import Path

import pytest
from similarity_support import right

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.aspects import sound_latin
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import SearchIndex
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.phonetics import latin_key, letters_said
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchService


def test_lone_letters_and_short_runs_without_a_vowel_are_said_as_names() -> None:
    assert letters_said("B WEAR") == "bee wear"
    assert letters_said("PHONES 4U") == "phones four you"
    assert letters_said("J.CREW") == "jay crew"
    assert letters_said("NRG") == "en ar gee"
    # a word with a vowel is said as written, and so is a mark with no letters to name
    assert letters_said("BEE WEAR") == "" and letters_said("IKEA") == "" and letters_said("NIKE") == ""


@pytest.mark.parametrize(
    ("query", "earlier"),
    [("BEE WEAR", "B WEAR"), ("PHONES FOR YOU", "PHONES 4U"), ("JAY CREW", "J.CREW"), ("B WEAR", "BEE WEAR")],
)
def test_a_mark_in_letters_sounds_as_the_words_it_is_said_as(query: str, earlier: str) -> None:
    found = sound_latin(prepare(query), prepare(earlier))
    assert found is not None and found.score >= 0.9 and "said alike" in found.reasons[0], found


def test_a_digit_glued_to_a_word_is_said_as_its_number_word() -> None:
    """TRUONE ~ TRUE1 (In re ABB Oy, TTAB 2020): 'true one' to the ear. The digit alone is read for this
    comparison only; the mark is filed under its reading only when it has letters to name (``ls:``)."""
    assert letters_said("TRUE1") == "" and letters_said("TRUE1", numbers=True) == "true one"
    found = sound_latin(prepare("TRUONE"), prepare("TRUE1"))
    assert found is not None and found.score >= 0.88 and "digits read as words" in found.reasons[0], found
    assert not any(k.startswith("ls:") for k in mark_keys(prepare("TRUE1")))


def test_letters_said_alike_need_the_same_sound_and_a_close_reading() -> None:
    assert sound_latin(prepare("B WEAR"), prepare("B WEAR")) is None  # the same letters: a spelling
    for query, earlier in (("BEE WARE HOUSE", "B WEAR"), ("TEE EM EM", "TMS")):
        found = sound_latin(prepare(query), prepare(earlier))
        assert found is None or "said alike" not in found.reasons[0], (query, found)


def test_a_mark_in_letters_is_filed_under_its_reading_which_a_query_in_words_probes(tmp_path: Path) -> None:
    key = "ls:" + latin_key("bee wear")
    assert key in mark_keys(prepare("B WEAR")) and key not in mark_keys(prepare("BEE WEAR"))
    assert key in {p.key for p in query_probes(prepare("BEE WEAR"))}
    _assert_found_first_as_said(tmp_path, "B WEAR", "BEE WEAR")


def test_a_query_in_letters_probes_the_marks_in_the_words_it_is_said_as(tmp_path: Path) -> None:
    assert "c:bee" in {p.key for p in query_probes(prepare("B WEAR"))}
    assert "c:bee" not in {p.key for p in query_probes(prepare("BOWER"))}
    _assert_found_first_as_said(tmp_path, "BEE WEAR", "B WEAR")


def _assert_found_first_as_said(tmp_path: Path, mark: str, query: str) -> None:
    """Among marks that share a word or a sound with it, ``mark`` is the query's first hit, said alike."""
    store = InMemoryRightsStore()
    store.upsert_rights(
        [right("BW", mark, [25])]
        + [right(f"N{i}", m, [25]) for i, m in enumerate(("BEAR WEAR", "BEE-WISE", "BE WELL", "WEAR ME"))]
    )
    service = SearchService(SearchIndex.build(tmp_path / "index", store), store)
    hits = service.search(SearchQuery.parse(query, classes=[25])).hits
    found = next(h for h in hits if h.id == "BW")
    assert found is hits[0] and "said alike" in " ".join(found.reasons)
