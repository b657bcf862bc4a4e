"""CLI command: ``ipwarden screen FILE --out results.jsonl`` screens listings in bulk (local or Spark)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ipwarden.cli._common import DbOption, JsonOption, settings_for
from ipwarden.errors import ExitCode

__all__ = ["register", "summary_table"]


class Engine(StrEnum):
    LOCAL = "local"
    SPARK = "spark"


def _count_records(path: Path) -> int | None:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
        with path.open("rb") as handle:
            lines = sum(1 for line in handle if line.strip())
        return lines - 1 if suffix == ".csv" else lines
    except Exception:
        return None


def summary_table(results: list[object], limit: int = 20) -> Table:
    """The flagged listings for people: id, decision, risk and the strongest reasons."""
    from ipwarden.screening.models import ScreeningResult

    table = Table(title="Flagged listings", show_lines=False)
    for column in ("id", "decision", "risk", "reasons"):
        table.add_column(column, overflow="fold")
    for result in results[:limit]:
        assert isinstance(result, ScreeningResult)
        top = sorted(result.reasons, key=lambda r: -r.weight)[:3]
        text = "; ".join(
            f"{r.signal}: {r.evidence or ''}" + (f" [{r.right_id} {r.owner}]" if r.right_id else "")
            for r in top
        )
        table.add_row(result.id, result.decision.value, f"{result.risk:.2f}", text)
    return table


def screen(  # noqa: PLR0917 (Typer maps each parameter to an option)
    file: Annotated[Path, typer.Argument(help="Listings: .jsonl, .csv or .parquet.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="Results JSONL (appended; a rerun resumes).")],
    db: DbOption = None,
    engine: Annotated[Engine, typer.Option(help="local (this process) or spark (PySpark local mode).")] = (
        Engine.LOCAL
    ),
    context: Annotated[
        Path | None,
        typer.Option(
            help="Folder with registry.jsonl, reference-prices.jsonl, seller-history.jsonl, "
            "removed-listings.jsonl, protected-images.jsonl (all optional)."
        ),
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Screening rules YAML (see docs/screening.md).")] = None,
    images_root: Annotated[
        Path | None,
        typer.Option(help="Folder listing image paths are relative to (default: the context folder)."),
    ] = None,
    show: Annotated[int, typer.Option(help="Flagged listings to show in the summary table.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Screen listings for suspected infringement; one result line per listing, then the counts."""
    from ipwarden.screening.factory import build_screener
    from ipwarden.screening.reader import listing_format
    from ipwarden.screening.runner import BatchSummary, run_batch
    from ipwarden.storage import open_store

    listing_format(file)
    if not file.is_file():
        from ipwarden.screening.errors import ScreeningConfigError

        raise ScreeningConfigError(f"{file}: listing file not found", hint="check the path")
    settings = settings_for(db)
    store = open_store(settings.db_url)
    screener = build_screener(
        store, context_dir=context, config_path=config, images_root=images_root or context
    )
    console = Console(stderr=True)
    summary: BatchSummary
    if engine is Engine.SPARK:
        from ipwarden.batch.spark_screen import run_spark

        console.print("screening with Apache Spark (local mode) ...")
        summary = run_spark(screener, file, out)
    else:
        total = _count_records(file)
        with Progress(
            TextColumn("screening {task.fields[name]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            disable=as_json,
        ) as progress:
            task = progress.add_task("screen", total=total, name=file.name)
            summary = run_batch(screener, file, out, on_result=lambda _: progress.advance(task))
    if as_json:
        typer.echo(json.dumps({"out": str(out), **summary.to_dict()}))
    else:
        if summary.flagged_results and show > 0:
            Console().print(summary_table(list(summary.flagged_results), show))
        typer.echo(
            f"screened {summary.screened}, flagged {summary.flagged}, errors {summary.errors}"
            + (f", skipped {summary.skipped} already in {out}" if summary.skipped else "")
            + f"; results in {out}"
        )
    if summary.errors:
        raise typer.Exit(ExitCode.PARTIAL)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("screen")(screen)
