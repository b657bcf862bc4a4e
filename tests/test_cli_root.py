"""The root command: version, help, and how user errors surface (message + documented exit code)."""

from __future__ import annotations

from typing import Any

import typer

from ipwarden import __version__
from ipwarden.cli._common import GuardedGroup
from ipwarden.errors import ExitCode, InputError


def test_version(cli: Any) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ipwarden {__version__}"


def test_no_args_shows_help(cli: Any) -> None:
    result = cli()
    assert "Usage" in result.stdout
    assert "registry" in result.stdout


def _guarded_app() -> typer.Typer:
    app = typer.Typer(cls=GuardedGroup)

    @app.command()
    def fail(json: bool = False) -> None:
        raise InputError("file 'x.jsonl' line 3: field 'classes' must be 1-45", hint="fix the line")

    @app.command()
    def ok() -> None:
        typer.echo("fine")

    return app


def test_user_error_is_a_message_and_exit_code_not_a_traceback() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(_guarded_app(), ["fail"])
    assert result.exit_code == ExitCode.USAGE
    assert "error: file 'x.jsonl' line 3: field 'classes' must be 1-45" in result.stderr
    assert "hint: fix the line" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_user_error_with_json_flag_prints_the_common_error_body() -> None:
    import json

    from typer.testing import CliRunner

    result = CliRunner().invoke(_guarded_app(), ["fail", "--json"])
    assert result.exit_code == ExitCode.USAGE
    body = json.loads(result.stdout)
    assert body["error"]["code"] == "invalid_input"
    assert "line 3" in body["error"]["message"]
