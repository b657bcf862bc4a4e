"""Token views of listing text for the mark matcher, built with the similarity engine's normaliser.

The normaliser (``ipwarden.similarity.normalize``) is applied per whitespace-separated word and memoised,
because listings reuse a small vocabulary: the same word is normalised once per process, not once per
listing. Each token keeps the character span of the word it came from, so a match can be shown to a
reviewer in the original text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from ipwarden.similarity.normalize import is_cjk, skeleton, tokens

__all__ = [
    "TextView",
    "build_view",
    "fast_joined",
    "joined_words",
    "plain_words",
    "skeleton_token",
    "word_tokens",
]

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
        first = bisect_right(self.starts, start) - 1
        last = bisect_left(self.starts, end) - 1
        return max(first, 0), max(last, 0)

    def source_span(self, first: int, last: int) -> tuple[int, int]:
        return self.spans[first][0], self.spans[last][1]


def _word_info(word: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Tokens and look-alike keys of one raw word, and whether it has a single-letter token."""
    found = _INFO.get(word)
    if found is None:
        toks = word_tokens(word)
        found = (toks, _word_keys(word), any(_single_latin(t) for t in toks))
        if len(_INFO) >= _CACHE_LIMIT:
            _INFO.clear()
        _INFO[word] = found
    return found


_INFO: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {}


@_memo
def _word_keys(word: str) -> tuple[str, ...]:
    """Look-alike keys aligned with ``word_tokens(word)``. A one-token word is skeletonised as written,
    before case folding, so that upper-case homoglyphs (Greek ΝΙΚΕ) fold to the Latin letters they mimic."""
    toks = word_tokens(word)
    if len(toks) == 1 and not is_cjk(toks[0][0]):
        return (skeleton(word) or toks[0],)
    return tuple(skeleton_token(t) for t in toks)


_KEY_TEXT: dict[str, str] = {}  # raw word -> its look-alike keys joined by spaces ("" for none)
_SINGLES: set[str] = set()  # raw words with a single-letter token (N in "N I K E"): the slow path
_PLAIN: dict[str, tuple[str, str]] = {}  # raw word of exactly one token, not a single letter -> (token, key)


def _key_text(word: str) -> str:
    found = _KEY_TEXT.get(word)
    if found is None:
        toks, keys, single = _word_info(word)
        if len(_KEY_TEXT) >= _CACHE_LIMIT:
            _KEY_TEXT.clear()
            _SINGLES.clear()
            _PLAIN.clear()
        found = _KEY_TEXT[word] = " ".join(keys)
        if single:
            _SINGLES.add(word)
        elif len(toks) == 1:
            _PLAIN[word] = (toks[0], keys[0])
    return found


def fast_joined(text: str) -> str:
    """``build_view(text).joined`` without spans: the hot path, run on every listing field."""
    return joined_words(text.split())


def joined_words(words: list[str]) -> str:
    """``fast_joined`` of a text already split into words.

    Each raw word's keys are looked up once per process; a listing of known words costs one C-level map
    over a dict and a join."""
    parts = list(map(_KEY_TEXT.get, words))
    if None in parts:
        parts = [_key_text(word) for word in words]
    if _SINGLES and not _SINGLES.isdisjoint(words):
        run = 0
        for word in words:
            for key in _word_info(word)[1]:
                run = run + 1 if len(key) == 1 else 0
                if run == 3:
                    return build_view(" ".join(words)).joined
    return " " + " ".join(filter(None, parts)) + " "


def plain_words(text: str, words: list[str]) -> list[tuple[str, str]] | None:
    """(token, key) of each word of ``text`` when every word is one token (no single letters) and the
    words are separated by single spaces, as in most listing text: token ``i`` is then word ``i`` and
    spans follow from the word lengths, without ``build_view``. None otherwise. ``words`` must have been
    through ``joined_words`` (which fills the per-word cache)."""
    pairs = list(map(_PLAIN.get, words))
    if None in pairs or " ".join(words) != text:
        return None
    return pairs  # type: ignore[return-value]  # no None left in it


def build_view(text: str) -> TextView:
    """Split ``text`` into normalised tokens; runs of >= 3 single letters (N I K E, N.I.K.E) are joined."""
    toks: list[str] = []
    keys: list[str] = []
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    singles = False
    position = 0
    offset = 1
    find = text.find
    cached = _INFO.get
    for word in text.split():
        start = find(word, position)
        position = start + len(word)
        word_toks, word_keys, single = cached(word) or _word_info(word)
        if single:
            singles = True
        if len(word_toks) == 1:
            key = word_keys[0]
            toks.append(word_toks[0])
            keys.append(key)
            spans.append((start, position))
            starts.append(offset)
            offset += len(key) + 1
        else:
            toks.extend(word_toks)
            keys.extend(word_keys)
            spans.extend([(start, position)] * len(word_toks))
            for key in word_keys:
                starts.append(offset)
                offset += len(key) + 1
    if singles:
        toks, keys, spans = _join_single_letters(toks, keys, spans)
        starts = []
        offset = 1
        for key in keys:
            starts.append(offset)
            offset += len(key) + 1
    joined = " " + " ".join(keys) + " "
    return TextView(tuple(toks), tuple(keys), tuple(spans), joined, tuple(starts))


def _join_single_letters(
    toks: list[str], keys: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[str], list[tuple[int, int]]]:
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
        merged_k.append(keys[i])
        merged_s.append(spans[i])
        i += 1
    return merged_t, merged_k, merged_s
