"""Chinese marks as sound: pinyin with or without tones, and the fuzzy pinyin that homophones share.

Uses ``pypinyin`` (its phrase dictionary picks the reading in context). Fuzzy pinyin folds the pairs that
speakers of many Chinese dialects do not distinguish and that knock-offs exploit: zh/z, ch/c, sh/s, n/l
initials and an/ang, en/eng, in/ing finals, so 康师父 and 康师傅 share ``kang si fu``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files

from pypinyin import Style, lazy_pinyin

from ipwarden.similarity.normalize import is_cjk, normalise
from ipwarden.similarity.resources import ordinary_english

__all__ = [
    "cjk_only",
    "english_spelling",
    "from_older_romanisation",
    "fuzzy_syllable",
    "has_cjk",
    "pinyin_initial",
    "pinyin_runs",
    "pinyin_syllables",
    "pinyin_table",
    "read_as_pinyin",
    "to_pinyin",
    "transliteration_key",
]

_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


@lru_cache(maxsize=65_536)
def _toned(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in lazy_pinyin(text, style=Style.TONE3, errors="default"):
        out.extend(w for w in normalise(part).split(" ") if w)
    return tuple(out)


def _syllables(text: str, tones: bool) -> tuple[str, ...]:
    toned = _toned(text)
    return toned if tones else tuple(s.rstrip("012345") or s for s in toned)


def pinyin_syllables(text: str, *, tones: bool = False) -> list[str]:
    """Pinyin syllables of the Chinese characters; Latin words and digits pass through normalised."""
    return list(_syllables(text, tones))


def to_pinyin(text: str, tones: bool = False) -> str:
    """Space-separated pinyin (``老干妈`` → ``lao gan ma``; with ``tones=True`` → ``lao3 gan4 ma1``)."""
    return " ".join(_syllables(text, tones))


def fuzzy_syllable(syllable: str) -> str:
    """Fold one toneless syllable to its fuzzy class (``shi`` → ``si``, ``neng`` → ``len``, ``lv`` → ``lu``:
    ü is written u outside pinyin, and v or u by those who type it)."""
    s = syllable.rstrip("012345").replace("v", "u")
    for old, new in _INITIALS:
        if s.startswith(old):
            s = new + s[len(old) :]
            break
    for old, new in _FINALS:
        if s.endswith(old):
            s = s[: -len(old)] + new
            break
    return s


# pinyin initials an English speaker would spell otherwise (xiao → shiao, qi → chi, zhong → jong, cai → tsai)
_ENGLISH_INITIALS = (("zh", "j"), ("x", "sh"), ("q", "ch"), ("c", "ts"))


@lru_cache(maxsize=65_536)
def english_spelling(syllables: tuple[str, ...]) -> str:
    """The pinyin as an English speaker would write what they hear: 小米 ``xiao mi`` → ``shiaomi``.

    Knock-offs and sellers spell Chinese brand names by ear (SHAOMI for 小米), so a Latin mark is compared
    with this spelling as well as with the pinyin itself.
    """
    out: list[str] = []
    for syllable in syllables:
        spelled = syllable
        for old, new in _ENGLISH_INITIALS:
            if syllable.startswith(old) and not (old == "c" and syllable.startswith("ch")):
                spelled = new + syllable[len(old) :]
                break
        out.append(spelled)
    return "".join(out)


def cjk_only(text: str) -> str:
    """Just the Chinese characters of ``text`` (normalised), in order."""
    return "".join(ch for ch in normalise(text) if is_cjk(ch))


# Older romanisations still used in brand names (postal and Wade-Giles: KWEICHOW, HSIAOMI, TSINGTAO) rewritten
# towards pinyin: the consonant sounds that differ in spelling only, voicing is left to the looser keys
_OLDER_SPELLINGS = (
    ("hs", "x"),
    ("kw", "gu"),
    ("uei", "ui"),
    ("ieh", "ie"),
    ("ien", "ian"),
    ("ung", "ong"),
    ("ow", "ou"),
)


@lru_cache(maxsize=65_536)
def from_older_romanisation(latin: str) -> str:
    """A Latin spelling in the postal or Wade-Giles romanisation rewritten towards pinyin (``hsiaomi`` →
    ``xiaomi``, ``kweichow`` → ``guichou``); the text unchanged when none of their spellings occurs."""
    out = latin.lower()
    for old, new in _OLDER_SPELLINGS:
        out = out.replace(old, new)
    return out


# consonant classes a Chinese transliteration of a Western name does not keep apart: voiced and unvoiced
# (PUMA ~ 彪马 biao), r and l (ROLEX ~ 劳力士 lao), v/w and f, and the sibilants and affricates (GUCCI ~ 古驰
# chi); pinyin j and the Western g/j meet in K (OMEGA ~ 欧米茄 jia, GILLETTE ~ 吉列 ji)
_TRANSLIT = str.maketrans("BDGVWRZXJ", "PTKFFLSSK")


def transliteration_key(key: str) -> str:
    """A sound key (:func:`~ipwarden.similarity.phonetics.latin_key`) folded to the classes a Chinese
    transliteration keeps, doubles merged and a final S dropped (PHILIPS ~ 飞利浦 fei li pu: FLP); NG is N,
    as Chinese names end a syllable in -n or -ng for a Western N alike (RAY-BAN ~ 雷朋 lei peng: LPN)."""
    folded = key.replace("NG", "N").translate(_TRANSLIT)
    merged = "".join(ch for i, ch in enumerate(folded) if i == 0 or ch != folded[i - 1])
    return merged[:-1] if len(merged) >= 3 and merged.endswith("S") else merged


@cache
def pinyin_table() -> frozenset[str]:
    """Every toneless pinyin syllable with a vowel, ü written v (``data/pinyin_syllables.txt``; the
    interjections m, n and ng would let almost any word be read as pinyin)."""
    text = files("ipwarden.similarity").joinpath("data", "pinyin_syllables.txt").read_text(encoding="utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(w for w in words if any(v in w for v in "aeiouv"))


@lru_cache(maxsize=65_536)
def read_as_pinyin(latin: str) -> tuple[str, ...]:
    """The fewest pinyin syllables that spell ``latin`` exactly (``xiaomi`` → ``xiao mi``), or ``()``.

    A Latin mark written in pinyin is then looked up under the Chinese marks' fuzzy pinyin, a far rarer key
    than its consonants (SM is shared by thousands of marks, ``xiao mi`` by a few).
    """
    word = latin.lower()
    if not 4 <= len(word) <= 24 or not word.isascii() or not word.isalpha():
        return ()
    table = pinyin_table()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in table:
                found = best[end]
                if found is None or len(head) + 1 < len(found):
                    best[end] = (*head, word[start:end])
    out = best[-1] or ()
    return out if len(out) >= 2 else ()


_PINYIN_INITIALS = ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw")  # the two-letter ones first


def pinyin_initial(syllable: str) -> str:
    """The initial of a toneless pinyin syllable (zh of zhong, x of xu), "" for one that has none (an)."""
    return next((i for i in _PINYIN_INITIALS if syllable.startswith(i)), "")


def pinyin_runs(word: str) -> list[tuple[str, ...]]:
    """Runs of two or three syllables of a word written in glued pinyin of three syllables or more
    (HAOQIHAODONG: hao qi, qi hao, hao dong, hao qi hao, qi hao dong), for the Chinese marks it may hold;
    none for an ordinary English word, which is read as itself."""
    syllables = () if ordinary_english(word) else read_as_pinyin(word)
    return [
        syllables[at : at + size]
        for size in (2, 3)
        if size < len(syllables)
        for at in range(len(syllables) - size + 1)
    ]
