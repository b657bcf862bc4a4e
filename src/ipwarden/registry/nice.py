"""The Nice classification (NCL 12-2024): classes, headings, terms, term search and class relatedness.

The classification ships inside the package (``data/nice-12-2024.json.gz``, derived from WIPO's master files
by ``scripts/build_nice_data.py``), so lookups never need the network. Relatedness between classes is data
too (``data/class-relations.yaml``), each relation with its source; see docs/classification.md.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal, NamedTuple

import yaml

from ipwarden.errors import InputError

__all__ = [
    "ClassRelation",
    "NiceClass",
    "NiceClassification",
    "NiceTerm",
    "SearchHit",
    "class_relation",
    "class_relations",
    "load_classification",
    "parse_class",
    "related_classes",
]

DATA_FILE = "nice-12-2024.json.gz"
RELATIONS_FILE = "class-relations.yaml"
CLASS_NUMBERS = range(1, 46)

_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
VOCABULARY_FILE = "goods-vocabulary.yaml"
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "in",
        "on",
        "or",
        "to",
        "with",
        "by",
        "as",
        "at",
        "from",
        "being",
        "other",
        "than",
        "not",
        "use",
        "purposes",
        "made",
        "thereof",
        "its",
        "their",
        "be",
        "all",
        "any",
    ]
)


def _stem(word: str) -> str:
    """Light stemming: enough to meet plurals and a few suffixes (shoes/shoe, batteries/battery)."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes") and len(word) > 4:  # shoes/shoe and potatoes/potato both meet at "sho"/"potato"
        return word[:-2]
    if word.endswith("oe"):
        return word[:-1]
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Content-word stems of a term or query, in order."""
    return [_stem(w) for w in _WORD.findall(text.casefold()) if w not in _STOP]


def _normal(text: str) -> str:
    return " ".join(tokens(text.replace("*", "")))


def _head(text: str) -> str:
    """The head noun of a term: last content word before the first qualifier (',', 'for', '[', '(')."""
    first = re.split(r"[,\[(]| for | of | in | with ", text.casefold(), maxsplit=1)[0]
    words = tokens(first)
    return words[-1] if words else ""


@dataclass(frozen=True, slots=True)
class NiceTerm:
    """One goods/services indication; ``basic_number`` is its number within the class in the NCL lists."""

    nice_class: int
    basic_number: str
    text: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NiceClass:
    number: int
    kind: Literal["good", "service"]
    heading: tuple[str, ...]
    note: str
    includes: tuple[str, ...]
    excludes: tuple[str, ...]
    terms: tuple[NiceTerm, ...]

    @property
    def title(self) -> str:
        """The heading as one line, as printed in the classification."""
        return "; ".join(self.heading)


class SearchHit(NamedTuple):
    """A term found by :meth:`NiceClassification.search`: a ``(class, term, score, via)`` tuple.

    ``via`` names the everyday word (goods-vocabulary.yaml) that led to the term, when one did.
    """

    nice_class: int
    term: str
    score: float
    via: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    nice_class: int
    label: str  # the text matched (an indication or a synonym)
    norm: str
    stems: frozenset[str]
    head: str


@dataclass
class NiceClassification:
    """All 45 classes with an inverted index over their terms, built once per process."""

    edition: int
    version: str
    date_in_force: str
    source: str
    classes: dict[int, NiceClass]
    _entries: list[_Entry] = field(default_factory=list, repr=False)
    _postings: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _exact: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, repr=False)
    vocabulary: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        exact: defaultdict[str, list[int]] = defaultdict(list)
        for cls in self.classes.values():
            for term in cls.terms:
                for label in (term.text, *term.synonyms):
                    idx = len(self._entries)
                    stems = frozenset(tokens(label))
                    entry = _Entry(cls.number, term.text, _normal(label), stems, _head(label))
                    self._entries.append(entry)
                    exact[entry.norm].append(idx)
                    for stem in stems:
                        postings[stem].append(idx)
        self._postings, self._exact = dict(postings), dict(exact)
        total = len(self._entries)
        self._idf = {stem: math.log(1 + total / len(ids)) for stem, ids in postings.items()}

    @property
    def term_count(self) -> int:
        return sum(len(c.terms) for c in self.classes.values())

    def get(self, number: int) -> NiceClass:
        """The class ``number`` (1..45); an :class:`InputError` otherwise."""
        return self.classes[parse_class(number)]

    def search(self, text: str, *, limit: int = 20) -> list[SearchHit]:
        """Terms matching ``text``, best first: exact term (1.0) > all words present > some words present.

        Within a tier, terms whose head noun matches the query's and shorter terms (closer to the query)
        rank higher. Each (class, term) appears once.
        """
        query = tokens(text)
        scored: dict[tuple[int, str], float] = {}
        via: dict[tuple[int, str], str] = {}
        for phrase, score in self._vocabulary_matches(text):
            for key in self.vocabulary[phrase]:
                if score > scored.get(key, 0.0):
                    scored[key], via[key] = score, phrase
        if not query:
            return self._ranked(scored, via, limit)
        qset = set(query)
        qhead = query[-1]
        unknown = max(self._idf.values(), default=1.0)
        weight = {q: self._idf.get(q, unknown) for q in qset}
        qweight = sum(weight.values())
        for idx in self._exact.get(" ".join(query), []):
            entry = self._entries[idx]
            scored[(entry.nice_class, entry.label.rstrip("*"))] = 1.0
        candidates: set[int] = set()
        for stem in qset:
            candidates.update(self._postings.get(stem, ()))
        for idx in candidates:
            entry = self._entries[idx]
            key = (entry.nice_class, entry.label.rstrip("*"))
            common = qset & entry.stems
            coverage = len(common) / max(len(entry.stems), 1)  # how much of the term the query explains
            head_bonus = 0.1 if entry.head == qhead else 0.0
            if len(common) == len(qset):
                score = 0.6 + 0.25 * coverage + head_bonus
            else:  # rare words count for more than "services" or "apparatus"
                share = sum(weight[q] for q in common) / qweight
                score = 0.1 + 0.4 * share * (0.5 + 0.5 * coverage) + head_bonus
            score = round(min(score, 0.99), 4)
            if score > scored.get(key, 0.0):
                scored[key] = score
                via.pop(key, None)
        return self._ranked(scored, via, limit)

    @staticmethod
    def _ranked(
        scored: dict[tuple[int, str], float], via: dict[tuple[int, str], str], limit: int
    ) -> list[SearchHit]:
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], len(kv[0][1]), kv[0][0], kv[0][1]))
        return [SearchHit(c, t, s, via.get((c, t))) for (c, t), s in ranked[:limit]]

    def _vocabulary_matches(self, text: str) -> list[tuple[str, float]]:
        """Everyday words in ``text``: the whole query (1.0) or a word or phrase inside it (0.9)."""
        folded = " ".join(text.casefold().replace("-", " ").split())
        found: list[tuple[str, float]] = []
        for phrase in self.vocabulary:
            if phrase == folded:
                found.append((phrase, 1.0))
            elif phrase in folded and (
                _CJK.search(phrase) or re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded)
            ):
                found.append((phrase, 0.9))
        # The longest reading wins: 手机壳 (phone case) is not also 手机 (phone).
        return [(p, sc) for p, sc in found if not any(p != o and p in o for o, _ in found)]

    def search_classes(
        self, text: str, *, limit: int = 5, terms_per_class: int = 5
    ) -> list[tuple[int, list[SearchHit]]]:
        """Classes for ``text``, best first, each with its best matching terms."""
        by_class: dict[int, list[SearchHit]] = defaultdict(list)
        for hit in self.search(text, limit=400):
            if len(by_class[hit.nice_class]) < terms_per_class:
                by_class[hit.nice_class].append(hit)
        ranked = sorted(by_class.items(), key=lambda kv: (-kv[1][0].score, -len(kv[1]), kv[0]))
        return ranked[:limit]


def parse_class(value: object) -> int:
    """A Nice class number from user input ('25', 25, 'class 25'); :class:`InputError` if not 1..45."""
    text = str(value).strip().casefold().removeprefix("class").strip()
    if not text.isdigit() or int(text) not in CLASS_NUMBERS:
        raise InputError(
            f"{value!r} is not a Nice class: expected a whole number from 1 to 45",
            hint="classes 1-34 are goods, 35-45 services; `ipwarden classes --search TEXT` finds a class",
            details={"value": str(value)},
        )
    return int(text)


def _read_data(name: str) -> bytes:
    return resources.files("ipwarden.registry").joinpath("data", name).read_bytes()


def load_vocabulary(raw: bytes, classes: dict[int, NiceClass]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Everyday word -> NCL indications, checked against the classification so no word points nowhere."""
    known = {(c.number, t.text.rstrip("*")) for c in classes.values() for t in c.terms}
    vocabulary: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for entry in yaml.safe_load(raw)["entries"]:
        terms = [(int(c), str(t)) for c, t in entry["terms"]]
        missing = [t for t in terms if t not in known]
        if missing:
            raise ValueError(f"{VOCABULARY_FILE}: not NCL indications: {missing}")
        for word in entry["words"]:
            phrase = " ".join(str(word).casefold().replace("-", " ").split())
            vocabulary[phrase].extend(t for t in terms if t not in vocabulary[phrase])
    return {phrase: tuple(terms) for phrase, terms in vocabulary.items()}


