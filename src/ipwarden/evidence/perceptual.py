"""Perceptual hashes (pHash, dHash) for copy detection when the watermark itself did not survive.

Why both: a watermark proves origin but can be destroyed by heavy cropping or re-drawing; a perceptual
hash needs no embedding and recognises re-encoded, resized and slightly retouched copies of a registered
original (it does not survive large crops). pHash is the 8x8 low-frequency DCT sign pattern of a 32x32
thumbnail (Zauner 2010); dHash the horizontal gradient signs of a 9x8 thumbnail. Mirrored copies are
compared by hashing the query both ways.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

__all__ = [
    "MATCH_DISTANCE",
    "HashMatch",
    "ImageHashes",
    "compare",
    "dhash",
    "hashes",
    "phash",
    "query_hashes",
]

Floats = npt.NDArray[np.float64]
MATCH_DISTANCE = 10  # of 64 bits; independent images differ in about 32


def _thumb(y: Floats, width: int, height: int) -> Floats:
    img = Image.fromarray(y.astype(np.float32), "F")
    return np.asarray(img.resize((width, height), Image.Resampling.BOX), dtype=np.float64)


def _dct_matrix(n: int) -> Floats:
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    m: Floats = np.cos(np.pi * (2 * x + 1) * k / (2 * n))
    return m


_D32 = _dct_matrix(32)


def _pack(bits: npt.NDArray[np.bool_]) -> int:
    return int("".join("1" if b else "0" for b in bits.reshape(-1)), 2)


def _span(darkness: Floats) -> tuple[int, int] | None:
    on = np.flatnonzero(darkness > 0.05 * darkness.max()) if darkness.max() > 0.5 else np.array([])
    return (int(on[0]), int(on[-1]) + 1) if len(on) else None


def trim(y: Floats) -> Floats:
    """The content's bounding box: white page margins say nothing about which product is shown.

    Rows and columns count as content when their mean darkness is at least 5 % of the darkest one, so
    faint JPEG ringing next to the product does not widen the box.
    """
    dark = np.clip(255.0 - y, 0.0, None)
    rows, cols = _span(dark.mean(axis=1)), _span(dark.mean(axis=0))
    if rows is None or cols is None or (rows[1] - rows[0]) * (cols[1] - cols[0]) < 0.02 * y.size:
        return y
    out: Floats = y[rows[0] : rows[1], cols[0] : cols[1]]
    return out


def phash(y: Floats) -> int:
    """64-bit DCT hash of a luminance plane."""
    low = (_D32 @ _thumb(y, 32, 32) @ _D32.T)[:8, :8].reshape(-1)
    return _pack(low > np.median(low[1:]))


def dhash(y: Floats) -> int:
    """64-bit difference hash of a luminance plane."""
    t = _thumb(y, 9, 8)
    return _pack(t[:, 1:] > t[:, :-1])


@dataclass(frozen=True, slots=True)
class ImageHashes:
    phash: int
    dhash: int

    def hex(self) -> dict[str, str]:
        return {"phash": f"{self.phash:016x}", "dhash": f"{self.dhash:016x}"}


def hashes(y: Floats) -> ImageHashes:
    """pHash and dHash of the content (white margins trimmed)."""
    content = trim(y)
    return ImageHashes(phash(content), dhash(content))


@dataclass(frozen=True, slots=True)
class HashMatch:
    phash_distance: int
    dhash_distance: int
    mirrored: bool

    @property
    def match(self) -> bool:
        """Both hashes close: one alone gives false matches on simple product shots on white."""
        return self.phash_distance <= MATCH_DISTANCE and self.dhash_distance <= MATCH_DISTANCE + 4


def _distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def query_hashes(y: Floats) -> tuple[ImageHashes, ImageHashes]:
    """Hashes of a query image as it is and mirrored (copiers flip product photos)."""
    return hashes(y), hashes(y[:, ::-1])


def compare(query: tuple[ImageHashes, ImageHashes], registered: ImageHashes) -> HashMatch:
    """Distance of a query (see :func:`query_hashes`) to a registered original's hashes."""
    straight, flipped = query
    a = HashMatch(
        _distance(straight.phash, registered.phash), _distance(straight.dhash, registered.dhash), False
    )
    b = HashMatch(
        _distance(flipped.phash, registered.phash), _distance(flipped.dhash, registered.dhash), True
    )
    return a if a.phash_distance + a.dhash_distance <= b.phash_distance + b.dhash_distance else b
