"""Chinese names read other ways than by their Mandarin pinyin.

Hong Kong and overseas Chinese brands keep the Cantonese reading of their name in English (LEE KUM KEE
李锦记, Mandarin li jin ji), and a name written with some character of the same sound is still heard as the
brand (劳立士 for 劳力士, Rolex). Both are found here from small tables, the query's side only: the earlier
marks are filed by their Mandarin pinyin and their meanings as they are.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from itertools import product

from pypinyin import Style, lazy_pinyin, pinyin

from ipwarden.similarity.chinese import fuzzy_syllable, read_as_pinyin
from ipwarden.similarity.resources import english_headwords, glosses, headwords
from ipwarden.similarity.romanisation import older_fuzzy_readings

__all__ = [
    "cantonese_readings",
    "chinese_onset_keys",
    "heteronym_readings",
    "latin_words",
    "load_tables",
    "onset_keys",
    "onset_score",
    "read_otherwise",
    "same_sound_entry",
]

_MAX_READINGS = 32
_COINED = 2  # CC-CEDICT headwords whose single-word gloss is used this often at most: a name, not a word


@cache
def _cantonese_table() -> dict[str, frozenset[str]]:
    """Cantonese spelling → the fuzzy Mandarin syllables of the characters it spells (``kum`` → ``jin``)."""
    text = files("ipwarden.similarity").joinpath("data", "cantonese_readings.tsv").read_text(encoding="utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        char, spellings = line.split("\t")
        mandarin = fuzzy_syllable(lazy_pinyin(char)[0])
        for spelled in spellings.split():
            table.setdefault(spelled, set()).add(mandarin)
    return {k: frozenset(v) for k, v in table.items()}


@lru_cache(maxsize=16_384)
def cantonese_readings(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The fuzzy Mandarin readings of a name written word by word in Cantonese (``lee kum kee`` → ``li jin
    ji``): every word must be a Cantonese spelling of the table, and there must be two words at least."""
    table = _cantonese_table()
    if not 2 <= len(words) <= 5 or any(w not in table for w in words):
        return frozenset()
    readings = [tuple(r) for r in product(*(sorted(table[w]) for w in words))]
    return frozenset(readings[:_MAX_READINGS])


@lru_cache(maxsize=65_536)
def heteronym_readings(cjk: str) -> frozenset[tuple[str, ...]]:
    """Every fuzzy reading of the characters (仔 is zai and zi: PIEN TZE HUANG 片仔癀), 32 at most."""
    if not 2 <= len(cjk) <= 6:
        return frozenset()
    options = [
        sorted({fuzzy_syllable(s) for s in syllables})
        for syllables in pinyin(cjk, style=Style.NORMAL, heteronym=True)
    ]
    readings: list[tuple[str, ...]] = []
    for reading in product(*options):
        readings.append(tuple(reading))
        if len(readings) >= _MAX_READINGS:
            break
    return frozenset(readings)


def _coined_glosses(word: str) -> tuple[str, ...]:
    counts = english_headwords()
    return tuple(g for g in glosses(word) if g.isalpha() and counts.get(g, _COINED + 1) <= _COINED)


@cache
def _names_by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Fuzzy pinyin → the CC-CEDICT headwords of two to four characters glossed by a coined word only
    (诺基亚 'nokia', 劳力士 'rolex'): the Chinese names of foreign brands and places."""
    out: dict[tuple[str, ...], list[str]] = {}
    for word in headwords():
        if 2 <= len(word) <= 4 and not word.isascii() and _coined_glosses(word):
            key = tuple(fuzzy_syllable(s) for s in lazy_pinyin(word))
            out.setdefault(key, []).append(word)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=16_384)
def same_sound_entry(cjk: str, fuzzy: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """A dictionary name that differs from ``cjk`` by one character of the same sound, and its coined
    glosses (劳立士 → 劳力士 'rolex'); None when ``cjk`` is a word of its own or no such name exists."""
    if not 2 <= len(cjk) <= 4 or len(fuzzy) != len(cjk) or glosses(cjk):
        return None
    for word in _names_by_sound().get(fuzzy, ()):
        if len(word) == len(cjk) and sum(a != b for a, b in zip(word, cjk, strict=True)) == 1:
            return word, _coined_glosses(word)
    return None


def latin_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The Latin words of a mark, none set aside (KEN DE JEE: de is a syllable of 肯德基, not an article)."""
    return tuple(w for w in tokens if w.isascii() and w.isalpha())


