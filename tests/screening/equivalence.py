"""Screening answers as text lines, to compare two builds of the screening code (compiled and pure Python).

    PYTHONHASHSEED=0 python tests/screening/equivalence.py RIGHTS TITLES > out.txt

Prints the result line of every tuning-split listing of eval/screening (with the evaluation context),
each also rewritten five ways (upper case, a brand field, a description with a mark and ™, another
category, lower case without a category), then of TITLES benchmark titles screened with RIGHTS generated
rights, each also rewritten four ways, the mark matcher's raw answers for them, and every listing again
with warm caches. ``PYTHONHASHSEED`` must be fixed: GI rule texts list a set.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval" / "screening"


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("_bench_screening", ROOT / "bench" / "screening.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rewrites(raw: dict[str, Any], mark: str) -> Iterator[dict[str, Any]]:
    title = str(raw.get("title") or "")
    yield raw
    yield {**raw, "id": f"{raw['id']}-upper", "title": title.upper()}
    yield {**raw, "id": f"{raw['id']}-brand", "brand": mark}
    yield {**raw, "id": f"{raw['id']}-desc", "description": f"{mark}™ original, fits {mark.lower()} case"}
    yield {**raw, "id": f"{raw['id']}-cat", "category": "electronics", "market": "CN"}
    yield {"id": f"{raw['id']}-lower", "title": title.lower()}


def lines(rights: int, titles: int) -> Iterator[str]:
    from ipwarden.registry.generator import generate_rights
    from ipwarden.screening.factory import build_screener
    from ipwarden.screening.matcher import MarkMatcher
    from ipwarden.screening.runner import result_line
    from ipwarden.screening.services import Screener

    screener = build_screener(context_dir=EVAL)
    rows = [json.loads(line) for line in (EVAL / "listings.jsonl").read_text("utf-8").splitlines() if line]
    raws = [
        rewrite
        for row in rows
        if row.get("split") == "tune"
        for rewrite in _rewrites(
            {k: v for k, v in row.items() if k not in ("label", "split", "group")},
            str(row.get("title") or "Nike").split()[0],
        )
    ]
    for _ in range(2):  # cold, then warm caches
        for raw in raws:
            yield result_line(screener.screen_raw(raw))
    matcher = MarkMatcher()
    marks: list[str] = []
    for right in generate_rights(rights, seed=1):
        if matcher.add_right(right) and right.mark_text:
            marks.append(right.mark_text)
    matcher.finish()
    screener = Screener(matcher)
    bench = _bench()
    raws = [
        rewrite
        for number, title in enumerate(bench.listing_titles(marks, titles))
        for rewrite in _rewrites(
            {"id": str(number), "title": title, "category": "shoes", "market": "US"},
            marks[number % len(marks)],
        )
    ]
    for _ in range(2):
        for raw in raws:
            yield result_line(screener.screen_raw(raw))
    for classes in (None, frozenset({25})):
        for raw in raws:
            yield repr(matcher.find(str(raw["title"]), classes=classes))


if __name__ == "__main__":
    for line in lines(int(sys.argv[1]), int(sys.argv[2])):
        print(line)
