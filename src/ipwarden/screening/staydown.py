"""Stay-down fingerprints of removed listings' titles (their images are matched in images.py).

Two tests, because re-listers do two things:

* near-duplicates with small edits: MinHash of character 5-gram shingles of the normalised title (CRC32,
  stable across processes, so Spark executors agree); 64 values in 16 bands of 4 give candidates, which
  count when the exact shingle Jaccard is >= ``min_jaccard``;
* the same words shuffled or padded ("new", "fast shipping"): the removed title's word set is contained in
  the listing's (>= ``min_containment``). A removed title must have >= ``MIN_WORDS`` (4) words for this
  test, and each removed listing is indexed under its two rarest words. A genuine listing of the same
  product shares the product name but not the removed seller's own residue (sizes, codes, phrasing), so it
  stays below both.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ipwarden.similarity.normalize import normalise

__all__ = ["StayDownIndex", "TitleMatch", "shingles"]

MIN_WORDS = 4  # shorter removed titles are matched by shingles only (4 of 4 words is already specific)

_PRIME = np.uint64((1 << 61) - 1)
_PERMUTATIONS = 64
_BANDS = 16
_ROWS = _PERMUTATIONS // _BANDS
_rng = np.random.default_rng(20261122)
_A = _rng.integers(1, (1 << 31) - 1, size=_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, (1 << 31) - 1, size=_PERMUTATIONS, dtype=np.uint64)


def shingles(title: str, size: int = 5) -> frozenset[int]:
    text = normalise(title).replace(" ", "")
    if len(text) < size:
        return frozenset({zlib.crc32(text.encode())}) if text else frozenset()
    return frozenset(zlib.crc32(text[i : i + size].encode()) for i in range(len(text) - size + 1))


def _minhash(values: frozenset[int]) -> NDArray[np.uint64]:
    x = np.fromiter(values, dtype=np.uint64, count=len(values))[:, None]
    return np.asarray(((x * _A + _B) % _PRIME).min(axis=0), dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    listing_id: str
    jaccard: float
    containment: float = 0.0


def words(title: str) -> frozenset[str]:
    return frozenset(normalise(title).split())


class StayDownIndex:
    def __init__(self, min_jaccard: float = 0.85, min_containment: float = 0.85) -> None:
        self.min_jaccard = min_jaccard
        self.min_containment = min_containment
        self._sets: list[frozenset[int]] = []
        self._words: list[frozenset[str]] = []
        self._ids: list[str] = []
        self._bands: dict[tuple[int, bytes], list[int]] = {}
        self._by_word: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add_titles(self, items: Iterable[tuple[str, str]]) -> None:
        added: list[int] = []
        for listing_id, title in items:
            values = shingles(title)
            if not values:
                continue
            index = len(self._ids)
            self._ids.append(listing_id)
            self._sets.append(values)
            self._words.append(words(title))
            added.append(index)
            for band, key in enumerate(self._band_keys(values)):
                self._bands.setdefault((band, key), []).append(index)
        frequency: dict[str, int] = {}
        for word_set in self._words:
            for word in word_set:
                frequency[word] = frequency.get(word, 0) + 1
        for index in added:
            if len(self._words[index]) >= MIN_WORDS:
                for word in sorted(self._words[index], key=lambda w: (frequency[w], w))[:2]:
                    self._by_word.setdefault(word, []).append(index)

    @staticmethod
    def _band_keys(values: frozenset[int]) -> list[bytes]:
        signature = _minhash(values)
        return [signature[b * _ROWS : (b + 1) * _ROWS].tobytes() for b in range(_BANDS)]

    def match_title(self, title: str) -> list[TitleMatch]:
        if not self._ids:
            return []
        values = shingles(title)
        if not values:
            return []
        candidates: set[int] = set()
        for band, key in enumerate(self._band_keys(values)):
            candidates.update(self._bands.get((band, key), ()))
        mine = words(title)
        for word in mine:
            candidates.update(self._by_word.get(word, ()))
        found: list[TitleMatch] = []
        for index in candidates:
            other = self._sets[index]
            jaccard = len(values & other) / len(values | other)
            theirs = self._words[index]
            contained = len(theirs & mine) / len(theirs) if len(theirs) >= MIN_WORDS else 0.0
            if jaccard >= self.min_jaccard or contained >= self.min_containment:
                found.append(TitleMatch(self._ids[index], jaccard, contained))
        return sorted(found, key=lambda m: (-max(m.jaccard, m.containment), m.listing_id))
