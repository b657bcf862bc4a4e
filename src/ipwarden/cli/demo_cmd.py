"""CLI command: ``ipwarden demo`` — the main job on the embedded default, end to end.

Creates (or refreshes) a SQLite registry under IPWARDEN_HOME, loads the bundled demo data, builds the
clearance index, runs example clearance searches, screens the bundled sample listings and fixes the
flagged ones as evidence in the verifiable log. Every step uses the same services as the other commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ipwarden.cli._common import DbOption, settings_for

__all__ = ["register"]

EXAMPLE_QUERIES: tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("NAIKE", (25,), ("CN",)),
    ("星巴克", (43,), ()),
    ("ADIDOS", (25,), ("US",)),
    ("康师父", (30,), ()),
)


def _registry(console: Console, db: str | None) -> None:
    from ipwarden.registry.demo import demo_data_paths
    from ipwarden.registry.services import import_files
    from ipwarden.similarity.index import index_updater
    from ipwarden.storage import open_store

    settings = settings_for(db)
    store = open_store(settings.db_url)
    console.rule("[bold]1. Rights registry")
    summary = import_files(
        demo_data_paths(),
        store,
        home=settings.home,
        store_label=settings.db_url,
        restart=True,
        on_stored=index_updater(settings.index_dir, store),
    )
    console.print(
        f"demo data: read {summary.read}, stored {summary.stored}, replaced {summary.replaced}, "
        f"unchanged {summary.unchanged}, rejected {summary.rejected}  →  {settings.db_url}"
    )
    stats = store.stats()
    table = Table(title="Registry", show_header=True)
    table.add_column("rights by office")
    table.add_column("rights by kind")
    offices = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_office.items(), key=lambda kv: -kv[1])[:10])
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats.by_kind.items()))
    table.add_row(offices, kinds)
    console.print(table)
    console.print(
        f"{stats.rights} rights, {stats.owner_families} owner families, {stats.authorisations} authorisations"
    )


def _search(console: Console, db: str | None) -> None:
    from ipwarden.similarity.index import open_index
    from ipwarden.similarity.query import SearchQuery
    from ipwarden.similarity.services import SearchService
    from ipwarden.storage import open_store

    settings = settings_for(db)
    store = open_store(settings.db_url)
    service = SearchService(open_index(settings.index_dir, store), store)
    console.rule("[bold]2. Clearance search")
    for text, classes, offices in EXAMPLE_QUERIES:
        result = service.search(SearchQuery.parse(text, classes=classes, offices=offices, limit=3))
        options = "".join(f" --class {c}" for c in classes) + "".join(f" --office {o}" for o in offices)
        console.print(f"[bold]ipwarden search {text!r}{options}")
        for hit in result.hits[:3]:
            console.print(
                f"  {hit.risk.value.upper():<6} {hit.score:.2f}  {hit.mark}  "
                f"[{hit.id}, {hit.office}] {hit.owner or ''}"
            )
            for reason in hit.reasons[:3]:
                console.print(f"         - {reason}")


def _sample_dir() -> Path:
    from importlib.resources import files

    return Path(str(files("ipwarden.screening") / "data"))


def _screen(console: Console, db: str | None, out_dir: Path) -> list[str]:
    from ipwarden.screening.factory import build_screener
    from ipwarden.screening.runner import run_batch
    from ipwarden.storage import open_store

    settings = settings_for(db)
    store = open_store(settings.db_url)
    console.rule("[bold]3. Listing screening")
    samples = _sample_dir() / "sample-listings.jsonl"
    context = _sample_dir() / "sample-context"
    screener = build_screener(
        store,
        context_dir=context if context.is_dir() else None,
        images_root=context if context.is_dir() else _sample_dir(),
    )
    results_path = out_dir / "screening-results.jsonl"
    results_path.unlink(missing_ok=True)
    summary = run_batch(screener, samples, results_path)
    table = Table(title="Flagged sample listings")
    for column in ("listing", "decision", "risk", "reasons"):
        table.add_column(column, overflow="fold")
    for result in summary.flagged_results:
        reasons = "; ".join(r.detail for r in result.reasons if r.weight > 0)[:240]
        table.add_row(result.id, result.decision.value, f"{result.risk:.2f}", reasons)
    console.print(table)
    console.print(
        f"screened {summary.screened}, flagged {summary.flagged}, errors {summary.errors}  →  {results_path}"
    )
    return [r.id for r in summary.flagged_results]


def _evidence(console: Console, flagged: list[str], out_dir: Path) -> None:
    from ipwarden.cli.evidence_cmd import open_service
    from ipwarden.evidence.bundle import export_bundle
    from ipwarden.evidence.verify import verify_bundle

    console.rule("[bold]4. Evidence log")
    service = open_service()
    capture = out_dir / "screening-results.jsonl"
    receipts = service.add_files(
        [capture],
        "DEMO-CASE-1",
        note=f"{len(flagged)} flagged listing(s)",
        operator="demo",
        capture_method="screening-run",
    )
    bundle = export_bundle(service, [r.index for r in receipts], out_dir / "DEMO-CASE-1.zip")
    report = verify_bundle(bundle)
    console.print(
        f"logged {len(receipts)} item(s) at index {', '.join(str(r.index) for r in receipts)} "
        f"(tree size {report.size}); court bundle {bundle} verified offline: "
        f"{len(report.checks)} checks passed"
    )


def demo(
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option(help="Folder for the demo's outputs.")] = None,
) -> None:
    """Load the bundled demo data into a local registry and run the main job on it."""
    console = Console()
    settings = settings_for(db)
    out_dir = out or settings.home / "demo"
    out_dir.mkdir(parents=True, exist_ok=True)
    _registry(console, db)
    _search(console, db)
    flagged = _screen(console, db, out_dir)
    _evidence(console, flagged, out_dir)
    console.rule("[bold]done")
    console.print(
        "Try: ipwarden search 'NIKEE' --class 25   ·   ipwarden classes --search 'running shoes'   ·   "
        "ipwarden serve"
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
