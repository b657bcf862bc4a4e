"""Build the held-out listing-screening evaluation set (eval/screening/) from templates over real brands.

Deterministic: the same seed and templates give byte-identical files. Every listing is written from public
facts (real brand owners and product-line names, documented counterfeit vocabulary, registered GIs) put
together by templates; the label says which signal families a correct screener should report. Groups
(a brand, a GI, or a cluster of generic sellers) are assigned to the tuning split or the held-out split
as a whole, so no seller and no brand appears in both. See eval/screening/README.md.

    .venv/bin/python scripts/build_screening_eval.py            # writes eval/screening/
    .venv/bin/python scripts/build_screening_eval.py --check    # rebuilds in a temp dir and compares
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import hashlib
import json
import random
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw, ImageEnhance, ImageFont

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "zh", "es", "pt", "fr", "de", "ru", "ja", "ko", "vi")
TUNE_BRANDS = frozenset({"samsung", "casio", "moncler", "ray_ban"})
SEED = 20261122

# case type -> listings in the eval split (the tune split gets about a third as many)
EVAL_COUNTS: dict[str, int] = {
    "cue": 120,
    "mark_disguise": 70,
    "price": 60,
    "image": 60,
    "gi": 70,
    "stay_down": 60,
    "seller": 50,
    "feedback": 60,
    "genuine_title": 90,
    "compatible_accessory": 50,
    "authorised_reseller": 60,
    "parallel_import": 30,
    "official_retro": 20,
    "replica_jersey": 15,
    "scale_model": 25,
    "batteries": 25,
    "copy_paper": 10,
    "innocent_cue_word": 20,
    "genuine_gi": 40,
    "gi_innocent": 20,
    "feedback_genuine": 30,
    "clean": 60,
}
TUNE_SHARE = 0.34


@dataclass
class Ctx:
    """Everything the generated listings refer to, written out as the context files."""

    rng: random.Random
    tpl: dict[str, Any]
    out: Path
    images: ImageMaker
    date: dt.date
    listings: list[dict[str, Any]] = field(default_factory=list)
    sellers: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: list[dict[str, Any]] = field(default_factory=list)
    authorisations: list[dict[str, Any]] = field(default_factory=list)
    rights: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counter: Counter[str] = field(default_factory=Counter)

    def uid(self, prefix: str) -> str:
        self.counter[prefix] += 1
        raw = f"{SEED}:{prefix}:{self.counter[prefix]}".encode()
        return f"{prefix}-{hashlib.sha256(raw).hexdigest()[:8]}"


# ---------------------------------------------------------------------------------------------- helpers


def lang_info(ctx: Ctx, lang: str) -> dict[str, Any]:
    info: dict[str, Any] = ctx.tpl["languages"][lang]
    return info


def local_price(ctx: Ctx, usd: float, lang: str, factor: float) -> float:
    rate = float(lang_info(ctx, lang)["rate"])
    value = usd * rate * factor
    if rate >= 50:
        return float(round(value, -1 if value < 10_000 else -2))
    return round(value, 2)


def noun(ctx: Ctx, category: str, lang: str) -> str:
    return str(ctx.tpl["nouns"][category][lang])


def word(ctx: Ctx, key: str, lang: str) -> str:
    return str(ctx.tpl["generic_words"][key][lang])


def brand_name(brand: dict[str, Any], lang: str, rng: random.Random) -> str:
    """How a genuine listing writes the brand: the Chinese name half the time in Chinese, else the mark."""
    if lang == "zh" and rng.random() < 0.5:
        return str(brand["zh"])
    mark = str(brand["marks"][0])
    return mark.title() if len(mark) > 3 and rng.random() < 0.6 else mark


def pick_line(brand: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    category = rng.choice(sorted(brand["lines"]))
    return category, rng.choice(brand["lines"][category])


def new_seller(
    ctx: Ctx,
    group: str,
    *,
    strikes: int = 0,
    new_account: bool = False,
    linked_to: str | None = None,
    removed: bool = False,
) -> str:
    seller_id = ctx.uid("S")
    days = ctx.rng.randint(1, 10) if new_account else ctx.rng.randint(200, 2500)
    ids = [f"phone:+{ctx.rng.randint(10**10, 10**11 - 1)}", f"bank:{ctx.rng.getrandbits(48):012x}"]
    if linked_to is not None:
        ids[1] = ctx.sellers[linked_to]["identifiers"][1]
    ctx.sellers[seller_id] = {
        "seller_id": seller_id,
        "created": (ctx.date - dt.timedelta(days=days)).isoformat(),
        "strikes": strikes,
        "removed": removed,
        "identifiers": ids,
        "group": group,
    }
    return seller_id


def listing(
    ctx: Ctx,
    *,
    split: str,
    group: str,
    seller: str,
    lang: str,
    title: str,
    category: str,
    price: float | None,
    infringing: bool,
    families: list[str],
    primary: str,
    hard: str | None = None,
    brand: str = "",
    description: str = "",
    images: list[str] | None = None,
    stage: str = "listing",
    reviews: list[str] | None = None,
    origin: str | None = None,
    market: str | None = None,
) -> None:
    info = lang_info(ctx, lang)
    record: dict[str, Any] = {
        "id": "",
        "seller_id": seller,
        "title": title,
        "description": description,
        "brand": brand,
        "category": category,
        "price": price,
        "currency": info["currency"],
        "market": market or info["market"],
        "images": images or [],
        "stage": stage,
        "reviews": reviews or [],
        "date": ctx.date.isoformat(),
    }
    if origin is not None:
        record["origin"] = origin
    record["label"] = {
        "infringing": infringing,
        "families": sorted(set(families)),
        "hard_negative": hard,
        "language": lang,
        "primary": primary,
    }
    record["split"] = split
    record["group"] = group
    ctx.listings.append(record)


def pick_seller(ctx: Ctx, pool: dict[str, list[str]], group: str, **kwargs: Any) -> str:
    """Sellers are reused within a group (a few listings each) and never leave it."""
    sellers = pool.setdefault(group, [])
    if sellers and ctx.rng.random() < 0.5 and not kwargs:
        return ctx.rng.choice(sellers)
    seller = new_seller(ctx, group, **kwargs)
    if not kwargs:
        sellers.append(seller)
    return seller


def disguise(brand: dict[str, Any], lang: str, rng: random.Random) -> tuple[str, str]:
    """A protected mark written to slip past exact matching; returns (text, how)."""
    mark = str(brand["marks"][0])
    forms = ["spaced", "lookalike", "misspelled"]
    if lang == "zh":
        forms += ["pinyin", "zh_spaced"]
    how = rng.choice(forms)
    if how == "spaced":
        sep = rng.choice(["-", ".", " ", "*"])
        return sep.join(mark.replace(" ", "")), how
    if how == "lookalike":
        return rng.choice(brand["lookalike"]), how
    if how == "misspelled":
        return rng.choice(brand["misspelled"]), how
    if how == "pinyin":
        return str(brand["pinyin"]), how
    return rng.choice([" ", "-", "·"]).join(brand["zh"]), how


# ---------------------------------------------------------------------------------------------- images


class ImageMaker:
    """Small product-style pictures drawn with Pillow: stand-in logos, product shots and their near-copies.

    The logos are original drawings standing in for each owner's protected logo (real logos are not
    copied); what matters for the evaluation is that near-copies of a protected picture are recognisable
    and unrelated pictures are not.
    """

    SIZE = 160

    def __init__(self, root: Path) -> None:
        self.root = root
        self.font = ImageFont.load_default()

    def _canvas(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        image = Image.new("RGB", (self.SIZE, self.SIZE), "white")
        return image, ImageDraw.Draw(image)

    @staticmethod
    def _colour(rng: random.Random) -> tuple[int, int, int]:
        return (rng.randint(0, 200), rng.randint(0, 200), rng.randint(0, 200))

    def logo(self, key: str, text: str) -> Image.Image:
        rng = random.Random(f"logo:{key}")
        image, draw = self._canvas()
        colour = self._colour(rng)
        for _ in range(rng.randint(2, 4)):
            x0, y0 = rng.randint(5, 80), rng.randint(5, 70)
            box = (x0, y0, x0 + rng.randint(40, 75), y0 + rng.randint(30, 70))
            shape = rng.choice(["ellipse", "rectangle", "polygon", "arc"])
            if shape == "ellipse":
                draw.ellipse(box, fill=colour)
            elif shape == "rectangle":
                draw.rectangle(box, fill=self._colour(rng))
            elif shape == "polygon":
                draw.polygon([(rng.randint(0, 159), rng.randint(0, 120)) for _ in range(4)], fill=colour)
            else:
                draw.arc(box, rng.randint(0, 180), rng.randint(181, 360), fill=colour, width=8)
        draw.text((12, 132), text[:16], fill=(0, 0, 0), font=self.font)
        return image

    def product(self, key: str, category: str, logo: Image.Image | None = None) -> Image.Image:
        """A product shot: the category's silhouette, placed, scaled and turned at random, with a print."""
        rng = random.Random(f"product:{key}")
        layer = Image.new("RGBA", (self.SIZE, self.SIZE), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        body = (*self._colour(rng), 255)
        if category == "shoes":
            draw.polygon([(15, 110), (40, 60), (95, 55), (145, 100), (150, 120), (15, 125)], fill=body)
            draw.rectangle((15, 120, 150, 132), fill=self._colour(rng))
        elif category in ("bags", "coffee", "home"):
            draw.polygon([(30, 60), (130, 60), (145, 140), (15, 140)], fill=body)
            draw.arc((50, 20, 110, 90), 180, 360, fill=(60, 60, 60), width=6)
        elif category == "watches":
            draw.rectangle((65, 5, 95, 155), fill=self._colour(rng))
            draw.ellipse((35, 45, 125, 115), fill=body, outline=(40, 40, 40), width=5)
        elif category in ("phones", "phone accessories"):
            draw.rounded_rectangle((45, 10, 115, 150), radius=14, fill=body)
            draw.rectangle((52, 22, 108, 132), fill=self._colour(rng))
        else:
            draw.rounded_rectangle((25, 30, 135, 135), radius=20, fill=body)
        for _ in range(rng.randint(3, 6)):  # a print: bold blocks and bands in the product's own colours
            x, y = rng.randint(0, 130), rng.randint(0, 130)
            w, h = rng.randint(20, 70), rng.randint(10, 60)
            if rng.random() < 0.5:
                draw.rectangle((x, y, x + w, y + h), fill=(*self._colour(rng), 255))
            else:
                draw.ellipse((x, y, x + w, y + h), fill=(*self._colour(rng), 255))
        scale = rng.uniform(0.55, 1.0)
        size = int(self.SIZE * scale)
        layer = layer.resize((size, size)).rotate(rng.uniform(-35, 35), expand=False)
        if rng.random() < 0.5:
            layer = layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        image, _ = self._canvas()
        image.paste(layer, (rng.randint(0, self.SIZE - size), rng.randint(0, self.SIZE - size)), layer)
        if logo is not None:
            image.paste(logo.resize((48, 48)), (rng.randint(20, 100), rng.randint(20, 100)))
        return image

    def near_copy(self, image: Image.Image, how: str, rng: random.Random) -> Image.Image:
        """The edits infringers make to a copied picture: re-encode, resize, crop, caption, brighten."""
        out = image
        if how == "resize":
            size = rng.choice([96, 120, 200, 240])
            out = image.resize((size, size), Image.Resampling.BILINEAR)
        elif how == "crop":
            m = rng.randint(2, 4)
            out = image.crop((m, m, self.SIZE - m, self.SIZE - rng.randint(2, 4)))
        elif how == "text":
            out = image.copy()
            ImageDraw.Draw(out).text(
                (8, 6), rng.choice(["HOT SALE", "NEW 2026", "包邮", "-70%"]), fill=(220, 0, 0), font=self.font
            )
        elif how == "brighten":
            out = ImageEnhance.Brightness(image).enhance(rng.choice([0.85, 1.15]))
        return out

    def save(self, image: Image.Image, rel: str) -> str:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".jpg"):
            image.convert("RGB").save(path, "JPEG", quality=60, optimize=True)
        else:
            image.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(path, "PNG", optimize=True)
        return rel


