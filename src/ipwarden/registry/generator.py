"""Synthetic trademark registries for benchmarks and scale tests, deterministic for a seed.

Marks are built the way real ones are: dictionary words in six languages, word pairs, coined names from a
syllable model, Chinese brand names (2-4 common brand characters) and their pinyin, figurative and combined
marks with Vienna codes. Owners carry legal forms and countries; classes, offices and statuses follow the
distributions documented in docs/generator.md. Records come out in the JSONL schema (``generate_records``)
or as :class:`Right` objects (``generate_rights``); writers produce JSONL and USPTO trademark XML v2.0.

Speed: one ``random.Random`` per chunk of records, lookup tables prepared once, JSON written with orjson
when it is installed. Chunk ``k`` is seeded from ``(seed, k)`` alone, so output is the same for a seed
whatever the count (a shorter run is a prefix of a longer one).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import IO, Any

from ipwarden.registry.generator_uspto import USPTO_FOOTER, case_files, uspto_header, write_uspto_xml
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind, Status
from ipwarden.registry.nice import load_classification, related_classes

__all__ = [
    "CLASS_WEIGHTS",
    "OFFICE_WEIGHTS",
    "STATUS_WEIGHTS",
    "generate_records",
    "generate_rights",
    "record_to_right",
    "write_generated",
    "write_jsonl",
    "write_uspto_xml",
]

CHUNK = 5_000

#: Share of first-listed classes (percent, rounded); the big filing classes lead as in office statistics.
CLASS_WEIGHTS: dict[int, float] = {
    9: 11, 35: 10, 25: 7, 42: 6, 41: 5, 3: 4.5, 5: 4, 30: 3.5, 16: 2.5, 18: 2.5, 28: 2.5, 44: 2.5,
    43: 2.5, 36: 2, 29: 2, 32: 1.8, 33: 1.8, 21: 1.8, 11: 1.8, 14: 1.6, 7: 1.6, 10: 1.5, 20: 1.5,
    12: 1.2, 45: 1.2, 37: 1.2, 39: 1.2, 31: 1.1, 38: 1.1, 40: 0.9, 6: 0.9, 24: 0.8, 1: 0.8, 8: 0.7,
    19: 0.7, 26: 0.5, 4: 0.5, 34: 0.5, 2: 0.4, 15: 0.4, 17: 0.4, 22: 0.3, 23: 0.2, 27: 0.3, 13: 0.1,
}  # fmt: skip
OFFICE_WEIGHTS: dict[str, float] = {
    "CN": 30, "US": 16, "EM": 8, "JP": 6, "KR": 6, "IN": 5, "GB": 4, "BR": 4, "DE": 3, "FR": 3,
    "WO": 3, "AU": 2, "CA": 2, "RU": 2, "MX": 2, "TR": 2, "IT": 1, "ES": 1,
}  # fmt: skip
STATUS_WEIGHTS: dict[str, float] = {
    "registered": 55, "pending": 14, "published": 5, "opposed": 1, "expired": 10, "refused": 5,
    "cancelled": 4, "withdrawn": 2, "abandoned": 4,
}  # fmt: skip
MARK_TYPE_WEIGHTS: dict[str, float] = {
    "word": 72,
    "combined": 17,
    "figurative": 8,
    "3d": 1.5,
    "colour": 1,
    "sound": 0.5,
}
#: How many classes one filing covers (1: 62 %, 2: 18 % …).
CLASS_COUNT_WEIGHTS: dict[int, float] = {1: 62, 2: 18, 3: 9, 4: 5, 5: 3, 6: 2, 8: 1}
#: Owner countries with the legal forms used there and the language their new marks are mostly in.
COUNTRIES: dict[str, tuple[float, str, tuple[str, ...]]] = {
    "CN": (30, "zh", ("Co., Ltd.", "有限公司", "Technology Co., Ltd.", "Trading Co., Ltd.")),
    "US": (18, "en", ("Inc.", "LLC", "Corp.", "Co.")),
    "JP": (6, "en", ("Co., Ltd.", "K.K.", "Corporation")),
    "KR": (5, "en", ("Co., Ltd.", "Corporation")),
    "DE": (5, "de", ("GmbH", "AG", "GmbH & Co. KG")),
    "GB": (4, "en", ("Ltd", "Limited", "PLC", "LLP")),
    "FR": (4, "fr", ("S.A.", "SAS", "SARL")),
    "IT": (3, "it", ("S.p.A.", "S.r.l.")),
    "ES": (3, "es", ("S.A.", "S.L.")),
    "BR": (3, "pt", ("Ltda.", "S.A.")),
    "PT": (1, "pt", ("Lda.", "S.A.")),
    "MX": (2, "es", ("S.A. de C.V.",)),
    "IN": (4, "en", ("Private Limited", "Limited")),
    "CH": (2, "de", ("AG", "SA", "GmbH")),
    "TW": (2, "zh", ("Co., Ltd.", "股份有限公司")),
    "HK": (2, "en", ("Limited",)),
    "NL": (2, "en", ("B.V.", "N.V.")),
    "AU": (2, "en", ("Pty Ltd",)),
    "CA": (2, "en", ("Inc.", "Ltd.")),
}
#: The office a domestic owner files at first.
HOME_OFFICE: dict[str, str] = {"PT": "EM", "NL": "EM", "CH": "WO", "TW": "CN", "HK": "CN"}
#: Vienna categories 1-29 with sample division.section codes used by the generator.
VIENNA_CODES: tuple[str, ...] = (
    "01.01.01", "01.01.05", "01.03.01", "01.03.02", "01.07.01", "01.15.15", "02.01.01", "02.09.01",
    "03.01.01", "03.01.08", "03.04.01", "03.07.01", "03.07.17", "03.09.01", "03.11.01", "04.05.01",
    "05.01.01", "05.03.11", "05.03.13", "05.05.20", "05.07.01", "06.01.01", "06.07.01", "07.01.01",
    "08.01.01", "09.03.01", "11.01.01", "15.07.01", "17.02.01", "18.01.01", "19.07.01", "21.01.01",
    "24.01.03", "24.09.01", "24.17.01", "25.01.01", "26.01.01", "26.01.03", "26.01.16", "26.03.01",
    "26.04.01", "26.04.02", "26.04.04", "26.05.01", "26.11.01", "26.11.03", "26.11.12", "27.05.01",
    "27.05.10", "27.07.01", "28.03.00", "29.01.01", "29.01.02", "29.01.04", "29.01.08", "29.01.12",
)  # fmt: skip
_ONSETS = ("b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cl", "dr",
           "fl", "gr", "kr", "pr", "qu", "st", "tr", "vr", "x", "zh", "")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o", "ia", "ea", "ou", "y")
_CODAS = ("", "", "", "n", "r", "x", "l", "s", "m", "k")
_SUFFIXES = ("a", "ex", "ix", "ora", "io", "on", "ify", "ly", "eon", "ara", "us", "ia", "o", "ella", "ent")
_LANGS = ("en", "es", "fr", "de", "it", "pt")
_DAY0 = dt.date(1975, 1, 1).toordinal()
_TODAY = dt.date(2026, 11, 22).toordinal()


def _lines(name: str) -> list[str]:
    text = resources.files("ipwarden.registry").joinpath("data", "generator", name).read_text("utf-8")
    words: dict[str, None] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(dict.fromkeys(line.split()))
    return list(words)


_PICK = 4096  # weighted choices use a table of this many slots: one random() and one index per draw


def _picker(weights: dict[Any, float]) -> tuple[Any, ...]:
    """A table where each item fills slots in proportion to its weight (error < 1/4096)."""
    total = sum(weights.values())
    slots: list[Any] = []
    acc = 0.0
    for item, w in weights.items():
        acc += w
        slots.extend([item] * (round(acc / total * _PICK) - len(slots)))
    return tuple(slots)


@dataclass(frozen=True)
class _Tables:
    words: dict[str, tuple[str, ...]]
    zh_chars: tuple[str, ...]
    zh_pinyin: dict[str, str]
    terms: dict[int, tuple[str, ...]]
    related: dict[int, tuple[int, ...]]
    classes: tuple[int, ...]
    offices: tuple[str, ...]
    statuses: tuple[str, ...]
    mark_types: tuple[str, ...]
    counts: tuple[int, ...]
    countries: tuple[str, ...]
    days: tuple[str, ...]


@cache
def _tables() -> _Tables:
    from pypinyin import lazy_pinyin

    zh = _lines("zh-chars.txt")
    nice = load_classification()
    return _Tables(
        words={lang: tuple(_lines(f"words-{lang}.txt")) for lang in _LANGS},
        zh_chars=tuple(zh),
        zh_pinyin={c: lazy_pinyin(c)[0] for c in zh},
        terms={n: tuple(t.text.rstrip("*") for t in c.terms) for n, c in nice.classes.items()},
        related={n: tuple(sorted(related_classes(n))) for n in nice.classes},
        classes=_picker(CLASS_WEIGHTS),
        offices=_picker(OFFICE_WEIGHTS),
        statuses=_picker(STATUS_WEIGHTS),
        mark_types=_picker(MARK_TYPE_WEIGHTS),
        counts=_picker(CLASS_COUNT_WEIGHTS),
        countries=_picker({c: v[0] for c, v in COUNTRIES.items()}),
        days=tuple(dt.date.fromordinal(d).isoformat() for d in range(_DAY0, _TODAY + 3700 * 3)),
    )


def _hashes(seed: int, index: int, n: int) -> list[int]:
    """``n`` well-mixed 32-bit numbers from (seed, index) (splitmix64): cheaper than seeding a Random."""
    x = (seed * 0x9E3779B97F4A7C15 + index * 0xBF58476D1CE4E5B9 + 1) & 0xFFFFFFFFFFFFFFFF
    out = []
    for _ in range(n):
        x = (x + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        out.append((z ^ (z >> 31)) >> 32)
    return out


_ZH_CITIES = ("深圳市", "上海", "北京", "广州市", "杭州", "苏州", "宁波", "东莞市", "台北")
_ZH_TRADES = ("科技", "贸易", "服饰", "食品", "电子", "实业", "文化", "化妆品")
_PINYIN_CITIES = ("Shenzhen", "Shanghai", "Guangzhou", "Hangzhou", "Yiwu", "Taipei")


class _Owners:
    """Owners by index: a few own many marks, most own one (index drawn as ``SIZE * r**4``)."""

    SIZE = 1_000_000

    def __init__(self, seed: int, tables: _Tables) -> None:
        self.seed, self.t = seed, tables
        self.cache: dict[int, dict[str, Any]] = {}

    def get(self, index: int) -> dict[str, Any]:
        owner = self.cache.get(index)
        if owner is None:
            if len(self.cache) > 300_000:
                self.cache.clear()
            owner = self.cache[index] = self._make(index)
        return owner

    def _make(self, index: int) -> dict[str, Any]:
        t = self.t
        h = _hashes(self.seed, index, 6)
        country = t.countries[h[0] % _PICK]
        lang, forms = COUNTRIES[country][1], COUNTRIES[country][2]
        form = forms[h[1] % len(forms)]
        zh = t.zh_chars
        if lang == "zh" and "公司" in form:
            stem = zh[h[2] % len(zh)] + zh[h[3] % len(zh)]
            name = f"{_ZH_CITIES[h[4] % 9]}{stem}{_ZH_TRADES[h[5] % 8]}{form}"
        elif lang == "zh":
            stem = (t.zh_pinyin[zh[h[2] % len(zh)]] + t.zh_pinyin[zh[h[3] % len(zh)]]).title()
            name = f"{_PINYIN_CITIES[h[4] % 6]} {stem} {form}"
        else:
            words = t.words[lang if h[2] % 10 < 7 else "en"]
            stem = words[h[3] % len(words)].title()
            if h[4] % 10 < 4:
                stem = f"{stem} {words[h[5] % len(words)].title()}"
            name = f"{stem} {form}"
        return {"name": name, "country": country, "lang": lang}


def _coined(rnd: Callable[[], float]) -> str:
    word = ""
    for _ in range(1 + int(rnd() * 2.6)):
        word += _ONSETS[int(rnd() * len(_ONSETS))] + _VOWELS[int(rnd() * len(_VOWELS))]
    word += _CODAS[int(rnd() * len(_CODAS))]
    return word if len(word) >= 3 else word + _SUFFIXES[int(rnd() * len(_SUFFIXES))]


def _mark_text(rnd: Callable[[], float], t: _Tables, lang: str) -> str:
    """A mark: a word, a word pair, a coined name, a blend, Chinese characters, pinyin or letters."""
    r = rnd()
    if (lang == "zh" and r < 0.75) or r < 0.03:
        zh = t.zh_chars
        chars = [zh[int(rnd() * len(zh))] for _ in range((2, 2, 2, 3, 3, 4)[int(rnd() * 6)])]
        if rnd() < 0.2:  # some Chinese owners file the pinyin as a Latin word mark
            return "".join(t.zh_pinyin[c] for c in chars).upper()
        return "".join(chars)
    words = t.words[lang if lang != "zh" and rnd() < 0.75 else _LANGS[int(rnd() * 6)]]
    n = len(words)
    r = rnd()
    if r < 0.30:
        text = words[int(rnd() * n)]
    elif r < 0.50:
        text = f"{words[int(rnd() * n)]} {words[int(rnd() * n)]}"
    elif r < 0.82:
        text = _coined(rnd)
    elif r < 0.95:
        stem = words[int(rnd() * n)]
        text = stem[: max(3, len(stem) - int(rnd() * 3))] + _SUFFIXES[int(rnd() * len(_SUFFIXES))]
    else:
        text = "".join("ABCDEFGHJKLMNPRSTVXZ"[int(rnd() * 20)] for _ in range(2 + int(rnd() * 2)))
        if rnd() < 0.5:
            text += str(1 + int(rnd() * 99))
    return text.upper() if rnd() < 0.7 else text.title()


def _numbers(office: str, serial: int, year: str) -> tuple[str, str]:
    """Application and registration numbers in the office's usual shape (synthetic values)."""
    if office == "US":
        return f"{97_000_000 + serial % 2_999_999}", f"{6_000_000 + serial % 3_999_999}"
    if office == "EM":
        return f"{18_000_000 + serial % 999_999:09d}", f"{18_000_000 + serial % 999_999:09d}"
    if office == "JP":
        return f"{year}-{serial % 999_999:06d}", f"{6_000_000 + serial % 999_999}"
    if office == "KR":
        return f"40-{year}-{serial % 9_999_999:07d}", f"40-{1_500_000 + serial % 999_999:07d}"
    if office == "GB":
        return (
            f"UK{3_000_000_000 + serial % 99_999_999:011d}",
            f"UK{3_000_000_000 + serial % 99_999_999:011d}",
        )
    if office == "WO":
        return f"{1_500_000 + serial % 999_999}", f"{1_500_000 + serial % 999_999}"
    return f"{50_000_000 + serial % 49_999_999}", f"{10_000_000 + serial % 49_999_999}"


