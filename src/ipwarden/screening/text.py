"""Token views of listing text for the mark matcher, built with the similarity engine's normaliser.

The normaliser (``ipwarden.similarity.normalize``) is applied per whitespace-separated word and memoised,
because listings reuse a small vocabulary: the same word is normalised once per process, not once per
listing. Each token keeps the character span of the word it came from, so a match can be shown to a
reviewer in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ipwarden.similarity.normalize import is_cjk, skeleton, tokens

__all__ = ["TextView", "build_view", "fast_joined", "skeleton_token", "word_tokens"]

_WORD = re.compile(r"\S+")
_CACHE_LIMIT = 500_000


def _memo(func: Callable[[str], tuple[str, ...]]) -> Callable[[str], tuple[str, ...]]:
    """A bounded dict cache (cleared when full): cheaper per hit than functools.lru_cache."""
    cache: dict[str, tuple[str, ...]] = {}

    def wrapper(word: str) -> tuple[str, ...]:
        hit = cache.get(word)
        if hit is None:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            hit = cache[word] = func(word)
        return hit

    return wrapper


@_memo
def word_tokens(word: str) -> tuple[str, ...]:
    """Normalised tokens of one raw word (``N-I-K-E`` → n, i, k, e; ``耐克Nike`` → 耐克, nike)."""
    return tuple(tokens(word))


@_memo
def _skeleton_one(token: str) -> tuple[str, ...]:
    return (skeleton(token) or token,)


def skeleton_token(token: str) -> str:
    """The look-alike key of one normalised token (Chinese tokens are kept as they are)."""
    if is_cjk(token[0]):
        return token
    return _skeleton_one(token)[0]


def _single_latin(token: str) -> bool:
    return len(token) == 1 and token.isalnum() and not is_cjk(token)


@dataclass(frozen=True, slots=True)
class TextView:
    """Tokens of one field, their look-alike keys and source spans, joined for the automaton.

    ``joined`` is ``" " + " ".join(keys) + " "``: Latin patterns are stored with a space on each side so
    that every automaton hit sits on token boundaries without a second check.
    """

    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    joined: str
    starts: tuple[int, ...]  # offset in ``joined`` of each key

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes of the first and last token covered by ``joined[start:end]``."""
        first = last = 0
        for i, offset in enumerate(self.starts):
            if offset <= start:
                first = i
            if offset < end:
                last = i
        return first, last

    def source_span(self, first: int, last: int) -> tuple[int, int]:
        return self.spans[first][0], self.spans[last][1]


@_memo
def _word_keys(word: str) -> tuple[str, ...]:
    """Look-alike keys aligned with ``word_tokens(word)``. A one-token word is skeletonised as written,
    before case folding, so that upper-case homoglyphs (Greek ΝΙΚΕ) fold to the Latin letters they mimic."""
    toks = word_tokens(word)
    if len(toks) == 1 and not is_cjk(toks[0][0]):
        return (skeleton(word) or toks[0],)
    return tuple(skeleton_token(t) for t in toks)


def fast_joined(text: str) -> str:
    """``build_view(text).joined`` without spans: the hot path, run on every listing field."""
    keys: list[str] = []
    for word in text.split():
        keys.extend(_word_keys(word))
    run = 0
    for key in keys:
        run = run + 1 if len(key) == 1 else 0
        if run == 3:
            return build_view(text).joined
    return " " + " ".join(keys) + " "


def build_view(text: str) -> TextView:
    """Split ``text`` into normalised tokens; runs of >= 3 single letters (N I K E, N.I.K.E) are joined."""
    toks: list[str] = []
    keys0: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text):
        span = (m.start(), m.end())
        word = m.group()
        for tok, key in zip(word_tokens(word), _word_keys(word), strict=True):
            toks.append(tok)
            keys0.append(key)
            spans.append(span)
    merged_t: list[str] = []
    merged_k: list[str] = []
    merged_s: list[tuple[int, int]] = []
    i = 0
    n = len(toks)
    while i < n:
        if _single_latin(toks[i]):
            j = i
            while j < n and _single_latin(toks[j]):
                j += 1
            if j - i >= 3:
                merged_t.append("".join(toks[i:j]))
                merged_k.append(skeleton_token("".join(toks[i:j])))
                merged_s.append((spans[i][0], spans[j - 1][1]))
                i = j
                continue
        merged_t.append(toks[i])
        merged_k.append(keys0[i])
        merged_s.append(spans[i])
        i += 1
    keys = merged_k
    starts: list[int] = []
    offset = 1
    for key in keys:
        starts.append(offset)
        offset += len(key) + 1
    joined = " " + " ".join(keys) + " "
    return TextView(tuple(merged_t), tuple(keys), tuple(merged_s), joined, tuple(starts))