def classification_from_dict(data: dict[str, Any]) -> NiceClassification:
    """Build the classification from the compact structure written by ``scripts/build_nice_data.py``."""
    classes = {
        c["number"]: NiceClass(
            number=c["number"],
            kind=c["kind"],
            heading=tuple(c["heading"]),
            note=c["note"],
            includes=tuple(c["includes"]),
            excludes=tuple(c["excludes"]),
            terms=tuple(
                NiceTerm(c["number"], t[0], t[1], tuple(t[2]) if len(t) > 2 else ()) for t in c["terms"]
            ),
        )
        for c in data["classes"]
    }
    return NiceClassification(
        data["edition"],
        data["version"],
        data["date_in_force"],
        data["source"],
        classes,
        vocabulary=load_vocabulary(_read_data(VOCABULARY_FILE), classes),
    )


@cache
def load_classification() -> NiceClassification:
    """The shipped NCL 12-2024 classification, parsed and indexed once per process."""
    return classification_from_dict(json.loads(gzip.decompress(_read_data(DATA_FILE))))


# --- class relatedness -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClassRelation:
    """Two classes whose goods/services are commonly found related, and why we say so."""

    classes: frozenset[int]
    basis: str  # "uspto-coordinated" | "case-law" | "editorial"
    source: str
    note: str = ""


