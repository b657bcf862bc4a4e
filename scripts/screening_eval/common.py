"""Constants, the build context and the helpers every case generator uses."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from screening_eval.pictures import ImageMaker

ROOT = Path(__file__).resolve().parents[2]
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