def read_otherwise(
    words: tuple[str, ...], cjk: str, syllables: tuple[str, ...], fuzzy: tuple[str, ...]
) -> tuple[float, str] | None:
    """A Latin name that spells a Chinese mark as Cantonese reads it, as English spells pinyin by ear (ee for
    i: KEN DE JEE ~ 肯德基) or by the other reading of a character (PIEN TZE HUANG ~ 片仔癀, 仔 zi); with
    the score and the reason, or None."""
    if not words or not cjk:
        return None
    spoken = f"'{cjk}' ('{' '.join(syllables)}')"
    shown = " ".join(words).upper()
    if fuzzy in cantonese_readings(words):
        return 0.88, f"sound: '{shown}' is the Cantonese reading of {spoken}"
    joined = "".join(words)
    if "ee" in joined and joined.replace("ee", "i") == "".join(syllables):
        return 0.88, f"sound: '{shown}' spells {spoken} as English does by ear (ee for i)"
    spelled = _spelled_readings(joined)  # the query's side first: most Latin names read as no pinyin
    if spelled and spelled & (heteronym_readings(cjk) - {fuzzy}):
        return 0.86, f"sound: '{shown}' spells {spoken} with another reading of one of its characters"
    return None


@lru_cache(maxsize=16_384)
def _spelled_readings(latin: str) -> frozenset[tuple[str, ...]]:
    """The fuzzy pinyin readings of a Latin spelling, as pinyin or as Wade-Giles or postal syllables."""
    as_pinyin = tuple(fuzzy_syllable(s) for s in read_as_pinyin(latin))
    return older_fuzzy_readings(latin) | ({as_pinyin} if as_pinyin else frozenset())


# Western consonants by the class a Chinese transliteration keeps (voicing, r/l and the sibilants and
# affricates are not kept apart); digraphs first
_DIGRAPHS = (("sch", "S"), ("tch", "S"), ("ch", "S"), ("sh", "S"), ("ph", "F"), ("th", "T"), ("ck", "K"))
_LETTERS = dict(zip("bpfvtdkgqcszjxlrmnhw", "PPFFTTKKKKSSSSLLMNHH", strict=True))
_VOWELS = frozenset("aeiouy")
_STOPS = frozenset("PFTK")  # a stop or f before an l or r is one onset (BLANC, TREK)
_MAX_WORDS = 3
_WHOLE_ONSETS = 0.84  # a Chinese name that keeps the syllable onsets of the whole mark (斯凯奇 SKECHERS)
_WORD_ONSETS = 0.8  # of one word of a longer mark


def _consonant_runs(word: str) -> list[list[str]]:
    """The word's consonant runs as classes, split at its vowels; a v or w between consonants is the
    vowel u (BVLGARI), a c before e, i or y an s."""
    word = "".join(
        "u"
        if ch in "vw" and 0 < i < len(word) - 1 and word[i - 1] not in _VOWELS and word[i + 1] not in _VOWELS
        else ch
        for i, ch in enumerate(word)
    )
    runs: list[list[str]] = [[]]
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _VOWELS:
            if runs[-1] or len(runs) == 1:
                runs.append([])
            i += 1
            continue
        digraph, pair = next(((d, c) for d, c in _DIGRAPHS if word.startswith(d, i)), ("", ""))
        size = len(digraph) or 1
        cls = pair or ("S" if ch == "c" and word[i + 1 : i + 2] in ("e", "i", "y") else _LETTERS.get(ch, ""))
        if cls and not (runs[-1] and runs[-1][-1] == cls):
            runs[-1].append(cls)
        i += size
    return runs


