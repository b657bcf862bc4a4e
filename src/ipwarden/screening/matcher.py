"""Protected-mark matcher: one Aho-Corasick automaton over look-alike keys of every live word mark.

Each word mark of a live right is reduced to the similarity engine's skeleton, token by token, and stored
with a space on either side (so hits fall on token boundaries). Variants stored beside it: the mark with
its spaces removed (LOUISVUITTON), the pinyin of Chinese marks (耐克 → naike / nai ke) and the aliases of
the owner's family. Misspellings (ADIDASS, ADDIDAS) are found per listing token against marks of 5+
letters bucketed by first two letters and length, with a Levenshtein bound; results are cached per
token. The matcher is picklable, so Spark ships it to executors once.

Common-word guard: a mark that is an ordinary word (common_words.txt, or 3 Latin letters or fewer, or one
Chinese character) is reported only when the listing's category is relevant to the right's classes or the
mention looks like a brand (brand field, ALL CAPS in mixed-case text, ™/®, or next to brand/original/
genuine/official/正品/官方).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

import ahocorasick
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ipwarden.registry.models import MarkType, OwnerFamily, Right, RightKind
from ipwarden.screening.dictionary import common_words, ordinary_words
from ipwarden.screening.text import (
    build_view,
    fast_joined,
    joined_words,
    plain_words,
    skeleton_token,
    word_tokens,
)
from ipwarden.similarity.chinese import has_cjk, to_pinyin
from ipwarden.similarity.normalize import is_cjk, normalise

__all__ = ["MarkHit", "MarkMatcher", "MatchKind", "RightRef", "common_words"]

_MARK_TYPES = {None, MarkType.WORD, MarkType.COMBINED}
_BRAND_CONTEXT = frozenset(
    {"brand", "original", "genuine", "official", "authentic", "logo", "正品", "官方", "品牌", "原装", "marca"}
)


class MatchKind(IntEnum):
    MARK = 0  # the mark's own tokens (exact, look-alike or spaced out)
    COMPACT = 1  # a multi-word mark written as one word
    PINYIN = 2  # pinyin of a Chinese mark
    ALIAS = 3  # an alias of the owner family


@dataclass(frozen=True, slots=True)
class RightRef:
    id: str
    mark: str
    owner: str | None
    family: str | None
    office: str
    classes: tuple[int, ...]

    def __reduce__(
        self,
    ) -> tuple[type[RightRef], tuple[str, str, str | None, str | None, str, tuple[int, ...]]]:
        # spelled out: a frozen slots dataclass compiled by mypyc cannot be unpickled the default way
        return (RightRef, (self.id, self.mark, self.owner, self.family, self.office, self.classes))


class MarkHit(NamedTuple):
    """One mark mention: what was written, where, how it matched, and the rights it points at."""

    how: str  # exact | lookalike | spaced | compact | chinese | pinyin | alias | misspelled
    text: str  # the listing's words as written
    span: tuple[int, int]
    mark: str  # the normalised mark it matched
    rights: tuple[RightRef, ...]
    common: bool  # the mark is an ordinary word: needs relevant goods or brand-like context
    brand_context: bool  # written like a brand (tested where the guard needs it: ordinary words only)
    group: int = -1  # the matcher's mark group (callers cache per-mark work by it)


# MarkHit(...) runs a Python-level __new__; the matcher builds its hits as tuples of all fields directly
_new_hit = tuple.__new__


def _is_common(norm: str, vocabulary: frozenset[str]) -> bool:
    if norm in vocabulary:
        return True
    if all(is_cjk(ch) for ch in norm.replace(" ", "")):
        return len(norm) <= 1
    return len(norm.replace(" ", "")) <= 3


class MarkMatcher:
    """Build once from the registry; ``find(text)`` returns the mark mentions in one field."""

    def __init__(self, vocabulary: frozenset[str] | None = None) -> None:
        self._automaton = ahocorasick.Automaton()
        self._groups: list[list[int]] = []  # group id -> indexes into _rights
        self._group_mark: list[str] = []  # group id -> normalised mark text
        self._group_common: list[bool] = []
        self._group_refs: dict[int, tuple[RightRef, ...]] = {}  # filled on first use
        self._group_classes: dict[int, frozenset[int]] = {}  # filled on first use
        self._rights: list[RightRef] = []
        self._by_norm: dict[str, int] = {}
        self._fuzzy: dict[tuple[str, int], list[tuple[str, int]]] = {}
        self._fuzzy_cache: dict[str, tuple[tuple[int, str], ...]] = {}
        self._fuzzy_keys: dict[tuple[str, int], list[str]] = {}
        self._fuzzy_own: set[str] = set()  # keys of the marks themselves (an exact hit, not a misspelling)
        self._token_fuzzy: dict[str, tuple[bool, tuple[int, ...]]] = {}  # listing word -> verdict
        self._fuzzy_live: set[str] = set()  # the words in _token_fuzzy that may misspell a mark
        self._vocabulary = vocabulary if vocabulary is not None else ordinary_words()
        # look-alike keys of ordinary words: such a listing word is a misspelling only where used as a brand
        self._ordinary_keys = frozenset(skeleton_token(w) for w in self._vocabulary if w and " " not in w)
        self._families: dict[str, list[int]] = {}
        self._built = False
        self.pattern_count = 0

    # -- building -------------------------------------------------------------------------------------
    @classmethod
    def build(cls, rights: Iterable[Right], families: Sequence[OwnerFamily] = ()) -> MarkMatcher:
        matcher = cls()
        for right in rights:
            matcher.add_right(right)
        for family in families:
            matcher.add_family_aliases(family)
        matcher.finish()
        return matcher

    def add_right(self, right: Right) -> bool:
        """Add a live word/combined trademark; other rights are skipped (returns False)."""
        if (
            right.kind is not RightKind.TRADEMARK
            or not right.mark_text
            or right.mark_type not in _MARK_TYPES
            or not right.is_live
        ):
            return False
        norm = normalise(right.mark_text)
        if not norm:
            return False
        ref = RightRef(
            right.id, right.mark_text, right.owner_name, right.owner_family, right.office, right.classes
        )
        index = len(self._rights)
        self._rights.append(ref)
        if right.owner_family:
            self._families.setdefault(right.owner_family, []).append(index)
        group = self._by_norm.get(norm)
        if group is None:
            group = self._new_group(norm)
            self._add_variants(norm, group, alias=False)
        self._groups[group].append(index)
        return True

    def add_family_aliases(self, family: OwnerFamily) -> None:
        """Aliases of an owner family (NIKE INC, 耐克) point at that family's marks."""
        members = self._families.get(family.id)
        if not members:
            return
        for alias in (family.name, *family.aliases):
            norm = normalise(alias)
            if not norm or norm in self._by_norm:
                continue
            group = self._new_group(norm)
            self._groups[group].extend(members)
            self._add_variants(norm, group, alias=True)

    def _new_group(self, norm: str) -> int:
        group = len(self._groups)
        self._by_norm[norm] = group
        self._groups.append([])
        self._group_mark.append(norm)
        self._group_common.append(_is_common(norm, self._vocabulary))
        return group

    def _add_key(self, key: str, group: int, kind: MatchKind) -> None:
        existing = self._automaton.get(key, None)
        entry = (group, int(kind), len(key))
        if existing is None:
            self._automaton.add_word(key, (entry,))
            self.pattern_count += 1
        elif entry not in existing:
            self._automaton.add_word(key, (*existing, entry))

    def _add_variants(self, norm: str, group: int, *, alias: bool) -> None:
        joined = fast_joined(norm)
        toks = word_tokens(norm)
        cjk = has_cjk(norm)
        main = MatchKind.ALIAS if alias else MatchKind.MARK
        if cjk and all(has_cjk(t) for t in toks):
            self._add_key("".join(toks), group, main)  # Chinese: no word boundaries
            syllables = to_pinyin(norm).split()
            if syllables:
                self._add_key(" " + " ".join(syllables) + " ", group, MatchKind.PINYIN)
                self._add_key(fast_joined("".join(syllables)), group, MatchKind.PINYIN)
            return
        self._add_key(joined, group, main)
        if len(toks) > 1:
            self._add_key(fast_joined("".join(toks)), group, MatchKind.COMPACT)
        elif not alias and len(norm) >= 5 and not cjk and norm not in self._vocabulary:
            key = joined.strip()
            self._fuzzy.setdefault((key[:2], len(key)), []).append((key, group))

    def finish(self) -> None:
        # rights may have been added since the last finish: work out groups' rights and classes afresh
        self._group_refs.clear()
        self._group_classes.clear()
        self._fuzzy_own = {key for bucket in self._fuzzy.values() for key, _ in bucket}
        if self.pattern_count:
            self._automaton.make_automaton()
        self._built = True

    # -- matching -------------------------------------------------------------------------------------
    def rights(self) -> tuple[RightRef, ...]:
        return tuple(self._rights)

    @property
    def size(self) -> int:
        return len(self._rights)

    def group_rights(self, group: int) -> tuple[RightRef, ...]:
        """The rights a mark group points at (at most 64, in registry order)."""
        refs = self._group_refs.get(group)
        if refs is None:
            refs = self._group_refs[group] = tuple(self._rights[i] for i in self._groups[group][:64])
        return refs

    def _classes_of(self, group: int) -> frozenset[int]:
        found = self._group_classes.get(group)
        if found is None:
            found = self._group_classes[group] = frozenset(
                c for ref in self.group_rights(group) for c in ref.classes
            )
        return found

    def _fuzzy_verdict(self, token: str) -> tuple[bool, tuple[int, ...]]:
        """Whether a listing word is an ordinary word, and the mark groups it may misspell (cached)."""
        if len(token) < 5 or not token.isalpha():
            verdict: tuple[bool, tuple[int, ...]] = (False, ())
        else:
            verdict = (token in self._ordinary_keys, tuple(group for group, _ in self._fuzzy_hits(token)))
        if len(self._token_fuzzy) >= 200_000:
            self._token_fuzzy.clear()
            self._fuzzy_live.clear()
        self._token_fuzzy[token] = verdict
        if verdict[1]:
            self._fuzzy_live.add(token)
        return verdict

    def _fuzzy_hits(self, token: str) -> tuple[tuple[int, str], ...]:
        hit = self._fuzzy_cache.get(token)
        if hit is not None:
            return hit
        found: list[tuple[int, str]] = []
        size = len(token)
        if size >= 5 and token.isalpha() and token not in self._fuzzy_own:
            bound = 1 if size < 9 else 2
            for length in range(size - bound, size + bound + 1):
                bucket = self._fuzzy.get((token[:2], length))
                if not bucket:
                    continue
                keys = self._fuzzy_keys.get((token[:2], length))
                if keys is None:
                    keys = self._fuzzy_keys[(token[:2], length)] = [k for k, _ in bucket]
                # the comparison loop runs in RapidFuzz's C++ code, not in Python
                for _key, _distance, index in process.extract(
                    token, keys, scorer=Levenshtein.distance, score_cutoff=bound, limit=None
                ):
                    found.append((bucket[index][1], bucket[index][0]))
        result = tuple(found)
        if len(self._fuzzy_cache) > 200_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[token] = result
        return result

    def find(
        self, text: str, *, brand_field: bool = False, classes: frozenset[int] | None = None
    ) -> list[MarkHit]:
        """Mark mentions in ``text`` (one listing field), at most one per group and span.

        With ``classes`` (the listing category's Nice classes) the common-word guard is applied here:
        an ordinary-word mark outside the brand field counts only when one of its rights is in
        ``classes`` or the mention looks like a brand. With ``classes=None`` such hits are returned
        (flagged ``common``) for the caller to judge. Either way a correctly spelled ordinary word is a
        misspelling of a mark only in the brand field or where it is written like a brand.
        """
        if not self._built or not text:
            return []
        words = text.split()
        joined = joined_words(words)
        raw_hits: list[tuple[int, int, int, int]] = []
        context: bool | None = None
        if self.pattern_count:
            common = self._group_common
            guarded = not brand_field and classes is not None
            wanted = classes if classes is not None else frozenset()
            known = self._group_classes
            for end, entries in self._automaton.iter(joined):
                for group, kind, size in entries:
                    if guarded and common[group]:
                        if context is None:
                            context = _maybe_brand_context(text, joined)
                        if not context and wanted.isdisjoint(known.get(group) or self._classes_of(group)):
                            continue
                    raw_hits.append((end - size + 1, end + 1, group, kind))
        fuzzy: list[tuple[int, int]] = []
        toks = joined.split()
        # most listings: every word judged before and none a possible misspelling (two C-level checks)
        if self._fuzzy and not (
            self._fuzzy_live.isdisjoint(toks) and all(map(self._token_fuzzy.__contains__, toks))
        ):
            verdicts = self._token_fuzzy
            for position, token in enumerate(toks):
                verdict = verdicts.get(token)
                if verdict is None:
                    verdict = self._fuzzy_verdict(token)
                if not verdict[1]:
                    continue
                if verdict[0] and not brand_field:  # an ordinary word: only where written like a brand
                    if context is None:
                        context = _maybe_brand_context(text, joined)
                    if not context:
                        continue
                fuzzy.extend([(position, group) for group in verdict[1]])
        if not raw_hits and not fuzzy:
            return []
        return self._explain(text, words, joined, raw_hits, fuzzy, brand_field=brand_field, classes=classes)

    def _explain(
        self,
        text: str,
        words: list[str],
        joined: str,
        raw_hits: list[tuple[int, int, int, int]],
        fuzzy: list[tuple[int, int]],
        *,
        brand_field: bool,
        classes: frozenset[int] | None,
    ) -> list[MarkHit]:
        plain = plain_words(text, words) if all(joined[h[0]] == " " for h in raw_hits) else None
        # may any mention be written like a brand? (None: not worked out yet; True: test each mention)
        maybe_brand: bool | None = None
        if plain is None:
            view = build_view(text)
            tokens, keys, spans, starts = view.tokens, view.keys, view.spans, view.starts
            maybe_brand = True
        else:  # every word is one token, single-spaced: token i is word i (spans from the word lengths)
            tokens = tuple(map(itemgetter(0), plain))
            keys = tuple(map(itemgetter(1), plain))
            offsets = list(accumulate(map(len, words), initial=0))  # offsets[i] + i: where word i starts
        out: list[MarkHit] = []
        seen: set[tuple[int, int, int]] = set()
        pinyin = int(MatchKind.PINYIN)
        # Words that are a registered Latin mark as written ("Huawei") are that mark, not a pinyin
        # disguise of the owner's Chinese mark (华为): pinyin hits on such spans are dropped.
        if pinyin in map(itemgetter(3), raw_hits):
            latin_spans = {(s, e) for s, e, _, k in raw_hits if k != pinyin}
            raw_hits = [h for h in raw_hits if h[3] != pinyin or (h[0], h[1]) not in latin_spans]
        common, marks = self._group_common, self._group_mark
        # the guard needs the listing's classes; a mark in none of them needs brand-like writing
        guarded = classes is not None and not brand_field
        fit = classes if classes is not None else frozenset()
        refs, mark_kind = self._group_refs, int(MatchKind.MARK)
        for start, end, group, kind in raw_hits:
            if plain is not None:  # keys hold no spaces: count the ones before the hit's first and last key
                first = joined.count(" ", 0, start + 1) - 1
                last = joined.count(" ", 0, end - 1) - 1
                span = (offsets[first] + first, offsets[last + 1] + last)
            elif joined[start] == " ":
                first = max(bisect_right(starts, start + 1) - 1, 0)
                last = max(bisect_left(starts, end - 1) - 1, 0)
                span = (spans[first][0], spans[last][1])
            else:  # a Chinese key inside a longer run of characters
                first, last = view.token_range(start, end)
                span = view.source_span(first, last)
                found = text.find(joined[start:end], span[0], span[1])
                if found >= 0:
                    span = (found, found + end - start)
            key = (group, span[0], span[1])
            if key in seen:
                continue
            seen.add(key)
            # brand-like writing only matters to the guard, so only ordinary-word marks pay for the test
            if common[group]:
                if maybe_brand is None:
                    maybe_brand = _plain_brand_context(text, words, tokens)
                brand = maybe_brand and _brand_context(text, span, first, last, tokens)
            else:
                brand = False
            if guarded and common[group] and not brand and fit.isdisjoint(self._classes_of(group)):
                continue
            written = tokens[first] if first == last else " ".join(tokens[first : last + 1])
            mark = marks[group]
            if kind == mark_kind and written == mark and joined.isascii():
                how = "exact"  # the usual hit: what _how answers first for a Latin key written as the mark
            else:
                how = self._how(kind, written, group, joined[start:end])
            shown = text[span[0] : span[1]]
            if how == "exact" and _spaced_letters(shown):
                how = "spaced"
            rights = refs.get(group) or self.group_rights(group)
            out.append(_new_hit(MarkHit, (how, shown, span, mark, rights, common[group], brand, group)))
        ordinary = self._ordinary_keys
        at = -1
        for position, group in fuzzy:
            if position != at:  # the facts of one listing word, shared by the marks it may misspell
                at = position
                span = (
                    spans[position]
                    if plain is None
                    else (offsets[position] + position, offsets[position + 1] + position)
                )
                is_ordinary = keys[position] in ordinary
                word_brand: bool | None = None
            key = (group, span[0], span[1])
            if key in seen:
                continue
            seen.add(key)
            if common[group] or is_ordinary:
                if word_brand is None:
                    if maybe_brand is None:
                        maybe_brand = _plain_brand_context(text, words, tokens)
                    word_brand = maybe_brand and _brand_context(text, span, position, position, tokens)
                brand = word_brand
            else:
                brand = False
            if is_ordinary and not brand_field and not brand:
                continue  # a correctly spelled word, not written as a brand
            if guarded and common[group] and not brand and fit.isdisjoint(self._classes_of(group)):
                continue
            shown = text[span[0] : span[1]]
            rights = self.group_rights(group)
            out.append(
                _new_hit(
                    MarkHit, ("misspelled", shown, span, marks[group], rights, common[group], brand, group)
                )
            )
        return out

    def _how(self, kind: int, written: str, group: int, key: str) -> str:
        norm = self._group_mark[group]
        if kind == MatchKind.PINYIN:
            return "pinyin"
        if kind == MatchKind.ALIAS:
            return "alias"
        if not key.isascii() and has_cjk(key):
            return "chinese"
        if kind == MatchKind.COMPACT:
            return "compact"
        if written == norm:
            return "exact"
        if written.replace(" ", "") == norm.replace(" ", "") or len(written.split()) != len(norm.split()):
            return "spaced"
        return "lookalike"


