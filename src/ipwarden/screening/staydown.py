"""Stay-down fingerprints: MinHash of title shingles (with LSH banding) and image hashes of removed listings.

Shingles are character 5-grams of the normalised title without spaces, hashed with CRC32 (stable across
processes, unlike ``hash()``, so Spark executors agree). 64 MinHash values in 16 bands of 4 give a
candidate when any band collides; the candidate counts when the exact Jaccard similarity of the shingle
sets is >= ``min_jaccard``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ipwarden.similarity.normalize import normalise

__all__ = ["StayDownIndex", "TitleMatch", "shingles"]

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


class StayDownIndex:
    def __init__(self, min_jaccard: float = 0.6) -> None:
        self.min_jaccard = min_jaccard
        self._sets: list[frozenset[int]] = []
        self._ids: list[str] = []
        self._bands: dict[tuple[int, bytes], list[int]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add_titles(self, items: Iterable[tuple[str, str]]) -> None:
        for listing_id, title in items:
            values = shingles(title)
            if not values:
                continue
            index = len(self._ids)
            self._ids.append(listing_id)
            self._sets.append(values)
            for band, key in enumerate(self._band_keys(values)):
                self._bands.setdefault((band, key), []).append(index)

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
        found: list[TitleMatch] = []
        for index in candidates:
            other = self._sets[index]
            jaccard = len(values & other) / len(values | other)
            if jaccard >= self.min_jaccard:
                found.append(TitleMatch(self._ids[index], jaccard))
        return sorted(found, key=lambda m: (-m.jaccard, m.listing_id))
