"""CLI commands: ``ipwarden registry …`` (import, stats, show, export, generate).

Exit codes (docs/importing.md): 0 ok, 3 finished with rejected records, 2 unusable input file or
argument, 4 not found.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from ipwarden.cli import registry_generate_cmd
from ipwarden.cli._common import DbOption, JsonOption, settings_for
from ipwarden.errors import InputError
from ipwarden.registry.errors import RightNotFoundError
from ipwarden.registry.importers import FORMATS, record_to_dict
from ipwarden.registry.importers.csv_format import LIST_FIELDS
from ipwarden.registry.importers.schema import RIGHT_FIELDS
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.services import ImportSummary, import_files
from ipwarden.similarity.index import index_updater

__all__ = ["register", "registry_app"]

registry_app = typer.Typer(help="Import, inspect and export the rights registry.", no_args_is_help=True)

registry_generate_cmd.add_commands(registry_app)


def _open(db: str | None) -> tuple[RightsStore, str]:
    from ipwarden.storage import open_store

    settings = settings_for(db)
    return open_store(settings.db_url), settings.db_url


class _RichProgress:
    """A rich progress bar per file with records/s."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None
        self.started = 0.0
        self.done = 0

    def start_file(self, path: Path, fmt: str, total: int | None, resumed_from: int) -> None:
        if resumed_from:
            self.console.print(
                f"resuming {path} at record {resumed_from} (an earlier import stopped there; "
                "--restart starts over)"
            )
        if not self.bar.live.is_started:
            self.bar.start()
        self.done = 0
        self.started = dt.datetime.now().timestamp()
        remaining = max(total - resumed_from, 0) if total else None
        self.task = self.bar.add_task(f"{path.name} [{fmt}]", total=remaining, rate="")

    def advance(self, records: int) -> None:
        if self.task is None:
            return
        self.done += records
        elapsed = max(dt.datetime.now().timestamp() - self.started, 1e-6)
        self.bar.update(self.task, advance=records, rate=f"{self.done / elapsed:,.0f} records/s")

    def end_file(self) -> None:
        if self.task is not None:
            task = self.bar.tasks[-1]
            self.bar.update(self.task, total=task.completed)

    def close(self) -> None:
        self.bar.stop()


def _default_rejects(home: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return home / "imports" / f"rejects-{stamp}.jsonl"


def _print_summary(summary: ImportSummary) -> None:
    for message in summary.reject_samples:
        typer.echo(f"rejected: {message}")
    if summary.rejected > len(summary.reject_samples):
        typer.echo(f"… and {summary.rejected - len(summary.reject_samples)} more")
    typer.echo(
        f"read {summary.read}, stored {summary.stored}, replaced {summary.replaced}, "
        f"unchanged {summary.unchanged}, rejected {summary.rejected}"
    )
    if summary.relinked:
        typer.echo(f"relinked {summary.relinked} stored rights to owner families declared in this import")
    if summary.rejected and summary.rejects_path:
        typer.echo(f"rejected records and reasons: {summary.rejects_path}")


@registry_app.command("import")
def import_cmd(  # noqa: PLR0917 - Typer maps parameters to options
    files: Annotated[list[Path], typer.Argument(help="Files to import (XML, JSONL or CSV).")],
    fmt: Annotated[
        str, typer.Option("--format", help=f"auto (sniff the content) or one of: {', '.join(FORMATS)}.")
    ] = "auto",
    db: DbOption = None,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects", help="Where to write rejected records (JSONL; default under IPWARDEN_HOME)."
        ),
    ] = None,
    restart: Annotated[bool, typer.Option("--restart", help="Ignore a checkpoint and start over.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import rights, owner families and authorisations; bad records are rejected, the rest stored."""
    settings = settings_for(db)
    rejects_path = rejects or _default_rejects(settings.home)
    store, url = _open(db)
    console = Console(stderr=True)
    progress = None if as_json else _RichProgress(console)
    try:
        summary = import_files(
            files, store, fmt=fmt, rejects_path=rejects_path, progress=progress, restart=restart,
            home=settings.home, store_label=url, on_stored=index_updater(settings.index_dir, store),
        )  # fmt: skip
    finally:
        if progress is not None:
            progress.close()
    if not summary.rejected and rejects_path.exists() and rejects_path.stat().st_size == 0:
        rejects_path.unlink()
        summary.rejects_path = None
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    else:
        _print_summary(summary)
    raise typer.Exit(summary.exit_code)


@registry_app.command("stats")
def stats_cmd(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of rights by kind, office and status."""
    store, _ = _open(db)
    stats = store.stats()
    data = {
        "rights": stats.rights,
        "by_kind": stats.by_kind,
        "by_office": stats.by_office,
        "by_status": stats.by_status,
        "owner_families": stats.owner_families,
        "authorisations": stats.authorisations,
    }
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    typer.echo(f"rights: {stats.rights}")
    for name in ("by_kind", "by_office", "by_status"):
        values: dict[str, int] = data[name]  # type: ignore[assignment]
        listed = ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
        typer.echo(f"{name.replace('_', ' ')}: {listed or '-'}")
    typer.echo(f"owner families: {stats.owner_families}")
    typer.echo(f"authorisations: {stats.authorisations}")


@registry_app.command("show")
def show_cmd(
    right_id: Annotated[str, typer.Argument(metavar="ID", help="The right's id, e.g. US-74631225.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One right as stored."""
    store, _ = _open(db)
    right = store.get_right(right_id)
    if right is None:
        raise RightNotFoundError(
            f"no right with id {right_id!r} in the registry", hint="list ids with `ipwarden registry export`"
        )
    data = record_to_dict(right)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for key, value in data.items():
        typer.echo(f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")


def _csv_value(key: str, value: Any) -> str:
    if isinstance(value, list):
        if key == "goods_services":
            return json.dumps(value, ensure_ascii=False)
        return ";".join(str(v) for v in value)
    return str(value)


def _write_csv(out: TextIO, store: RightsStore) -> None:
    columns = [c for c in RIGHT_FIELDS if c not in ("owner", "representative")]
    columns += [
        f"{p}.{f}" for p in ("owner", "representative") for f in ("name", "country", "address", "legal_form")
    ]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for right in store.iter_rights():
        data = record_to_dict(right)
        row: dict[str, str] = {}
        for key, value in data.items():
            if key in ("owner", "representative"):
                party = {"name": value} if isinstance(value, str) else value
                row.update({f"{key}.{k}": v for k, v in party.items()})
            elif key in LIST_FIELDS or key == "goods_services" or not isinstance(value, list):
                row[key] = _csv_value(key, value)
        writer.writerow(row)


@registry_app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: standard output).")] = None,
    db: DbOption = None,
) -> None:
    """Write the registry in ipwarden's schema; importing the export into an empty registry gives it back.

    JSONL carries owner families and authorisations too; CSV carries rights only.
    """
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"unknown export format {fmt!r}", hint="use --format jsonl or --format csv")
    store, _ = _open(db)
    handle: TextIO = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == "csv":
            _write_csv(handle, store)
        else:
            for family in store.list_families():
                handle.write(json.dumps(record_to_dict(family), ensure_ascii=False) + "\n")
            for right in store.iter_rights():
                handle.write(json.dumps(record_to_dict(right), ensure_ascii=False) + "\n")
            for authorisation in store.list_authorisations():
                handle.write(json.dumps(record_to_dict(authorisation), ensure_ascii=False) + "\n")
    finally:
        if out:
            handle.close()


def register(app: typer.Typer) -> None:
    """Add ``ipwarden registry`` to the root app."""
    app.add_typer(registry_app, name="registry")
