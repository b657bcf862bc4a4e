"""Extra tuning-split cases for the families whose tuning share was small: GI, referential use, stay-down.

Written after the held-out listings are shuffled and numbered, from a random stream of their own, and only
for tuning groups (the tuning brands Samsung, Casio, Ray-Ban, Moncler; the tuning GIs), so the held-out
rows stay byte-identical. Their context rows (sellers, removed listings, pictures) are appended to the
context files; a new removed picture within 16 bits of any listing picture already written is dropped with
its case and drawn again, so the held-out listings' image matches do not change.

Vocabulary, all public facts: GI names as the registers and the markets write them (EU eAmbrosia, the
EU-China agreement, Mexico's Mezcal declaration); evocation wordings of EU Reg. 2024/1143 Art. 26 and CJEU
C-783/19 ("style", "type", "method", "imitation", "flavour"); real accessory kinds sold for these brands'
products (Galaxy Watch bands, Galaxy Buds ear tips, G-Shock DW-5600 bands, replacement lenses for
Ray-Ban RB2140).
"""

from __future__ import annotations

import random
import sys
from typing import Any

from PIL import Image

from screening_eval.cases import Cases
from screening_eval.common import (
    GI_PRICE_USD,
    GI_PRODUCT_NOUN,
    LANGS,
    ROOT,
    SEED,
    Ctx,
    listing,
    local_price,
    pick_seller,
    slug,
)

__all__ = ["add_tuning_cases"]

MARGIN = 16  # bits: a new removed picture stays further than this from every listing picture (as keep_apart)

