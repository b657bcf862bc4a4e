"""The rhyme aspect: two marks heard alike but for their first sound, another consonant in its place
(GOLEX ~ ROLEX) or one put before a mark that begins with a vowel (TEXON ~ EXXON). Listed with the other
aspects in :mod:`ipwarden.similarity.aspects`."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.phonetics import latin_key, said_spelling, spelled_as_said, vowel_key

__all__ = ["rhyme", "spelled_alike"]

_RHYME = 0.8  # a rhyme's score before how alike the rest is spelled adds up to 0.07 (below the same sound)
_RHYME_MIN_LETTERS = 4
_RHYME_MIN_REST = 0.75
_VOWEL_LETTERS = frozenset("aeiouy")


def rhyme(q: MarkForms, c: MarkForms) -> Aspect | None:
    """The same sound after a different first consonant (DOUGIES ~ HUGGIES, GOLEX ~ ROLEX, VIVO ~ TIVO), or
    after a consonant put before the other mark (TEXON ~ EXXON): the ear hears the rest of the mark, which
    a rhyme keeps. Never high on its own (risk_policy.yaml): the beginning of a mark counts most, and
    ordinary words rhyme by the thousand."""
    if q.cjk or c.cjk or not q.latin_key or not c.latin_key:
        return None
    return _another_onset(q, c) or _added_onset(q, c) or _added_onset(c, q)


def _another_onset(q: MarkForms, c: MarkForms) -> Aspect | None:
    ka, kb = q.latin_key, c.latin_key
    a, b = q.latin, c.latin
    if len(ka) < 2 or len(ka) != len(kb) or ka[0] == kb[0] or ka[1:] != kb[1:]:
        return None
    if len(ka) == 2 and min(q.vowel_key.count("A"), c.vowel_key.count("A")) < 2:
        return None  # BOSS and MOSS: one short syllable, where the first sound is half the mark
    if min(len(a), len(b)) < _RHYME_MIN_LETTERS or a[:1] in _VOWEL_LETTERS or b[:1] in _VOWEL_LETTERS:
        return None
    if q.vowel_key[1:] != c.vowel_key[1:]:
        return None
    rest = spelled_alike(a[1:], b[1:])
    if rest < _RHYME_MIN_REST:  # MYNOKIA and KUNIKIA: the vowels alike, but not the letters that carry them
        return None
    why = f"rhyme: {_q(q.text)} and {_q(c.text)} differ in the first sound only ({ka} ~ {kb})"
    return Aspect(AspectKind.RHYME, round(_RHYME + 0.07 * rest, 3), (why,))


def _added_onset(longer: MarkForms, shorter: MarkForms) -> Aspect | None:
    """``longer`` is ``shorter``, which begins with a vowel, said with a consonant before it."""
    a, b = longer.latin, shorter.latin
    if len(b) < _RHYME_MIN_LETTERS or len(a) < len(b) or a[0] in _VOWEL_LETTERS or b[0] not in "aeiou":
        return None
    if a[1] not in _VOWEL_LETTERS or latin_key(a[1:]) != shorter.latin_key:
        return None
    if vowel_key(a[1:]) != shorter.vowel_key:
        return None
    rest = spelled_alike(a[1:], b)
    if rest < _RHYME_MIN_REST:
        return None
    why = (
        f"rhyme: {_q(longer.text)} is {_q(shorter.text)} said with a first sound put before it "
        f"({longer.latin_key} ~ {shorter.latin_key})"
    )
    return Aspect(AspectKind.RHYME, round(_RHYME + 0.07 * rest, 3), (why,))


def spelled_alike(a: str, b: str) -> float:
    """How close two spellings are once what only looks different is folded, by letters or by the English
    spellings of one sound (SOHNEE ~ SONY, MAYZOO ~ MEIZU)."""
    return max(
        DamerauLevenshtein.normalized_similarity(spelled_as_said(a), spelled_as_said(b)),
        DamerauLevenshtein.normalized_similarity(said_spelling(a), said_spelling(b)),
    )
