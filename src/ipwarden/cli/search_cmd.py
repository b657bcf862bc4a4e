"""CLI commands: ``ipwarden search``, ``ipwarden suggest`` and ``ipwarden index build|check``.

Exit codes: 0 ok, 2 bad query or option (empty, too long, control characters, bad class or office),
5 the search index is stale (rebuild it with ``ipwarden index build``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ipwarden.cli._common import DbOption, JsonOption, settings_for
from ipwarden.errors import IntegrityError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.similarity.index import SearchIndex, open_index
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchHit, SearchService

__all__ = ["register"]

index_app = typer.Typer(help="Build or check the clearance search index.", no_args_is_help=True)

ClassOption = Annotated[
    list[str] | None, typer.Option("--class", "-c", help="Nice class (1-45); repeat for more.")
]
OfficeOption = Annotated[
    list[str] | None,
    typer.Option("--office", "-o", help="Office code (US, CN, EM, WO, ...); repeat or comma-separate."),
]


@contextmanager
def _progress(total: int, label: str) -> Iterator[Any]:
    console = Console(stderr=True)
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total or None)
        yield lambda n: bar.update(task, advance=n)


def _open(db: str | None, *, check: bool = True) -> tuple[RightsStore, SearchIndex]:
    from ipwarden.storage import open_store

    settings = settings_for(db)
    store = open_store(settings.db_url)
    if (settings.index_dir / "meta.json").is_file():
        return store, open_index(settings.index_dir, store, check=check)
    with _progress(store.count_rights(), "building search index") as advance:
        return store, open_index(settings.index_dir, store, check=check, progress=advance)


def _print_hits(hits: tuple[SearchHit, ...]) -> None:
    if not hits:
        typer.echo("no similar marks found")
        return
    for n, hit in enumerate(hits, 1):
        classes = ",".join(map(str, hit.classes)) or "-"
        typer.echo(
            f"{n:>2}. {hit.risk.value.upper():<6} {hit.score:.2f}  {hit.mark}  [{hit.id}, {hit.office}, "
            f"class {classes}, {hit.status}]  {hit.owner or ''}".rstrip()
        )
        for reason in hit.reasons:
            typer.echo(f"      - {reason}")


def search(  # noqa: PLR0917 - the framework maps each parameter to an option
    text: Annotated[str, typer.Argument(help="The mark to clear, in any script.")],
    classes: ClassOption = None,
    goods: Annotated[
        str | None, typer.Option("--goods", help="Goods/services in words (mapped to classes).")
    ] = None,
    offices: OfficeOption = None,
    statuses: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Status filter (default: live); repeat.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-k", help="How many hits to show (1-200).")] = 10,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Find registered marks confusingly similar to TEXT, with a risk tier and reasons for each."""
    query = SearchQuery.parse(
        text, classes=classes or [], goods=goods, offices=offices or [], statuses=statuses or [], limit=limit
    )
    store, index = _open(db)
    result = SearchService(index, store).search(query)
    if json_out:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    _print_hits(result.hits)


def suggest(  # noqa: PLR0917 - the framework maps each parameter to an option
    name: Annotated[str, typer.Argument(help="The name you would like to use.")],
    classes: ClassOption = None,
    offices: OfficeOption = None,
    count: Annotated[int, typer.Option("--count", help="How many clear variants to propose.")] = 5,
    json_out: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Check NAME and propose variants with no high- or medium-risk conflict, with the evidence."""
    query = SearchQuery.parse(name, classes=classes or [], offices=offices or [], field="name")
    store, index = _open(db)
    result = SearchService(index, store).suggest(
        name, classes=query.classes, offices=query.offices or (), count=count
    )
    if json_out:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    original = result.original
    if original.clear:
        typer.echo(f"{result.name}: no high- or medium-risk conflict found")
    else:
        closest = original.closest
        typer.echo(
            f"{result.name}: {original.high} high- and {original.medium} medium-risk conflicts"
            + (f"; closest {closest.mark} ({closest.id}, {closest.risk.value})" if closest else "")
        )
        if closest:
            for reason in closest.reasons:
                typer.echo(f"      - {reason}")
    typer.echo(
        "clear variants:" if result.suggestions else "no clear variant found; try a more distinctive name"
    )
    for s in result.suggestions:
        evidence = (
            f"closest: {s.closest.mark} ({s.closest.id}) score {s.closest.score:.2f}, {s.closest.risk.value}"
            if s.closest
            else "no similar marks at all"
        )
        margin = f"; {s.margin:.2f} below the medium-risk threshold" if s.margin is not None else ""
        typer.echo(f"  {s.name}  — {evidence}{margin}")


@index_app.command("build")
def index_build(db: DbOption = None) -> None:
    """Rebuild the search index from the registry (streamed; shows progress)."""
    from ipwarden.storage import open_store

    settings = settings_for(db)
    store = open_store(settings.db_url)
    with _progress(store.count_rights(), "building search index") as advance:
        index = SearchIndex.build(settings.index_dir, store, progress=advance)
    typer.echo(
        f"search index built: {index.size} marks from {index.meta['rights']} rights in {index.directory}"
    )


@index_app.command("check")
def index_check(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Verify that the search index matches the registry (exit 5 if it is stale)."""
    _store, index = _open(db, check=False)
    state = index.status()
    if json_out:
        typer.echo(
            json.dumps(
                {
                    "fresh": state.fresh,
                    "index": str(state.directory),
                    "indexed_rights": state.indexed_rights,
                    "registry_rights": state.registry_rights,
                    "marks": state.marks,
                }
            )
        )
    if not state.fresh:
        raise IntegrityError(state.message, hint="rebuild it with `ipwarden index build` (same --db)")
    if not json_out:
        typer.echo(state.message)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("search")(search)
    app.command("suggest")(suggest)
    app.add_typer(index_app, name="index")
