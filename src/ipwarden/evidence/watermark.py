"""Invisible, keyed, blind watermark for sellers' original images.

Why this design: a seller's product photo is copied, re-encoded as JPEG, resized, mirrored and cropped by
the copier. The mark lives in the luminance of low-to-mid frequency 8x8 DCT coefficients of the image
resampled to a fixed 256x256 *canonical* frame, so a uniformly resized copy maps back onto the same
coefficients without the original. Each of the 188 coded bits (see :mod:`watermark_codec`) is carried by
spread-transform dither modulation (STDM, Chen & Wornell 2001): a keyed random projection of ~50
coefficients spread over the whole image is quantised onto one of two interleaved lattices. The change is
weighted by local texture (perceptual masking), so flat white product backgrounds are left untouched and
the mark sits where the photo has content. Embedding is iterated on the rounded 8-bit result so that what
is written is what is read.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from ipwarden.errors import InputError
from ipwarden.evidence.watermark_codec import CODED_BITS, Decoded, decode_payload, encode_payload

__all__ = [
    "CANONICAL",
    "MIN_SIDE",
    "STEPS",
    "TARGET_PSNR",
    "Reading",
    "WatermarkCapacityError",
    "WatermarkInputError",
    "attempts",
    "embed_array",
    "load_image",
    "luma",
    "psnr",
    "read_array",
    "read_informed",
    "save_image",
    "ssim",
]

Floats = npt.NDArray[np.float64]
CANONICAL = 256
MIN_SIDE = 64
_BLOCK = 8
# (row, col) DCT frequencies used: low-to-mid, which survive JPEG and 2x down-sampling.
_COEFS = ((0, 2), (1, 1), (2, 0), (0, 3), (1, 2), (2, 1), (3, 0), (1, 3), (2, 2), (3, 1))
# STDM quantiser steps in the projected domain, strongest first. Embedding uses the strongest step that
# keeps PSNR >= TARGET_PSNR (a small product on a big white page concentrates the change, so needs a
# weaker one); the reader tries each step, which costs a factor len(STEPS) in false-alarm probability.
STEPS = (64.0, 44.0, 30.0)
TARGET_PSNR = 40.0
_ITERATIONS = 4
SAVE_FORMATS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".webp": "WEBP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
}


class WatermarkInputError(InputError):
    """An image that cannot be watermarked or read: missing, broken, unsupported or too small."""

    code = "invalid_image"


class WatermarkCapacityError(InputError):
    """The image is (almost) entirely flat, so there is nowhere to hide a mark invisibly."""

    code = "no_capacity"


# --- images ---------------------------------------------------------------------------------------------


def load_image(path: Path) -> Floats:
    """RGB as float64 (H, W, 3) in 0..255; transparency is flattened onto white like a product page."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WatermarkInputError(f"image {path} does not exist", hint="check the path") from None
    except OSError as exc:
        raise WatermarkInputError(f"cannot read image {path}: {exc.strerror}") from exc
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
                rgba = img.convert("RGBA")
                flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                flat.alpha_composite(rgba)
                rgb = flat.convert("RGB")
            else:
                rgb = img.convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise WatermarkInputError(
            f"{path} is not an image that can be read ({type(exc).__name__}: {exc})",
            hint="use a JPEG, PNG, WebP, TIFF or BMP file that opens in an image viewer",
        ) from None
    arr = np.asarray(rgb, dtype=np.float64)
    check_size(arr, str(path))
    return arr


def check_size(rgb: Floats, where: str) -> None:
    h, w = rgb.shape[:2]
    if min(h, w) < MIN_SIDE:
        raise WatermarkInputError(
            f"image {where} is {w}x{h} pixels; a watermark needs at least {MIN_SIDE} pixels on each side",
            hint="use the full-size original photo",
        )


