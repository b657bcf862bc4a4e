"""Re-align a cropped, resized or mirrored copy onto its original before reading the watermark.

Why: the blind reader maps the whole picture onto a fixed canonical frame, which undoes uniform resizing
but not cropping. Given the original, we find where the copy sits in it (scale, offset, mirroring) by
normalised cross-correlation — first coarsely over a geometric range of scales on small images, then
finely around the best match — and paste the copy back into the original's frame. Pixels the copier cut
away are taken from the original, which carries no mark, so they only dilute the reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from ipwarden.evidence.watermark import Reading, attempts, read_informed, resize

__all__ = ["Alignment", "align", "read_aligned", "reconstruct"]

Floats = npt.NDArray[np.float64]
_COARSE_SIDE = 160
_FINE_SIDE = 512
_SCALES = np.geomspace(0.25, 3.0, 40)


@dataclass(frozen=True, slots=True)
class Alignment:
    """The copy equals the original's region at (top, left) of size (height, width), scaled and mirrored."""

    top: float
    left: float
    height: float
    width: float
    mirrored: bool
    score: float  # normalised cross-correlation, 1.0 for an exact match


def _fast_len(n: int) -> int:
    """The next 5-smooth length >= n: FFTs of such sizes are many times faster than of primes."""
    m = n
    while True:
        k = m
        for p in (2, 3, 5):
            while k % p == 0:
                k //= p
        if k == 1:
            return m
        m += 1


