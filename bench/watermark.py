"""Watermark robustness, invisibility and speed, side by side with a naive keyed LSB watermark.

    .venv/bin/python bench/watermark.py [--quick] [--results FILE] [--resume]

Images: real photos bundled in the scikit-image wheel (skimage.data: astronaut, coffee, chelsea, rocket,
motorcycle_left) and product-style shots composed
from them: a real photo object (cut out with an ellipse or a rectangle) on a white page, white >= 50 %
of the area, at marketplace sizes (800 to 1200 px). Nothing is downloaded.

For every image and attack: embed -> attack -> detect. Blind detection uses the image alone (as is and
mirrored); "with original" also re-aligns onto the original when the blind read fails. Detection means
the 24-bit keyed tag matched AND the payload is the embedded one. BER is the raw error rate of the 188
coded bits before error correction. The naive alternative writes an 88-bit word (as long as payload + tag),
repeated, into keyed green-channel LSBs and reads them by majority vote.

Results are appended to a JSONL file per (image, attack), so an interrupted run resumes with --resume.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from rich.progress import Progress

from ipwarden.evidence.watermark import attempts, embed_array, luma, psnr, read_array, ssim
from ipwarden.evidence.watermark_align import read_aligned
from ipwarden.evidence.watermark_codec import CODED_BITS, PAYLOAD_BITS, encode_payload

U8 = np.ndarray[Any, np.dtype[np.uint8]]
KEY = b"bench-watermark-key-2026"
PHOTOS = ("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg", "motorcycle_left.png")


# --- the image set --------------------------------------------------------------------------------------


def photos() -> dict[str, U8]:
    """The photos as files inside the installed scikit-image wheel (read directly: nothing is fetched)."""
    import skimage

    folder = Path(skimage.__file__).parent / "data"
    return {name.split(".")[0]: np.asarray(Image.open(folder / name).convert("RGB")) for name in PHOTOS}


def _product(obj: U8, page: tuple[int, int], ellipse: bool) -> U8:
    """``obj`` centred on a white page; ``page`` chosen so that white covers >= 50 % of it."""
    ph, pw = page
    canvas = np.full((ph, pw, 3), 255, np.uint8)
    oh, ow = obj.shape[:2]
    top, left = (ph - oh) // 2, (pw - ow) // 2
    if ellipse:
        yy, xx = np.ogrid[:oh, :ow]
        inside = ((yy - oh / 2) / (oh / 2)) ** 2 + ((xx - ow / 2) / (ow / 2)) ** 2 < 1
        canvas[top : top + oh, left : left + ow][inside] = obj[inside]
    else:
        canvas[top : top + oh, left : left + ow] = obj
    return canvas


def products(src: dict[str, U8]) -> dict[str, U8]:
    coffee, chelsea, rocket = src["coffee"], src["chelsea"], src["rocket"]
    astro, moto = src["astronaut"], src["motorcycle_left"]
    return {
        "product:cup-ellipse-800": _product(coffee[30:370, 120:520], (800, 800), True),
        "product:cat-rect-1000": _product(chelsea[20:280, 60:400], (700, 1000), False),
        "product:rocket-rect-900": _product(rocket[:, 180:460], (900, 900), False),
        "product:helmet-ellipse-400": _product(astro[20:260, 120:360], (400, 400), True),
        "product:motorbike-rect-1200": _product(moto, (800, 1200), False),
        "product:cup-small-360": _product(coffee[60:340, 150:490:2], (360, 360), True),
    }


def white_share(img: U8) -> float:
    return float((img >= 250).all(axis=2).mean())


# --- attacks --------------------------------------------------------------------------------------------


def jpeg(img: U8, q: int) -> U8:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=q)
    return np.asarray(Image.open(buf).convert("RGB"))


def scale(img: U8, f: float) -> U8:
    h, w = img.shape[:2]
    out = Image.fromarray(img).resize((round(w * f), round(h * f)), Image.Resampling.BICUBIC)
    return np.asarray(out)


def crop_centre(img: U8, f: float) -> U8:
    """Remove ``f`` of each dimension, half on each side."""
    h, w = img.shape[:2]
    dh, dw = round(h * f / 2), round(w * f / 2)
    return img[dh : h - dh, dw : w - dw]


def crop_corner(img: U8, f: float) -> U8:
    """Keep the top-left corner, removing ``f`` of each dimension at the bottom and right."""
    h, w = img.shape[:2]
    return img[: h - round(h * f), : w - round(w * f)]


def mirror(img: U8) -> U8:
    return img[:, ::-1]


ATTACKS: dict[str, Callable[[U8], U8]] = {
    "none": lambda i: i,
    "jpeg90": lambda i: jpeg(i, 90),
    "jpeg75": lambda i: jpeg(i, 75),
    "jpeg50": lambda i: jpeg(i, 50),
    "resize50": lambda i: scale(i, 0.5),
    "resize75": lambda i: scale(i, 0.75),
    "resize150": lambda i: scale(i, 1.5),
    "crop10-centre": lambda i: crop_centre(i, 0.10),
    "crop25-centre": lambda i: crop_centre(i, 0.25),
    "crop10-corner": lambda i: crop_corner(i, 0.10),
    "crop25-corner": lambda i: crop_corner(i, 0.25),
    "mirror": mirror,
    "mirror+jpeg75": lambda i: jpeg(mirror(i), 75),
    "resize50+jpeg75": lambda i: jpeg(scale(i, 0.5), 75),
    "resize75+jpeg50": lambda i: jpeg(scale(i, 0.75), 50),
    "crop10-centre+resize75+jpeg75": lambda i: jpeg(scale(crop_centre(i, 0.10), 0.75), 75),
    "mirror+crop25-corner+jpeg90": lambda i: jpeg(crop_corner(mirror(i), 0.25), 90),
    # Beyond the required set, to find where it breaks:
    "jpeg30": lambda i: jpeg(i, 30),
    "resize25": lambda i: scale(i, 0.25),
    "crop50-centre": lambda i: crop_centre(i, 0.50),
    "rotate1": lambda i: np.asarray(
        Image.fromarray(i).rotate(1.0, Image.Resampling.BICUBIC, fillcolor=(255,) * 3)
    ),
    "brighten+15": lambda i: np.clip(i.astype(np.int16) + 15, 0, 255).astype(np.uint8),
    "contrast120": lambda i: (
        np.clip((i.astype(np.float64) - 128) * 1.2 + 128, 0, 255).round().astype(np.uint8)
    ),
}
QUICK = ("none", "jpeg75", "resize50", "crop10-centre", "mirror")


# --- the naive alternative: keyed LSB ------------------------------------------------------------------


def _lsb_positions(shape: tuple[int, int], n: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    seed = int.from_bytes(hashlib.sha256(b"lsb" + KEY).digest()[:8], "big")
    return np.random.default_rng(seed).permutation(shape[0] * shape[1])[:n].astype(np.int64)


def lsb_embed(img: U8, payload: bytes) -> U8:
    """Write the 88 info bits (payload + tag, as the convolutional code carries them) in green LSBs."""
    bits = (encode_payload(payload, KEY) > 0).astype(np.uint8)[: 2 * 88 : 2]  # any fixed 88-bit word
    h, w = img.shape[:2]
    reps = (h * w // 4) // len(bits)
    pos = _lsb_positions((h, w), reps * len(bits))
    out = img.copy()
    green = out[:, :, 1].reshape(-1)
    green[pos] = (green[pos] & 0xFE) | np.tile(bits, reps)
    out[:, :, 1] = green.reshape(h, w)
    return out


def lsb_detect(img: U8, payload: bytes) -> bool:
    bits = (encode_payload(payload, KEY) > 0).astype(np.uint8)[: 2 * 88 : 2]
    h, w = img.shape[:2]
    reps = (h * w // 4) // len(bits)
    if reps < 1:
        return False
    pos = _lsb_positions((h, w), reps * len(bits))
    got = (img[:, :, 1].reshape(-1)[pos] & 1).reshape(reps, len(bits)).mean(axis=0) > 0.5
    return bool((got == bits.astype(bool)).all())


# --- running --------------------------------------------------------------------------------------------


def _payload(name: str) -> bytes:
    return hashlib.sha256(name.encode()).digest()[:8]


def measure(name: str, original: U8, marked: U8, lsb: U8, attack: str) -> dict[str, Any]:
    payload = _payload(name)
    copy = ATTACKS[attack](marked)
    y = luma(copy.astype(np.float64))
    t0 = time.perf_counter()
    blind = read_array(y, KEY)
    blind_s = time.perf_counter() - t0
    blind_ok = blind.found and blind.decoded.payload == payload
    coded = encode_payload(payload, KEY)
    with_orig_ok, aligned_s, ber = blind_ok, 0.0, blind.decoded.bit_errors / CODED_BITS
    if not blind_ok:
        t0 = time.perf_counter()
        reading, _, _ = read_aligned(y, luma(original.astype(np.float64)), KEY)
        aligned_s = time.perf_counter() - t0
        if reading is not None:
            with_orig_ok = reading.found and reading.decoded.payload == payload
            ber_aligned = reading.decoded.bit_errors / CODED_BITS
        else:
            ber_aligned = 0.5
    else:
        ber_aligned = ber
    got = blind.decoded.payload
    payload_bits_wrong = sum((a ^ b).bit_count() for a, b in zip(got, payload, strict=True))
    return {
        "image": name,
        "attack": attack,
        "blind": blind_ok,
        "with_original": with_orig_ok,
        "coded_ber_blind": round(ber, 4),
        "coded_ber_with_original": round(ber_aligned, 4),
        "payload_ber_blind": round(payload_bits_wrong / PAYLOAD_BITS, 4),
        "lsb": lsb_detect(ATTACKS[attack](lsb), payload),
        "blind_s": round(blind_s, 4),
        "aligned_s": round(aligned_s, 3),
        "coded_len": len(coded),
    }


def false_positives(images: dict[str, U8], reads: int) -> tuple[int, int]:
    """Blind reads (as is + mirrored) of unmarked images and random crops/rescales of them."""
    rng = np.random.default_rng(7)
    names = list(images)
    hits = 0
    for i in range(reads):
        img = images[names[i % len(names)]]
        if i >= len(names):
            h, w = img.shape[:2]
            top, left = int(rng.integers(0, h // 4)), int(rng.integers(0, w // 4))
            img = scale(
                img[top : top + h // 2 + h // 4, left : left + w // 2 + w // 4], float(rng.uniform(0.6, 1.2))
            )
        hits += read_array(luma(img.astype(np.float64)), KEY).found
    return hits, reads * attempts()


def false_positives_with_original(images: dict[str, U8]) -> tuple[int, int, int]:
    """Re-aligned, informed reads of unmarked copies (JPEG 75, 10 % crop + JPEG 75) against their originals."""
    hits = decodings = reads = 0
    for img in images.values():
        orig = luma(img.astype(np.float64))
        for copy in (jpeg(img, 75), jpeg(crop_centre(img, 0.10), 75)):
            reading, tries, _ = read_aligned(luma(copy.astype(np.float64)), orig, KEY)
            hits += bool(reading is not None and reading.found)
            decodings += tries
            reads += 1
    return hits, decodings, reads


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="three images, five attacks")
    ap.add_argument("--results", type=Path, default=Path("bench/out/watermark.jsonl"))
    ap.add_argument("--resume", action="store_true", help="keep results already in --results")
    ap.add_argument("--fp-reads", type=int, default=200)
    args = ap.parse_args()
    src = photos()
    images = {**src, **products(src)}
    if args.quick:
        images = {k: images[k] for k in ("coffee", "product:cup-ellipse-800", "product:rocket-rect-900")}
    attacks = QUICK if args.quick else tuple(ATTACKS)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    done: dict[tuple[str, str], dict[str, Any]] = {}
    if args.resume and args.results.exists():
        for line in args.results.read_text().splitlines():
            r = json.loads(line)
            done[(r["image"], r["attack"])] = r
    elif args.results.exists():
        args.results.unlink()
    quality: dict[str, dict[str, float]] = {}
    with Progress() as progress, open(args.results, "a") as sink:
        task = progress.add_task("embed -> attack -> detect", total=len(images) * len(attacks))
        for name, img in images.items():
            t0 = time.perf_counter()
            marked = embed_array(img.astype(np.float64), _payload(name), KEY)
            embed_s = time.perf_counter() - t0
            lsb = lsb_embed(img, _payload(name))
            f = img.astype(np.float64)
            quality[name] = {
                "psnr": psnr(f, marked.astype(np.float64)),
                "ssim": ssim(f, marked.astype(np.float64)),
                "lsb_psnr": psnr(f, lsb.astype(np.float64)),
                "white": white_share(img),
                "mpix": img.shape[0] * img.shape[1] / 1e6,
                "embed_s": embed_s,
            }
            for attack in attacks:
                if (name, attack) not in done:
                    done[(name, attack)] = measure(name, img, marked, lsb, attack)
                    sink.write(json.dumps(done[(name, attack)]) + "\n")
                    sink.flush()
                progress.advance(task)
    report(images, attacks, done, quality, false_positives(src | products(src), args.fp_reads))
    hits, decodings, reads = false_positives_with_original(images)
    print(
        f"false positives with --original (unmarked copies re-aligned and read informed): {hits} of {reads} "
        f"reads ({decodings} decodings)"
    )
    return 0


def report(
    images: dict[str, U8],
    attacks: tuple[str, ...],
    done: dict[tuple[str, str], dict[str, Any]],
    quality: dict[str, dict[str, float]],
    fp: tuple[int, int],
) -> None:
    print(
        f"\nimages: {len(images)} ({sum(1 for n in images if n.startswith('product:'))} product shots on white)"
    )
    print(f"{'image':34} {'size':>10} {'white':>6} {'PSNR dB':>8} {'SSIM':>7} {'LSB PSNR':>9} {'embed s':>8}")
    for name, img in images.items():
        q = quality[name]
        print(
            f"{name:34} {img.shape[1]:>4}x{img.shape[0]:<5} {q['white']:6.0%} {q['psnr']:8.1f} {q['ssim']:7.4f} "
            f"{q['lsb_psnr']:9.1f} {q['embed_s']:8.2f}"
        )
    groups = {
        "all": list(images),
        "photos": [n for n in images if not n.startswith("product:")],
        "products": [n for n in images if n.startswith("product:")],
    }
    print(
        f"\n{'attack':32} {'blind':>7} {'+orig':>7} {'LSB':>7} {'ratio':>6} {'BER blind':>10} {'BER +orig':>10}"
        f" {'blind products':>15}"
    )
    for attack in attacks:
        rows = [done[(n, attack)] for n in images]
        prod = [done[(n, attack)] for n in groups["products"]]
        blind = sum(r["blind"] for r in rows) / len(rows)
        orig = sum(r["with_original"] for r in rows) / len(rows)
        lsb = sum(r["lsb"] for r in rows) / len(rows)
        ratio = f"{orig / lsb:6.1f}" if lsb else ("   inf" if orig else "     -")
        pb = sum(r["blind"] for r in prod) / len(prod) if prod else float("nan")
        print(
            f"{attack:32} {blind:7.0%} {orig:7.0%} {lsb:7.0%} {ratio} "
            f"{np.mean([r['coded_ber_blind'] for r in rows]):10.3f} "
            f"{np.mean([r['coded_ber_with_original'] for r in rows]):10.3f} {pb:15.0%}"
        )
    survived: dict[str, int] = defaultdict(int)
    for r in done.values():
        survived["ours"] += r["with_original"]
        survived["lsb"] += r["lsb"]
    total = len(images) * len(attacks)
    print(
        f"\nsurvival over all attacks: ours (with original) {survived['ours']}/{total}, "
        f"LSB {survived['lsb']}/{total}, ratio {survived['ours'] / max(1, survived['lsb']):.1f}x"
    )
    mpix = sum(q["mpix"] for q in quality.values())
    secs = sum(q["embed_s"] for q in quality.values())
    blind_t = [r["blind_s"] for r in done.values()]
    aligned_t = [r["aligned_s"] for r in done.values() if r["aligned_s"] > 0]
    print(f"embed throughput: {mpix / secs:.2f} Mpixel/s ({secs / len(quality):.2f} s per image)")
    print(
        f"detect: blind {np.median(blind_t) * 1000:.0f} ms median per image (as is + mirrored when needed); "
        f"with original (re-alignment) {np.median(aligned_t) if aligned_t else 0:.2f} s median"
    )
    print(
        f"false positives (blind reads of unmarked images and crops of them; decodings, each a chance "
        f"of 2^-24 to match the tag): {fp[0]}/{fp[1]}"
    )


if __name__ == "__main__":
    sys.exit(main())
