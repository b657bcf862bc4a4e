"""The data tables shipped in ``ipwarden/similarity/data``, loaded once and lazily.

Sources (see docs/clearance.md): Chinese look-alikes and decompositions derived by ``datagen.py`` from
rendered WenQuanYi Zen Hei glyphs and ``char-similar`` stroke data; English glosses from CC-CEDICT; the
generic/descriptive/foreign word lists curated in ``lexicon.yaml``.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from ipwarden.similarity.normalize import normalise

__all__ = [
    "Lexicon",
    "english_headwords",
    "glosses",
    "glyph_neighbours",
    "glyph_parts",
    "lexicon",
    "lexicon_data",
    "parts_index",
    "warm_up",
]


def _text(name: str) -> str:
    return files("ipwarden.similarity").joinpath("data", name).read_text(encoding="utf-8")


@cache
def glyph_neighbours() -> dict[str, dict[str, float]]:
    """Character → {look-alike character: similarity 0..1}, symmetric."""
    table: dict[str, dict[str, float]] = {}
    for line in _text("glyph_neighbours.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        char, near = line.split("\t")
        for item in near.split(" "):
            other, score = item.split(":")
            value = float(score)
            table.setdefault(char, {})[other] = max(value, table.get(char, {}).get(other, 0.0))
            table.setdefault(other, {})[char] = max(value, table.get(other, {}).get(char, 0.0))
    return table


@cache
def glyph_parts() -> dict[str, tuple[str, str]]:
    """Character → its two first-level parts (雕 → 周, 隹)."""
    table: dict[str, tuple[str, str]] = {}
    for line in _text("glyph_parts.tsv").splitlines():
        if line and not line.startswith("#"):
            char, first, second = line.split("\t")
            table[char] = (first, second)
    return table


@cache
def parts_index() -> dict[tuple[str, str], str]:
    """(first part, second part) → character, the reverse of :func:`glyph_parts`."""
    return {parts: char for char, parts in glyph_parts().items()}


@cache
def _cedict() -> dict[str, tuple[str, ...]]:
    raw = files("ipwarden.similarity").joinpath("data", "cedict_en.tsv.gz").read_bytes()
    table: dict[str, tuple[str, ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, senses = line.split("\t")
            table[word] = tuple(senses.split("|"))
    return table


def headwords() -> Iterable[str]:
    """Every CC-CEDICT headword (simplified and traditional)."""
    return _cedict().keys()


def glosses(chinese: str) -> tuple[str, ...]:
    """Short English glosses of a Chinese word from CC-CEDICT (empty if the word is not an entry)."""
    return _cedict().get(chinese, ())


@cache
def english_headwords() -> dict[str, int]:
    """English word → how many CC-CEDICT headwords use it in a gloss.

    An ordinary English word translates many Chinese words (relax: 43, door: 181); a coined brand name
    is the gloss of its own transliteration only (nike: 1, rolex: 2, simplified and traditional), so the
    count tells a dictionary word from a coined one without shipping an English dictionary.
    """
    counts: dict[str, int] = {}
    for senses in _cedict().values():
        for word in {w for sense in senses for w in sense.split(" ") if w.isalpha()}:
            counts[word] = counts.get(word, 0) + 1
    return counts


def _induced_foreign() -> list[tuple[str, str, str]]:
    """``foreign_words.tsv.gz`` (:mod:`ipwarden.similarity.datagen_foreign`): word, language, English."""
    raw = files("ipwarden.similarity").joinpath("data", "foreign_words.tsv.gz").read_bytes()
    rows = (line.split("\t") for line in gzip.decompress(raw).decode("utf-8").splitlines())
    return [(r[0], r[1], r[2]) for r in rows if len(r) == 3 and not r[0].startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    generic_latin: frozenset[str]  # the leading words included
    leading: frozenset[str]  # articles and 'of' words: set aside only before another word
    particles: frozenset[str]  # words that join two foreign words (Japanese no): set aside between them
    chinese_brand: tuple[str, ...]  # 牌: 'brand' after a Chinese brand name, set aside for meanings
    chinese_measure: frozenset[str]  # measure words, set aside for meanings after a numeral (七匹狼)
    chinese_numerals: frozenset[str]
    chinese_prefixes: dict[str, str]  # 老 'old', 小 'little'...: prefixes that open many brand names
    chinese_places: dict[str, str]  # 北京 'Beijing'...: place names that open many marks
    generic_chinese: tuple[str, ...]  # longest first, for suffix stripping
    descriptive: dict[int, frozenset[str]]
    foreign: dict[str, tuple[str, str]]  # foreign word → (language, english senses joined by |)
    curated_foreign: frozenset[str] = frozenset()  # the foreign words of lexicon.yaml: they may be glued
    top_level_domains: frozenset[str] = frozenset()  # set aside at the end of a domain name only

    @property
    def all_descriptive(self) -> frozenset[str]:
        return frozenset().union(*self.descriptive.values()) if self.descriptive else frozenset()


@cache
def lexicon_data() -> dict[str, Any]:
    """``lexicon.yaml`` as written (read once): :func:`lexicon` and the risk policy's word lists use it."""
    data: dict[str, Any] = yaml.safe_load(_text("lexicon.yaml"))
    return data


