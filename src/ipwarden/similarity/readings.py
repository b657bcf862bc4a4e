"""Latin readings of marks written in Cyrillic, Greek, Japanese kana and Korean hangul.

A seller abroad files or lists a Western mark in the local script (НАЙК, ΝΙΚΗ, ナイキ, 나이키 for NIKE); the
buyer hears the same name. The reading is a plain romanisation, close to how the name is said, so that its
sound key meets the Latin mark's: Cyrillic and Greek letter by letter (a simplified BGN/PCGN and ELOT 743),
kana in Hepburn romaji (:func:`ipwarden.similarity.meanings.romaji`), hangul by the Revised Romanization of
Korean, syllable block by block. The vowels these scripts add between consonants (ス su, 스 seu) do not
matter: a Latin sound key keeps the first vowel only.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ipwarden.similarity.meanings import romaji

__all__ = ["latin_reading"]

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            "a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
            "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g",
            "w",
        ],
        strict=True,
    )
)  # fmt: skip
_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s",
            "t", "y", "f", "ch", "ps", "o",
        ],
        strict=True,
    )
)  # fmt: skip
_GREEK_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "μπ": "b", "ντ": "d", "γκ": "g"}
# hangul syllable blocks: initial x 21 medials x 28 finals from U+AC00 (Revised Romanization)
_INITIALS = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
]  # fmt: skip
_MEDIALS = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "eu", "ui", "i",
]  # fmt: skip
_FINALS = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "s", "s",
    "ng", "t", "t", "k", "t", "p", "t",
]  # fmt: skip


def _hangul(ch: str) -> str | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    return _INITIALS[initial] + _MEDIALS[medial] + _FINALS[final]


def _kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff" and ch != "\u30fb"  # the middle dot (コカ・コーラ) parts words


@lru_cache(maxsize=65_536)
def latin_reading(text: str) -> str:
    """The letters and digits of ``text`` in Latin (lower case, no spaces); "" when it holds no letter of
    these scripts. Latin letters stay as they are; Chinese characters and other scripts are left out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not any(_kana(ch) or "\u0370" <= ch <= "\u04ff" or _hangul(ch) for ch in text):
        return ""
    # accents off Greek and Cyrillic letters only: kana keep their voicing marks, hangul its blocks
    text = "".join(_plain(ch) if "\u0370" <= ch <= "\u04ff" else ch for ch in text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if _kana(ch):  # a run of kana is read as a whole (ッ doubles, ー lengthens)
            end = i
            while end < len(text) and _kana(text[end]):
                end += 1
            run = text[i:end]
            out.append(romaji(run) or "".join(romaji(k) or "" for k in run))
            i = end
            continue
        pair = _GREEK_PAIRS.get(text[i : i + 2])
        if pair is not None:
            out.append(pair)
            i += 2
            continue
        read = _CYRILLIC.get(ch, _GREEK.get(ch)) or _hangul(ch)
        if read is not None:
            out.append(read)
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        i += 1
    return "".join(out).replace("lr", "ll")  # 콜라 is kolla: ㄹ after ㄹ is read l


def _plain(ch: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
