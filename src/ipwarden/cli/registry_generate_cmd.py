"""CLI command: ``ipwarden registry generate`` (synthetic registries for benchmarks and scale tests)."""

from __future__ import annotations

import typer

__all__ = ["add_commands"]


def add_commands(registry_app: typer.Typer) -> None:
    """Add ``generate`` to the ``registry`` sub-app."""
