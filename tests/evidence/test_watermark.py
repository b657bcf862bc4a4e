"""The watermark itself: invisible, keyed, survives JPEG, resizing and mirroring; crops with the original."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PIL import Image

from ipwarden.evidence.perceptual import MATCH_DISTANCE, compare, hashes, query_hashes
from ipwarden.evidence.watermark import (
    WatermarkCapacityError,
    WatermarkInputError,
    embed_array,
    load_image,
    luma,
    psnr,
    read_array,
    read_informed,
    save_image,
    ssim,
)
from ipwarden.evidence.watermark_align import align, reconstruct
from ipwarden.evidence.watermark_codec import CODED_BITS, decode_payload, encode_payload

KEY = b"test-key-0123456789abcdef"
PAYLOAD = bytes.fromhex("0000002a1b2c3d4e")
U8 = npt.NDArray[np.uint8]


def photo(seed: int, h: int = 320, w: int = 400) -> U8:
    """A photo-like image: 1/f ('natural') noise in three correlated colour channels plus hard edges."""
    rng = np.random.default_rng(seed)
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    amp = 1.0 / np.maximum(np.hypot(fy, fx), 1.0 / max(h, w)) ** 1.1
    base = np.fft.irfft2(amp * np.exp(2j * np.pi * rng.random((h, w // 2 + 1))), (h, w))
    base = (base - base.mean()) / base.std()
    rgb = np.stack([base * s + rng.normal(0, 0.2) for s in (1.0, 0.8, 0.6)], -1) * 40 + 120
    for _ in range(4):  # a few solid shapes, like objects with edges
        y, x, r = rng.integers(0, h), rng.integers(0, w), rng.integers(15, 60)
        yy, xx = np.ogrid[:h, :w]
        rgb[(yy - y) ** 2 + (xx - x) ** 2 < r * r] = rng.integers(20, 230, 3)
    out: U8 = np.clip(rgb, 0, 255).astype(np.uint8)
    return out


def product(seed: int) -> U8:
    """A product shot: a photo-like object in an ellipse on a pure white page, white ≥ 60 % of the area."""
    obj = photo(seed, 200, 260)
    canvas = np.full((400, 520, 3), 255, np.uint8)
    yy, xx = np.ogrid[:200, :260]
    inside = ((yy - 100) / 100) ** 2 + ((xx - 130) / 130) ** 2 < 1
    canvas[100:300, 130:390][inside] = obj[inside]
    return canvas


def jpeg(img: U8, quality: int) -> U8:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality)
    return np.asarray(Image.open(buf).convert("RGB"))


def scaled(img: U8, factor: float) -> U8:
    h, w = img.shape[:2]
    return np.asarray(
        Image.fromarray(img).resize((round(w * factor), round(h * factor)), Image.Resampling.BICUBIC)
    )


def read(img: U8, key: bytes = KEY) -> bytes | None:
    r = read_array(luma(img.astype(np.float64)), key)
    return r.decoded.payload if r.found else None


@pytest.fixture(scope="module")
def marked_photo() -> tuple[U8, U8]:
    original = photo(1)
    return original, embed_array(original.astype(np.float64), PAYLOAD, KEY)


@pytest.fixture(scope="module")
def marked_product() -> tuple[U8, U8]:
    original = product(2)
    return original, embed_array(original.astype(np.float64), PAYLOAD, KEY)


def test_codec_corrects_noisy_soft_bits_and_tag_rejects_other_keys() -> None:
    coded = encode_payload(PAYLOAD, KEY)
    assert coded.shape == (CODED_BITS,)
    noisy = coded + np.random.default_rng(0).normal(0, 0.6, CODED_BITS)
    flipped = int(np.sum(np.sign(noisy) != coded))
    out = decode_payload(noisy, KEY)
    assert flipped > 5 and out.tag_ok and out.payload == PAYLOAD
    assert not decode_payload(coded, b"another key").tag_ok


def test_round_trip_is_exact_and_invisible(marked_photo: tuple[U8, U8]) -> None:
    original, marked = marked_photo
    assert read(marked) == PAYLOAD
    assert psnr(original.astype(np.float64), marked.astype(np.float64)) >= 38.0
    assert ssim(original.astype(np.float64), marked.astype(np.float64)) >= 0.97


def test_survives_jpeg_75(marked_photo: tuple[U8, U8], marked_product: tuple[U8, U8]) -> None:
    assert read(jpeg(marked_photo[1], 75)) == PAYLOAD
    assert read(jpeg(marked_product[1], 75)) == PAYLOAD


def test_white_background_stays_white_and_mark_sits_on_the_product(marked_product: tuple[U8, U8]) -> None:
    original, marked = marked_product
    assert psnr(original.astype(np.float64), marked.astype(np.float64)) >= 38.0
    white = (original == 255).all(axis=2)
    far = white.copy()
    far[80:320, 110:410] = False  # away from the object's edges
    assert far.sum() > 0.5 * far.size
    assert (marked[far] == 255).all()
    assert read(marked) == PAYLOAD


def test_blind_read_survives_mirroring_and_uniform_resizing(marked_product: tuple[U8, U8]) -> None:
    _, marked = marked_product
    mirrored = read_array(luma(marked[:, ::-1].astype(np.float64)), KEY)
    assert mirrored.found and mirrored.mirrored and mirrored.decoded.payload == PAYLOAD
    assert read(scaled(marked, 0.5)) == PAYLOAD
    assert read(scaled(marked, 1.5)) == PAYLOAD


def test_crop_needs_the_original_for_realignment(marked_photo: tuple[U8, U8]) -> None:
    original, marked = marked_photo
    h, w = marked.shape[:2]
    copy = jpeg(scaled(marked[: h - h // 4, : w - w // 4], 0.8), 90)
    assert read(copy) is None  # blind: the canonical frame no longer lines up
    y, orig_y = luma(copy.astype(np.float64)), luma(original.astype(np.float64))
    where = align(y, orig_y)
    assert where is not None and not where.mirrored
    assert abs(where.top) < 2 and abs(where.left) < 2 and abs(where.width - (w - w // 4)) < 3
    plane, covered = reconstruct(y, orig_y, where)
    assert 0.5 < covered.mean() < 0.6
    aligned = read_informed(plane, orig_y, covered, KEY)
    assert aligned.found and aligned.decoded.payload == PAYLOAD


def test_wrong_key_finds_nothing(marked_photo: tuple[U8, U8]) -> None:
    assert read(marked_photo[1], b"a different secret key") is None


def test_no_false_positives_on_unmarked_images() -> None:
    """40 unmarked images, each read as is and mirrored: the 24-bit tag must never match by chance."""
    images = [photo(100 + i, 160, 200) if i % 2 else product(100 + i) for i in range(40)]
    assert [i for i, img in enumerate(images) if read(img) is not None] == []


def test_flat_image_has_no_capacity() -> None:
    blank = np.full((200, 200, 3), 255.0)
    with pytest.raises(WatermarkCapacityError, match="almost entirely flat"):
        embed_array(blank, PAYLOAD, KEY)


def test_bad_files_are_named_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    with pytest.raises(WatermarkInputError, match=r"broken\.jpg is not an image that can be read"):
        load_image(broken)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(WatermarkInputError, match="not an image"):
        load_image(text)
    with pytest.raises(WatermarkInputError, match="does not exist"):
        load_image(tmp_path / "missing.png")
    tiny = tmp_path / "tiny.png"
    Image.fromarray(photo(3, 40, 300)).save(tiny)
    with pytest.raises(WatermarkInputError, match="300x40 pixels; a watermark needs at least 64"):
        load_image(tiny)
    with pytest.raises(WatermarkInputError, match=r"unsupported output format '\.gif'"):
        save_image(photo(4, 100, 100), tmp_path / "out.gif")


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    rgba = np.zeros((100, 100, 4), np.uint8)
    rgba[30:70, 30:70] = (200, 10, 10, 255)
    path = tmp_path / "cutout.png"
    Image.fromarray(rgba, "RGBA").save(path)
    rgb = load_image(path)
    assert tuple(rgb[0, 0]) == (255.0, 255.0, 255.0) and tuple(rgb[50, 50]) == (200.0, 10.0, 10.0)


def test_perceptual_hashes_match_copies_not_other_images(marked_product: tuple[U8, U8]) -> None:
    original, marked = marked_product
    registered = hashes(luma(original.astype(np.float64)))
    for copy in (jpeg(scaled(marked, 0.5), 50), marked[:, ::-1]):
        m = compare(query_hashes(luma(copy.astype(np.float64))), registered)
        assert m.match, m
    other = compare(query_hashes(luma(product(99).astype(np.float64))), registered)
    assert not other.match and other.phash_distance > MATCH_DISTANCE
