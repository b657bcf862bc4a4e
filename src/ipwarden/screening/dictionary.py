"""Ordinary words: which listing words and which marks are everyday language rather than brand names.

A registry of hundreds of thousands of marks holds most everyday words ("sale", "classic", "winter") as
somebody's mark, and most correctly spelled words lie one edit away from some coined mark (CLASSIC /
CLASSIO, STEEL / STEAL). A reviewer needs neither shown as a brand mention: an ordinary word is a mark
mention only where it is used as a brand, and a correctly spelled word is not a misspelling of one.

The vocabulary is the curated ``common_words.txt`` (famous marks that are also words: APPLE, SHELL, PUMA)
plus the English words of the CC-CEDICT glosses the similarity engine ships
(``ipwarden/similarity/data/cedict_en.tsv.gz``): words written in lower case in at least
``MIN_GLOSS_COUNT`` glosses, so brand names (glossed capitalised: "Nike", "Chanel") stay out.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib import resources

from ipwarden.similarity.normalize import normalise

__all__ = ["MIN_GLOSS_COUNT", "common_words", "ordinary_words"]

#: A gloss word counts as ordinary when written in lower case in this many glosses (brand names, glossed
#: capitalised, appear in lower case at most in a stray gloss or two).
MIN_GLOSS_COUNT = 4
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")


@cache
def common_words() -> frozenset[str]:
    """The packaged ordinary-word list of famous marks that are also words, normalised."""
    text = resources.files("ipwarden.screening").joinpath("common_words.txt").read_text(encoding="utf-8")
    return frozenset(normalise(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))


@cache
def _gloss_words() -> frozenset[str]:
    counts: dict[str, int] = {}
    data = resources.files("ipwarden.similarity").joinpath("data/cedict_en.tsv.gz").read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        _, _, gloss = line.partition("\t")
        for word in set(_LOWER_WORD.findall(gloss)):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= MIN_GLOSS_COUNT)


@cache
def ordinary_words() -> frozenset[str]:
    """Everyday words (normalised): the curated list plus the English gloss vocabulary."""
    return common_words() | _gloss_words()