@cache
def class_relations() -> tuple[ClassRelation, ...]:
    """Every relation in ``data/class-relations.yaml``, expanded to pairs."""
    doc = yaml.safe_load(_read_data(RELATIONS_FILE))
    sources: dict[str, str] = doc["sources"]
    out: list[ClassRelation] = []
    for rel in doc["relations"]:
        a = parse_class(rel["class"])
        targets = range(1, 35) if rel["with"] == "goods" else rel["with"]
        for target in targets:
            b = parse_class(target)
            if a != b:
                out.append(
                    ClassRelation(
                        frozenset((a, b)), rel["basis"], sources[rel["source"]], rel.get("note", "")
                    )
                )
    return tuple(out)


@cache
def _related_map() -> dict[int, frozenset[int]]:
    related: defaultdict[int, set[int]] = defaultdict(set)
    for rel in class_relations():
        a, b = sorted(rel.classes)
        related[a].add(b)
        related[b].add(a)
    return {c: frozenset(related[c]) for c in CLASS_NUMBERS}


def related_classes(c: int) -> frozenset[int]:
    """Classes related to ``c`` (not including ``c`` itself)."""
    return _related_map()[parse_class(c)]


def relations_of(c: int) -> list[ClassRelation]:
    """The relations (with sources) that involve class ``c``, by the other class number."""
    number = parse_class(c)
    rels = [r for r in class_relations() if number in r.classes]
    return sorted(rels, key=lambda r: (min(r.classes - {number}), r.basis))


def class_relation(a: int, b: int) -> Literal["same", "related", "unrelated"]:
    """How two classes relate for likelihood-of-confusion purposes."""
    a, b = parse_class(a), parse_class(b)
    if a == b:
        return "same"
    return "related" if b in _related_map()[a] else "unrelated"


_QUALIFIER = re.compile(r"[,\[(]| for | of | in | with | made | being ")


@cache
def goods_heads() -> dict[int, frozenset[str]]:
    """Per class, the head nouns of its indications and their synonyms (SHIRTS in "polo shirts", LOANS in
    "loans [financing]"): the common names of its goods, which no trader may own alone; the words before
    the head (POLO, ECHO in "echo sounders") only qualify it and are left out."""
    heads: dict[int, frozenset[str]] = {}
    for number, cls in load_classification().classes.items():
        found: set[str] = set()
        for term in cls.terms:
            for text in (term.text, *term.synonyms):
                first = _QUALIFIER.split(text.casefold().rstrip("*"), maxsplit=1)[0]
                words = re.findall(r"[a-z]+", first)
                if words and len(words[-1]) >= 3:
                    found.add(words[-1])
        heads[number] = frozenset(found)
    return heads
