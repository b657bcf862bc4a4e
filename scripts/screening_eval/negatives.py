"""Hard negatives and clean listings: genuine titles, accessories, authorised sellers, false friends."""

from __future__ import annotations

import datetime as dt

from screening_eval.base import CaseBase
from screening_eval.common import (
    LANGS,
    lang_info,
    listing,
    local_price,
    new_seller,
    pick_seller,
    word,
)


class NegativeCases(CaseBase):
    """Listings a correct screener leaves alone (or clears by authorisation or referential use)."""

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
