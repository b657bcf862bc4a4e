"""Geographical-indication cases: misuse on goods from elsewhere, genuine GI goods, innocent words."""

from __future__ import annotations

import hashlib

from screening_eval.base import CaseBase
from screening_eval.common import (
    CN_ELSEWHERE,
    GI_PRICE_USD,
    GI_PRODUCT_NOUN,
    LANGS,
    gi_name_in,
    listing,
    local_price,
    pick_seller,
    slug,
)


class GiCases(CaseBase):
    """GI positives (the name or an evocation on goods from elsewhere) and their hard negatives."""

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

    def _gi_split(self, name: str) -> str:
        if name in self.all_gis:
            return self.all_gis[name][1]
        return "tune" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0 else "eval"

    def _gi_category(self, name: str) -> str:
        return str(self.gi_by_name[name]["categories"][0])
