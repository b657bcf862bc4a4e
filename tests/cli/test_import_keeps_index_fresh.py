"""A mark imported after the search index was built is searchable at once, without a rebuild."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_import_updates_the_index_incrementally(cli: Any, tmp_path: Path) -> None:
    first = _write(tmp_path / "a.jsonl", [
        {"id": "T-1", "right": "trademark", "mark": "STARBUCKS", "owner": "Starbucks Corporation",
         "office": "US", "classes": [43], "status": "registered"},
    ])  # fmt: skip
    assert cli("registry", "import", str(first)).exit_code == 0
    found = json.loads(cli("search", "STARBUCKS", "--json").stdout)
    assert [h["id"] for h in found["hits"]] == ["T-1"]  # the first search built the index

    second = _write(tmp_path / "b.jsonl", [
        {"id": "T-2", "right": "trademark", "mark": "ZORVEXA", "owner": "Zorvexa Ltd",
         "office": "US", "classes": [25], "status": "registered"},
    ])  # fmt: skip
    assert cli("registry", "import", str(second)).exit_code == 0
    check = cli("index", "check", "--json")
    assert check.exit_code == 0, check
    hits = json.loads(cli("search", "ZORVEXA", "--class", "25", "--json").stdout)["hits"]
    assert hits and hits[0]["id"] == "T-2"