def _ncc_map(image: Floats, template: Floats) -> Floats | None:
    """Normalised cross-correlation of ``template`` at every valid position in ``image``."""
    ih, iw = image.shape
    th, tw = template.shape
    if th > ih or tw > iw or th < 4 or tw < 4:
        return None
    t = template - template.mean()
    tnorm = float(np.sqrt(np.sum(t * t)))
    if tnorm < 1e-9:
        return None
    shape = (_fast_len(ih + th), _fast_len(iw + tw))
    corr = np.fft.irfft2(np.fft.rfft2(image, shape) * np.conj(np.fft.rfft2(t, shape)), shape)
    corr = corr[: ih - th + 1, : iw - tw + 1]
    s1 = np.pad(image.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    s2 = np.pad((image * image).cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def window(s: Floats) -> Floats:
        out: Floats = s[th:, tw:] - s[:-th, tw:] - s[th:, :-tw] + s[:-th, :-tw]
        return out

    var = np.maximum(window(s2) - window(s1) ** 2 / (th * tw), 1e-9)
    out: Floats = corr / (np.sqrt(var) * tnorm)
    return out


def _vertex(a: float, b: float, c: float) -> float:
    """Offset in [-0.5, 0.5] of the top of the parabola through (-1, a), (0, b), (1, c)."""
    den = a - 2 * b + c
    return 0.0 if den >= 0 else float(np.clip(0.5 * (a - c) / den, -0.5, 0.5))


def _ncc(image: Floats, template: Floats) -> tuple[float, float, float]:
    """Best score and its sub-pixel position (row, col)."""
    score = _ncc_map(image, template)
    if score is None:
        return -1.0, 0.0, 0.0
    y, x = (int(v) for v in np.unravel_index(int(np.argmax(score)), score.shape))
    fy = _vertex(score[y - 1, x], score[y, x], score[y + 1, x]) if 0 < y < score.shape[0] - 1 else 0.0
    fx = _vertex(score[y, x - 1], score[y, x], score[y, x + 1]) if 0 < x < score.shape[1] - 1 else 0.0
    return float(score[y, x]), y + fy, x + fx


def _shrink(plane: Floats, side: int) -> tuple[Floats, float]:
    h, w = plane.shape
    f = min(1.0, side / max(h, w))
    return resize(plane, max(1, round(w * f)), max(1, round(h * f))), f


def align(copy: Floats, original: Floats) -> Alignment | None:
    """Where ``copy`` (a luminance plane) sits in ``original``; None when no region matches."""
    orig_small, fo = _shrink(original, _COARSE_SIDE)
    ch, cw = copy.shape
    best: tuple[float, float, float, float, bool] | None = None
    for mirrored in (False, True):
        src = copy[:, ::-1] if mirrored else copy
        for s in _SCALES:  # s = copy pixels per original pixel
            th, tw = round(ch / s * fo), round(cw / s * fo)
            if th > orig_small.shape[0] + 1 or tw > orig_small.shape[1] + 1 or min(th, tw) < 8:
                continue
            th, tw = min(th, orig_small.shape[0]), min(tw, orig_small.shape[1])
            score, y, x = _ncc(orig_small, resize(src, tw, th))
            if best is None or score > best[0]:
                best = (score, float(s), y, x, mirrored)
    if best is None or best[0] < 0.5:
        return None
    _, s0, y0, x0, mirrored = best
    src = copy[:, ::-1] if mirrored else copy
    orig_fine, ff = _shrink(original, _FINE_SIDE)
    fine: tuple[float, float, int, int, float, float] | None = None
    margin = int(np.ceil(3 * ff / fo)) + 2
    cy, cx = round(y0 * ff / fo), round(x0 * ff / fo)
    # Two passes: 0.5 % steps over +/- 4 %, then 0.1 % steps around the best. The template is scaled by
    # the exact factor (not to a whole-pixel size), so the scale estimate is not limited by pixel size.
    for grid in (np.geomspace(0.96, 1.04, 17), np.geomspace(0.994, 1.006, 13)):
        centre = s0 if fine is None else fine[1]
        for s in centre * grid:
            template = _template(src, s / ff)[: orig_fine.shape[0], : orig_fine.shape[1]]
            th, tw = template.shape
            top, left = max(0, cy - margin), max(0, cx - margin)
            region = orig_fine[top : cy + margin + th, left : cx + margin + tw]
            score, y, x = _ncc(region, template)
            if fine is None or score > fine[0]:
                fine = (score, float(s), th, tw, top + y, left + x)
    if fine is None:
        return None
    score, s, _, _, y, x = fine
    return Alignment(y / ff, x / ff, ch / s, cw / s, mirrored, score)


def _template(src: Floats, factor: float) -> Floats:
    """``src`` shrunk by exactly ``factor`` (source pixels per output pixel), cut to whole pixels."""
    ch, cw = src.shape
    h1, w1 = int(np.ceil(ch / factor)), int(np.ceil(cw / factor))
    pre = resize(src, w1, h1)  # antialiased, to within a pixel of the size wanted
    fy, fx = factor * h1 / ch, factor * w1 / cw  # the exact remainder, <= 1
    coeffs = (fx, 0.0, 0.5 * fx - 0.5, 0.0, fy, 0.5 * fy - 0.5)
    out = Image.fromarray(pre.astype(np.float32), "F").transform(
        (max(1, int(cw / factor)), max(1, int(ch / factor))),
        Image.Transform.AFFINE,
        coeffs,
        Image.Resampling.BICUBIC,
    )
    return np.asarray(out, dtype=np.float64)


def reconstruct(copy: Floats, original: Floats, where: Alignment) -> tuple[Floats, Floats]:
    """The original's frame with the copy mapped back where it came from (un-mirrored, un-scaled), and
    the mask (1.0 / 0.0) of the pixels that came from the copy."""
    src = copy[:, ::-1] if where.mirrored else copy
    ch, cw = src.shape
    oh, ow = original.shape
    sy, sx = ch / where.height, cw / where.width
    # output pixel centre (x + 0.5) in the original -> (x + 0.5 - left) * sx in the copy
    coeffs = (sx, 0.0, (0.5 - where.left) * sx - 0.5, 0.0, sy, (0.5 - where.top) * sy - 0.5)
    patch = Image.fromarray(src.astype(np.float32), "F").transform(
        (ow, oh), Image.Transform.AFFINE, coeffs, Image.Resampling.BICUBIC
    )
    cover = Image.fromarray(np.ones(src.shape, np.float32), "F").transform(
        (ow, oh), Image.Transform.AFFINE, coeffs, Image.Resampling.BILINEAR
    )
    inside = np.asarray(cover) > 0.99
    out = original.copy()
    out[inside] = np.asarray(patch, dtype=np.float64)[inside]
    return out, inside.astype(np.float64)


# Sub-pixel nudges (rows, columns, scale) tried when the first reading fails: resampling blurs the estimate.
_NUDGES = (
    (0.0, 0.0, 1.0),
    (0.5, 0.0, 1.0),
    (-0.5, 0.0, 1.0),
    (0.0, 0.5, 1.0),
    (0.0, -0.5, 1.0),
    (0.0, 0.0, 1.003),
    (0.0, 0.0, 0.997),
    (0.5, 0.5, 1.0),
    (-0.5, -0.5, 1.0),
)


def read_aligned(copy: Floats, original: Floats, key: bytes) -> tuple[Reading | None, int, Alignment | None]:
    """Align ``copy`` on ``original`` and read the mark there: (best reading, decodings tried, alignment)."""
    where = align(copy, original)
    if where is None:
        return None, 0, None
    best: Reading | None = None
    tries = 0
    for dy, dx, ds in _NUDGES:
        nudged = Alignment(
            where.top + dy, where.left + dx, where.height * ds, where.width * ds, where.mirrored, where.score
        )
        plane, covered = reconstruct(copy, original, nudged)
        reading = read_informed(plane, original, covered, key)
        tries += attempts(try_mirror=False)
        if best is None or reading.found or reading.decoded.agreement > best.decoded.agreement:
            best = reading
        if reading.found:
            break
    assert best is not None
    return Reading(best.decoded, where.mirrored), tries, where