# ---------------------------------------------------------------------------------------------- registry


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


# ---------------------------------------------------------------------------------------------- cases

INSPIRED = ("inspired by", "inspirado en", "inspiré de")
WORN = frozenset({"shoes", "apparel"})
CN_ELSEWHERE = [("CN/Guizhou", "贵州"), ("CN/Hubei", "湖北"), ("CN/Shandong", "山东"), ("CN/Hebei", "河北")]
GI_PRODUCT_NOUN = {
    "wine": "wine",
    "sparkling wine": "sparkling wine",
    "fortified wine": "fortified wine",
    "cheese": "cheese",
    "ham": "ham",
    "whisky": "whisky",
    "whiskey": "whisky",
    "brandy": "brandy",
    "apple brandy": "brandy",
    "spirit": "spirit",
    "baijiu": "spirit",
    "tea": "tea",
    "rice": "rice",
    "vinegar": "vinegar",
}
GI_PRICE_USD = {
    "wine": 25,
    "sparkling wine": 35,
    "fortified wine": 30,
    "cheese": 18,
    "ham": 12,
    "whisky": 45,
    "brandy": 50,
    "spirit": 40,
    "tea": 30,
    "rice": 15,
    "vinegar": 6,
}


def slug(text: str) -> str:
    return (
        hashlib.sha256(text.encode()).hexdigest()[:6]
        if not text.isascii()
        else ("".join(c if c.isalnum() else "-" for c in text.lower()).strip("-"))
    )


