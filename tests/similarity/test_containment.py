"""Containment: a mark glued to a goods or shop word, and the query as the distinctive end of the mark."""

from __future__ import annotations

from ipwarden.similarity.aspects import containment
from ipwarden.similarity.forms import glued_to_generic, prepare
from ipwarden.similarity.keys import query_probes


def test_a_mark_glued_to_a_generic_or_goods_word_is_split_off() -> None:
    assert glued_to_generic("gapkids") == ("gap",)
    assert glued_to_generic("officialcoach") == ("coach",)
    assert glued_to_generic("nike") == () and glued_to_generic("gap") == ()
    assert glued_to_generic("kiamotors") == ("kia",)  # a vehicle word (class 12)
    found = containment(prepare("GAPKIDS"), prepare("GAP"))
    assert found is not None and found.score == 0.88 and "glued" in found.reasons[0]
    assert "c:gap" in {p.key for p in query_probes(prepare("GAPKIDS"))}
    assert containment(prepare("SINGAPORE"), prepare("GAP")) is None  # no generic word around it


def test_the_query_as_the_distinctive_end_of_a_longer_mark() -> None:
    surname = containment(prepare("KORS"), prepare("MICHAEL KORS"))
    assert surname is not None and surname.score == 0.79 and "ends with the query" in surname.reasons[0]
    ordinary = containment(prepare("CAPITAL"), prepare("LION CAPITAL"))  # a dictionary word: no more
    assert ordinary is not None and ordinary.score == 0.75
    first = containment(prepare("MICHAEL"), prepare("MICHAEL KORS"))  # not the end of the mark
    assert first is not None and first.score == 0.75


def test_a_short_word_is_probed_for_a_mark_glued_to_a_letter_or_two() -> None:
    keys = {p.key: p for p in query_probes(prepare("SONYX"))}
    assert "c:sony" in keys and keys["c:sony"].group == "containment"
    assert "c:onyx" in keys  # or the letters before it
    assert "c:son" not in keys  # three letters are too short to be a mark found this way
    found = containment(prepare("SONYX"), prepare("SONY"))
    assert found is not None and "'sony' inside 'sonyx'" in found.reasons[0]
