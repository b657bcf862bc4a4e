"""Batch screening with resume: results are appended to a JSONL file, one line per listing, and a rerun
skips the listing ids already written (an interrupted half-written last line is dropped first)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ipwarden.screening.errors import ListingError, ScreeningConfigError
from ipwarden.screening.models import Decision, ScreeningResult
from ipwarden.screening.parse import listing_id_of
from ipwarden.screening.reader import iter_listings
from ipwarden.screening.services import Screener, error_result

__all__ = ["BatchSummary", "done_ids", "result_line", "run_batch", "screen_items"]

FLUSH_EVERY = 200


@dataclass
class BatchSummary:
    screened: int = 0
    flagged: int = 0
    errors: int = 0
    skipped: int = 0  # already in the output from an earlier run
    decisions: Counter[str] = field(default_factory=Counter)
    flagged_results: list[ScreeningResult] = field(default_factory=list)

    def add(self, result: ScreeningResult, keep_flagged: int = 50) -> None:
        self.tally(result.decision)
        if result.flagged and len(self.flagged_results) < keep_flagged:
            self.flagged_results.append(result)

    def tally(self, decision: Decision) -> None:
        """Count one result by its decision alone (a caller holding only the output line and decision
        reads the line back only for a flagged result it keeps)."""
        self.decisions[decision.value] += 1
        if decision is Decision.ERROR:
            self.errors += 1
            return
        self.screened += 1
        if decision in (Decision.REVIEW, Decision.BLOCK):
            self.flagged += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "screened": self.screened,
            "flagged": self.flagged,
            "errors": self.errors,
            "skipped": self.skipped,
            "decisions": dict(sorted(self.decisions.items())),
        }


def result_line(result: ScreeningResult) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


def done_ids(out: Path) -> Counter[str]:
    """Ids already in ``out``; truncates a last line cut short by an interruption."""
    if not out.exists():
        return Counter()
    seen: Counter[str] = Counter()
    good_bytes = 0
    with out.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                obj = json.loads(line)
            except ValueError:
                break
            if not isinstance(obj, dict) or "id" not in obj:
                raise ScreeningConfigError(
                    f"{out}: line {sum(seen.values()) + 1} is not a screening result",
                    hint="pass a new --out file, or the results file of an earlier run to resume it",
                )
            seen[str(obj["id"])] += 1
            good_bytes += len(line)
    if good_bytes != out.stat().st_size:
        with out.open("r+b") as handle:
            handle.truncate(good_bytes)
    return seen


def screen_items(
    screener: Screener, items: Iterable[tuple[int, dict[str, Any] | ListingError]], name: str
) -> Iterator[ScreeningResult]:
    """Screen (line, object-or-error) items; used by the local engine and by each Spark partition."""
    for number, item in items:
        if isinstance(item, ListingError):
            yield error_result(f"line-{number}", item, number)
        else:
            yield screener.screen_raw(item, where=f"{name}:{number}", line=number)


def _pending(path: Path, skip: Counter[str], summary: BatchSummary) -> Iterator[tuple[int, Any]]:
    for number, item in iter_listings(path):
        key = f"line-{number}" if isinstance(item, ListingError) else listing_id_of(item, f"line-{number}")
        if skip[key] > 0:
            skip[key] -= 1
            summary.skipped += 1
            continue
        yield number, item


def run_batch(
    screener: Screener,
    path: Path,
    out: Path,
    *,
    on_result: Callable[[ScreeningResult], None] | None = None,
    stop_after: int | None = None,
) -> BatchSummary:
    """Screen every listing in ``path`` into ``out`` (appending; resumes where an earlier run stopped)."""
    summary = BatchSummary()
    skip = done_ids(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as handle:
        _write_all(
            screener,
            _pending(path, skip, summary),
            name=path.name,
            handle=handle,
            summary=summary,
            on_result=on_result,
            stop_after=stop_after,
        )
    return summary


def _write_all(
    screener: Screener,
    items: Iterator[tuple[int, Any]],
    *,
    name: str,
    handle: TextIO,
    summary: BatchSummary,
    on_result: Callable[[ScreeningResult], None] | None,
    stop_after: int | None,
) -> None:
    for written, result in enumerate(screen_items(screener, items, name), 1):
        handle.write(result_line(result) + "\n")
        summary.add(result)
        if on_result is not None:
            on_result(result)
        if written % FLUSH_EVERY == 0:
            handle.flush()
        if stop_after is not None and written >= stop_after:
            break
