"""Text normalisation for marks: the one place that decides when two spellings are "the same".

``normalise`` removes differences people do not see or do not care about (Unicode compatibility forms,
case, diacritics, full-width letters, punctuation and spacing). ``skeleton`` goes further and folds
characters that *look* alike (Unicode UTS #39 confusables plus the classic 0/O, 1/l/I, 5/S, rn/m, vv/w
tricks), so that a look-alike mark and the original share one key. ``tokens`` splits into words, keeping a
run of Chinese characters as one token.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["LETTER_PAIR_FOLDS", "is_cjk", "mark_skeleton", "normalise", "skeleton", "tokens", "word_parts"]

_SPACE_RUN = re.compile(r"\s+")
_LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
_ASCII_JUNK = re.compile(r"[^a-z0-9]+")
#: Extra look-alike folds applied after the UTS #39 table (on lower-case ASCII).
_DIGIT_FOLDS = str.maketrans({"0": "o", "1": "l", "i": "l", "5": "s", "|": "l"})
LETTER_PAIR_FOLDS = (("rn", "m"), ("vv", "w"))  # two letters that look like one
#: Letters whose stroke or bar is a diacritic that Unicode does not decompose (Polish ł, Danish ø, Croatian
#: đ), and the ligatures æ and œ: read as the plain letters, as the other accented letters are.
_STROKED: dict[int, str] = {
    **{ord(a): b for a, b in zip("łŁøØđĐħĦŧŦ", "llooddhhtt", strict=True)},
    **{ord(a): b for a, b in (("æ", "ae"), ("Æ", "ae"), ("œ", "oe"), ("Œ", "oe"))},
}


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph (basic block, extensions A-G, compatibility ideographs)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3134F
    )


@cache
def _simplified() -> dict[int, str]:
    """Traditional Chinese characters and their simplified forms (``data/trad_simp.tsv``, from CC-CEDICT):
    a mark filed in Taiwan or Hong Kong (華為) is the same mark as its simplified form (华为)."""
    text = files("ipwarden.similarity").joinpath("data/trad_simp.tsv").read_text(encoding="utf-8")
    return {
        ord(trad): simp
        for trad, simp in (
            line.split("\t") for line in text.splitlines() if line and not line.startswith("#")
        )
    }


def _normalise_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_STROKED).translate(_simplified()).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text]
    return _SPACE_RUN.sub(" ", "".join(kept)).strip()


@lru_cache(maxsize=262_144)
def normalise(text: str) -> str:
    """NFKC, case-folded, diacritics removed (the stroke of ł, ø, đ too), traditional Chinese characters
    simplified, anything but letters/digits turned into single spaces.

    Idempotent: ``normalise(normalise(t)) == normalise(t)`` (repeated to a fixed point, because case
    folding and compatibility decomposition can each expose work for the other).
    """
    if text.isascii():  # fast path: nothing to decompose or fold beyond ASCII case
        return _ASCII_JUNK.sub(" ", text.lower()).strip()
    out = _normalise_once(text)
    for _ in range(4):
        again = _normalise_once(out)
        if again == out:
            break
        out = again
    return out


@cache
def _confusables() -> dict[int, str]:
    """The UTS #39 confusable → ASCII table shipped in ``data/confusables.tsv`` (see datagen.py)."""
    table: dict[int, str] = {}
    text = files("ipwarden.similarity").joinpath("data/confusables.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, target = line.split("\t")
            table[int(code, 16)] = target
    return table


def _skeleton_once(text: str) -> str:
    mapped = unicodedata.normalize("NFD", text).translate(_confusables())
    folded = normalise(mapped).replace(" ", "").translate(_DIGIT_FOLDS)
    for old, new in LETTER_PAIR_FOLDS:
        folded = folded.replace(old, new)
    return folded


def skeleton(text: str) -> str:
    """The look-alike key: two marks with the same skeleton are visually confusable.

    Spaces are dropped (``NI KE`` looks like ``NIKE``); Greek/Cyrillic and other homoglyphs fold to the
    Latin letter they imitate; then 0→o, 1/i/l→l, 5→s, rn→m, vv→w.
    """
    out = _skeleton_once(text)
    if text.isascii():  # ASCII folds cannot create new work for a second pass
        return out
    for _ in range(4):
        again = _skeleton_once(out)
        if again == out:
            break
        out = again
    return out


def mark_skeleton(text: str) -> str:
    """The look-alike key of a mark's text: :func:`skeleton` with 3 read as a mirrored E as well (L3GO).

    Kept apart from :func:`skeleton`, which also keys listing text, where a 3 is mostly a size or a number.
    """
    return skeleton(text.replace("3", "e"))


def _join_initials(words: list[str]) -> list[str]:
    """Single Latin letters in a row are one word spelled out (N.I.K.E. AIR is NIKE AIR, not N I K E AIR)."""
    out: list[str] = []
    run = ""
    for word in [*words, ""]:
        if len(word) == 1 and word.isascii() and word.isalpha():
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        if word:
            out.append(word)
    return out


def tokens(text: str, *, join_initials: bool = False) -> list[str]:
    """Words of the normalised text; a run of Chinese characters is one token, split from Latin neighbours.

    With ``join_initials`` single letters in a row are one word (:func:`_join_initials`), as in a mark.
    """
    result: list[str] = []
    for word in normalise(text).split(" "):
        if not word:
            continue
        current = ""
        current_cjk = False
        for ch in word:
            cjk = is_cjk(ch)
            if current and cjk != current_cjk:
                result.append(current)
                current = ""
            current += ch
            current_cjk = cjk
        if current:
            result.append(current)
    return _join_initials(result) if join_initials else result


@lru_cache(maxsize=65_536)
def word_parts(words: tuple[str, ...]) -> tuple[str, ...]:
    """Normalised words split where letters meet digits, a lone possessive or plural S left out: the
    words a mark may hide in a listing (PLAYSTATION5 is playstation 5, ROLEX-116610LN rolex 116610 ln,
    BARBIE'S barbie)."""
    parts = [p for w in words for p in _LETTERS_OR_DIGITS.findall(w)]
    return tuple(p for i, p in enumerate(parts) if not (p == "s" and i > 0))
