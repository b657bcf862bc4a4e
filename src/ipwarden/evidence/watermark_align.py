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

from ipwarden.evidence.watermark import resize

__all__ = ["Alignment", "align", "reconstruct"]

Floats = npt.NDArray[np.float64]
_COARSE_SIDE = 160
_FINE_SIDE = 640
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


def _ncc(image: Floats, template: Floats) -> tuple[float, int, int]:
    """Best normalised cross-correlation of ``template`` inside ``image`` (valid positions only)."""
    ih, iw = image.shape
    th, tw = template.shape
    if th > ih or tw > iw or th < 4 or tw < 4:
        return -1.0, 0, 0
    t = template - template.mean()
    tnorm = float(np.sqrt(np.sum(t * t)))
    if tnorm < 1e-9:
        return -1.0, 0, 0
    shape = (ih + th, iw + tw)
    corr = np.fft.irfft2(np.fft.rfft2(image, shape) * np.conj(np.fft.rfft2(t, shape)), shape)
    corr = corr[: ih - th + 1, : iw - tw + 1]
    s1 = np.pad(image.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    s2 = np.pad((image * image).cumsum(0).cumsum(1), ((1, 0), (1, 0)))

    def window(s: Floats) -> Floats:
        out: Floats = s[th:, tw:] - s[:-th, tw:] - s[th:, :-tw] + s[:-th, :-tw]
        return out

    n = th * tw
    var = np.maximum(window(s2) - window(s1) ** 2 / n, 1e-9)
    score = corr / (np.sqrt(var) * tnorm)
    idx = np.unravel_index(int(np.argmax(score)), score.shape)
    return float(score[idx]), int(idx[0]), int(idx[1])


def _shrink(plane: Floats, side: int) -> tuple[Floats, float]:
    h, w = plane.shape
    f = min(1.0, side / max(h, w))
    return resize(plane, max(1, round(w * f)), max(1, round(h * f))), f


def align(copy: Floats, original: Floats) -> Alignment | None:
    """Where ``copy`` (a luminance plane) sits in ``original``; None when no region matches."""
    orig_small, fo = _shrink(original, _COARSE_SIDE)
    ch, cw = copy.shape
    best: tuple[float, float, int, int, bool] | None = None
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
    fine: tuple[float, float, int, int] | None = None
    margin = int(np.ceil(3 * ff / fo)) + 2
    for s in s0 * np.geomspace(0.95, 1.05, 21):
        th, tw = min(round(ch / s * ff), orig_fine.shape[0]), min(round(cw / s * ff), orig_fine.shape[1])
        cy, cx = round(y0 * ff / fo), round(x0 * ff / fo)
        top, left = max(0, cy - margin), max(0, cx - margin)
        region = orig_fine[top : cy + margin + th, left : cx + margin + tw]
        score, y, x = _ncc(region, resize(src, tw, th))
        if fine is None or score > fine[0]:
            fine = (score, float(s), top + y, left + x)
    assert fine is not None
    score, s, y, x = fine
    return Alignment(y / ff, x / ff, ch / s, cw / s, mirrored, score)


def reconstruct(copy: Floats, original: Floats, where: Alignment) -> Floats:
    """The original's frame with the copy pasted back where it came from (un-mirrored, un-scaled)."""
    src = copy[:, ::-1] if where.mirrored else copy
    oh, ow = original.shape
    top, left = round(where.top), round(where.left)
    h, w = round(where.height), round(where.width)
    patch = resize(src, max(1, w), max(1, h))
    out = original.copy()
    y0, x0 = max(0, top), max(0, left)
    y1, x1 = min(oh, top + h), min(ow, left + w)
    if y1 > y0 and x1 > x0:
        out[y0:y1, x0:x1] = patch[y0 - top : y1 - top, x0 - left : x1 - left]
    return out
