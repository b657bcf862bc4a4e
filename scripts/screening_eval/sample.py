"""The demo sample (src/ipwarden/screening/data/sample-listings.jsonl and sample-context/)."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

from screening_eval.common import SEED
from screening_eval.output import write_jsonl
from screening_eval.pictures import ImageMaker

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
