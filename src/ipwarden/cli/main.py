"""The ``ipwarden`` command. Each domain's commands live in their own module and register themselves here."""

from __future__ import annotations

from typing import Annotated

import typer

from ipwarden import __version__
from ipwarden.cli import (
    classes_cmd,
    demo_cmd,
    evidence_cmd,
    registry_cmd,
    screen_cmd,
    search_cmd,
    serve_cmd,
    watermark_cmd,
)
from ipwarden.cli._common import GuardedGroup

__all__ = ["app", "main"]

app = typer.Typer(
    cls=GuardedGroup,
    name="ipwarden",
    help="Protect intellectual property in cross-border e-commerce: registry, clearance search, "
    "listing screening and a verifiable evidence log.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipwarden {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Global options."""


for _module in (
    registry_cmd,
    classes_cmd,
    search_cmd,
    screen_cmd,
    evidence_cmd,
    watermark_cmd,
    serve_cmd,
    demo_cmd,
):
    _module.register(app)


def main() -> None:
    app(prog_name="ipwarden")
