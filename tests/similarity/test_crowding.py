"""Crowded registries: many marks of one text or one meaning must not hide the mark a query is about."""

from __future__ import annotations

from pathlib import Path

from similarity_support import right

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.aspects import meaning, sound_latin
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import SearchIndex
from ipwarden.similarity.keys import query_probes
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchService


def test_the_english_equivalent_is_closer_than_another_foreign_word() -> None:
    direct = meaning(prepare("POMME"), prepare("APPLE"))
    pivot = meaning(prepare("POMME"), prepare("APFEL"))
    assert direct is not None and pivot is not None
    assert direct.score > pivot.score == 0.85
    chinese = meaning(prepare("熊猫"), prepare("PANDA"))
    assert chinese is not None and chinese.score > 0.85  # a gloss against the English word itself


def test_a_plural_or_possessive_s_is_the_same_sound() -> None:
    found = sound_latin(prepare("SEYCOS"), prepare("SEIKO"))
    assert found is not None and found.score >= 0.8 and "plural" in found.reasons[0]
    assert sound_latin(prepare("SEIKO"), prepare("SEYCOS")) is not None
    probes = {p.key: p.group for p in query_probes(prepare("SEYCOS"))}
    assert probes["k:SK"] == "sound" and probes["v:SAKA"] == "sound"
    assert "k:S" not in {p.key for p in query_probes(prepare("SEAS"))}  # nothing left of a short key


def test_the_english_words_are_probed_as_a_mark() -> None:
    probes = {p.key: p.group for p in query_probes(prepare("CHAT NOIR"))}
    assert probes["c:blackcat"] == "meaning" and probes["c:catblack"] == "meaning"
    assert {p.key: p.group for p in query_probes(prepare("POMME"))}["c:apple"] == "meaning"


