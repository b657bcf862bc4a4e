"""Context files every case refers to: registry, protected pictures, reference prices."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from PIL import Image

from screening_eval.common import LANGS, SEED, Ctx, lang_info, local_price


def build_registry(ctx: Ctx) -> list[dict[str, Any]]:
    """Owner families and word/figurative marks of every brand at US, CN and EM (numbers are stand-ins)."""
    records: list[dict[str, Any]] = []
    number = 0
    for brand in ctx.tpl["brands"]:
        fam = brand["id"]
        records.append(
            {"record": "owner_family", "id": fam, "name": brand["owner"], "aliases": [brand["zh"]]}
        )
        owner = {"name": brand["owner"], "country": brand["country"]}
        marks = [(m, office) for m in brand["marks"] for office in ("US", "CN", "EM")]
        marks.append((brand["zh"], "CN"))
        marks.append((f"{brand['marks'][0]} (logo)", "EM"))
        for text, office in marks:
            number += 1
            figurative = text.endswith("(logo)")
            right: dict[str, Any] = {
                "id": f"{office}-EV{number:05d}",
                "right": "trademark",
                "mark": text.removesuffix(" (logo)"),
                "mark_type": "figurative" if figurative else "word",
                "owner": owner,
                "owner_family": fam,
                "office": office,
                "registration_number": f"EV{number:05d}",
                "classes": brand["classes"],
                "status": "registered",
                "registered": (dt.date(2000, 1, 1) + dt.timedelta(days=37 * number)).isoformat(),
                "description": "Evaluation record: real mark and owner; the number is not the office's.",
            }
            if figurative:
                right["image"] = f"images/protected/{fam}-logo.png"
            records.append(right)
            ctx.rights.setdefault(fam, []).append(right)
    return records


def build_protected_images(ctx: Ctx) -> tuple[list[dict[str, Any]], dict[str, Image.Image]]:
    rows: list[dict[str, Any]] = []
    pictures: dict[str, Image.Image] = {}
    for brand in ctx.tpl["brands"]:
        fam = brand["id"]
        logo = ctx.images.logo(fam, brand["marks"][0])
        category = sorted(brand["lines"])[0]
        product = ctx.images.product(f"protected:{fam}", category, logo)
        figurative = next(r for r in ctx.rights[fam] if r["mark_type"] == "figurative")
        for kind, picture, right in (("logo", logo, figurative), ("product", product, ctx.rights[fam][0])):
            rel = ctx.images.save(picture, f"images/protected/{fam}-{kind}.png")
            pictures[f"{fam}:{kind}"] = picture
            rows.append(
                {
                    "id": f"pi-{fam}-{kind}",
                    "right_id": right["id"],
                    "owner": brand["owner"],
                    "path": rel,
                    "label": f"{brand['marks'][0]} {kind} (stand-in drawing)",
                }
            )
    return rows, pictures


def build_reference_prices(ctx: Ctx) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for brand in ctx.tpl["brands"]:
        for category, usd in sorted(brand["price_usd"].items()):
            for lang in LANGS:
                info = lang_info(ctx, lang)
                rows.append(
                    {
                        "brand": brand["id"],
                        "category": category,
                        "market": info["market"],
                        "price": local_price(ctx, usd, lang, 1.0),
                        "currency": info["currency"],
                    }
                )
    # observed prices of whole categories (brand null): the robust median/MAD needs >= 5 per market
    medians = {"phone accessories": 15, "home": 20, "batteries": 14, "toys": 60, "shoes": 90, "bags": 60}
    rng = random.Random(f"{SEED}:observed")
    for category, usd in medians.items():
        for lang in LANGS:
            info = lang_info(ctx, lang)
            for _ in range(7):
                rows.append(
                    {
                        "brand": None,
                        "category": category,
                        "market": info["market"],
                        "price": local_price(ctx, usd, lang, rng.uniform(0.7, 1.4)),
                        "currency": info["currency"],
                    }
                )
    return rows