def gi_name_in(gi: dict[str, Any], lang: str) -> str:
    """The GI as a listing in ``lang`` writes it: a same-script alias where there is one."""
    names = [gi["name"], *gi.get("aliases", [])]
    scripts = {
        "zh": lambda s: any("\u4e00" <= c <= "\u9fff" for c in s),
        "ja": lambda s: any("\u30a0" <= c <= "\u30ff" for c in s) or "\u5e02" in s,
        "ko": lambda s: any("\uac00" <= c <= "\ud7af" for c in s),
        "ru": lambda s: any("\u0400" <= c <= "\u04ff" for c in s),
    }
    test = scripts.get(lang)
    if test is not None:
        for name in names:
            if test(name):
                return str(name)
    if lang == "ja":  # Chinese-origin GIs keep their kanji in Japanese
        for name in names:
            if scripts["zh"](name):
                return str(name)
    for name in names:
        if name.isascii():
            return str(name)
    return str(gi["name"])


class Cases:
    """One generator per case type; each call writes one labelled listing into the context."""

    def __init__(self, ctx: Ctx, pictures: dict[str, Image.Image], gis: list[dict[str, Any]]) -> None:
        self.ctx, self.rng, self.tpl = ctx, ctx.rng, ctx.tpl
        self.pictures = pictures
        self.pool: dict[str, list[str]] = {}
        self.own: dict[str, tuple[str, str]] = {}  # unrelated product shots: path -> (key, category)
        self.copies: dict[str, tuple[str, str]] = {}  # near-copies: path -> (source path, edit)
        brands = self.tpl["brands"]
        self.brands = {
            split: [b for b in brands if (b["id"] in TUNE_BRANDS) == (split == "tune")]
            for split in ("eval", "tune")
        }
        self.gi_by_name = {g["name"]: g for g in gis}
        gis = [g for g in gis if g["product"] in GI_PRODUCT_NOUN and not g.get("uncertain")]
        self.gis = {"tune": gis[::3], "eval": [g for k, g in enumerate(gis) if k % 3]}
        self.all_gis = {g["name"]: (g, "tune" if k % 3 == 0 else "eval") for k, g in enumerate(gis)}

    # --- shared pieces
    def brand(
        self, split: str, *, need: str | None = None, exclude: tuple[str, ...] = ("porsche",)
    ) -> dict[str, Any]:
        options = [b for b in self.brands[split] if b["id"] not in exclude and (need is None or need in b)]
        return dict(self.rng.choice(options))

    def generic_group(self, split: str) -> str:
        numbers = [n for n in range(12) if (n % 3 == 0) == (split == "tune")]
        return f"generic:g{self.rng.choice(numbers):02d}"

    def own_image(self, category: str, share: float = 0.3) -> list[str]:
        if self.rng.random() >= share:
            return []
        key = self.ctx.uid("img")
        picture = self.ctx.images.product(key, category)
        rel = self.ctx.images.save(picture, f"images/listings/{key}.png")
        self.own[rel] = (key, category)
        return [rel]

    def copy_of(self, source: Image.Image, source_rel: str) -> list[str]:
        how = self.rng.choice(["resize", "crop", "text", "brighten", "reencode"])
        key = self.ctx.uid("img")
        picture = self.ctx.images.near_copy(source, how, self.rng)
        ext = "jpg" if how in ("reencode", "resize") or self.rng.random() < 0.3 else "png"
        rel = self.ctx.images.save(picture, f"images/listings/{key}.{ext}")
        self.copies[rel] = (source_rel, how)
        return [rel]

    def desc(self, lang: str, category: str) -> str:
        keys = ("men", "new", "shipping") if category in WORN else ("new", "shipping")
        return " · ".join(word(self.ctx, key, lang) for key in keys)

    def genuine_text(self, brand: dict[str, Any], lang: str) -> tuple[str, str, str, float]:
        category, line = pick_line(brand, self.rng)
        name = brand_name(brand, lang, self.rng)
        title = (
            f"{name} {line} {noun(self.ctx, category, lang)}"
            if category in self.tpl["nouns"]
            else f"{name} {line}"
        )
        return title, category, name, float(brand["price_usd"][category])

    # --- positives
    def cue(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        category, line = pick_line(brand, self.rng)
        name = brand_name(brand, lang, self.rng)
        cue = self.rng.choice(self.tpl["cues"][lang])
        if self.rng.random() < 0.1:
            cue = self.rng.choice(self.tpl["cue_evasions"])
        thing = noun(self.ctx, category, lang) if category in self.tpl["nouns"] else ""
        if cue.lower() in INSPIRED:
            title = f"{thing} {cue} {name} {line}"
        else:
            parts = [f"{name} {line}", cue, thing]
            self.rng.shuffle(parts)
            title = " ".join(p for p in parts if p)
        low = self.rng.random() < 0.5
        factor = self.rng.uniform(0.08, 0.3) if low else self.rng.uniform(0.55, 0.95)
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=category,
            brand=self.rng.choice(["", name, "Generic"]),
            price=local_price(self.ctx, brand["price_usd"][category], lang, factor),
            infringing=True,
            families=["counterfeit_cue", "mark"] + (["price"] if low else []),
            primary="counterfeit_cue",
            description=self.desc(lang, category),
            images=self.own_image(category),
        )

    def mark_disguise(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        category, line = pick_line(brand, self.rng)
        text, _how = disguise(brand, lang, self.rng)
        thing = noun(self.ctx, category, lang) if category in self.tpl["nouns"] else ""
        title = (
            f"{text} {line} {thing}"
            if self.rng.random() < 0.5
            else f"{text} {thing} {word(self.ctx, 'new', lang)}"
        )
        low = self.rng.random() < 0.3
        factor = self.rng.uniform(0.1, 0.3) if low else self.rng.uniform(0.6, 1.0)
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title.strip(),
            category=category,
            brand=self.rng.choice(["", text, "OEM", "NoBrand"]),
            price=local_price(self.ctx, brand["price_usd"][category], lang, factor),
            infringing=True,
            families=["mark"] + (["price"] if low else []),
            primary="mark",
            description=self.desc(lang, category),
        )

    def price(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        title, category, name, usd = self.genuine_text(brand, lang)
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=category,
            brand=name,
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.06, 0.3)),
            infringing=True,
            families=["price", "mark"],
            primary="price",
            description=self.desc(lang, category),
            images=self.own_image(category),
        )

    def image(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        kind = self.rng.choice(["logo", "product"])
        source, source_rel = (
            self.pictures[f"{brand['id']}:{kind}"],
            f"images/protected/{brand['id']}-{kind}.png",
        )
        category = sorted(brand["lines"])[0]
        group = f"brand:{brand['id']}"
        if self.rng.random() < 0.7:
            thing = noun(self.ctx, category, lang) if category in self.tpl["nouns"] else category
            title = f"{thing} {self.desc(lang, category).replace(' · ', ' ')}"
            families, usd, name = ["image"], float(brand["price_usd"][category]) * 0.8, ""
        else:
            title, category, name, usd = self.genuine_text(brand, lang)
            families = ["image", "mark"]
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=category,
            brand=name,
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.8, 1.1)),
            infringing=True,
            families=families,
            primary="image",
            images=self.copy_of(source, source_rel),
        )

    def gi(self, split: str, i: int) -> None:
        lang = LANGS[i % 10]
        options = self.gis[split]
        if lang == "zh" and self.rng.random() < 0.6:
            options = [g for g in options if g["origin"].startswith("CN")] or options
        gi = self.rng.choice(options)
        key = GI_PRODUCT_NOUN[gi["product"]]
        thing = str(self.tpl["gi_nouns"][key][lang])
        name = gi_name_in(gi, lang)
        if gi["origin"].startswith("CN"):
            origin, place = self.rng.choice([c for c in CN_ELSEWHERE if c[0] not in gi["origin"]])
            if lang != "zh":
                place = origin.split("/")[1]
        else:
            code, place = self.tpl["wrong_origins"][lang]
            origin = str(code) if code != gi["origin"][:2] else "CL"
            place = place if code != gi["origin"][:2] else "Chile"
        if self.rng.random() < 0.5:
            title = self.rng.choice(self.tpl["gi_evocation"][lang]).format(gi=name, noun=thing)
        else:
            title = f"{name} {thing}"
        made_in = str(self.tpl["gi_made_in"][lang]).format(o=place)
        group = f"gi:{slug(gi['name'])}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=gi["categories"][0],
            brand="",
            description=made_in,
            origin=origin,
            price=local_price(self.ctx, GI_PRICE_USD[key], lang, self.rng.uniform(0.5, 1.0)),
            infringing=True,
            families=["gi"],
            primary="gi",
        )

    def stay_down(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        category, line = pick_line(brand, self.rng)
        thing = noun(self.ctx, category, lang) if category in self.tpl["nouns"] else category
        branded = self.rng.random() < 0.5
        code = "".join(w[0] for w in line.split() if w[0].isalnum()).upper() + str(self.rng.randint(1, 99))
        colour = self.rng.choice(["white red", "black", "triple white", "navy", "beige"])
        words = [brand_name(brand, lang, self.rng), line] if branded else [code, colour]
        words.append(thing)
        if category in WORN:
            words += [word(self.ctx, "men", lang), f"{self.rng.randint(36, 40)}-{self.rng.randint(41, 46)}"]
        else:
            words.append(word(self.ctx, "new", lang))
        same_seller = self.rng.random() < 0.4
        group = f"brand:{brand['id']}"
        if same_seller:
            seller = new_seller(self.ctx, group, strikes=2)
            old_seller = seller
        else:
            seller = pick_seller(self.ctx, self.pool, group)
            old_seller = new_seller(self.ctx, "removed", strikes=3, removed=True)
        key = self.ctx.uid("rm")
        picture = self.ctx.images.product(key, category)
        old_images = [self.ctx.images.save(picture, f"images/removed/{key}.png")]
        self.ctx.removed.append(
            {
                "id": key,
                "seller_id": old_seller,
                "title": " ".join(words),
                "images": old_images,
                "right_id": self.ctx.rights[brand["id"]][0]["id"],
                "owner": brand["owner"],
                "removed_on": (self.ctx.date - dt.timedelta(days=self.rng.randint(5, 200))).isoformat(),
                "reason": "upheld complaint: counterfeit goods",
            }
        )
        new_words = list(words)
        a, b = self.rng.sample(range(len(new_words)), 2)
        new_words[a], new_words[b] = new_words[b], new_words[a]
        new_words.insert(
            self.rng.randint(0, len(new_words)), word(self.ctx, self.rng.choice(["new", "shipping"]), lang)
        )
        images = self.copy_of(picture, old_images[0]) if self.rng.random() < 0.7 else []
        families = ["stay_down"] + (["mark"] if branded else []) + (["seller"] if same_seller else [])
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=seller,
            lang=lang,
            title=" ".join(new_words),
            category=category,
            brand="",
            images=images,
            infringing=True,
            families=families,
            primary="stay_down",
            price=local_price(self.ctx, brand["price_usd"][category], lang, self.rng.uniform(0.55, 0.95)),
        )

    def seller(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        group = f"brand:{brand['id']}"
        if self.rng.random() < 0.6:
            seller = new_seller(self.ctx, group, strikes=self.rng.randint(2, 4))
        else:
            removed = new_seller(self.ctx, "removed", strikes=3, removed=True)
            seller = new_seller(self.ctx, group, new_account=True, linked_to=removed)
        title, category, name, usd = self.genuine_text(brand, lang)
        if self.rng.random() < 0.2:
            shop = {"zh": f"{brand['zh']}官方旗舰店 工厂直营", "es": f"Tienda oficial {name} outlet"}
            listing(
                self.ctx,
                split=split,
                group=group,
                seller=seller,
                lang=lang if lang in shop else "en",
                title=shop.get(lang, f"{name} Official Factory Outlet Store"),
                category=category,
                brand=name,
                price=None,
                stage="seller_registration",
                infringing=True,
                families=["seller", "mark"],
                primary="seller",
            )
            return
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=seller,
            lang=lang,
            title=title,
            category=category,
            brand=name,
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.6, 0.95)),
            infringing=True,
            families=["seller", "mark"],
            primary="seller",
            description=self.desc(lang, category),
        )

    def feedback(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        title, category, name, usd = self.genuine_text(brand, lang)
        reviews = [self.rng.choice(self.tpl["feedback"][lang])]
        if self.rng.random() < 0.5:
            reviews.insert(0, self.rng.choice(self.tpl["feedback_good"][lang]))
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=category,
            brand=name,
            stage="feedback",
            reviews=reviews,
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.6, 1.0)),
            infringing=True,
            families=["feedback", "mark"],
            primary="feedback",
        )

    # --- negatives
    def genuine_title(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        title, category, name, usd = self.genuine_text(brand, lang)
        group = f"brand:{brand['id']}"
        seller = (
            new_seller(self.ctx, group, new_account=True)
            if self.rng.random() < 0.1
            else pick_seller(self.ctx, self.pool, group)
        )
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=seller,
            lang=lang,
            title=title,
            category=category,
            brand=name,
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.85, 1.15)),
            infringing=False,
            families=[],
            primary="mark",
            hard="genuine_title",
            description=word(self.ctx, "genuine", lang),
            images=self.own_image(category),
        )

    def compatible_accessory(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split, need="accessories")
        text = self.rng.choice(brand["accessories"])[lang]
        category = "home" if brand["id"] == "dyson" else "phone accessories"
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=text,
            category=category,
            brand=self.rng.choice(self.tpl["accessory_brands"]),
            price=local_price(self.ctx, self.rng.uniform(8, 25), lang, 1.0),
            infringing=False,
            families=["referential"],
            primary="referential",
            hard="compatible_accessory",
            images=self.own_image("phone accessories"),
        )

    def _authorised(self, split: str, i: int, *, parallel: bool) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        group = f"brand:{brand['id']}"
        seller = new_seller(self.ctx, group)
        market = lang_info(self.ctx, lang)["market"]
        kind = (
            "distributor"
            if parallel
            else self.rng.choice(["authorised_reseller", "authorised_reseller", "distributor", "owner"])
        )
        territories = sorted({market, *self.rng.sample(["US", "CN", "DE", "FR", "ES", "JP", "GB"], 2)})
        self.ctx.authorisations.append(
            {
                "record": "authorisation",
                "id": self.ctx.uid("auth"),
                "seller_id": seller,
                "kind": kind,
                "owner_family": brand["id"],
                "territories": territories,
                "valid_from": (self.ctx.date - dt.timedelta(days=self.rng.randint(60, 900))).isoformat(),
                "valid_until": (self.ctx.date + dt.timedelta(days=self.rng.randint(30, 700))).isoformat(),
            }
        )
        title, category, name, usd = self.genuine_text(brand, lang)
        images = self.own_image(category, 0.3)
        if self.rng.random() < 0.35:  # authorised sellers may use the owner's product photos
            images = self.copy_of(
                self.pictures[f"{brand['id']}:product"], f"images/protected/{brand['id']}-product.png"
            )
        if parallel:
            title = f"{title} {word(self.ctx, 'imported', lang)}"
        factor = self.rng.uniform(0.7, 0.9) if parallel else self.rng.uniform(0.9, 1.1)
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=seller,
            lang=lang,
            title=title,
            category=category,
            brand=name,
            price=local_price(self.ctx, usd, lang, factor),
            infringing=False,
            families=["authorisation"],
            primary="authorisation",
            hard="parallel_import" if parallel else "authorised_reseller",
            description=word(self.ctx, "genuine", lang),
            images=images,
        )

    def authorised_reseller(self, split: str, i: int) -> None:
        self._authorised(split, i, parallel=False)

    def parallel_import(self, split: str, i: int) -> None:
        self._authorised(split, i, parallel=True)

    def official_retro(self, split: str, i: int) -> None:
        brand = self.brand(split, need="retro")
        group = f"brand:{brand['id']}"
        name = brand["zh"] if self.rng.random() < 0.5 else brand["marks"][0].title()
        retro = self.rng.choice(brand["retro"])
        category = sorted(brand["lines"])[0]
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang="zh",
            title=f"{name} {retro}",
            category=category,
            brand=name,
            infringing=False,
            families=[],
            price=local_price(self.ctx, brand["price_usd"][category], "zh", self.rng.uniform(0.9, 1.3)),
            primary="counterfeit_cue",
            hard="official_retro",
        )

    def replica_jersey(self, split: str, i: int) -> None:
        if any("jerseys" in b for b in self.brands[split]):
            brand = self.brand(split, need="jerseys")
            group, maker, jerseys = f"brand:{brand['id']}", "adidas", brand["jerseys"]
        else:  # a kit maker outside the registry: only the cue guard is tested
            group, maker = self.generic_group(split), "PUMA"
            jerseys = ["Manchester City 24/25 Home Replica Jersey", "AC Milan 24/25 Home Replica Shirt"]
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang="en",
            title=f"{maker} {self.rng.choice(jerseys)}, {self.rng.choice(['S', 'M', 'L', 'XL'])}",
            category="apparel",
            brand=maker,
            price=local_price(self.ctx, 95, "en", self.rng.uniform(0.9, 1.1)),
            infringing=False,
            families=[],
            primary="counterfeit_cue",
            hard="replica_jersey",
        )

    def _clean_product(self, split: str, i: int, hard: str | None, group: str, brand: str = "") -> None:
        lang = LANGS[i % 10]
        products = [p for p in self.tpl["clean_products"] if p.get("hard") == hard]
        product = self.rng.choice(products)
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=product[lang],
            category=product["cat"],
            brand=brand or self.rng.choice(["", "HomeLine", "Generic"]),
            price=local_price(self.ctx, product["usd"], lang, self.rng.uniform(0.8, 1.2)),
            infringing=False,
            families=[],
            primary="counterfeit_cue" if hard else "none",
            hard=hard,
            images=self.own_image(product["cat"]),
        )

    def scale_model(self, split: str, i: int) -> None:
        group = "brand:porsche" if split == "eval" else self.generic_group(split)
        self._clean_product(split, i, "scale_model", group, self.rng.choice(self.tpl["model_makers"]))

    def batteries(self, split: str, i: int) -> None:
        duracell = next(b for b in self.tpl["brands"] if b["id"] == "duracell")
        if split == "eval" and self.rng.random() < 0.4:
            lang = LANGS[i % 10]
            title, category, name, usd = self.genuine_text(duracell, lang)
            group = "brand:duracell"
            listing(
                self.ctx,
                split=split,
                group=group,
                seller=pick_seller(self.ctx, self.pool, group),
                lang=lang,
                title=title,
                category=category,
                brand=name,
                infringing=False,
                families=[],
                price=local_price(self.ctx, usd, lang, self.rng.uniform(0.85, 1.15)),
                primary="counterfeit_cue",
                hard="batteries",
            )
            return
        self._clean_product(
            split, i, "batteries", self.generic_group(split), self.rng.choice(self.tpl["battery_brands"])
        )

    def copy_paper(self, split: str, i: int) -> None:
        self._clean_product(split, i, "copy_paper", self.generic_group(split))

    def innocent_cue_word(self, split: str, i: int) -> None:
        self._clean_product(split, i, "innocent_cue_word", self.generic_group(split))

    def clean(self, split: str, i: int) -> None:
        self._clean_product(split, i, None, self.generic_group(split))

    def genuine_gi(self, split: str, i: int) -> None:
        entries = [(n, e) for n, e in sorted(self.tpl["gi_genuine"].items()) if self._gi_split(n) == split]
        name, entry = entries[i % len(entries)]
        group = f"gi:{slug(name)}"
        category = self._gi_category(name)
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=entry["lang"],
            title=entry["title"],
            description=entry["desc"],
            origin=entry["origin"],
            category=category,
            brand="",
            price=local_price(self.ctx, self.rng.uniform(15, 60), entry["lang"], 1.0),
            infringing=False,
            families=[],
            primary="gi",
            hard="genuine_gi",
        )

    def gi_innocent(self, split: str, i: int) -> None:
        entry = self.tpl["gi_innocent"][i % len(self.tpl["gi_innocent"])]
        group = self.generic_group(split)
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=entry["lang"],
            title=entry["title"],
            category=entry["cat"],
            brand="",
            infringing=False,
            families=[],
            primary="gi",
            price=local_price(self.ctx, self.rng.uniform(10, 80), entry["lang"], 1.0),
            hard="gi_innocent",
        )

    def feedback_genuine(self, split: str, i: int) -> None:
        lang, brand = LANGS[i % 10], self.brand(split)
        title, category, name, usd = self.genuine_text(brand, lang)
        group = f"brand:{brand['id']}"
        listing(
            self.ctx,
            split=split,
            group=group,
            seller=pick_seller(self.ctx, self.pool, group),
            lang=lang,
            title=title,
            category=category,
            brand=name,
            stage="feedback",
            reviews=self.rng.sample(
                self.tpl["feedback_good"][lang], k=min(2, len(self.tpl["feedback_good"][lang]))
            ),
            price=local_price(self.ctx, usd, lang, self.rng.uniform(0.85, 1.1)),
            infringing=False,
            families=[],
            primary="feedback",
            hard="feedback_genuine",
        )

    def _gi_split(self, name: str) -> str:
        if name in self.all_gis:
            return self.all_gis[name][1]
        return "tune" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0 else "eval"

    def _gi_category(self, name: str) -> str:
        return str(self.gi_by_name[name]["categories"][0])


