"""Writing the set: the build order, the files, the counts and the image checks."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

from screening_eval.cases import Cases
from screening_eval.common import EVAL_COUNTS, ROOT, SEED, TUNE_SHARE, Ctx
from screening_eval.context import build_protected_images, build_reference_prices, build_registry
from screening_eval.pictures import ImageMaker
from screening_eval.tuning import add_tuning_cases


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")


def image_check(
    out: Path, cases: Cases, protected: list[dict[str, Any]], removed: list[dict[str, Any]]
) -> dict[str, Any]:
    """Hamming distances (pHash, 64 bits) showing the image labels are sound: copies near, others far."""
    sys.path.insert(0, str(ROOT / "src"))
    from ipwarden.screening.images import hamming, phash

    def h(rel: str) -> int:
        with Image.open(out / rel) as image:
            return phash(image)

    known = [h(p["path"]) for p in protected] + [h(img) for r in removed for img in r["images"]]
    by_edit: dict[str, list[int]] = {}
    for rel, (source, how) in sorted(cases.copies.items()):
        by_edit.setdefault(how, []).append(hamming(h(rel), h(source)))
    unrelated = [min(hamming(value, k) for k in known) for value in map(h, sorted(cases.own))]
    return {
        "copy_to_source_max_distance": {how: max(d) for how, d in sorted(by_edit.items())},
        "copies": sum(len(d) for d in by_edit.values()),
        "unrelated_to_known_min_distance": min(unrelated, default=None),
        "unrelated": len(unrelated),
        "protected_and_removed_pictures": len(known),
    }


def keep_apart(
    ctx: Ctx, own: dict[str, tuple[str, str]], protected: list[dict[str, Any]], margin: int = 16
) -> None:
    """Redraw any unrelated product shot that happens to hash within ``margin`` bits of a protected or
    removed picture, so that an image match on it is a false positive of the screener, not of the data."""
    sys.path.insert(0, str(ROOT / "src"))
    from ipwarden.screening.images import hamming, phash

    def h(rel: str) -> int:
        with Image.open(ctx.out / rel) as image:
            return phash(image)

    known = [h(p["path"]) for p in protected] + [h(img) for r in ctx.removed for img in r["images"]]
    for rel, (key, category) in sorted(own.items()):
        salt = 0
        value = h(rel)
        while min(hamming(value, k) for k in known) <= margin:
            salt += 1
            ctx.images.save(ctx.images.product(f"{key}:{salt}", category), rel)
            value = h(rel)


def counts(listings: list[dict[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for split in ("eval", "tune"):
        rows = [r for r in listings if r["split"] == split]
        table[split] = {
            "listings": len(rows),
            "infringing": sum(r["label"]["infringing"] for r in rows),
            "families": dict(sorted(Counter(f for r in rows for f in r["label"]["families"]).items())),
            "primary": dict(
                sorted(Counter(r["label"]["primary"] for r in rows if r["label"]["infringing"]).items())
            ),
            "hard_negatives": dict(
                sorted(
                    Counter(r["label"]["hard_negative"] for r in rows if r["label"]["hard_negative"]).items()
                )
            ),
            "languages": dict(sorted(Counter(r["label"]["language"] for r in rows).items())),
            "cue_positives_by_language": dict(
                sorted(
                    Counter(
                        r["label"]["language"] for r in rows if "counterfeit_cue" in r["label"]["families"]
                    ).items()
                )
            ),
            "feedback_positives_by_language": dict(
                sorted(
                    Counter(
                        r["label"]["language"] for r in rows if "feedback" in r["label"]["families"]
                    ).items()
                )
            ),
            "groups": len({r["group"] for r in rows}),
            "sellers": len({r["seller_id"] for r in rows}),
        }
    return table


def build(out: Path, seed: int = SEED) -> dict[str, Any]:
    tpl = yaml.safe_load((ROOT / "eval/screening/templates.yaml").read_text(encoding="utf-8"))
    # the GI names as the set was written (a frozen copy: lexicon edits must not rewrite the set)
    gis = yaml.safe_load((ROOT / "eval/screening/gi-source.yaml").read_text(encoding="utf-8"))["indications"]
    for sub in ("images/listings", "images/removed", "images/protected"):
        shutil.rmtree(out / sub, ignore_errors=True)
    ctx = Ctx(
        rng=random.Random(seed),
        tpl=tpl,
        out=out,
        images=ImageMaker(out),
        date=dt.date.fromisoformat(tpl["screen_date"]),
    )
    registry = build_registry(ctx)
    protected, pictures = build_protected_images(ctx)
    cases = Cases(ctx, pictures, gis)
    for split in ("eval", "tune"):
        for case, number in EVAL_COUNTS.items():
            total = number if split == "eval" else max(10, round(number * TUNE_SHARE))
            for i in range(total):
                getattr(cases, case)(split, i)
    keep_apart(ctx, cases.own, protected)
    ctx.rng.shuffle(ctx.listings)
    add_tuning_cases(ctx, cases)  # after the shuffle: the held-out rows keep their places and ids
    for number, row in enumerate(ctx.listings, 1):
        row["id"] = f"ev-{number:05d}"
    write_jsonl(out / "listings.jsonl", ctx.listings)
    write_jsonl(out / "registry.jsonl", registry + ctx.authorisations)
    write_jsonl(out / "reference-prices.jsonl", build_reference_prices(ctx))
    history = [{k: v for k, v in s.items() if k != "group"} for s in ctx.sellers.values()]
    write_jsonl(out / "seller-history.jsonl", history)
    write_jsonl(out / "removed-listings.jsonl", ctx.removed)
    write_jsonl(out / "protected-images.jsonl", protected)
    summary = {"counts": counts(ctx.listings), "images": image_check(out, cases, protected, ctx.removed)}
    (out / "counts.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return summary
