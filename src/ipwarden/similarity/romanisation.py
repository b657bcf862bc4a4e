"""Latin spellings of Chinese names other than plain pinyin: tone numbers and the older romanisations.

Pinyin is written with tone numbers in dictionaries and chat (XIAO3 MI3), and many Chinese brands kept an
English name in Wade-Giles or the postal spelling (CHANGYU 张裕, PIEN TZE HUANG 片仔癀, CHUNG HWA 中华).
Wade-Giles writes the unaspirated and aspirated pairs alike once its apostrophes are dropped (p = b and p,
t = d and t, ch = zh, ch, j and q), so one such spelling stands for several pinyin readings; they are all
produced here, a few dozen at most, and compared by their fuzzy pinyin.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import product

from ipwarden.similarity.chinese import fuzzy_syllable, pinyin_table

__all__ = ["older_fuzzy_readings", "older_readings", "without_tone_numbers"]

_MAX_READINGS = 32
_TONED = re.compile(r"([a-z]+?)([1-5])")

# pinyin initial → its Wade-Giles spellings (apostrophes dropped); the postal spelling mostly agrees
_INITIALS = {
    "b": ("p",),
    "p": ("p",),
    "d": ("t",),
    "t": ("t",),
    "g": ("k",),
    "k": ("k",),
    "zh": ("ch",),
    "ch": ("ch",),
    "j": ("ch", "k"),  # postal: KIANGSU, PEKING
    "q": ("ch", "ts"),  # postal: TSINGTAO
    "x": ("hs", "s"),
    "z": ("ts", "tz"),
    "c": ("ts", "tz"),
    "r": ("j",),
    "sh": ("sh",),
    "s": ("s",),
}


def _older_finals(initial: str, final: str) -> set[str]:
    """The final as pinyin writes it and as Wade-Giles or the postal spelling does."""
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        return {"i", "ih"}  # SHIH, CHIH
    if final == "i" and initial in ("z", "c", "s"):
        return {"i", "u", "e", "ze"}  # TZU, SSU, TZE
    if final.startswith("v") or (final.startswith("u") and initial in ("j", "q", "x")):
        rest = final[1:]
        return {"u" + rest, "u" + rest + ("h" if rest == "e" else "")}  # CHÜ, HSÜEH
    finals = {final}
    if final.endswith("ong"):
        finals.add(final[:-3] + "ung")  # CHUNG, HSIUNG
    if final in ("ian", "ie", "ui", "ou", "uo"):
        finals.add({"ian": "ien", "ie": "ieh", "ui": "uei", "ou": "ow", "uo": "o"}[final])
    if initial and final.startswith("ua"):
        finals.add("w" + final[1:])  # HWA, KWANG
    if final == "e" and initial in ("g", "k", "h"):
        finals.add("o")  # KO, HO
    return finals


def _older_spellings(syllable: str) -> set[str]:
    initial = next((i for i in ("zh", "ch", "sh") if syllable.startswith(i)), "")
    if not initial and syllable[0] not in "aeiouvwy":
        initial = syllable[0]
    finals = _older_finals(initial, syllable[len(initial) :])
    spelled = {i + f for i in _INITIALS.get(initial, (initial,)) for f in finals}
    spelled.update({"you": {"yu"}, "yi": {"i"}, "ye": {"yeh"}}.get(syllable, set()))
    return {s for s in spelled if s}


@cache
def _older_table() -> dict[str, frozenset[str]]:
    """Each older spelling of a syllable → the pinyin syllables it may stand for (pinyin itself included)."""
    table: dict[str, set[str]] = {}
    for syllable in pinyin_table():
        table.setdefault(syllable, set()).add(syllable)
        for spelled in _older_spellings(syllable):
            table.setdefault(spelled, set()).add(syllable)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=16_384)
def older_readings(latin: str) -> tuple[tuple[str, ...], ...]:
    """The pinyin readings of a Latin word or phrase written in an older romanisation (or in pinyin).

    ``chuanchute`` (CH'ÜAN CHÜ TE) → readings including ``quan ju de``; ``changyu`` → ``zhang yu`` among
    others. The fewest syllables win; () when the text does not split into syllables, reads as one syllable
    or has too many readings to be a name.
    """
    word = latin.lower()
    if not 4 <= len(word) <= 24 or not word.isascii() or not word.isalpha():
        return ()
    table = _older_table()
    best: list[list[tuple[str, ...]] | None] = [None] * (len(word) + 1)
    best[0] = [()]
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            heads = best[start]
            if heads is None or word[start:end] not in table:
                continue
            found = [(*h, word[start:end]) for h in heads]
            current = best[end]
            if current is None or len(found[0]) < len(current[0]):
                best[end] = found[:8]
            elif len(found[0]) == len(current[0]):
                best[end] = (current + found)[:8]
    splits = best[-1] or []
    readings: list[tuple[str, ...]] = []
    for split in splits:
        if len(split) < 2:
            continue
        for reading in product(*(sorted(table[s]) for s in split)):
            readings.append(reading)
            if len(readings) > _MAX_READINGS * 4:
                return ()  # too many ways to read it: not a name in pinyin
    return tuple(dict.fromkeys(readings))


@lru_cache(maxsize=16_384)
def older_fuzzy_readings(latin: str) -> frozenset[tuple[str, ...]]:
    """:func:`older_readings` in fuzzy pinyin (:func:`~ipwarden.similarity.chinese.fuzzy_syllable`)."""
    return frozenset(tuple(fuzzy_syllable(s) for s in r) for r in older_readings(latin))


def without_tone_numbers(words: list[str]) -> list[str]:
    """Pinyin with tone numbers as plain pinyin (``xiao3 mi3`` → ``xiao mi``, ``hua2wei2`` → ``huawei``).

    Only when every word with a digit is whole syllables each followed by a tone number (a last syllable
    may have none) and there are two toned syllables at least, so 4EVER or A1 keep their digits.
    """
    table = pinyin_table()
    out: list[str] = []
    toned = 0
    for word in words:
        if not any(ch.isdigit() for ch in word):
            out.append(word)
            continue
        parts = _TONED.findall(word)
        rest = _TONED.sub(r"\1", word)
        tail = word[sum(len(a) + 1 for a, _ in parts) :]
        if (
            "".join(a + d for a, d in parts) + tail != word
            or any(a not in table for a, _ in parts)
            or (tail and tail not in table)
        ):
            return words
        toned += len(parts)
        out.append(rest)
    return out if toned >= 2 else words