# (GI, how listings in each language write it, where the misused goods come from)
GI_NAMES: dict[str, dict[str, str]] = {
    "Champagne": {
        "en": "Champagne",
        "zh": "香槟",
        "es": "Champán",
        "pt": "Champanhe",
        "fr": "Champagne",
        "de": "Champagner",
        "ru": "шампанского",
        "ja": "シャンパン",
        "ko": "샴페인",
        "vi": "Sâm panh",
    },
    "Prosciutto di Parma": {
        "en": "Parma ham",
        "zh": "帕尔马火腿",
        "es": "Jamón de Parma",
        "pt": "Presunto de Parma",
        "fr": "Jambon de Parme",
        "de": "Parmaschinken",
        "ru": "Пармская ветчина",
        "ja": "パルマハム",
        "ko": "파르마 햄",
        "vi": "Prosciutto di Parma",
    },
    "Rioja": {"ru": "Риоха", "ko": "리오하", "ja": "リオハ", "zh": "里奥哈", "en": "Rioja", "es": "Rioja"},
    "Prosecco": {"ru": "Просекко", "ja": "プロセッコ", "ko": "프로세코", "zh": "普罗塞克", "de": "Prosecco"},
    "Ouzo": {"ru": "Узо", "ja": "ウーゾ", "ko": "우조", "zh": "乌佐酒", "fr": "Ouzo"},
    "Mezcal": {"ru": "Мескаль", "ja": "メスカル", "ko": "메스칼", "zh": "梅斯卡尔", "pt": "Mezcal"},
    "Armagnac": {"ru": "Арманьяк", "ja": "アルマニャック", "ko": "아르마냑", "vi": "Armagnac"},
}
# "{gi} {thing}"-style evocations per language (the GI name, then or after an evocation word)
EVOCATIONS: dict[str, list[str]] = {
    "en": ["{thing}, {gi} method", "{gi} flavoured {thing}", "imitation {gi} {thing}", "{thing} {gi}-type"],
    "zh": ["{gi}类{thing}", "仿{gi}{thing}", "{gi}工艺 {thing}"],
    "es": ["{thing} al estilo de {gi}", "{thing} sabor a {gi}", "{thing} imitación {gi}"],
    "pt": ["{thing} estilo {gi}", "{thing} imitação de {gi}", "{thing} receita {gi}"],
    "fr": ["{thing} façon {gi}", "{thing}, méthode {gi}", "{thing} goût de {gi}"],
    "de": ["{thing} nach Art {gi}", "{thing} im {gi}-Stil", "{thing} {gi} Imitat"],
    "ru": ["{thing} в стиле {gi}", "{thing} типа {gi}", "{thing} со вкусом {gi}"],
    "ja": ["{gi}風味 {thing}", "{gi}スタイル {thing}", "{gi}製法 {thing}"],
    "ko": ["{gi}풍 {thing}", "{gi} 스타일 {thing}", "{gi} 타입 {thing}"],
    "vi": ["{thing} phong cách {gi}", "{thing} hương vị {gi}", "{thing} theo kiểu {gi}"],
}
MADE_IN: dict[str, tuple[str, str]] = {  # language -> (origin field, words of the description)
    "en": ("US", "Product of the USA"),
    "zh": ("CN/Hebei", "产地：河北"),
    "es": ("CL", "Hecho en Chile"),
    "pt": ("BR", "Fabricado no Brasil"),
    "fr": ("CA", "Produit au Canada"),
    "de": ("PL", "Hergestellt in Polen"),
    "ru": ("RU", "Сделано в России"),
    "ja": ("US", "アメリカ製"),
    "ko": ("AU", "호주산"),
    "vi": ("VN", "Sản xuất tại Việt Nam"),
}
# genuine GI goods with the origin stated (language, title, description, origin field)
GI_GENUINE: dict[str, list[tuple[str, str, str, str]]] = {
    "Champagne": [
        ("de", "Champagner Brut, 0,75 l, Winzerchampagner", "Aus Frankreich, Reims.", "FR/Champagne"),
        ("ja", "シャンパン ブリュット 750ml", "フランス シャンパーニュ地方 エペルネ産", "FR/Champagne"),
        ("ru", "Шампанское брют, Франция, 0,75 л", "Произведено во Франции, Эперне.", "FR/Champagne"),
    ],
    "Prosciutto di Parma": [
        ("de", "Parmaschinken DOP, 24 Monate, 100 g", "Aus Italien, Parma.", "IT/Parma"),
        ("fr", "Jambon de Parme AOP, 16 mois, 120 g", "Produit d'Italie, Parma.", "IT/Parma"),
    ],
    "Mezcal": [("es", "Mezcal joven 100% agave espadín, 700 ml", "Hecho en Oaxaca, México.", "MX/Oaxaca")],
    "Rioja": [("ja", "リオハ クリアンサ 2020 赤ワイン", "スペイン ラ・リオハ産", "ES/La Rioja")],
    "Prosecco": [("ko", "프로세코 DOC 엑스트라 드라이 750ml", "이탈리아 베네토산", "IT/Veneto-Friuli")],
}
# accessories that name the product they fit: (brand id, category, {language: title})
ACCESSORIES: list[tuple[str, str, dict[str, str]]] = [
    (
        "samsung",
        "watches",
        {
            "en": "Silicone sport band for Samsung Galaxy Watch 6, 20mm",
            "zh": "三星 Galaxy Watch 6 专用 硅胶表带 20mm",
            "es": "Correa de silicona compatible con Samsung Galaxy Watch 6",
            "pt": "Pulseira de silicone para Samsung Galaxy Watch 6",
            "fr": "Bracelet sport en silicone pour Samsung Galaxy Watch 6",
            "de": "Silikon Armband passend für Samsung Galaxy Watch 6",
            "ru": "Силиконовый ремешок для Samsung Galaxy Watch 6",
            "ja": "Galaxy Watch 6 対応 シリコンバンド 20mm",
            "ko": "갤럭시 워치6 호환 실리콘 스트랩 Samsung Galaxy Watch 6",
            "vi": "Dây đeo silicon cho Samsung Galaxy Watch 6",
        },
    ),
    (
        "samsung",
        "audio",
        {
            "en": "Replacement ear tips for Samsung Galaxy Buds2 Pro, 3 pairs",
            "zh": "适用于三星 Galaxy Buds2 Pro 耳塞套 3对",
            "es": "Almohadillas de repuesto para Samsung Galaxy Buds2 Pro",
            "pt": "Ponteiras de silicone compatível com Samsung Galaxy Buds2 Pro",
            "fr": "Embouts de rechange compatible avec Samsung Galaxy Buds2 Pro",
            "de": "Ersatz für Samsung Galaxy Buds2 Pro Ohrstöpsel, 3 Paar",
            "ru": "Амбушюры совместимые с Samsung Galaxy Buds2 Pro",
            "ja": "Galaxy Buds2 Pro 互換 イヤーピース 3ペア",
            "ko": "Samsung Galaxy Buds2 Pro 호환 이어팁 3쌍",
            "vi": "Nút tai thay thế cho Samsung Galaxy Buds2 Pro",
        },
    ),
    (
        "casio",
        "watches",
        {
            "en": "Replacement resin band for Casio G-Shock DW-5600E, black",
            "zh": "适配卡西欧 G-Shock DW-5600E 替换表带 黑色",
            "es": "Correa de repuesto para Casio G-Shock DW-5600E, negra",
            "pt": "Pulseira de reposição para Casio G-Shock DW-5600E",
            "fr": "Bracelet de remplacement pour Casio G-Shock DW-5600E",
            "de": "Ersatzarmband kompatibel mit Casio G-Shock DW-5600E",
            "ru": "Ремешок для Casio G-Shock DW-5600E, чёрный",
            "ja": "CASIO G-SHOCK DW-5600E 対応 交換ベルト ブラック",
            "ko": "CASIO G-SHOCK DW-5600E 호환 교체 밴드",
            "vi": "Dây đeo thay thế cho Casio G-Shock DW-5600E",
        },
    ),
    (
        "ray_ban",
        "eyewear",
        {
            "en": "Polarized replacement lenses for Ray-Ban RB2140 Wayfarer 50mm",
            "zh": "适用于雷朋 Ray-Ban RB2140 偏光替换镜片",
            "es": "Lentes de repuesto polarizadas para Ray-Ban RB2140 Wayfarer",
            "pt": "Lentes de reposição polarizadas para Ray-Ban RB2140",
            "fr": "Verres de remplacement polarisés pour Ray-Ban RB2140 Wayfarer",
            "de": "Polarisierte Ersatzgläser passend für Ray-Ban RB2140 Wayfarer",
            "ru": "Поляризационные линзы для Ray-Ban RB2140 Wayfarer, замена",
            "ja": "Ray-Ban RB2140 対応 偏光 交換レンズ",
            "ko": "Ray-Ban RB2140 호환 편광 교체 렌즈",
            "vi": "Tròng kính phân cực thay thế cho Ray-Ban RB2140",
        },
    ),
]
ACCESSORY_USD = {"watches": 12.0, "audio": 9.0, "eyewear": 25.0}


