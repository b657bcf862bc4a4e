"""Cue and geographical-indication matching on NFKC-casefolded text, with guards for innocent contexts.

Each cue's regex is run only when its anchors (literals every match must contain, found by parsing the
regex: one of each set) occur in the text: one Aho-Corasick pass over all anchors replaces hundreds of regex
searches per listing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ahocorasick

from ipwarden.screening.anchors import anchors_of, needs_wide
from ipwarden.screening.lexicon import GI_LINK, Cue, CueKind, GeoIndication, default_pattern
from ipwarden.similarity.normalize import normalise

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

__all__ = ["CueHit", "CueMatcher", "GiHit", "GiMatcher", "fold", "plain_spelling"]

_EU_CODES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
EU = frozenset(_EU_CODES.split())
_EVOCATION = (
    r"(?:style|styled|type|imitation|imitated|like|inspired|kind|façon|facon|genre|stil|art|tipo|"
    r"estilo|stijl|imitação|imitacion|imitación|風|风|风味|風味|式|型|类|類|タイプ|스타일)"
)


_WORD_CHAR = re.compile(r"\w")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{5,}")
_CYRILLIC_ENDING = re.compile(r"[аеёиоуыэюяйь]{1,2}$")


def _name_pattern(name: str) -> str:
    """A GI name's regex; Russian names also match their case forms (Шампанское, шампанского, шампанским)."""
    pattern = default_pattern(name)
    if not _CYRILLIC_WORD.search(name):
        return pattern
    for word in sorted(set(_CYRILLIC_WORD.findall(fold(name))), key=len, reverse=True):
        stem = _CYRILLIC_ENDING.sub("", word)
        pattern = pattern.replace(re.escape(word), re.escape(stem) + "[а-яё]{0,3}")
    return pattern


# letters spelled apart ("r.e.p.l.i.c.a", "f-a-k-e") and a digit standing for a letter inside a word.
# Both patterns start with a character class and check what precedes it in a lookbehind that includes
# that character: the same matches as a leading lookbehind, but the regex engine skips ahead to candidate
# characters instead of trying a lookbehind at every position (about 8x faster on a listing title).
_SPELLED_APART = re.compile(r"[^\W\d_](?<![^\W_][^\W\d_])(?:[.\-*_·•+ ][^\W\d_]){2,}(?![^\W_])")
_DIGIT_IN_WORD = re.compile(r"[013457@$](?<=[^\W\d_][013457@$])(?=[^\W\d_])")
# part of every spelled-apart match (letter, separator, letter, separator): a quick test that rules most
# titles out before the full pattern, which is slow on text of ordinary words
_APART_PART = re.compile(r"[.\-*_·•+ ](?<=[^\W\d_][.\-*_·•+ ])[^\W\d_][.\-*_·•+ ]")
_AS_LETTER = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}


def plain_spelling(folded: str) -> tuple[str, list[int]] | None:
    """``folded`` with two tricks that dodge word filters undone, and each character's offset in ``folded``:
    letters spelled apart ("r.e.p.l.i.c.a" -> "replica") and a digit for a letter inside a word
    ("r3plica", "rep1ica", "f4ke"). None when neither occurs (the usual case: no second pass)."""
    apart = (
        [(m.start(), m.end()) for m in _SPELLED_APART.finditer(folded) if not _CJK.search(m.group())]
        if _APART_PART.search(folded)
        else []
    )
    if not apart and not _DIGIT_IN_WORD.search(folded):
        return None
    chars: list[str] = []
    offsets: list[int] = []
    runs = iter(apart)
    run = next(runs, None)
    for position, char in enumerate(folded):
        while run is not None and position >= run[1]:
            run = next(runs, None)
        inside = run is not None and run[0] <= position < run[1]
        if inside and not char.isalpha():
            continue
        as_letter = char in _AS_LETTER and _DIGIT_IN_WORD.match(folded, position)
        chars.append(_AS_LETTER[char] if as_letter else char)
        offsets.append(position)
    return "".join(chars), offsets


