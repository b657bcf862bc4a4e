"""Shared CLI plumbing: the error guard and common options."""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ipwarden.config import Settings
from ipwarden.errors import ExitCode, IpwardenError

__all__ = ["DbOption", "GuardedGroup", "JsonOption", "settings_for"]

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (default: SQLite under IPWARDEN_HOME; env IPWARDEN_DB).",
        envvar="IPWARDEN_DB",
        show_envvar=True,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def settings_for(db: str | None) -> Settings:
    return Settings.from_env(db_url=db)


class GuardedGroup(TyperGroup):
    """Turns :class:`IpwardenError` into a short message and its documented exit code.

    A traceback is shown only with ``--verbose`` (or ``IPWARDEN_VERBOSE=1``) and for unexpected errors.
    With ``--json`` anywhere on the command line the common JSON error body goes to stdout as well.
    """

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        ctx = super().make_context(info_name, list(args), parent=parent, **extra)
        ctx.meta.setdefault("ipwarden.argv", list(args))
        return ctx

    def invoke(self, ctx: Any) -> Any:
        argv: list[str] = ctx.meta.get("ipwarden.argv", [])
        verbose = "--verbose" in argv or os.environ.get("IPWARDEN_VERBOSE") == "1"
        try:
            return super().invoke(ctx)
        except IpwardenError as err:
            if verbose:
                traceback.print_exc()
            if "--json" in argv:
                typer.echo(json.dumps(err.to_dict(), ensure_ascii=False))
            typer.echo(f"error: {err.message}", err=True)
            if err.hint:
                typer.echo(f"hint: {err.hint}", err=True)
            raise typer.Exit(err.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None
        except Exception:
            traceback.print_exc(file=sys.stderr)
            typer.echo(
                "error: an internal error occurred; please report it with the traceback above.", err=True
            )
            raise typer.Exit(ExitCode.FAILURE) from None
