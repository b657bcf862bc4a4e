"""Stay-down cases: a removed listing and its re-listing (words shuffled, one added, often its picture)."""

from __future__ import annotations

import datetime as dt

from screening_eval.base import CaseBase
from screening_eval.common import (
    LANGS,
    WORN,
    brand_name,
    listing,
    local_price,
    new_seller,
    noun,
    pick_line,
    pick_seller,
    word,
)


class StayDownCases(CaseBase):
    """Re-listings of removed listings; the removed listing goes into the stay-down reference."""

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
