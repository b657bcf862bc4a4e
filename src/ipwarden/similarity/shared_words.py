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
from ipwarden.similarity.forms import SAINT, MarkForms
from ipwarden.similarity.resources import given_names, lexicon_data, ordinary_english

__all__ = [
    "DOMINANT_WORD",
    "SHARED_SURNAME",
    "SHARED_WORD",
    "dominant_word",
    "same_dominant_element",
    "shared_word",
]

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


DOMINANT_WORD = 0.74  # PINK of THOMAS PINK: an ordinary word, so below a shared word of no ordinary meaning


@cache
def _weak_beside() -> dict[str, str]:
    """Words that leave the word beside them the dominant element, each with what the reason calls it."""
    weak = lexicon_data()["weak_elements"]
    found = {w: "a word of the goods" for words in weak["descriptive_of_goods"].values() for w in words}
    found.update((str(w), "a word of size, age or praise") for w in weak["modifiers"])
    return found


def _weak_word(word: str) -> str:
    if word in given_names():
        return "a given name"
    return _weak_beside().get(word, "")


def dominant_word(q: MarkForms, c: MarkForms) -> tuple[float, str] | None:
    """A Latin earlier mark of two or three words, all but one of them weak (a given name, a word of size
    or praise, a word of the goods), whose other word the query holds, an ordinary word or not (THOMAS PINK
    and VICTORIA'S SECRET PINK, Thomas Pink v Victoria's Secret [2014] EWHC 2631 (Ch); LITTLE CAESARS and
    PIZZA CAESAR USA, In re Denisi, 225 USPQ 624 (TTAB 1985)): that word dominates the earlier mark.
    Called when no other containment rule fired; medium at most on its own."""
    if q.cjk or c.cjk or not 2 <= len(c.core) <= 3:
        return None
    weak = [(w, _weak_word(w)) for w in c.core]
    strong = [(w, skel) for (w, why), skel in zip(weak, c.core_skel, strict=True) if not why]
    if len(strong) != 1:
        return None
    word, skel = strong[0]
    if len(word) < _MIN_LETTERS or not word.isalpha() or not word.isascii():
        return None
    if _unplural(skel) not in {_unplural(s) for s in q.core_skel}:
        return None
    beside = "; ".join(f"{quoted(w.upper())}, {why}" for w, why in weak if why)
    return DOMINANT_WORD, (
        f"shares {quoted(word.upper())}, the word that dominates the earlier mark {quoted(c.text)} "
        f"(beside it only {beside})"
    )


def same_dominant_element(q: MarkForms, c: MarkForms) -> str:
    """Why two marks written differently have the same dominant element: generic or descriptive words set
    aside (NIKE STORE), ST. read as SAINT, pinyin tone numbers, or look-alike characters (N1KE)."""
    earlier = quoted(" ".join(c.core).upper())
    aside = sorted(set(q.dropped) | set(c.dropped))
    if aside:
        set_aside = ", ".join(aside)
        return (
            f"same dominant element {earlier} once generic or descriptive words are set aside ({set_aside})"
        )
    if q.core == c.core:
        saint = any(f.norm.split(" ", 1)[0] in SAINT for f in (q, c))
        return f"same words {earlier} " + ("once ST. is read as SAINT" if saint else "written another way")
    return f"same dominant element {earlier} in look-alike characters"