def fold(text: str) -> str:
    """The form cues are matched on: NFKC and case-folded (offsets may differ from the raw text)."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True, slots=True)
class CueHit:
    cue: Cue
    span: tuple[int, int]  # in the folded text
    text: str
    guard: str | None  # the innocent context a guard found around it (the hit is then ignored)


@dataclass(frozen=True, slots=True)
class _Compiled:
    cue: Cue
    regex: re.Pattern[str]
    guards: tuple[re.Pattern[str], ...]


class CueMatcher:
    """All cues of one kind; ``find(folded_text)`` returns hits with their guard verdicts."""

    def __init__(self, cues: Sequence[Cue], guard_window: int = 40) -> None:
        self.window = guard_window
        self._cues = tuple(cues)
        self._compiled: list[_Compiled] = []
        self._always: list[int] = []
        self._automaton = ahocorasick.Automaton()
        anchors: dict[str, set[tuple[int, int]]] = {}  # anchor -> (cue index, which of its anchor sets)
        self._need: dict[int, int] = {}  # cue index -> how many anchor sets a text must hit (2 or more)
        self._wide: set[int] = set()  # cues that need a CJK, kana or Hangul character: not run on ASCII
        for index, cue in enumerate(cues):
            self._compiled.append(
                _Compiled(
                    cue,
                    re.compile(cue.pattern, re.IGNORECASE),
                    tuple(re.compile(g, re.IGNORECASE) for g in cue.guards),
                )
            )
            if needs_wide(cue.pattern):
                self._wide.add(index)
            found = anchors_of(cue.pattern)
            if found is None:
                self._always.append(index)
                continue
            if len(found) > 1:
                self._need[index] = len(found)
            for slot, option in enumerate(found):
                for anchor in option:
                    anchors.setdefault(anchor, set()).add((index, slot))
        for anchor, pairs in anchors.items():
            self._automaton.add_word(anchor, tuple(sorted(pairs)))
        self._has_anchors = bool(anchors)
        # respellings (r3plica) are read for counterfeit and feedback words only, not referential ones
        self._respell = any(cue.kind is not CueKind.REFERENTIAL for cue in cues)
        if self._has_anchors:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._compiled)

    def __reduce__(self) -> tuple[type[CueMatcher], tuple[tuple[Cue, ...], int]]:
        # rebuilt from the cues when unpickled (Spark executors): a compiled class has no __dict__ to copy
        return (CueMatcher, (self._cues, self.window))

    def _hits(self, text: str, folded: str, offsets: list[int] | None) -> list[CueHit]:
        """Hits of every cue in ``text``; with ``offsets`` (``text`` is a respelling of ``folded``), spans
        and evidence are given in ``folded``."""
        candidates = set(self._always)
        if self._has_anchors:
            found: set[tuple[int, int]] = set()
            for _, pairs in self._automaton.iter(text):
                found.update(pairs)
            if found:
                need = self._need
                slots = [index for index, _ in found]
                candidates.update(  # a cue with several anchor sets needs a literal of each
                    index for index in slots if index not in need or slots.count(index) == need[index]
                )
        hits: list[CueHit] = []
        if candidates and self._wide and text.isascii():
            candidates -= self._wide
        if not candidates:
            return hits
        for index in sorted(candidates):
            compiled = self._compiled[index]
            for m in compiled.regex.finditer(text):
                if m.end() == m.start():
                    continue
                window = text[max(0, m.start() - self.window) : m.end() + self.window]
                guard = _context(compiled.guards, window)
                span = (
                    (m.start(), m.end())
                    if offsets is None
                    else (offsets[m.start()], offsets[m.end() - 1] + 1)
                )
                hits.append(CueHit(compiled.cue, span, folded[span[0] : span[1]], guard))
        return hits

    def find(self, folded: str) -> list[CueHit]:
        if not folded:
            return []
        hits = self._hits(folded, folded, None)
        plain = plain_spelling(folded) if self._respell else None
        if plain is not None:  # r.e.p.l.i.c.a, r3plica: counterfeit and feedback words only
            seen = [(h.cue, h.span) for h in hits]
            hits += [
                h
                for h in self._hits(plain[0], folded, plain[1])
                if h.cue.kind is not CueKind.REFERENTIAL
                and not any(c is h.cue and s < h.span[1] and h.span[0] < e for c, (s, e) in seen)
            ]
        # A guard describes an innocent context of the text, not of one entry: it also silences other
        # entries' hits on the same words ("replica" matched by both the en and es entries).
        guarded = [(h.span, h.guard) for h in hits if h.guard is not None]
        if not guarded:
            return hits
        return [
            h
            if h.guard is not None
            else CueHit(
                h.cue,
                h.span,
                h.text,
                next((g for (s, e), g in guarded if s < h.span[1] and h.span[0] < e), None),
            )
            for h in hits
        ]


def _context(guards: tuple[re.Pattern[str], ...], window: str) -> str | None:
    """The text the first matching guard found (what a reviewer can check), else None."""
    for guard in guards:
        found = guard.search(window)
        if found is not None:
            return found.group(0) or guard.pattern
    return None


@dataclass(frozen=True, slots=True)
class GiHit:
    gi: GeoIndication
    span: tuple[int, int]
    text: str
    evocation: bool
    guard: str | None
    from_origin: bool
    protected_in_market: bool = True


@dataclass(frozen=True, slots=True)
class _CompiledGi:
    gi: GeoIndication
    name: re.Pattern[str]
    evocation_pattern: str  # compiled on first use: most GI names never occur, and it is a large regex
    guards: tuple[re.Pattern[str], ...]
    products: frozenset[str]
    origin_words: frozenset[str]
    origin_terms: tuple[str, ...]


class GiMatcher:
    def __init__(
        self, gis: Sequence[GeoIndication], guard_window: int = 40, evocations: Sequence[str] = ()
    ) -> None:
        self.window = guard_window
        self._source = (tuple(gis), guard_window, tuple(evocations))
        self._compiled: list[_CompiledGi] = []
        self._names = ahocorasick.Automaton()  # folded names -> GI indexes: a prefilter for the regexes
        words = sorted(
            {fold(w).strip("-").strip() for w in evocations if fold(w).strip("-").strip()}, key=len
        )
        # Latin words end at a word boundary; CJK ones (型, 式) are written straight before the noun.
        evo = (
            "(?:"
            + "|".join(re.escape(w) + ("" if _CJK.search(w) else r"(?!\w)") for w in reversed(words))
            + ")"
            if words
            else _EVOCATION
        )
        # Latin names only match at the start of a word, so a key found inside a word (port in "sport")
        # is not a candidate: such keys live in their own automaton with their length.
        starts: dict[str, tuple[int, list[int]]] = {}
        name_keys: set[str] = set()
        for position, gi in enumerate(gis):
            for raw_name in gi.all_names:
                folded_name = fold(raw_name)
                key = (
                    re.sub(r"\s+", " ", folded_name).split(" ")[0]
                    if not _CJK.search(folded_name)
                    else folded_name
                )
                if _CYRILLIC_WORD.fullmatch(key):
                    key = _CYRILLIC_ENDING.sub("", key)  # the stem: case forms change the ending
                at_word_start = folded_name == raw_name.casefold() and _name_pattern(raw_name).startswith(
                    "(?<!\\w)" + re.escape(key)
                )
                if at_word_start:
                    indexes = starts.setdefault(key, (len(key), []))[1]
                    if position not in indexes:
                        indexes.append(position)
                    continue
                name_keys.add(key)
                previous = self._names.get(key, ())
                if position not in previous:
                    self._names.add_word(key, (*previous, position))
            names = "|".join(f"(?:{_name_pattern(n)})" for n in sorted(gi.all_names, key=len, reverse=True))
            evocation = (
                rf"(?:(?<!\w){evo}(?:\W{{1,3}}{GI_LINK})?\W{{0,3}}(?:{names}))|(?:(?:{names})\W{{0,3}}{evo})"
            )
            products = {normalise(w) for w in (gi.product, *gi.categories)}
            products |= {p for w in list(products) for p in w.split()}
            self._compiled.append(
                _CompiledGi(
                    gi,
                    re.compile(names, re.IGNORECASE),
                    evocation,
                    tuple(re.compile(g, re.IGNORECASE) for g in gi.guards),
                    frozenset(products),
                    _origin_words(gi.origin),
                    tuple(fold(t) for t in gi.origin_terms),
                )
            )
        # most of these keys are CJK names: text of ASCII only need not be searched for them
        self._ascii_names = any(key.isascii() for key in name_keys)
        if len(self._names):
            self._names.make_automaton()
        self._word_names = ahocorasick.Automaton()
        for key, (size, indexes) in starts.items():
            self._word_names.add_word(key, (size, tuple(indexes)))
        if starts:
            self._word_names.make_automaton()

    def __len__(self) -> int:
        return len(self._compiled)

    def __reduce__(
        self,
    ) -> tuple[type[GiMatcher], tuple[tuple[GeoIndication, ...], int, tuple[str, ...]]]:
        return (GiMatcher, self._source)  # rebuilt when unpickled, as CueMatcher

    def find(
        self,
        folded: str,
        *,
        goods_words: frozenset[str] | Callable[[], frozenset[str]],
        origin: str | None,
        market: str | None,
    ) -> list[GiHit]:
        """GI names in ``folded`` for goods described by ``goods_words`` (category and title words).

        ``goods_words`` may be a function: it is then called only when a GI name occurs, because most
        listings name no GI and the words cost a normalisation of the title."""
        hits: list[GiHit] = []
        if not self._compiled:
            return hits
        candidates: set[int] = set()
        if len(self._names) and (self._ascii_names or not folded.isascii()):
            for _, indexes in self._names.iter(folded):
                candidates.update(indexes)
        if len(self._word_names):
            for end, (size, indexes) in self._word_names.iter(folded):
                start = end - size + 1
                if start == 0 or not _WORD_CHAR.match(folded, start - 1):
                    candidates.update(indexes)
        if not candidates:
            return hits
        stated = frozenset(normalise(origin.replace("/", " ")).split()) if origin else frozenset()
        stated_text = normalise(origin) if origin else ""
        goods: frozenset[str] | None = None if callable(goods_words) else goods_words
        for index in sorted(candidates):
            c = self._compiled[index]
            m = c.name.search(folded)
            if m is None:
                continue
            if goods is None:
                goods = goods_words() if callable(goods_words) else goods_words
            if goods and not (goods & c.products):
                continue
            protected = not (market and c.gi.protected_in and not _protected(market, c.gi.protected_in))
            window = folded[max(0, m.start() - self.window) : m.end() + self.window]
            guard = next((g.pattern for g in c.guards if g.search(window)), None)
            evocation = re.compile(c.evocation_pattern, re.IGNORECASE).search(folded)
            span = (evocation.start(), evocation.end()) if evocation else (m.start(), m.end())
            from_origin = _from_origin(c, folded, stated, stated_text, origin)
            hits.append(
                GiHit(
                    c.gi,
                    span,
                    folded[span[0] : span[1]],
                    bool(evocation),
                    guard,
                    from_origin,
                    bool(protected),
                )
            )
        return hits


def _from_origin(
    c: _CompiledGi, folded: str, stated: frozenset[str], stated_text: str, origin: str | None
) -> bool:
    """Whether the listing shows goods from the GI's origin.

    The ``origin`` field decides when it names the GI's region, or another country or region (a
    contradiction that words in the text do not overturn). Otherwise origin words count only outside the
    GI's own name: "Aceto Balsamico di Modena" or "盘锦大米" name the place but do not say the goods
    come from it.
    """
    if stated:
        if stated & c.origin_words and _region_ok(stated_text, c.gi.origin):
            return True
        if origin and _contradicts(origin, c.gi.origin):
            return False
    if not c.origin_terms:
        return False
    outside = c.name.sub(" ", folded)
    return any(t in outside for t in c.origin_terms)


def _contradicts(stated: str, origin: str) -> bool:
    """A stated origin ("US", "CN/Hebei") that names another country, or another region of the country."""
    parts = [p.strip() for p in stated.split("/") if p.strip()]
    want = [p.strip() for p in origin.split("/") if p.strip()]
    if not parts or not want:
        return False
    code = parts[0].upper()
    if len(code) != 2 or not code.isalpha():
        return False  # free text ("Italy"): leave it to the origin words
    if code != want[0].upper():
        return True
    return len(parts) > 1 and len(want) > 1 and not _region_ok(normalise(stated), origin)


def _origin_words(origin: str) -> frozenset[str]:
    """Words that name the origin: the region's words when the GI names a region, else the country."""
    parts = [p for p in origin.split("/") if p.strip()]
    return frozenset(normalise(" ".join(parts[1:] or parts)).split())


def _region_ok(stated: str, origin: str) -> bool:
    """A stated origin matches a regional GI only if it names the region, not just the country."""
    parts = [p for p in origin.split("/") if p.strip()]
    if len(parts) <= 1:
        return True
    return any(normalise(p) in stated for p in parts[1:])


def _protected(market: str, protected_in: Sequence[str]) -> bool:
    codes = {p.upper() for p in protected_in}
    market = market.upper()
    return market in codes or (market in EU and "EU" in codes) or bool(codes & {"WORLD", "ALL", "*"})


__all__ += ["EU", "CueKind"]
