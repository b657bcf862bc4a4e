"""CLI command: ``ipwarden registry generate`` (synthetic registries for benchmarks and scale tests)."""

from __future__ import annotations

import os
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ipwarden.errors import InputError

__all__ = ["add_commands"]


class OutputFormat(StrEnum):
    JSONL = "jsonl"
    USPTO_XML = "uspto-xml"


def generate(  # noqa: PLR0917  (Typer options)
    count: Annotated[int, typer.Option("--count", "-n", help="How many records to write.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (overwritten).")],
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same records.")] = 1,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format", help="jsonl (ipwarden schema) or uspto-xml (USPTO trademark XML v2.0, US only)."
        ),
    ] = OutputFormat.JSONL,
    workers: Annotated[
        int,
        typer.Option("--workers", help="Processes generating in parallel; 0 = one per CPU (at most 8)."),
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write a synthetic trademark registry: realistic marks, owners, classes, offices and statuses."""
    from ipwarden.registry.generator import write_generated

    if count < 1:
        raise InputError(
            f"--count must be a positive number of records, got {count}", hint="e.g. --count 100000"
        )
    if seed < 0:
        raise InputError(f"--seed must be 0 or more, got {seed}")
    if out.is_dir():
        raise InputError(f"--out {out} is a directory; give a file name such as {out / 'registry.jsonl'}")
    if not out.parent.exists():
        raise InputError(f"the folder of --out {out} does not exist; create {out.parent} first")
    if workers < 0:
        raise InputError(f"--workers must be 0 (one per CPU) or more, got {workers}")
    processes = workers or min(os.cpu_count() or 1, 8)
    start = time.perf_counter()
    with (
        out.open("wb") as fh,
        Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            disable=quiet,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("generate", total=count)
        written = write_generated(
            count, seed, fh, fmt=fmt.value, workers=processes, progress=lambda n: progress.advance(task, n)
        )
    elapsed = time.perf_counter() - start
    rate = written / elapsed * 60 if elapsed > 0 else float("inf")
    typer.echo(
        f"wrote {written:,} records to {out} ({fmt.value}, seed {seed}) in {elapsed:.1f} s "
        f"({rate:,.0f}/min, {processes} process{'es' if processes > 1 else ''})"
    )


def add_commands(registry_app: typer.Typer) -> None:
    """Add ``generate`` to the ``registry`` sub-app."""
    registry_app.command("generate")(generate)