@cache
def _context_keys() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(fast_joined(w)) for w in sorted(_BRAND_CONTEXT)))


def _maybe_brand_context(text: str, joined: str) -> bool:
    """Cheap test: could any mention in ``text`` have brand-like context (see ``_brand_context``)?"""
    if "™" in text or "®" in text or _context_keys().search(joined):
        return True
    if text.isupper() or text.islower():
        return False
    return any(len(word) >= 2 and word.isupper() for word in text.split())


def _plain_brand_context(text: str, words: list[str], tokens: tuple[str, ...]) -> bool:
    """Could any mention in a text of one-token words be written like a brand (see ``_brand_context``)?

    False only where no mention can be: ALL CAPS needs an upper-case word in mixed-case text, ™/® and
    the context words must occur somewhere in the text. True means: test each mention."""
    if "™" in text or "®" in text or not _BRAND_CONTEXT.isdisjoint(tokens):
        return True
    return not text.isupper() and not text.islower() and any(map(str.isupper, words))


_SPACED = re.compile(r"^(?:\w[\s\-_.·*]+){2,}\w$")
_SEPARATORS = frozenset("-_.·*")  # _SPACED's separators besides white space
_TM = re.compile(r"^\s*[™®]")


def _spaced_letters(written: str) -> bool:
    # the pattern needs 5+ characters and a separator second: most mentions fail that without the regex
    second = written[1:2]
    if len(written) < 5 or not (second.isspace() or second in _SEPARATORS):
        return False
    return bool(_SPACED.match(written))


def _brand_context(text: str, span: tuple[int, int], first: int, last: int, tokens: tuple[str, ...]) -> bool:
    """ALL CAPS in mixed-case text, followed by ™/®, or within two words of brand/original/正品 ..."""
    written = text[span[0] : span[1]]
    if written.isupper() and not text.isupper():  # cheap test first: no lower-case letter in the mention
        letters = [c for c in written if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True
    after = text[span[1] : span[1] + 2]
    if after and ("™" in after or "®" in after) and _TM.match(after):
        return True
    return not _BRAND_CONTEXT.isdisjoint(tokens[max(0, first - 2) : first] + tokens[last + 1 : last + 3])
