"""Candidate keys and the candidate stage: deletion neighbourhoods, pinyin as heard, reserved group slots."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import numpy as np
from similarity_support import right

from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.similarity.aspects import cross_script, meaning, sound_latin
from ipwarden.similarity.candidate_groups import CADENCE, RHYME, RHYME_SHARE, choose, tie_order
from ipwarden.similarity.chinese import english_spelling
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import SearchIndex
from ipwarden.similarity.keys import GROUPS, mark_keys, query_probes
from ipwarden.similarity.phonetics import latin_key, loose_key


def test_loose_key_folds_voicing_and_a_silent_opening() -> None:
    assert loose_key(latin_key("BEPSI")) == loose_key(latin_key("PEPSI"))
    assert loose_key(latin_key("ERMES")) == loose_key(latin_key("HERMES"))
    assert loose_key(latin_key("NIKON")) != loose_key(latin_key("NIKE"))


def test_sound_keys_one_symbol_apart_share_a_deletion_key() -> None:
    hermes, ermes = mark_keys(prepare("HERMES")), mark_keys(prepare("ERMES"))
    assert "kd:RMS" in hermes and "kd:RMS" in ermes
    assert "k:HRMS" in hermes and "k:HRMS" not in ermes
    assert "kd:SK" in mark_keys(prepare("SEIKO"))  # two-symbol keys are filed as themselves


def test_pinyin_as_heard_in_english() -> None:
    assert english_spelling(("xiao", "mi")) == "shiaomi"
    assert english_spelling(("zhi", "fu", "bao")) == "jifubao"
    assert english_spelling(("cai", "chun")) == "tsaichun"
    assert "k:" + latin_key("SHAOMI") in mark_keys(prepare("小米"))
    hit = cross_script(prepare("SHAOMI"), prepare("小米"))
    assert hit is not None and hit.score >= 0.85, hit


def test_sound_and_meaning_scores() -> None:
    bepsi = sound_latin(prepare("BEPSI"), prepare("PEPSI"))
    assert bepsi is not None and 0.8 <= bepsi.score < 0.85 and "voiced" in bepsi.reasons[0]
    # one sound key for both, RAYBAN and ROBIN alike: how far apart the spellings are tells them apart
    dyson = sound_latin(prepare("DAISON"), prepare("DYSON"))
    oakon = sound_latin(prepare("IKON"), prepare("OAKON"))
    assert dyson is not None and oakon is not None and dyson.score >= 0.9 > oakon.score
    # the same loose key, spelt further apart: a weaker likeness
    herz = sound_latin(prepare("ERASE"), prepare("HERZ"))
    assert herz is not None and herz.score < 0.8 and "voiced" in herz.reasons[0]
    assert sound_latin(prepare("NIKON"), prepare("NIKE")) is None or (
        sound_latin(prepare("NIKON"), prepare("NIKE")).score < 0.8  # type: ignore[union-attr]
    )
    phrase = meaning(prepare("GATO NEGRO"), prepare("BLACK CAT"))
    word = meaning(prepare("POMME"), prepare("APPLE"))
    assert phrase is not None and word is not None and phrase.score > word.score
    great = meaning(prepare("GRANDE MURAILLE"), prepare("GREAT WALL"))
    assert great is not None and "big or great" in great.reasons[0]


def test_probes_carry_their_group() -> None:
    groups = {p.key: p.group for p in query_probes(prepare("STONE LION CAPITAL"))}
    assert groups["c:lloncapltal"] == "containment"  # skeleton keys: i and l look alike
    assert groups["c:stonelloncapltal"] == "spelling"
    glyph = {p.group for p in query_probes(prepare("雷碧"))}
    assert {"glyph", "chinese", "sound"} <= glyph <= set(GROUPS)
    glued = {p.key for p in query_probes(prepare("RAYBANSUNGLASSES"))}
    assert "c:rayban" in glued


def test_a_rare_group_keeps_its_slots(tmp_path: Path) -> None:
    """A hundred spelling neighbours do not push out the one mark found only by meaning."""
    store = InMemoryRightsStore()
    crowd = [right(f"N{i}", f"GATO NEGRA {i}", [9]) for i in range(100)]
    store.upsert_rights([*crowd, right("BC", "BLACK CAT", [9])])
    index = SearchIndex.build(tmp_path / "index", store)
    ords = index.candidates("GATO NEGRO", cap=20)
    assert len(ords) == 20
    assert index.ords_of(["BC"])[0] in ords


def test_a_rhyme_is_a_candidate_among_many_spelling_neighbours(tmp_path: Path) -> None:
    """ROLEX shares with DELEX only keys that DELEX's own sound neighbours (DALEX, DOLLEKS …) share too, and
    more; its rhyme probes keep it a place of its own among the candidates."""
    rhymes = {p.key: p.group for p in query_probes(prepare("DELEX"))}
    assert rhymes["v:RALAKS"] == "rhyme" and "v:DALAKS" not in {k for k, g in rhymes.items() if g == "rhyme"}
    assert not any(g == "rhyme" for g in {p.group for p in query_probes(prepare("APEX"))})  # a vowel start
    assert not any(g == "rhyme" for g in {p.group for p in query_probes(prepare("DELEX ROLEX"))})  # two words
    spellings = [
        "D" + a + el + b + x for a, el, b, x in product("AEIOU", ["L", "LL"], "AEIOU", ["X", "KS", "CKS"])
    ]
    assert _a_candidate_among(tmp_path, spellings, "ROLEX", "DELEX", 14)


def _a_candidate_among(tmp_path: Path, crowd: list[str], mark: str, query: str, nice_class: int) -> bool:
    """Whether ``mark`` is among the 20 candidates of ``query`` in an index of it and a ``crowd``."""
    store = InMemoryRightsStore()
    rights = [right(f"N{i}", text, [nice_class]) for i, text in enumerate(crowd) if text != query]
    store.upsert_rights([*rights, right("EARLIER", mark, [nice_class])])
    index = SearchIndex.build(tmp_path / "index", store)
    return index.ords_of(["EARLIER"])[0] in index.candidates(query, cap=20)


def test_rhymes_take_a_few_places_on_top_of_the_cap_and_none_of_the_others() -> None:
    rows = 400
    per_group = np.zeros((rows, len(GROUPS)))
    per_group[:300, 0] = np.linspace(1.0, 2.0, 300)  # spelling neighbours
    per_group[300:, RHYME] = 50.0  # rhymes, far heavier
    per_group[0, RHYME] = 60.0  # the weakest spelling neighbour rhymes best: a rhyme's place, not a rest one
    keep = np.ones(rows, dtype=bool)
    without = choose(per_group[:300, :RHYME], keep[:300], {0}, 120)
    chosen = choose(per_group, keep, {0, RHYME}, 120)
    rhymes = int(120 * RHYME_SHARE)
    assert len(chosen) == 120 + rhymes
    assert set(without.tolist()) <= set(chosen.tolist())
    assert 0 in chosen.tolist() and 0 not in without.tolist()
    assert sum(1 for i in chosen if i >= 300) == rhymes - 1


def test_a_mark_in_the_query_s_cadence_is_a_candidate_among_many_neighbours(tmp_path: Path) -> None:
    """ADVICOR shares with ALTOCOR two trigrams and its cadence; ALTOCOR's many sound neighbours share more,
    but the cadence probes keep it a place of its own."""
    probes = {p.key: p for p in query_probes(prepare("ALTOCOR"))}
    assert probes["cd:A7KAR"].group == probes["ce:8AKAR"].group == "cadence" and not probes["cd:A7KAR"].exact
    spellings = [
        "AL" + t + a + k + o + "RS" for t, a, k, o in product("TD", "AEIOU", ["C", "K", "CK"], "AEIOU")
    ]
    assert _a_candidate_among(tmp_path, spellings, "ADVICOR", "ALTOCOR", 5)


def test_the_cadence_group_prefers_the_marks_alike_in_other_ways_too() -> None:
    rows = 300
    per_group = np.zeros((rows, len(GROUPS)))
    per_group[:200, 0] = np.linspace(1.0, 2.0, 200)  # spelling neighbours
    per_group[200:, CADENCE] = 1.0  # a hundred marks in the query's cadence
    per_group[250, 0] = 0.5  # one of them shares a trigram as well
    keep = np.ones(rows, dtype=bool)
    chosen = choose(per_group, keep, {0, CADENCE}, 120).tolist()
    places = int(120 * RHYME_SHARE)
    assert len(chosen) == 120 + places and 250 in chosen
    assert sum(1 for i in chosen if i >= 200) == places


def test_distinct_postings_match_numpy_unique_with_either_method() -> None:
    import numpy as np

    from ipwarden.similarity.candidate_groups import Distinct

    rng = np.random.default_rng(7)
    distinct = Distinct()
    for count, size in [(30_000, 1_000_000), (12, 1_000_000), (500, 2_000), (0, 10)]:
        ords = rng.integers(0, size, count).astype(np.uint32)
        unique, inverse = distinct.of(ords, size)
        expected, where = np.unique(ords, return_inverse=True)
        assert unique.tolist() == expected.tolist() and inverse.tolist() == where.tolist()
        assert unique.dtype == np.uint32


def test_equal_candidates_are_kept_in_an_order_that_is_not_the_filing_order() -> None:
    """``np.argpartition`` keeps the last of equals: the marks filed last would win every tie."""
    rows = 2_000
    per_group = np.zeros((rows, 3))
    per_group[:, 0] = 5.0
    keep = np.ones(rows, dtype=bool)
    chosen = choose(per_group, keep, {0}, 120, tie_order(np.arange(rows)))
    assert len(chosen) == 120
    assert 0.15 < float(np.mean(chosen >= rows * 3 // 4)) < 0.35  # about a quarter from the last quarter
    assert list(chosen) == list(choose(per_group, keep, {0}, 120, tie_order(np.arange(rows))))
    stronger = per_group.copy()
    stronger[7, 0] = 5.001  # a real difference of weight still wins over any tie order
    assert 7 in choose(stronger, keep, {0}, 1, tie_order(np.arange(rows)))