def test_the_english_mark_outweighs_foreign_marks_of_the_same_meaning(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    crowd = [right(f"F{i}", word, [9]) for i in range(40) for word in ("APFEL", "MANZANA", "MELA")]
    store.upsert_rights([*crowd, right("AP", "APPLE", [9])])
    index = SearchIndex.build(tmp_path / "index", store)
    assert index.ords_of(["AP"])[0] in index.candidates("POMME", cap=10)


def test_marks_in_the_query_classes_win_ties(tmp_path: Path) -> None:
    """Of a hundred identical DOVE marks, the candidates keep those for the query's goods."""
    store = InMemoryRightsStore()
    store.upsert_rights([right(f"D{i:03d}", "DOVE", [25]) for i in range(100)])
    index = SearchIndex.build(tmp_path / "index", store)
    late = right("SOAP", "DOVE", [3])  # added after the build: the class column grows with the index
    store.upsert_rights([late])
    index.add([late])
    soap = index.ords_of(["SOAP"])[0]
    assert soap in index.candidates("PALOMA", cap=5, classes=[3])
    assert soap not in index.candidates("PALOMA", cap=5, classes=[25])
    reopened = SearchIndex(tmp_path / "index", store)
    assert soap in reopened.candidates("PALOMA", cap=5, classes=[3, 5])


def test_copies_of_one_text_do_not_fill_the_page(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    copies = [
        right(f"P{i}", "POMME", [9], office=office) for i, office in enumerate(("FR", "DE", "ES", "IT", "BE"))
    ]
    store.upsert_rights([*copies, right("AP", "APPLE", [9])])
    index = SearchIndex.build(tmp_path / "index", store)
    hits = SearchService(index, store).search(SearchQuery.parse("POMME", classes=[9], limit=4)).hits
    assert [h.mark for h in hits] == ["POMME", "POMME", "POMME", "APPLE"]
    every = SearchService(index, store).search(SearchQuery.parse("POMME", classes=[9], limit=10)).hits
    assert [h.mark for h in every] == ["POMME"] * 3 + ["APPLE"] + ["POMME"] * 2  # the rest follow
    flat = SearchService(index, store, same_text=10, kind_slots=0)
    assert [h.mark for h in flat.search(SearchQuery.parse("POMME", classes=[9], limit=4)).hits] == [
        "POMME"
    ] * 4
    # the last place goes to the one kind of likeness the copies lack (a translation)
    kinds = SearchService(index, store, same_text=10).search(SearchQuery.parse("POMME", classes=[9], limit=4))
    assert [h.mark for h in kinds.hits] == ["POMME", "POMME", "POMME", "APPLE"]


def test_articles_are_set_aside_like_the() -> None:
    assert prepare("EL SOL").core == ("sol",) and prepare("LE CHAT NOIR").core == ("chat", "noir")
    found = meaning(prepare("EL SOL"), prepare("SUN"))
    assert found is not None and found.score == 0.88
    assert prepare("LA").core == ("la",)  # a mark made only of an article is its own dominant element


def test_a_page_says_how_many_more_rights_of_a_shown_text_it_leaves_out(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    copies = [right(f"O{i:02d}", "ORCHID", [3], office="EM") for i in range(8)]
    others = [right(f"N{i}", word, [3]) for i, word in enumerate(("AVONA", "AVONE", "AVONIA", "AVONO"))]
    store.upsert_rights(
        [*copies, *others, right("OTHER", "ORCHID", [30], office="EM"), right("AV", "AVON", [3])]
    )
    service = SearchService(SearchIndex.build(tmp_path / "index", store), store)
    hits = service.search(SearchQuery.parse("AVON ORCHID", classes=[3], limit=6)).hits
    same_class = [h for h in hits if h.mark == "ORCHID" and 3 in h.classes]
    assert len(same_class) == 3  # three copies of one text, then other marks
    notes = [r for h in hits for r in h.reasons if "not listed" in r]
    assert notes == [
        "5 more rights found with the mark 'ORCHID', this score and this risk not listed here "
        "(a higher limit lists them)"
    ]
    assert notes[0] in same_class[-1].reasons  # on the last copy shown
    every = service.search(SearchQuery.parse("AVON ORCHID", classes=[3], limit=20)).hits
    assert len([h for h in every if h.mark == "ORCHID"]) == 9
    assert not any("not listed" in r for h in every for r in h.reasons)


def test_a_page_keeps_a_place_for_the_same_mark_for_other_goods(tmp_path: Path) -> None:
    """Near spellings for the same goods fill the page; the earlier mark the query holds whole, filed for
    unrelated goods, still takes the last place, ranked low and at low risk."""
    store = InMemoryRightsStore()
    near = [
        right(f"V{i}", word, [25]) for i, word in enumerate(("VOGAS", "VAGUS", "VOGUS", "VOGEUS", "VAGES"))
    ]
    store.upsert_rights([*near, right("MAG", "VOGUE", [16])])
    service = SearchService(SearchIndex.build(tmp_path / "index", store), store)
    hits = service.search(SearchQuery.parse("COUNTRY VOGUES", classes=[25], limit=4)).hits
    assert [h.id for h in hits][-1] == "MAG"
    assert hits[-1].risk.value == "low" and any("unrelated" in r for r in hits[-1].reasons)
    assert hits[-1].score < min(h.score for h in hits[:-1])  # kept, not moved up the ranking
    assert any("closest mark for other goods" in r for r in hits[-1].reasons)
    assert not any("closest mark for other goods" in r for h in hits[:-1] for r in h.reasons)
    flat = SearchService(SearchIndex(tmp_path / "index", store), store, kind_slots=0)
    assert "MAG" not in [
        h.id for h in flat.search(SearchQuery.parse("COUNTRY VOGUES", classes=[25], limit=4)).hits
    ]
    # a mark for other goods that is only somewhat alike (0.78) does not take the place, though found
    other = InMemoryRightsStore()
    other.upsert_rights([*near, right("FAR", "VOGUZ", [16])])
    weak = SearchService(SearchIndex.build(tmp_path / "index2", other), other)
    assert "FAR" not in [
        h.id for h in weak.search(SearchQuery.parse("COUNTRY VOGUES", classes=[25], limit=4)).hits
    ]
    assert "FAR" in [
        h.id for h in weak.search(SearchQuery.parse("COUNTRY VOGUES", classes=[25], limit=9)).hits
    ]