def add_tuning_cases(ctx: Ctx, cases: Cases) -> int:
    """Append the extra tuning cases; returns how many listings were added."""
    before = len(ctx.listings)
    rng = random.Random(f"{SEED}:tuning")
    ctx.rng = cases.rng = rng  # only these cases draw from it: the held-out rows are already written
    _gi_cases(ctx, cases, rng)
    _accessories(ctx, cases)
    _stay_down(ctx, cases)
    return len(ctx.listings) - before


def _gi_cases(ctx: Ctx, cases: Cases, rng: random.Random) -> None:
    tune = {str(g["name"]): g for g in cases.gis["tune"]}
    for name, spellings in GI_NAMES.items():
        gi = tune[name]
        key = GI_PRODUCT_NOUN[gi["product"]]
        for lang, written in sorted(spellings.items(), key=lambda item: LANGS.index(item[0])):
            thing = str(ctx.tpl["gi_nouns"][key][lang])
            title = rng.choice(EVOCATIONS[lang]).format(gi=written, thing=thing)
            origin, made_in = MADE_IN[lang]
            _gi_listing(
                ctx,
                cases,
                gi,
                lang=lang,
                title=title,
                made_in=made_in,
                origin=origin,
                key=key,
                infringing=True,
            )
    for name, rows in GI_GENUINE.items():
        gi = tune[name]
        key = GI_PRODUCT_NOUN[gi["product"]]
        for lang, title, made_in, origin in rows:
            _gi_listing(
                ctx,
                cases,
                gi,
                lang=lang,
                title=title,
                made_in=made_in,
                origin=origin,
                key=key,
                infringing=False,
            )