def save_image(rgb: npt.NDArray[np.uint8], path: Path, quality: int = 95) -> None:
    """Write by extension; JPEG at high quality, since every re-encoding costs some of the mark."""
    fmt = SAVE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise WatermarkInputError(
            f"cannot write {path}: unsupported output format {path.suffix or '(no extension)'!r}",
            hint="name the output .png (lossless, best), .jpg, .webp, .tif or .bmp",
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        kwargs = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
        Image.fromarray(rgb, "RGB").save(path, fmt, **kwargs)
    except OSError as exc:
        raise WatermarkInputError(f"cannot write {path}: {exc}") from exc


def luma(rgb: Floats) -> Floats:
    out: Floats = rgb @ np.array([0.299, 0.587, 0.114])
    return out


def resize(plane: Floats, width: int, height: int) -> Floats:
    """Resample a float plane (Pillow's antialiased bicubic, the same filter at embed and detect)."""
    img = Image.fromarray(plane.astype(np.float32), "F")
    return np.asarray(img.resize((width, height), Image.Resampling.BICUBIC), dtype=np.float64)


# --- the transform --------------------------------------------------------------------------------------


def _dct_matrix(n: int) -> Floats:
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    m: Floats = np.cos(np.pi * (2 * x + 1) * k / (2 * n)) * np.sqrt(2.0 / n)
    m[0] /= np.sqrt(2.0)
    return m


_D8 = _dct_matrix(_BLOCK)
_ROWS = np.array([r for r, _ in _COEFS])
_COLS = np.array([c for _, c in _COEFS])
_NB = CANONICAL // _BLOCK


def _blocks(plane: Floats) -> Floats:
    """(nb, nb, 8, 8) view of a canonical plane."""
    return plane.reshape(_NB, _BLOCK, _NB, _BLOCK).transpose(0, 2, 1, 3)


def _coefficients(plane: Floats) -> Floats:
    """The selected DCT coefficients of every block, flattened to (blocks * coefs,)."""
    dct: Floats = np.einsum("ij,abjk,lk->abil", _D8, _blocks(plane), _D8)
    out: Floats = dct[:, :, _ROWS, _COLS].reshape(-1)
    return out


def _pixels(delta: Floats) -> Floats:
    """Inverse of :func:`_coefficients` for a change of the selected coefficients only."""
    full = np.zeros((_NB, _NB, _BLOCK, _BLOCK))
    full[:, :, _ROWS, _COLS] = delta.reshape(_NB, _NB, len(_COEFS))
    spatial = np.einsum("ji,abjk,kl->abil", _D8, full, _D8)
    out: Floats = spatial.transpose(0, 2, 1, 3).reshape(CANONICAL, CANONICAL)
    return out


@dataclass(frozen=True, slots=True)
class _Layout:
    groups: npt.NDArray[np.int64]  # (CODED_BITS, n) slot indices
    spread: Floats  # (CODED_BITS, n) +/- 1/sqrt(n)
    dither: Floats  # (CODED_BITS,) in [0, 1), as a fraction of the step


_LAYOUTS: dict[bytes, _Layout] = {}


def _layout(key: bytes) -> _Layout:
    """Keyed assignment of coefficients to coded bits; without the key the mark cannot be located."""
    cached = _LAYOUTS.get(key)
    if cached is not None:
        return cached
    seed = int.from_bytes(hashlib.sha256(b"ipwarden.watermark.layout/v1" + key).digest()[:16], "big")
    rng = np.random.default_rng(seed)
    slots = _NB * _NB * len(_COEFS)
    per = slots // CODED_BITS
    groups = rng.permutation(slots)[: per * CODED_BITS].reshape(CODED_BITS, per).astype(np.int64)
    spread = rng.choice([-1.0, 1.0], size=(CODED_BITS, per)) / np.sqrt(per)
    dither = rng.uniform(0.0, 1.0, size=CODED_BITS)  # in steps
    layout = _Layout(groups, spread, dither)
    _LAYOUTS[key] = layout
    return layout


def _mask(canon: Floats) -> Floats:
    """Per-slot embedding weight from block texture: 0 on flat or clipped areas, up to 1.5 on detail."""
    blocks = _blocks(canon)
    std = blocks.std(axis=(2, 3))
    mean = blocks.mean(axis=(2, 3))
    weight = np.clip((std - 1.0) / 12.0, 0.0, 1.5)
    # Smooth but not blank areas (sky, a plain product surface) carry a little, so small products on
    # white pages still have room; near-white / near-black blocks would clip and are kept light.
    weight = np.where((mean > 245) | (mean < 10), weight * 0.25, np.maximum(weight, 0.08))
    return np.repeat(weight.reshape(-1), len(_COEFS))


def _canonical(y: Floats) -> Floats:
    return resize(y, CANONICAL, CANONICAL)


def _soft(coefs: Floats, layout: _Layout, step: float) -> Floats:
    proj = np.einsum("gn,gn->g", coefs[layout.groups], layout.spread)
    phase = (proj / step - layout.dither) % 1.0
    # A group lying entirely on blank background carries nothing: its energy is ~0, so it reads as an
    # erasure (0) instead of a confident guess.
    energy = np.sqrt(np.einsum("gn,gn->g", coefs[layout.groups], coefs[layout.groups]))
    reliability = np.clip(energy / (step / 8), 0.0, 1.0)
    out: Floats = -np.cos(2 * np.pi * phase) * reliability  # +1: on the "1" lattice, -1: on the "0" lattice
    return out


def embed_array(rgb: Floats, payload: bytes, key: bytes) -> npt.NDArray[np.uint8]:
    """Return the watermarked 8-bit RGB image; the change is added equally to R, G and B (luminance)."""
    check_size(rgb, "to watermark")
    layout = _layout(key)
    bits = encode_payload(payload, key) > 0
    y0 = luma(rgb)
    weights = _mask(_canonical(y0))[layout.groups] * np.abs(layout.spread) * np.sqrt(layout.groups.shape[1])
    if np.mean(weights.sum(axis=1) < 0.05) > 0.2:  # the code corrects a few erased groups, not many
        raise WatermarkCapacityError(
            "the image is almost entirely flat (e.g. a blank background); there is no detail to hide a "
            "watermark in invisibly",
            hint="watermark the product photo itself, not a blank or near-blank image",
        )
    direction = weights * layout.spread  # v = w * u
    for step in STEPS:
        result = _embed_step(rgb, layout, bits, direction, step)
        if psnr(rgb, result.astype(np.float64)) >= TARGET_PSNR:
            break
    return result


def _embed_step(
    rgb: Floats, layout: _Layout, bits: npt.NDArray[np.bool_], direction: Floats, step: float
) -> npt.NDArray[np.uint8]:
    h, w = rgb.shape[:2]
    gain = np.einsum("gn,gn->g", direction, layout.spread)  # v . u
    offset = (layout.dither + np.where(bits, 0.5, 0.0)) * step
    out = rgb.copy()
    result = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    for _ in range(_ITERATIONS):
        coefs = _coefficients(_canonical(luma(result.astype(np.float64))))
        proj = np.einsum("gn,gn->g", coefs[layout.groups], layout.spread)
        target = np.round((proj - offset) / step) * step + offset
        change = np.zeros(coefs.shape)
        np.add.at(change, layout.groups, ((target - proj) / gain)[:, None] * direction)
        delta = resize(_pixels(change), w, h)
        out = out + delta[:, :, None]
        result = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    return result


@dataclass(frozen=True, slots=True)
class Reading:
    """One attempt to read a mark: the decoded payload and how it was obtained."""

    decoded: Decoded
    mirrored: bool

    @property
    def found(self) -> bool:
        return self.decoded.tag_ok


def read_array(y: Floats, key: bytes, try_mirror: bool = True) -> Reading:
    """Blind read from a luminance plane at every strength step; mirrored too, since copiers flip photos."""
    layout = _layout(key)
    best: Reading | None = None
    for mirrored in (False, True) if try_mirror else (False,):
        coefs = _coefficients(_canonical(y[:, ::-1] if mirrored else y))
        for step in STEPS:
            reading = Reading(decode_payload(_soft(coefs, layout, step), key), mirrored)
            if reading.found:
                return reading
            if best is None or reading.decoded.agreement > best.decoded.agreement:
                best = reading
    assert best is not None
    return best


def read_informed(y: Floats, original: Floats, covered: Floats, key: bytes) -> Reading:
    """Read with the original: remove the host signal and ignore what the copier cut away.

    ``y`` is the copy mapped into the original's frame and ``covered`` (same shape, 0..1) says which of its
    pixels came from the copy. Embedding moved each group's projection by ``t * (v . u)`` where the
    direction ``v`` follows from the original alone; ``t`` is estimated from the covered coefficients
    only (least squares), so a crop costs signal but adds no noise, and the original's own projection is
    known exactly instead of being interference as in the blind read.
    """
    layout = _layout(key)
    x = _coefficients(_canonical(y))[layout.groups]
    canon0 = _canonical(original)
    x0 = _coefficients(canon0)[layout.groups]
    cover_blocks = _blocks(_canonical(covered)).min(axis=(2, 3))
    cover = (np.repeat(cover_blocks.reshape(-1), len(_COEFS)) > 0.99)[layout.groups].astype(np.float64)
    weights = _mask(canon0)[layout.groups] * np.abs(layout.spread) * np.sqrt(layout.groups.shape[1])
    direction = weights * layout.spread
    gain = np.einsum("gn,gn->g", direction, layout.spread)
    seen = np.einsum("gn,gn->g", cover * direction, direction)
    t = np.einsum("gn,gn->g", cover * (x - x0), direction) / np.maximum(seen, 1e-9)
    estimate = np.einsum("gn,gn->g", x0, layout.spread) + t * gain
    total = np.einsum("gn,gn->g", direction, direction)
    reliability = np.clip(seen / np.maximum(total, 1e-9) * 4.0, 0.0, 1.0)  # < 1 when < 1/4 of it is seen
    best: Reading | None = None
    for step in STEPS:
        soft = -np.cos(2 * np.pi * (estimate / step - layout.dither)) * reliability
        reading = Reading(decode_payload(soft, key), False)
        if reading.found:
            return reading
        if best is None or reading.decoded.agreement > best.decoded.agreement:
            best = reading
    assert best is not None
    return best


def attempts(try_mirror: bool = True) -> int:
    """How many independent decodings :func:`read_array` tries (each may match the tag by chance)."""
    return len(STEPS) * (2 if try_mirror else 1)


# --- quality --------------------------------------------------------------------------------------------


def psnr(a: Floats, b: Floats) -> float:
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def ssim(a: Floats, b: Floats) -> float:
    """Mean SSIM of the luminance over 8x8 windows (Wang et al. 2004 constants)."""
    ya, yb = luma(a.astype(np.float64)), luma(b.astype(np.float64))
    h, w = (ya.shape[0] // 8) * 8, (ya.shape[1] // 8) * 8
    wa = ya[:h, :w].reshape(h // 8, 8, w // 8, 8)
    wb = yb[:h, :w].reshape(h // 8, 8, w // 8, 8)
    ma, mb = wa.mean(axis=(1, 3)), wb.mean(axis=(1, 3))
    va, vb = wa.var(axis=(1, 3)), wb.var(axis=(1, 3))
    cov = ((wa - ma[:, None, :, None]) * (wb - mb[:, None, :, None])).mean(axis=(1, 3))
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    s = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma**2 + mb**2 + c1) * (va + vb + c2))
    return float(s.mean())
