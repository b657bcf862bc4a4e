"""Build the held-out listing-screening evaluation set (eval/screening/) from templates over real brands.

The command line of scripts/build_screening_eval.py (see its docstring).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from screening_eval.common import ROOT
from screening_eval.output import build
from screening_eval.sample import build_sample


def tree(path: Path) -> Iterator[Path]:
    return (p.relative_to(path) for p in sorted(path.rglob("*")) if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "eval/screening")
    parser.add_argument("--check", action="store_true", help="rebuild in a temporary folder and compare")
    parser.add_argument(
        "--sample", action="store_true", help="also write the demo sample into the package data"
    )
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp)
            shutil.copy(ROOT / "eval/screening/templates.yaml", fresh / "templates.yaml")
            build(fresh)
            generated = [p for p in tree(fresh) if p.name != "templates.yaml"]
            differ = (
                [str(p) for p in generated if not filecmp.cmp(fresh / p, args.out / p, shallow=False)]
                if all((args.out / p).is_file() for p in generated)
                else ["(missing files)"]
            )
        print("identical" if not differ else f"differs: {differ[:10]}")
        return 0 if not differ else 1
    if args.sample:
        build_sample(ROOT / "src/ipwarden/screening/data")
    summary = build(args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0
