"""Latin readings of marks in Cyrillic, Greek, kana and hangul: a Western mark filed or listed in a local
script is heard as the same name."""

from __future__ import annotations

import pytest

from ipwarden.similarity.aspects import sound_latin
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.readings import latin_reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("НАЙК", "naik"),
        ("АДИДАС", "adidas"),
        ("Кока-Кола", "kokakola"),
        ("ΝΙΚΗ", "niki"),
        ("ΑΔΙΔΑΣ", "adidas"),
        ("ナイキ", "naiki"),
        ("アディダス", "adidasu"),  # ディ: the kana of foreign names
        ("コカ・コーラ", "kokakoora"),  # the middle dot parts words, ー lengthens
        ("나이키", "naiki"),
        ("삼성", "samseong"),
        ("코카콜라", "kokakolla"),  # ㄹ after ㄹ is read l
        ("NIKE", ""),  # nothing to read: Latin letters are the mark's own
        ("耐克", ""),
    ],
)
def test_latin_reading(text: str, reading: str) -> None:
    assert latin_reading(text) == reading


def test_a_mark_read_from_another_script_sounds_like_the_latin_mark() -> None:
    same = sound_latin(prepare("ПУМА"), prepare("PUMA"))
    assert same is not None and same.score == 0.95 and "(read 'puma')" in same.reasons[0]
    close = sound_latin(prepare("ナイキ"), prepare("NIKE"))
    assert close is not None and close.score >= 0.85 and "(read 'naiki')" in close.reasons[0]
    assert sound_latin(prepare("삼성"), prepare("SAMSUNG")) is not None
    assert sound_latin(prepare("ΝΙΚΗ"), prepare("KODAK")) is None


def test_the_reading_is_filed_and_probed_as_a_sound() -> None:
    assert "k:" + prepare("NIKE").latin_key in mark_keys(prepare("НАЙК"))
    assert "k:NK" in {p.key for p in query_probes(prepare("나이키"))}


def test_a_cross_script_reason_names_the_reading() -> None:
    from ipwarden.similarity.aspects import cross_script

    found = cross_script(prepare("ナイキ"), prepare("耐克"))
    assert found is not None and found.reasons[0].startswith("'ナイキ' is read 'naiki'; sound:")
