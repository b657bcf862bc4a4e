"""Regenerates the derived data tables shipped in ``ipwarden/similarity/data`` (run at development time).

``python -m ipwarden.similarity.datagen confusables`` reads the Unicode UTS #39 ``confusables.txt`` mapping as
packaged by the ``confusable-homoglyphs`` distribution (its ``confusables.json``) and keeps, for every
character that is confusable with an ASCII letter or digit, that ASCII target. The result is a small TSV so
that run time needs neither the package nor any download.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from importlib.util import find_spec
from pathlib import Path

__all__ = ["build_confusables"]

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


if __name__ == "__main__":  # pragma: no cover - development tool
    what = sys.argv[1] if len(sys.argv) > 1 else "confusables"
    if what == "confusables":
        print(build_confusables())
