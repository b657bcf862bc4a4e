"""CLI command: ``ipwarden serve`` runs the HTTP API."""

from __future__ import annotations

from typing import Annotated

import typer

from ipwarden.cli._common import DbOption, settings_for

__all__ = ["register"]


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the REST API (OpenAPI documentation at /docs and /openapi.json)."""
    import uvicorn

    from ipwarden.web.app import create_app

    uvicorn.run(create_app(settings_for(db)), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
