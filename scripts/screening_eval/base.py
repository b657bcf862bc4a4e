"""State and shared pieces of the case generators (the family modules add one method per case)."""

from __future__ import annotations

from typing import Any

from PIL import Image

from screening_eval.common import (
    GI_PRODUCT_NOUN,
    TUNE_BRANDS,
    WORN,
    Ctx,
    brand_name,
    noun,
    pick_line,
    word,
)


class CaseBase:
    """What every case generator shares: the context, the seller pools, the split's brands and GIs."""

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
