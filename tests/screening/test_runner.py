"""Batch runs: every input line gets exactly one result line, bad lines included, and reruns resume."""

from __future__ import annotations

import json
from pathlib import Path

from ipwarden.screening.models import Decision, ScreeningResult
from ipwarden.screening.runner import BatchSummary, done_ids, run_batch
from ipwarden.screening.services import Screener

LINES = [
    b'{"id": "a", "title": "Nike Air Max replica 1:1", "category": "shoes"}',
    b'{"id": "b", "title": "plain cotton socks"}',
    b"not json at all",
    b"",
    b'{"id": "c", "title": "caf\xe9 au lait mug"}',
    b'{"id": "d", "title": "N-I-K-E hoodie", "price": "abc"}',
    b'["a", "list"]',
    b'{"id": "e", "title": "Case for iPhone 15"}',
]


def write_input(folder: Path) -> Path:
    path = folder / "listings.jsonl"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    return path


def read(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_line_gets_one_result(screener: Screener, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch(screener, write_input(tmp_path), out)
    results = read(out)
    assert [r["id"] for r in results] == ["a", "b", "line-3", "line-5", "d", "line-7", "e"]
    assert (summary.screened, summary.flagged, summary.errors) == (3, 1, 4)
    errors = {r["id"]: r["error"]["message"] for r in results if r["decision"] == "error"}  # type: ignore[index]
    assert "not valid JSON" in errors["line-3"] and "UTF-8" in errors["line-5"]
    assert "field 'price'" in errors["d"] and "expected a JSON object" in errors["line-7"]


def test_resume_after_interruption_gives_the_same_file(screener: Screener, tmp_path: Path) -> None:
    source = write_input(tmp_path)
    whole = tmp_path / "whole.jsonl"
    run_batch(screener, source, whole)
    part = tmp_path / "part.jsonl"
    first = run_batch(screener, source, part, stop_after=3)
    assert first.screened + first.errors == 3
    with part.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "half-writ')  # the process died mid-line
    second = run_batch(screener, source, part)
    assert second.skipped == 3
    assert read(part) == read(whole)
    third = run_batch(screener, source, part)
    assert third.skipped == 7 and third.screened == 0 and read(part) == read(whole)


def test_done_ids_counts_duplicates(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x"}\n{"id": "x"}\n{"id": "y"}\n', encoding="utf-8")
    assert done_ids(out) == {"x": 2, "y": 1}


def test_tally_counts_as_add_does() -> None:
    results = [
        ScreeningResult("a", 0.9, Decision.BLOCK),
        ScreeningResult("b", 0.5, Decision.REVIEW),
        ScreeningResult("c", 0.0, Decision.ALLOW),
        ScreeningResult("d", 0.0, Decision.ERROR, error={"code": "listing", "message": "bad"}),
    ]
    added, tallied = BatchSummary(), BatchSummary()
    for result in results:
        added.add(result)
        tallied.tally(result.decision)
    assert (
        tallied.to_dict()
        == added.to_dict()
        == {
            "screened": 3,
            "flagged": 2,
            "errors": 1,
            "skipped": 0,
            "decisions": {"allow": 1, "block": 1, "error": 1, "review": 1},
        }
    )
    assert [r.id for r in added.flagged_results] == ["a", "b"] and tallied.flagged_results == []
