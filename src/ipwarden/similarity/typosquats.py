"""How a typosquatted text reads: look-alike digits and letter pairs read as the letters they imitate
(JUU1VAPOR.COM is JUULVAPOR.COM, CRNEGROUPS.COM is CMEGROUPS.COM), for the containment rules to run on."""

from __future__ import annotations

from functools import lru_cache

from ipwarden.similarity.forms import MarkForms, glued_to_generic, is_domain_name, prepare
from ipwarden.similarity.normalize import LETTER_PAIR_FOLDS
from ipwarden.similarity.resources import ordinary_english

__all__ = ["digits_as_letters", "letter_pairs_as_letters", "typed_readings"]


def typed_readings(text: str, norm: str) -> list[tuple[MarkForms, str]]:
    """Each reading of the text with what it reads otherwise, for a reason."""
    return [(f, "digits are read as letters") for f in digits_as_letters(norm)] + [
        (f, "letters are read as the letter they imitate") for f in letter_pairs_as_letters(text, norm)
    ]


_DIGIT_LETTERS = (  # UTS #39 look-alikes; 1 is read as l, then as i (JUU1 is JUUL, GUCC1 is GUCCI)
    str.maketrans({"0": "o", "1": "l", "3": "e", "5": "s"}),
    str.maketrans({"0": "o", "1": "i", "3": "e", "5": "s"}),
)
_MAX_DIGITS = 2


@lru_cache(maxsize=4_096)
def digits_as_letters(norm: str) -> tuple[MarkForms, ...]:
    """The query with the look-alike digits of a word that mixes them with letters read as those letters
    (JUU1VAPOR.COM is JUULVAPOR.COM): one or two digits among more letters; none if no word has them. Cached:
    asked once for each candidate of a query."""
    words = norm.split(" ")
    mixed = [
        0 < sum(ch.isdigit() for ch in w) <= min(_MAX_DIGITS, sum(ch.isalpha() for ch in w) - 1)
        for w in words
    ]
    if not any(mixed):
        return ()
    found: list[MarkForms] = []
    for table in _DIGIT_LETTERS:
        read = " ".join(w.translate(table) if m else w for w, m in zip(words, mixed, strict=True))
        if read.replace(" ", "").isalpha() and all(f.norm != read for f in found):
            found.append(prepare(read))
    return tuple(found)


@lru_cache(maxsize=4_096)
def letter_pairs_as_letters(text: str, norm: str) -> tuple[MarkForms, ...]:
    """A domain name with rn and vv read as m and w (CRNEGROUPS.COM is CMEGROUPS.COM) in its words that are
    no English words, glued to generic ones or not; none for other texts: MODERN and LEARN are words."""
    if not is_domain_name(text):
        return ()
    words = norm.split(" ")
    read = [_pairs_read(w) if _typed(w) else w for w in words]
    return (prepare(" ".join(read)),) if read != words else ()


def _typed(word: str) -> bool:
    parts = (word, *glued_to_generic(word))
    return not any(ordinary_english(p) and any(pair in p for pair, _ in LETTER_PAIR_FOLDS) for p in parts)


def _pairs_read(word: str) -> str:
    for pair, letter in LETTER_PAIR_FOLDS:
        word = word.replace(pair, letter)
    return word