def _gi_listing(
    ctx: Ctx,
    cases: Cases,
    gi: dict[str, Any],
    *,
    lang: str,
    title: str,
    made_in: str,
    origin: str,
    key: str,
    infringing: bool,
) -> None:
    group = f"gi:{slug(gi['name'])}"
    listing(
        ctx,
        split="tune",
        group=group,
        seller=pick_seller(ctx, cases.pool, group),
        lang=lang,
        title=title,
        category=str(gi["categories"][0]),
        brand="",
        description=made_in,
        origin=origin,
        price=local_price(ctx, GI_PRICE_USD[key], lang, ctx.rng.uniform(0.6, 1.1)),
        infringing=infringing,
        families=["gi"] if infringing else [],
        primary="gi",
        hard=None if infringing else "genuine_gi",
    )


def _accessories(ctx: Ctx, cases: Cases) -> None:
    for brand, category, titles in ACCESSORIES:
        group = f"brand:{brand}"
        for lang in LANGS[::2] if brand != "samsung" else LANGS[1::2]:
            listing(
                ctx,
                split="tune",
                group=group,
                seller=pick_seller(ctx, cases.pool, group),
                lang=lang,
                title=titles[lang],
                category="phone accessories" if category != "eyewear" else "eyewear",
                brand=ctx.rng.choice(["Generic", "", "Spigen", "ESR"]),
                price=local_price(ctx, ACCESSORY_USD[category], lang, ctx.rng.uniform(0.8, 1.2)),
                infringing=False,
                families=["referential"],
                primary="referential",
                hard="compatible_accessory",
            )


def _stay_down(ctx: Ctx, cases: Cases, count: int = 16) -> None:
    """Re-listings of removed listings, and a genuine listing of each removed product sold under its name."""
    sys.path.insert(0, str(ROOT / "src"))
    from ipwarden.screening.images import hamming, phash

    def h(rel: str) -> int:
        with Image.open(ctx.out / rel) as image:
            return phash(image)

    written = [h(img) for img in sorted({i for row in ctx.listings for i in row["images"]} | set(cases.own))]
    made, attempt = 0, 0
    while made < count and attempt < 20 * count:
        attempt += 1
        rows, removed = len(ctx.listings), len(ctx.removed)
        cases.stay_down("tune", made)
        picture = h(ctx.removed[-1]["images"][0])
        if (
            min(hamming(picture, other) for other in written) <= MARGIN
        ):  # held-out image matches stay as they were
            for rel in [i for r in ctx.removed[removed:] for i in r["images"]] + [
                i for r in ctx.listings[rows:] for i in r["images"]
            ]:
                (ctx.out / rel).unlink()
                cases.copies.pop(rel, None)
            del ctx.listings[rows:], ctx.removed[removed:]
            continue
        made += 1
        brand = next(b for b in ctx.tpl["brands"] if b["id"] == ctx.listings[-1]["group"].split(":")[1])
        title = ctx.removed[-1]["title"]
        marks = [str(m).casefold() for m in brand["marks"]] + [str(brand["zh"])]
        if not any(title.casefold().startswith(m) for m in marks):
            continue  # an unbranded removed title ("RB21 black ..."): no genuine listing names it
        genuine = " ".join(title.split()[:-1])  # the product's name without the removed seller's last word
        relisted = ctx.listings[-1]
        group = relisted["group"]
        listing(
            ctx,
            split="tune",
            group=group,
            seller=pick_seller(ctx, cases.pool, group),
            lang=relisted["label"]["language"],
            title=genuine,
            category=relisted["category"],
            brand=title.split()[0],
            price=local_price(
                ctx,
                float(brand["price_usd"][relisted["category"]]),
                relisted["label"]["language"],
                ctx.rng.uniform(0.9, 1.1),
            ),
            infringing=False,
            families=[],
            primary="stay_down",
            hard="genuine_title",
        )