# ---------------------------------------------------------------------------------------------- output


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
    gis = yaml.safe_load((ROOT / "src/ipwarden/screening/data/gi.yaml").read_text(encoding="utf-8"))[
        "indications"
    ]
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


# ---------------------------------------------------------------------------------------------- demo sample

# (id, seller, title, brand, category, price, currency, market, extra) -- sellers named demo-seller-* are
# the demo registry's (src/ipwarden/registry/data/demo/authorisations.jsonl); the others are invented here.
SAMPLE: list[tuple[str, str, str, str, str, float | None, str, str, dict[str, Any]]] = [
    (
        "s-01",
        "shop-homegoods",
        "Stainless steel water bottle 750ml",
        "HomeLine",
        "home",
        18.5,
        "USD",
        "US",
        {},
    ),
    ("s-02", "shop-homegoods", "Bamboo cutting board set of 3", "HomeLine", "home", 21.0, "USD", "US", {}),
    ("s-03", "shop-basics-de", "Baumwoll T-Shirt Rundhals, 3er Pack", "", "apparel", 22.9, "EUR", "DE", {}),
    ("s-04", "shop-runfast", "Breathable mesh running shoes, unbranded", "", "shoes", 34.0, "USD", "US", {}),
    ("s-05", "shop-canvas", "帆布托特包 带拉链 大容量", "", "bags", 59.0, "CNY", "CN", {}),
    (
        "s-06",
        "shop-sneakerhub",
        "Nike Air Zoom Pegasus 40 men's running shoes",
        "Nike",
        "shoes",
        129.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-07",
        "shop-gadgets",
        "Apple AirPods Pro (2nd generation) with USB-C case",
        "Apple",
        "audio",
        239.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-08",
        "demo-seller-sportsworld",
        "Nike Air Max 90 men's sneakers",
        "Nike",
        "shoes",
        130.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-09",
        "demo-seller-nike-official",
        "耐克 Dunk Low Retro 男子运动鞋",
        "耐克",
        "shoes",
        799.0,
        "CNY",
        "CN",
        {},
    ),
    (
        "s-10",
        "demo-seller-adidas-flagship-cn",
        "阿迪达斯 Originals Samba OG 官方复刻 正品",
        "阿迪达斯",
        "shoes",
        899.0,
        "CNY",
        "CN",
        {},
    ),
    (
        "s-11",
        "demo-seller-techmart",
        "Apple iPhone 15 Pro 256GB ナチュラルチタニウム",
        "Apple",
        "phones",
        159800.0,
        "JPY",
        "JP",
        {},
    ),
    (
        "s-12",
        "demo-seller-huawei-store",
        "华为 Mate 60 Pro 12GB+512GB 雅川青",
        "华为",
        "phones",
        6999.0,
        "CNY",
        "CN",
        {},
    ),
    (
        "s-13",
        "demo-seller-toyland",
        "乐高 LEGO Technic 保时捷 911 GT3 RS 42056",
        "LEGO",
        "toys",
        2999.0,
        "CNY",
        "CN",
        {},
    ),
    (
        "s-14",
        "demo-seller-kicks-outlet",
        "New Balance 990v6 Made in USA, factory seconds",
        "New Balance",
        "shoes",
        49.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-15",
        "shop-lux4less",
        "Rolex Submariner Date AAA+ replica watch, automatic",
        "",
        "watches",
        180.0,
        "USD",
        "US",
        {},
    ),
    ("s-16", "shop-putian-kicks", "耐克 空军一号 莆田纯原 高仿 男鞋", "", "shoes", 168.0, "CNY", "CN", {}),
    (
        "s-17",
        "shop-bolsos-top",
        "Bolso Louis Vuitton Neverfull réplica AAA",
        "",
        "bags",
        95.0,
        "EUR",
        "ES",
        {},
    ),
    ("s-18", "shop-tenis-br", "Tênis Nike Air Max 90 primeira linha", "", "shoes", 189.0, "BRL", "BR", {}),
    (
        "s-19",
        "shop-sacs-paris",
        "Sac Chanel Classic réplique qualité miroir",
        "",
        "bags",
        220.0,
        "EUR",
        "FR",
        {},
    ),
    ("s-20", "shop-schuhe-24", "Adidas Samba OG 1:1 Kopie", "", "shoes", 39.0, "EUR", "DE", {}),
    (
        "s-21",
        "shop-krossy",
        "Кроссовки Nike Air Force 1 реплика люкс качество",
        "",
        "shoes",
        2900.0,
        "RUB",
        "RU",
        {},
    ),
    ("s-22", "shop-tokyo-brand", "シャネル スーパーコピー 財布 N級品", "", "bags", 9800.0, "JPY", "JP", {}),
    ("s-23", "shop-seoul-style", "구찌 짝퉁 벨트 미러급", "", "apparel", 45000.0, "KRW", "KR", {}),
    ("s-24", "shop-giay-sg", "Giày Nike Air Jordan 1 hàng fake 1:1", "", "shoes", 650000.0, "VND", "VN", {}),
    ("s-25", "shop-sneakerdeals", "N-I-K-E Air Max 90 white red", "", "shoes", 85.0, "USD", "US", {}),
    ("s-26", "shop-sneakerdeals", "ADlDAS Samba OG black white", "", "shoes", 70.0, "USD", "US", {}),
    ("s-27", "shop-cups-cn", "xingbake 同款 保温杯 不锈钢", "", "coffee", 39.0, "CNY", "CN", {}),
    ("s-28", "shop-gadgets2", "Apple AirPods Pro (2nd generation)", "Apple", "audio", 29.0, "USD", "US", {}),
    (
        "s-29",
        "shop-bagsdirect",
        "Louis Vuitton Speedy Bandoulière 25 Monogram",
        "Louis Vuitton",
        "bags",
        150.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-30",
        "shop-caseworld",
        "Silicone case for iPhone 15 Pro, shockproof",
        "Spigen",
        "phone accessories",
        12.99,
        "USD",
        "US",
        {},
    ),
    (
        "s-31",
        "shop-caseworld",
        "Replacement band compatible with Apple Watch 45mm",
        "Generic",
        "phone accessories",
        9.99,
        "USD",
        "US",
        {},
    ),
    (
        "s-32",
        "shop-shouji-cn",
        "适用于华为Mate60Pro 真皮手机壳",
        "",
        "phone accessories",
        39.0,
        "CNY",
        "CN",
        {},
    ),
    (
        "s-33",
        "shop-homegoods",
        "AAA batteries 24 pack, alkaline 1.5V",
        "AmazonBasics",
        "batteries",
        13.5,
        "USD",
        "US",
        {},
    ),
    (
        "s-34",
        "shop-models",
        "1:18 diecast Porsche 911 GT3 RS model car",
        "Minichamps",
        "toys",
        95.0,
        "USD",
        "US",
        {},
    ),
    (
        "s-35",
        "shop-fanstore",
        "adidas Real Madrid 24/25 Home Replica Jersey",
        "adidas",
        "apparel",
        95.0,
        "USD",
        "US",
        {},
    ),
    ("s-36", "shop-office", "A4 copy paper 80gsm, 500 sheets", "Double A", "home", 8.9, "USD", "US", {}),
    (
        "s-37",
        "shop-wine-ca",
        "California Champagne-style sparkling wine, 750ml",
        "",
        "wine",
        14.0,
        "USD",
        "US",
        {"origin": "US", "description": "Made in California."},
    ),
    (
        "s-38",
        "shop-tea-cn",
        "西湖龙井 明前特级 250g",
        "",
        "tea",
        88.0,
        "CNY",
        "CN",
        {"origin": "CN/Guizhou", "description": "产地：贵州湄潭"},
    ),
    (
        "s-39",
        "shop-cheese-uk",
        "Parmigiano Reggiano style hard cheese 1kg",
        "",
        "cheese",
        9.5,
        "GBP",
        "GB",
        {"origin": "US", "description": "Made in Wisconsin, USA."},
    ),
    (
        "s-40",
        "shop-wine-fr",
        "Champagne Brut Réserve AOC, vigneron indépendant, 75cl",
        "",
        "wine",
        32.0,
        "EUR",
        "FR",
        {"origin": "FR/Champagne", "description": "Produit de France, élaboré à Épernay."},
    ),
    (
        "s-41",
        "shop-newstore-77",
        "Men's running sneakers, white, sizes 40-45",
        "",
        "shoes",
        45.0,
        "USD",
        "US",
        {"images": ["images/s-41.jpg"]},
    ),
    (
        "s-42",
        "shop-relist-9",
        "fast shipping AM90 white red sneakers men 40-45",
        "",
        "shoes",
        55.0,
        "USD",
        "US",
        {"images": ["images/s-42.png"]},
    ),
    ("s-43", "shop-linked-new", "Nike Air Force 1 '07 white", "Nike", "shoes", 95.0, "USD", "US", {}),
    (
        "s-44",
        "shop-sneakerhub",
        "Nike Dunk Low Retro panda",
        "Nike",
        "shoes",
        115.0,
        "USD",
        "US",
        {
            "stage": "feedback",
            "reviews": ["Fast delivery.", "Total fake, the logo is crooked and the box smells of glue."],
        },
    ),
    (
        "s-45",
        "shop-gadgets",
        "苹果 AirPods 4 无线耳机",
        "苹果",
        "audio",
        999.0,
        "CNY",
        "CN",
        {"stage": "feedback", "reviews": ["假货，和专柜的完全不一样", "不是正品，logo都歪了"]},
    ),
]
SAMPLE_PRICES = [
    ("nike", "shoes", "US", 125.0, "USD"),
    ("nike", "shoes", "CN", 899.0, "CNY"),
    ("nike", "shoes", "BR", 699.0, "BRL"),
    ("nike", "shoes", "RU", 12000.0, "RUB"),
    ("nike", "shoes", "VN", 3200000.0, "VND"),
    ("adidas", "shoes", "DE", 110.0, "EUR"),
    ("adidas", "shoes", "CN", 899.0, "CNY"),
    ("adidas", "shoes", "US", 110.0, "USD"),
    ("apple", "audio", "US", 249.0, "USD"),
    ("apple", "audio", "CN", 1399.0, "CNY"),
    ("apple", "phones", "JP", 159800.0, "JPY"),
    ("huawei", "phones", "CN", 6999.0, "CNY"),
    ("louisvuitton", "bags", "US", 2100.0, "USD"),
    ("louisvuitton", "bags", "ES", 1950.0, "EUR"),
    ("chanel", "bags", "FR", 9500.0, "EUR"),
    ("chanel", "bags", "JP", 1500000.0, "JPY"),
    ("gucci", "apparel", "KR", 650000.0, "KRW"),
    ("rolex", "watches", "US", 10250.0, "USD"),
    ("newbalance", "shoes", "US", 200.0, "USD"),
    ("lego", "toys", "CN", 2999.0, "CNY"),
    ("starbucks", "coffee", "CN", 198.0, "CNY"),
]


