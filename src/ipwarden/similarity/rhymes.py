"""The rhyme aspect: two marks heard alike but for their first sound, another consonant in its place
(GOLEX ~ ROLEX) or one put before a mark that begins with a vowel (TEXON ~ EXXON); or two longer coined
words said in the same cadence, as many syllables ending alike (ALTOCOR ~ ADVICOR). Listed with the other
aspects in :mod:`ipwarden.similarity.aspects`."""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.phonetics import latin_key, said_spelling, spelled_as_said, vowel_key

__all__ = ["cadence_keys", "rhyme", "spelled_alike", "syllables"]

_RHYME = 0.8  # a rhyme's score before how alike the rest is spelled adds up to 0.07 (below the same sound)
_RHYME_MIN_LETTERS = 4
_RHYME_MIN_REST = 0.75
_VOWEL_LETTERS = frozenset("aeiouy")
_CADENCE = 0.68  # a cadence's score before how alike the marks are spelled adds up to 0.1: medium at most
_CADENCE_OTHER_START = 0.62  # the same for marks that begin otherwise: below a close sound with one beginning
_CADENCE_MIN_LETTERS = 5
_CADENCE_MIN_SYLLABLES = 3  # in two syllables a shared ending is half the mark (BOTOX, DETOX)
_CADENCE_ENDING = 3  # the last letters, as said, that two marks in one cadence share (-COR, -LIN, -NZA)
_SYLLABLE = re.compile(r"[^A]*A")


def rhyme(q: MarkForms, c: MarkForms) -> Aspect | None:
    """The same sound after a different first consonant (DOUGIES ~ HUGGIES, GOLEX ~ ROLEX, VIVO ~ TIVO), or
    after a consonant put before the other mark (TEXON ~ EXXON): the ear hears the rest of the mark, which
    a rhyme keeps. Never high on its own (risk_policy.yaml): the beginning of a mark counts most, and
    ordinary words rhyme by the thousand."""
    if q.cjk or c.cjk or not q.latin_key or not c.latin_key:
        return None
    return _another_onset(q, c) or _added_onset(q, c) or _added_onset(c, q) or _cadence(q, c)


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


def syllables(vowel_key: str) -> list[str]:
    """A vowel key's syllables, each vowel with the consonants before it, the last with those after it
    (ALTAKAR: A, LTA, KAR)."""
    parts = _SYLLABLE.findall(vowel_key)
    if parts:
        parts[-1] += vowel_key[len("".join(parts)) :]
    return parts


def _cadenced(f: MarkForms) -> list[str]:
    """The syllables of a one-word coined-length Latin mark of three syllables or more, else none."""
    if f.cjk or len(f.core) != 1 or len(f.latin) < _CADENCE_MIN_LETTERS or not f.latin.isalpha():
        return []
    parts = syllables(f.vowel_key)
    return parts if _said_syllables(f.latin, parts) >= _CADENCE_MIN_SYLLABLES else []


def _said_syllables(latin: str, parts: list[str]) -> int:
    """How many syllables are said: a final e after a consonant is silent (BONAMINE has three)."""
    silent = len(latin) > 2 and latin[-1] == "e" and latin[-2] not in _VOWEL_LETTERS
    return len(parts) - 1 if silent and len(parts) > 1 else len(parts)


def cadence_keys(f: MarkForms, spread: int = 0) -> set[str]:
    """The keys of a mark's cadence: its first sound, length and last syllable (A7KAR for ALTOCOR), and its
    length and last four sounds (7ALAN for SAPOLIN): marks in one cadence share one. ``spread``: the
    lengths up to so many sounds longer or shorter too, as a query probes them (BONAMINE ~ DRAMAMINE)."""
    parts = _cadenced(f)
    if not parts:
        return set()
    key = f.vowel_key
    lengths = range(len(key) - spread, len(key) + spread + 1)
    return {f"cd:{key[0]}{n}{parts[-1]}" for n in lengths} | {f"ce:{n}{key[-4:]}" for n in lengths}


def _cadence(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Two coined words said in as many syllables and nearly as many sounds, that end alike and begin alike
    or share their last four sounds: ALTOCOR ~ ADVICOR (*Kos v. Andrx*, 3d Cir. 2004), LUSOLIN ~ SAPOLIN.
    The ear keeps the rhythm and the ending of a word it does not know; a rhyme, never high alone."""
    qs, cs = _cadenced(q), _cadenced(c)
    kq, kc = q.vowel_key, c.vowel_key
    if not qs or len(qs) != len(cs) or abs(len(kq) - len(kc)) > 1 or kq == kc:
        return None  # (one consonant more is no other rhythm: BONAMINE ~ DRAMAMINE)
    a, b = q.latin, c.latin
    if spelled_as_said(a)[-_CADENCE_ENDING:] != spelled_as_said(b)[-_CADENCE_ENDING:]:
        return None
    if kq[0] == kc[0] and qs[-1] == cs[-1]:
        how, base = f"begin with the same sound and end alike ({_endings(a, b, _CADENCE_ENDING)})", _CADENCE
    elif kq[-4:] == kc[-4:]:  # below a close sound that keeps the beginning (KREMEZIN: KRENOSIN, FLONEZIN)
        how, base = f"end in the same sounds ({_endings(a, b, 4)})", _CADENCE_OTHER_START
    else:
        return None
    said = _said_syllables(a, qs)
    why = f"rhyme: {_q(q.text)} and {_q(c.text)} are said in {said} syllables each and {how}"
    return Aspect(AspectKind.RHYME, round(base + 0.1 * spelled_alike(a, b), 3), (why,))


def _endings(a: str, b: str, size: int) -> str:
    return f"'-{a[-size:]}'" if a[-size:] == b[-size:] else f"'-{a[-size:]}', '-{b[-size:]}'"


def spelled_alike(a: str, b: str) -> float:
    """How close two spellings are once what only looks different is folded, by letters or by the English
    spellings of one sound (SOHNEE ~ SONY, MAYZOO ~ MEIZU)."""
    return max(
        DamerauLevenshtein.normalized_similarity(spelled_as_said(a), spelled_as_said(b)),
        DamerauLevenshtein.normalized_similarity(said_spelling(a), said_spelling(b)),
    )
