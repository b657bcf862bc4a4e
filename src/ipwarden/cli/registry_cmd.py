"""CLI commands: ``ipwarden registry …`` (import, stats, show, export, generate)."""

from __future__ import annotations

import typer

from ipwarden.cli import registry_generate_cmd

__all__ = ["register", "registry_app"]

registry_app = typer.Typer(help="Import, inspect and export the rights registry.", no_args_is_help=True)

registry_generate_cmd.add_commands(registry_app)


def register(app: typer.Typer) -> None:
    """Add ``ipwarden registry`` to the root app."""
    app.add_typer(registry_app, name="registry")