@lru_cache(maxsize=65_536)
def _word_onsets(word: str) -> str:
    """The consonants that begin the word's syllables: all of a first run, the last of a run between vowels
    (or a stop and its l or r), none at the end; an n after a syllable that ends in m, n or ng (SKECHERS →
    SKS, TIMBERLAND → TnPLn, MONTBLANC → MnPLn)."""
    if not word.isascii() or not word.isalpha() or not any(ch in _VOWELS for ch in word):
        return ""
    runs = _consonant_runs(word.lower())
    onsets = list(runs[0])
    for run in runs[1:]:
        onset = run[-2:] if len(run) >= 2 and run[-1] == "L" and run[-2] in _STOPS else run[-1:]
        if run is runs[-1]:
            onset = []  # the consonants after the last vowel end the word
        if {"M", "N"} & set(run[: len(run) - len(onset)]):
            onsets.append("n")
        onsets.extend(onset)
    return "".join(onsets)


def onset_keys(words: tuple[str, ...]) -> set[str]:
    """Onset keys (three classes at least) of a Latin mark: the whole mark's and each word's."""
    parts = [_word_onsets(w) for w in words[:_MAX_WORDS]]
    keys = {p for p in parts if _strong(p)}
    whole = "".join(parts)
    if _strong(whole) and len(parts) > 1:
        keys.add(whole)
    return keys


_PINYIN_CLASS = {"b": "P", "p": "P", "f": "F", "d": "T", "t": "T", "g": "K", "k": "K", "h": "H"}
_PINYIN_CLASS |= {"l": "L", "r": "L", "m": "M", "n": "N", "zh": "S", "ch": "S", "sh": "S", "z": "S"}
_PINYIN_CLASS |= {"c": "S", "s": "S", "j": "SK", "q": "SK", "x": "S"}  # ji, qi for a Western g, k or ch


@lru_cache(maxsize=65_536)
def chinese_onset_keys(syllables: tuple[str, ...]) -> frozenset[str]:
    """The onset keys a Chinese transliteration's pinyin may stand for (斯凯奇 si kai qi → SKS, SKK): each
    syllable's initial by its class and an n after a syllable in -n or -ng, a syllable without an initial
    (wan, ya) for a Western m or nothing, a final si or shi (the s that ends MERCEDES) left out."""
    if not 3 <= len(syllables) <= 5:
        return frozenset()
    options: list[tuple[str, ...]] = []
    for at, syllable in enumerate(syllables):
        initial = next((i for i in ("zh", "ch", "sh") if syllable.startswith(i)), syllable[:1])
        if at == len(syllables) - 1 and at >= 3 and syllable in ("si", "shi"):
            continue
        nasal = "n" if syllable.endswith(("n", "ng")) else ""
        if initial in "wy" or initial in "aeo":
            options.append((nasal, "M" + nasal) if at == 0 and initial == "w" else (nasal,))
        else:
            options.append(tuple(c + nasal for c in _PINYIN_CLASS.get(initial, "")))
    keys = {"".join(combo) for combo in product(*options)}
    return frozenset(k for k in keys if _strong(k))


def _strong(key: str) -> bool:
    return sum(ch.isupper() for ch in key) >= 3


def onset_score(latin_core: tuple[str, ...], syllables: tuple[str, ...]) -> float | None:
    """How well a Chinese name keeps a Latin mark's syllable onsets: the whole mark's 0.84, one word of a
    longer mark's (梅赛德斯 MERCEDES of MERCEDES-BENZ) 0.8; None when it keeps neither."""
    chinese = chinese_onset_keys(syllables)
    if not chinese:
        return None
    parts = [_word_onsets(w) for w in latin_words(latin_core)[:_MAX_WORDS]]
    if "".join(parts) in chinese:
        return _WHOLE_ONSETS
    return _WORD_ONSETS if any(p in chinese for p in parts) else None


def load_tables() -> None:
    """Read the Cantonese table and index the dictionary's names by sound (about a second)."""
    _cantonese_table()
    _names_by_sound()
