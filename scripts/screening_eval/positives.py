"""Positive cases of the mark, counterfeit-cue, price, image, seller and feedback families."""

from __future__ import annotations

from screening_eval.base import CaseBase
from screening_eval.common import (
    INSPIRED,
    LANGS,
    brand_name,
    disguise,
    listing,
    local_price,
    new_seller,
    noun,
    pick_line,
    pick_seller,
    word,
)


class PositiveCases(CaseBase):
    """Listings a correct screener flags, one generator per family (GI and stay-down have their own)."""

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
