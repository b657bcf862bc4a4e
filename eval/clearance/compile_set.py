"""Compile registry.jsonl and queries.jsonl from the curated tables: python eval/clearance/compile_set.py

The tables are the source of truth; the JSONL files are regenerated from them so ids, families and the
qid sequence stay consistent. Query rows live in queries_table.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from marks_table import FAMILIES, MARKS  # noqa: E402
from queries_more import CONTAINMENT, FAMILY, GOODS, TRANSLATION  # noqa: E402
from queries_neg import NEGATIVE  # noqa: E402
from queries_table import CROSS_SCRIPT, GLYPH, LOOKALIKE, SOUND_CHINESE, SOUND_LATIN, SPELLING  # noqa: E402

QUERIES = (
    SPELLING
    + LOOKALIKE
    + SOUND_LATIN
    + SOUND_CHINESE
    + CROSS_SCRIPT
    + GLYPH
    + CONTAINMENT
    + TRANSLATION
    + FAMILY
    + GOODS
    + NEGATIVE
)


def mark_id(slug: str, office: str) -> str:
    for row_slug, _mark, _owner, offices, classes, _family in MARKS:
        if row_slug == slug and office in offices:
            return f"EV-{office}-{row_slug}-{classes[0]}"
    raise KeyError(f"no mark {slug} in office {office}")


def registry_records() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for fam_id, (name, aliases) in FAMILIES.items():
        out.append({"record": "owner_family", "id": fam_id, "name": name, "aliases": aliases})
    for slug, mark, owner, offices, classes, family in MARKS:
        for office in offices:
            rec: dict[str, object] = {
                "id": f"EV-{office}-{slug}-{classes[0]}",
                "right": "trademark",
                "mark": mark,
                "mark_type": "word",
                "owner": owner,
                "office": office,
                "classes": classes,
                "status": "registered",
            }
            if family:
                rec["owner_family"] = family
            out.append(rec)
    return out


def query_records() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for n, (category, query, classes, offices, expect, source, note) in enumerate(QUERIES, start=1):
        ids = [mark_id(slug, office) for slug, office in expect]
        out.append(
            {
                "qid": f"cs-{n:03d}",
                "query": query,
                "classes": classes,
                "offices": offices,
                "category": category,
                "expect": ids,
                "source": source,
                "note": note,
                "split": "eval",
            }
        )
    return out


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write_jsonl(HERE / "registry.jsonl", registry_records())
    write_jsonl(HERE / "queries.jsonl", query_records())
    print("wrote", HERE / "registry.jsonl", "and", HERE / "queries.jsonl")