@cache
def lexicon() -> Lexicon:
    data = lexicon_data()
    foreign: dict[str, tuple[str, str]] = {}
    for language, words in data["foreign"].items():
        for word, english in words.items():
            senses = "|".join(normalise(e) for e in str(english).split("|") if normalise(e))
            foreign.setdefault(normalise(str(word)), (str(language), senses))
    curated = frozenset(foreign)
    for word, language, english in _induced_foreign():
        foreign.setdefault(word, (language, english))
    return Lexicon(
        generic_latin=frozenset(
            normalise(str(w)) for w in data["generic"]["latin"] + data["generic"]["leading"]
        ),
        leading=frozenset(normalise(str(w)) for w in data["generic"]["leading"]),
        particles=frozenset(normalise(str(w)) for w in data["generic"].get("particles") or []),
        chinese_brand=tuple(str(w) for w in data["generic"]["chinese_brand"]),
        chinese_measure=frozenset(str(w) for w in data["generic"].get("chinese_measure") or []),
        chinese_numerals=frozenset(str(w) for w in data["generic"].get("chinese_numerals") or []),
        chinese_prefixes={str(k): str(v) for k, v in (data["generic"].get("chinese_prefixes") or {}).items()},
        chinese_places={str(k): str(v) for k, v in (data["generic"].get("chinese_places") or {}).items()},
        generic_chinese=tuple(sorted((str(w) for w in data["generic"]["chinese"]), key=len, reverse=True)),
        descriptive={int(k): frozenset(normalise(str(w)) for w in v) for k, v in data["descriptive"].items()},
        foreign=foreign,
        curated_foreign=curated,
        top_level_domains=frozenset(str(w) for w in data["generic"].get("top_level_domains") or []),
    )


def warm_up() -> None:
    """Load every table now (about a second) so that the first query is as fast as the others."""
    glyph_neighbours()
    parts_index()
    _cedict()
    english_headwords()
    given_names()
    lexicon()
    from ipwarden.similarity.transcriptions import load_tables  # it reads these tables: imported here

    load_tables()


_ORDINARY_HEADWORDS = 6  # CC-CEDICT headwords glossed with an English word that make it a dictionary word


@cache
def given_names() -> frozenset[str]:
    """Common given names (``data/given_names.txt``, from the US Census Bureau's 1990 name files)."""
    lines = _text("given_names.txt").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def place_words() -> frozenset[str]:
    """Country, state and province names of one word (``data/place_names.txt``), and the words of longer
    names that are no ordinary English words (YORK, not NEW; CAYMAN, not ISLANDS)."""
    names = [line.strip() for line in _text("place_names.txt").splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    longer = (w for n in names if " " in n for w in n.split() if not ordinary_english(w))
    return frozenset([*(n for n in names if " " not in n), *longer])


def ordinary_english(word: str) -> bool:
    """Whether ``word`` is an ordinary English word (:func:`english_headwords`: relax, galaxy), not a coined
    name (nike, rolex)."""
    return english_headwords().get(word, 0) >= _ORDINARY_HEADWORDS


def coined_word(word: str) -> bool:
    """A word of five letters or more and no ordinary English word: a name whose respelling alone
    (FERAGAMMO, HARLY) may stand for the mark it opens or ends."""
    return len(word) >= 5 and word.isalpha() and not ordinary_english(word)
