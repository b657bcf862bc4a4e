"""Perceptual image hashes (pHash, 64-bit DCT hash) and a Hamming-distance index.

pHash is computed here with NumPy (grayscale, 32x32 Lanczos resize, 2-D DCT-II, the 8x8 lowest
frequencies against their median), the same recipe as the ``imagehash`` package's ``phash``; it needs no
compiled extension, which keeps the package installable everywhere Pillow is. Two images whose hashes
differ in <= ``max_distance`` of 64 bits are taken as the same picture (re-encoded, resized, lightly
edited).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from ipwarden.screening.errors import ListingError

__all__ = ["ImageIndex", "ImageRef", "hamming", "phash", "phash_bytes"]

_SIZE = 32
_LOW = 8
MAX_PIXELS = 40_000_000


@cache
def _dct_matrix(n: int = _SIZE) -> NDArray[np.float64]:
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    matrix = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    matrix[0, :] = np.sqrt(1.0 / n)
    return np.asarray(matrix, dtype=np.float64)


def phash(image: Image.Image) -> int:
    """64-bit perceptual hash of a decoded image."""
    gray = image.convert("L").resize((_SIZE, _SIZE), Image.Resampling.LANCZOS)
    pixels = np.asarray(gray, dtype=np.float64)
    dct = _dct_matrix()
    coeffs = dct @ pixels @ dct.T
    low = coeffs[:_LOW, :_LOW]
    bits = (low > np.median(low)).flatten()
    value = 0
    for bit in bits:
        value = (value << 1) | int(bit)
    return value


def phash_bytes(data: bytes, where: str) -> int:
    """Hash an encoded image; a broken or unsupported file raises :class:`ListingError` naming ``where``."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ListingError(
                    f"{where}: image is {image.width}x{image.height} pixels, over the {MAX_PIXELS} limit",
                    hint="resize the image before screening",
                )
            image.load()
            return phash(image)
    except ListingError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as err:
        raise ListingError(
            f"{where}: not a readable image ({type(err).__name__}: {err})",
            hint="supply a JPEG, PNG, GIF, WebP or BMP file",
        ) from err


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


@dataclass(frozen=True, slots=True)
class ImageRef:
    """What a known image stands for: a rights holder's protected image/logo, or a removed listing's."""

    id: str
    kind: str  # "protected" | "removed"
    right_id: str | None = None
    owner: str | None = None
    label: str | None = None
    path: str | None = None


class ImageIndex:
    """Known image hashes; ``nearest(h)`` is a vectorised XOR + popcount over all of them."""

    def __init__(self, entries: Iterable[tuple[int, ImageRef]] = ()) -> None:
        self._refs: list[ImageRef] = []
        hashes: list[int] = []
        for value, ref in entries:
            hashes.append(value)
            self._refs.append(ref)
        self._hashes = np.array(hashes, dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._refs)

    def matches(self, value: int, max_distance: int) -> list[tuple[int, ImageRef]]:
        """Known images within ``max_distance`` bits, nearest first."""
        if not self._refs:
            return []
        xor = np.bitwise_xor(self._hashes, np.uint64(value))
        counts = np.unpackbits(xor.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)
        close = np.nonzero(counts <= max_distance)[0]
        found = sorted((int(counts[i]), int(i)) for i in close)
        return [(distance, self._refs[i]) for distance, i in found]
