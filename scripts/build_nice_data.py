"""Derive the compact Nice classification file shipped in the package from the WIPO NCL master files.

Usage: python scripts/build_nice_data.py [MASTER_DIR] [OUT_FILE]
  MASTER_DIR defaults to ../shared/data/nice (the NCL 12-2024 top-structure and English texts XML, gzipped);
  OUT_FILE defaults to src/ipwarden/registry/data/nice-12-2024.json.gz.

The output keeps what search and display need: per class its heading items, the explanatory note
(introduction, includes, excludes with class references spelt out) and every goods/services indication with
its basic number and synonyms. The gzip header carries no timestamp, so the same masters give the same bytes.
"""

from __future__ import annotations

import gzip
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

NS = "{http://www.wipo.int/classifications/ncl}"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MASTERS = ROOT.parent / "shared" / "data" / "nice"
DEFAULT_OUT = ROOT / "src" / "ipwarden" / "registry" / "data" / "nice-12-2024.json.gz"
TOP = "ncl-20240101-classification_top_structure-20230606.xml.gz"
TEXTS = "ncl-20240101-en-classification_texts-20230606.xml.gz"


def _text_with_links(elem: ET.Element, class_of: dict[str, int]) -> str:
    """Flatten an element whose text embeds <ClassLink idRef=…/> into 'Cl. N'."""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag == f"{NS}ClassLink":
            ref = child.get("idRef", "")
            parts.append(f"Cl. {class_of[ref]}" if ref in class_of else "")
        else:
            parts.append(_text_with_links(child, class_of))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def derive(masters: Path) -> dict[str, Any]:
    """Read the two master files and return the compact structure (pure apart from reading)."""
    with gzip.open(masters / TOP) as fh:
        top = ET.parse(fh).getroot()
    with gzip.open(masters / TEXTS) as fh:
        texts = ET.parse(fh).getroot()

    class_of: dict[str, int] = {}
    kind_of: dict[int, str] = {}
    basic_of: dict[str, tuple[int, str]] = {}
    for cls in top.iter(f"{NS}Class"):
        number = int(cls.get("classNumber", "0"))
        class_of[cls.get("id", "")] = number
        kind_of[number] = cls.get("isGoodOrService", "good")
        for gs in cls.iter(f"{NS}GoodOrService"):
            basic_of[gs.get("id", "")] = (number, gs.get("basicNumber", ""))

    classes: dict[int, dict[str, Any]] = {
        n: {
            "number": n,
            "kind": kind_of[n],
            "heading": [],
            "note": "",
            "includes": [],
            "excludes": [],
            "terms": [],
        }
        for n in sorted(kind_of)
    }
    for ct in texts.iter(f"{NS}ClassTexts"):
        entry = classes[class_of[ct.get("idRef", "")]]
        entry["heading"] = [" ".join((h.text or "").split()) for h in ct.iter(f"{NS}HeadingItem")]
        intro = ct.find(f"{NS}ExplanatoryNote/{NS}Introduction")
        entry["note"] = _text_with_links(intro, class_of) if intro is not None else ""
        entry["includes"] = [_text_with_links(e, class_of) for e in ct.iter(f"{NS}Include")]
        entry["excludes"] = [_text_with_links(e, class_of) for e in ct.iter(f"{NS}Exclude")]

    for gst in texts.iter(f"{NS}GoodOrServiceTexts"):
        number, basic = basic_of[gst.get("idRef", "")]
        label = gst.find(f"{NS}Indication/{NS}Label")
        synonyms = [" ".join((s.text or "").split()) for s in gst.findall(f"{NS}SynonymIndication/{NS}Label")]
        text = " ".join((label.text or "").split()) if label is not None else ""
        classes[number]["terms"].append([basic, text, synonyms] if synonyms else [basic, text])
    for entry in classes.values():
        entry["terms"].sort(key=lambda t: t[0])

    return {
        "edition": int(top.get("edition", "0")),
        "version": top.get("version", ""),
        "date_in_force": top.get("dateInForce", ""),
        "source": f"WIPO Nice Classification NCL {top.get('edition')}-{top.get('version')} master files "
        f"({TOP}, {TEXTS})",
        "classes": list(classes.values()),
    }


def encode(data: dict[str, Any]) -> bytes:
    """Deterministic bytes: sorted keys, compact separators, gzip without a timestamp."""
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)


def main(argv: list[str]) -> int:
    masters = Path(argv[1]) if len(argv) > 1 else DEFAULT_MASTERS
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    if not (masters / TOP).is_file() or not (masters / TEXTS).is_file():
        print(f"error: NCL master files not found in {masters} (expected {TOP} and {TEXTS})", file=sys.stderr)
        return 2
    data = derive(masters)
    out.write_bytes(encode(data))
    terms = sum(len(c["terms"]) for c in data["classes"])
    print(f"wrote {out} ({len(data['classes'])} classes, {terms} terms, {out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