_SPAN = _TODAY - _DAY0
_DESCRIBED = {"colour": ("red", "blue", "green", "orange", "purple", "yellow")}


def _record(
    i: int, rnd: Callable[[], float], t: _Tables, owners: _Owners, seed: int, *, office: str | None
) -> dict[str, Any]:
    owner = owners.get(int(_Owners.SIZE * rnd() ** 4))
    country = owner["country"]
    if office is None:
        home = HOME_OFFICE.get(country, country)
        office = home if rnd() < 0.55 and home in OFFICE_WEIGHTS else t.offices[int(rnd() * _PICK)]
    mark_type = t.mark_types[int(rnd() * _PICK)]
    first = t.classes[int(rnd() * _PICK)]
    classes = {first}
    rel = t.related[first]
    for _ in range(t.counts[int(rnd() * _PICK)] - 1):
        classes.add(rel[int(rnd() * len(rel))] if rel and rnd() < 0.6 else t.classes[int(rnd() * _PICK)])
    status = t.statuses[int(rnd() * _PICK)]
    # filing dates: recent years are busier; each status has a plausible age
    if status in ("pending", "published", "opposed"):
        filed = _SPAN - 30 - int(rnd() * 900)
    elif status == "expired":
        filed = int((_SPAN - 4_400) * (1 - rnd() ** 2))
    elif status in ("registered", "cancelled"):
        filed = int((_SPAN - 730) * (1 - rnd() ** 2.5))
    else:
        filed = int(_SPAN * (1 - rnd() ** 2.5))
    app_no, reg_no = _numbers(office, i * 7 + seed, t.days[filed][:4])
    goods = []
    for c in sorted(classes):
        terms = t.terms[c]
        picked = dict.fromkeys(terms[int(rnd() * len(terms))] for _ in range(1 + int(rnd() * 3)))
        goods.append({"class": c, "text": "; ".join(picked)})
    rec: dict[str, Any] = {
        "id": f"SYN{seed}-{office}-{i}",
        "right": "trademark",
        "mark_type": mark_type,
        "owner": {"name": owner["name"], "country": country},
        "office": office,
        "application_number": app_no,
        "classes": sorted(classes),
        "goods_services": goods,
        "status": status,
        "filed": t.days[filed],
    }
    if mark_type in ("word", "combined", "3d"):
        rec["mark"] = _mark_text(rnd, t, owner["lang"])
    if mark_type in ("figurative", "combined", "3d"):
        rec["vienna_codes"] = sorted(
            {VIENNA_CODES[int(rnd() * len(VIENNA_CODES))] for _ in range(1 + int(rnd() * 3))}
        )
    if mark_type == "figurative":
        rec["description"] = "figurative mark, Vienna " + ", ".join(rec["vienna_codes"])
    elif mark_type == "colour":
        rec["description"] = _DESCRIBED["colour"][int(rnd() * 6)] + " (colour per se)"
    elif mark_type == "sound":
        rec["description"] = f"sound mark: a melody of {3 + int(rnd() * 7)} notes"
    if status in ("registered", "expired", "cancelled"):
        reg = filed + 120 + int(rnd() * 600)
        terms_of_ten = 1 if status != "registered" else 1 + max(0, (_SPAN - reg) // 3652)
        rec["registration_number"] = reg_no
        rec["registered"] = t.days[reg]
        rec["expires"] = t.days[reg + 3652 * terms_of_ten]
    return rec


def generate_records(
    count: int, seed: int, *, offices: Iterable[str] | None = None
) -> Iterator[dict[str, Any]]:
    """``count`` records in the JSONL schema; with ``offices`` each record is filed at one of them."""
    if count < 0:
        raise ValueError("count must be >= 0")
    only = tuple(offices) if offices else ()
    for chunk in range((count + CHUNK - 1) // CHUNK):
        yield from _chunk_records(chunk, count, seed, only)


@lru_cache(maxsize=4)
def _owners(seed: int) -> _Owners:
    return _Owners(seed, _tables())


def _chunk_records(chunk: int, count: int, seed: int, only: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Records of chunk ``chunk``: a function of (seed, chunk) alone, so chunks can be made in parallel."""
    t, owners = _tables(), _owners(seed)
    rnd = random.Random(seed * 1_000_003 + chunk).random
    for i in range(chunk * CHUNK, min(count, (chunk + 1) * CHUNK)):
        yield _record(i, rnd, t, owners, seed, office=only[i % len(only)] if only else None)


def _chunk_bytes(job: tuple[str, int, int, int, tuple[str, ...]]) -> tuple[int, bytes]:
    fmt, chunk, count, seed, only = job
    records = list(_chunk_records(chunk, count, seed, only))
    if fmt == "uspto-xml":
        return len(records), case_files(records)
    dumps = _dumps()
    return len(records), b"".join(dumps(r) + b"\n" for r in records)


def write_generated(
    count: int,
    seed: int,
    out: IO[bytes],
    *,
    fmt: str = "jsonl",
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Generate ``count`` records and write them as ``jsonl`` or ``uspto-xml`` (US filings only).

    With ``workers`` > 1 the chunks are made in that many processes and written in order: the bytes are the
    same as with one worker and as ``write_jsonl(generate_records(count, seed), out)``.
    """
    if fmt not in ("jsonl", "uspto-xml"):
        raise ValueError(f"unknown format {fmt!r}")
    only = ("US",) if fmt == "uspto-xml" else ()
    jobs = [(fmt, k, count, seed, only) for k in range((count + CHUNK - 1) // CHUNK)]
    if fmt == "uspto-xml":
        out.write(uspto_header())
    written = 0
    _tables()  # build once before forking, so workers inherit the tables
    if workers > 1 and len(jobs) > 1:
        with multiprocessing.get_context().Pool(min(workers, len(jobs))) as pool:
            for n, data in pool.imap(_chunk_bytes, jobs):
                out.write(data)
                written += n
                if progress:
                    progress(n)
    else:
        for job in jobs:
            n, data = _chunk_bytes(job)
            out.write(data)
            written += n
            if progress:
                progress(n)
    if fmt == "uspto-xml":
        out.write(USPTO_FOOTER)
    return written


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def record_to_right(rec: dict[str, Any]) -> Right:
    """A generated record as a :class:`Right` (generated records are always well-formed)."""
    owner = rec["owner"]
    return Right(
        id=rec["id"],
        kind=RightKind(rec["right"]),
        office=rec["office"],
        mark_text=rec.get("mark"),
        mark_type=MarkType(rec["mark_type"]),
        application_number=rec.get("application_number"),
        registration_number=rec.get("registration_number"),
        owner=Party(owner["name"], owner.get("country")),
        goods_services=tuple(GoodsServices(g["class"], g["text"]) for g in rec["goods_services"]),
        vienna_codes=tuple(rec.get("vienna_codes", ())),
        status=Status(rec["status"]),
        filed=_date(rec.get("filed")),
        registered=_date(rec.get("registered")),
        expires=_date(rec.get("expires")),
        description=rec.get("description"),
        source="generator",
    )


def generate_rights(count: int, seed: int) -> Iterator[Right]:
    """``count`` synthetic rights, the same for the same seed."""
    return (record_to_right(r) for r in generate_records(count, seed))


def _dumps() -> Callable[[Any], bytes]:
    try:
        import orjson

        return orjson.dumps
    except ImportError:  # pragma: no cover - depends on the environment
        return lambda obj: json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def write_jsonl(
    records: Iterable[dict[str, Any]], out: IO[bytes], *, progress: Callable[[int], None] | None = None
) -> int:
    """Write one JSON object per line; returns the number written. ``progress(n)`` every 10,000 records."""
    dumps = _dumps()
    n = 0
    buf: list[bytes] = []
    for rec in records:
        buf.append(dumps(rec))
        n += 1
        if n % 10_000 == 0:
            out.write(b"\n".join(buf) + b"\n")
            buf.clear()
            if progress:
                progress(10_000)
    if buf:
        out.write(b"\n".join(buf) + b"\n")
        if progress:
            progress(len(buf))
    return n
