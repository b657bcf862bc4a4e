"""Assemble docs/benchmarks.md from the summary and each area's figures in docs/benchmarks/."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
ORDER = ["import", "storage", "generator", "clearance", "screening", "evidence", "watermark"]


def main() -> None:
    parts = [(DOCS / "benchmarks" / "_summary.md").read_text(encoding="utf-8").rstrip()]
    for name in ORDER:
        text = (DOCS / "benchmarks" / f"{name}.md").read_text(encoding="utf-8").rstrip()
        demoted = "\n".join("#" + line if line.startswith("#") else line for line in text.splitlines())
        parts.append(f"<!-- from docs/benchmarks/{name}.md -->\n{demoted}")
    (DOCS / "benchmarks.md").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
