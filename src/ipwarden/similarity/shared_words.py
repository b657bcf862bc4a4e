"""A distinctive word two marks share when neither holds the other whole (ENZO FUSCO ~ ANTONIO FUSCO).

The overall impression of a composite mark is often dominated by one element; two marks whose dominant
elements coincide may be confused even when their other words differ (CJEU C-120/04 Medion, para. 30;
T-185/03 Fusco v OHIM, ENZO FUSCO ~ ANTONIO FUSCO; TMEP 1207.01(b)(viii)). Only a word that can be such an
element counts: not an ordinary English word (a shared ordinary word says little: CAPITAL ONE and LION
CAPITAL) and not a common given name (in a personal name the surname is the mark: EUIPO Guidelines, Part C,
Section 2, Chapter 4); a common surname, which many traders bear (TMEP 1211), counts for less.
"""

from __future__ import annotations

from functools import cache

from ipwarden.similarity.aspect_types import quoted
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.resources import given_names, lexicon_data, ordinary_english

__all__ = ["SHARED_SURNAME", "SHARED_WORD", "shared_word"]

SHARED_WORD = 0.76  # below a part of the earlier mark alone (KORS ~ MICHAEL KORS 0.79): medium at most
SHARED_SURNAME = 0.7  # WALKER BLACK LABEL ~ JOHNNIE WALKER: a common surname, borne by many traders
_MIN_LETTERS = 4


@cache
def _common_surnames() -> frozenset[str]:
    lists = lexicon_data()["weak_elements"]["common_surnames"].values()
    return frozenset(w for words in lists if isinstance(words, list) for w in words)


def _unplural(word: str) -> str:
    """The word less a plural or possessive S (GASPARS, FUSCOS); a possessive written with an apostrophe
    is already a word of its own (GASPAR'S → GASPAR S)."""
    return word[:-1] if word.endswith("s") and len(word) > _MIN_LETTERS and not word.endswith("ss") else word


def _distinctive(stem: str) -> bool:
    return (
        len(stem) >= _MIN_LETTERS
        and stem.isalpha()
        and stem.isascii()
        and not ordinary_english(stem)
        and not ordinary_english(stem + "s")
        and stem not in given_names()
    )


def shared_word(q: MarkForms, c: MarkForms) -> tuple[float, str] | None:
    """The weight and reason of the distinctive words that two Latin marks of two words or more share; None
    if none. Called when no containment rule found either mark whole inside the other."""
    if q.cjk or c.cjk or len(q.core) < 2 or len(c.core) < 2:
        return None
    theirs = {_unplural(w) for w in c.core_skel}
    shared = [
        word
        for word, skel in zip(q.core, q.core_skel, strict=True)
        if _unplural(skel) in theirs and _distinctive(_unplural(word))
    ]
    if not shared:
        return None
    named = " and ".join(quoted(w.upper()) for w in dict.fromkeys(shared))
    if all(_unplural(w) in _common_surnames() for w in shared):
        weight, what = SHARED_SURNAME, "a common surname"
    else:
        weight, what = (
            SHARED_WORD,
            "no ordinary words" if len(set(shared)) > 1 else "a word of no ordinary meaning",
        )
    return weight, f"shares {named}, {what}, with the earlier mark {quoted(c.text)}; the other words differ"