def build_sample(data: Path) -> None:
    """The demo's sample listings (data/sample-listings.jsonl) and their context (data/sample-context/)."""
    context = data / "sample-context"
    images = ImageMaker(context)
    rng = random.Random(f"{SEED}:sample")
    logo = images.logo("nike", "NIKE")
    images.save(logo, "images/protected/nike-logo.png")
    images.save(images.near_copy(logo, "text", rng), "images/s-41.jpg")
    removed_shot = images.product("sample-removed", "shoes")
    images.save(removed_shot, "images/removed/rm-0001.png")
    images.save(images.near_copy(removed_shot, "resize", rng), "images/s-42.png")
    rows = []
    for ident, seller, title, brand, category, price, currency, market, extra in SAMPLE:
        row: dict[str, Any] = {
            "id": ident,
            "seller_id": seller,
            "title": title,
            "description": "",
            "brand": brand,
            "category": category,
            "price": price,
            "currency": currency,
            "market": market,
            "images": [],
            "stage": "listing",
            "reviews": [],
            "date": "2026-11-20",
        }
        row.update(extra)
        rows.append(row)
    write_jsonl(data / "sample-listings.jsonl", rows)
    write_jsonl(
        context / "reference-prices.jsonl",
        [
            {"brand": b, "category": c, "market": m, "price": p, "currency": cur}
            for b, c, m, p, cur in SAMPLE_PRICES
        ]
        + [
            {"brand": None, "category": "phone accessories", "market": "US", "price": p, "currency": "USD"}
            for p in (9.99, 12.99, 14.5, 15.99, 19.99, 11.0, 24.99)
        ],
    )
    write_jsonl(
        context / "protected-images.jsonl",
        [
            {
                "id": "pi-nike-logo",
                "right_id": "DEMO-US-NIKE",
                "owner": "Nike, Inc.",
                "path": "images/protected/nike-logo.png",
                "label": "NIKE logo (stand-in drawing)",
            }
        ],
    )
    write_jsonl(
        context / "removed-listings.jsonl",
        [
            {
                "id": "rm-0001",
                "seller_id": "shop-banned-3",
                "title": "AM90 white red sneakers men 40-45 fast shipping",
                "images": ["images/removed/rm-0001.png"],
                "right_id": "DEMO-US-NIKE",
                "owner": "Nike, Inc.",
                "removed_on": "2026-10-02",
                "reason": "upheld complaint: counterfeit goods",
            }
        ],
    )
    sellers = sorted({row["seller_id"] for row in rows} | {"shop-banned-3"})
    history = []
    for seller in sellers:
        phone = int(hashlib.sha256(seller.encode()).hexdigest(), 16) % 10**7
        record: dict[str, Any] = {
            "seller_id": seller,
            "created": "2021-03-15",
            "strikes": 0,
            "removed": False,
            "identifiers": [f"phone:+1555{phone:07d}"],
        }
        if seller == "shop-banned-3":
            record.update(
                strikes=3, removed=True, identifiers=["phone:+15550001111", "bank:DE89370400440532013000"]
            )
        elif seller == "shop-linked-new":
            record.update(
                created="2026-11-17", identifiers=["phone:+15550002222", "bank:DE89370400440532013000"]
            )
        elif seller == "shop-newstore-77":
            record.update(created="2026-11-18")
        elif seller in ("shop-lux4less", "shop-putian-kicks"):
            record.update(strikes=2)
        history.append(record)
    write_jsonl(context / "seller-history.jsonl", history)


def tree(path: Path) -> Iterator[Path]:
    return (p.relative_to(path) for p in sorted(path.rglob("*")) if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "eval/screening")
    parser.add_argument("--check", action="store_true", help="rebuild in a temporary folder and compare")
    parser.add_argument(
        "--sample", action="store_true", help="also write the demo sample into the package data"
    )
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp)
            shutil.copy(ROOT / "eval/screening/templates.yaml", fresh / "templates.yaml")
            build(fresh)
            generated = [p for p in tree(fresh) if p.name != "templates.yaml"]
            differ = (
                [str(p) for p in generated if not filecmp.cmp(fresh / p, args.out / p, shallow=False)]
                if all((args.out / p).is_file() for p in generated)
                else ["(missing files)"]
            )
        print("identical" if not differ else f"differs: {differ[:10]}")
        return 0 if not differ else 1
    if args.sample:
        build_sample(ROOT / "src/ipwarden/screening/data")
    summary = build(args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
