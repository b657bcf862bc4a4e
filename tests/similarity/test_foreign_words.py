"""The induced table of common foreign words (data/foreign_words.tsv.gz) and how the search uses it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from similarity_support import right

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.aspects import meaning
from ipwarden.similarity.datagen_foreign import LANGUAGES, _ahead, _nearest
from ipwarden.similarity.forms import prepare, segment_foreign
from ipwarden.similarity.index import SearchIndex
from ipwarden.similarity.meanings import inflected_meanings
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.resources import _induced_foreign, lexicon
from ipwarden.similarity.services import SearchService


def test_the_table_ships_tens_of_thousands_of_words_in_six_languages() -> None:
    rows = _induced_foreign()
    assert len(rows) > 30_000
    assert {language for _, language, _ in rows} == set(LANGUAGES)
    assert all(word.isalpha() and len(word) >= 4 and word != english for word, _, english in rows)
    assert all(english.isalpha() and english.isascii() for _, _, english in rows)


def test_common_nouns_have_their_english_meaning() -> None:
    foreign = lexicon().foreign
    assert foreign["zapato"] == ("es", "shoe") and foreign["schuh"] == ("de", "shoe")
    assert foreign["fenster"][1] == foreign["finestra"][1] == foreign["ventana"][1] == "window"
    assert foreign["holz"][1] == foreign["legno"][1] == foreign["madeira"][1] == "wood"
    assert foreign["sneeuw"] == ("nl", "snow")


def test_the_curated_list_wins_and_alone_is_glued() -> None:
    lex = lexicon()
    assert "azul" in lex.curated_foreign and "zapato" not in lex.curated_foreign
    assert lex.foreign["azul"] == ("es", "blue")  # as lexicon.yaml has it
    assert segment_foreign("marazul") == ["mar", "azul"]
    # two induced words glued together are not split: a coined word would split into chance pieces
    assert "zapato" in lex.foreign and "holz" in lex.foreign and segment_foreign("zapatoholz") is None


def test_english_words_are_not_read_as_inflected_induced_words() -> None:
    foreign = lexicon().foreign
    assert foreign["hostil"][1] == "host" and foreign["branche"][1] == "industry"  # Spanish, French
    assert inflected_meanings(("hostile",)) == {} and inflected_meanings(("branches",)) == {}
    assert "blue star" in inflected_meanings(("blaue", "sterne"))  # the curated base forms still are


def test_a_foreign_mark_meets_its_english_equivalent() -> None:
    direct = meaning(prepare("VENTANA AZUL"), prepare("BLUE WINDOW"))
    assert direct is not None and direct.score >= 0.9 and "ventana (es) = window" in direct.reasons[0]
    through_english = meaning(prepare("FENSTER"), prepare("FINESTRA"))
    assert through_english is not None and 0.8 <= through_english.score < direct.score
    assert meaning(prepare("VENTANA"), prepare("SNOW")) is None


def test_search_finds_the_translation_among_look_alikes(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    names = ["VENTANAS", "VENTURA", "WINDOWS", "AZULEJO", "VENTA AZUR"]
    store.upsert_rights([right(f"S{i}", name, [19]) for i, name in enumerate(names)])
    store.upsert_rights([right("BW", "BLUE WINDOW", [19]), right("SW", "SNOW WOOD", [19])])
    service = SearchService(SearchIndex.build(tmp_path / "index", store), store)
    hits = service.search(SearchQuery.parse("VENTANA AZUL", classes=[19])).hits
    found = next(h for h in hits if h.id == "BW")
    assert any("ventana (es) = window" in r for r in found.reasons)
    assert "SW" not in {h.id for h in hits}


def test_nearest_lists_each_rows_best_columns_in_order() -> None:
    scores = np.array([[0.1, 0.9, 0.5, 0.7], [0.8, 0.2, 0.3, 0.1]], dtype=np.float32)
    assert _nearest(scores, 2).tolist() == [[1, 3], [0, 2]]


def test_a_lone_neighbour_must_lead_the_words_not_derived_from_it() -> None:
    english = ["horse", "horseman", "equestrian", "therein", "ass"]
    near = np.arange(5)
    assert _ahead(np.array([0.90, 0.80, 0.70, 0.1, 0.1]), near, 0, english)  # HORSEMAN is derived
    assert not _ahead(np.array([0.1, 0.1, 0.1, 0.86, 0.84]), near, 3, english)  # THEREIN, ASS: a toss-up
