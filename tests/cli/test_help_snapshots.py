"""Docs don't drift: every command's --help and the OpenAPI schema are pinned as snapshots.

Regenerate after an intended change with ``IPWARDEN_UPDATE_SNAPSHOTS=1 pytest tests/cli/test_help_snapshots.py``
and review the diff (the files double as the CLI reference in docs/cli/ and docs/openapi.json).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from ipwarden.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
HELP_DIR = ROOT / "docs" / "cli"
OPENAPI = ROOT / "docs" / "openapi.json"
UPDATE = os.environ.get("IPWARDEN_UPDATE_SNAPSHOTS") == "1"


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            yield from _paths(sub, (*prefix, name))


COMMANDS = list(_paths(get_command(app)))


def _render(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    )
    assert result.exit_code == 0, result.output
    return "\n".join(line.rstrip() for line in result.output.splitlines()) + "\n"


def _check(target: Path, text: str) -> None:
    if UPDATE:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return
    assert target.is_file(), f"missing snapshot {target}; run with IPWARDEN_UPDATE_SNAPSHOTS=1"
    assert target.read_text(encoding="utf-8") == text, f"{target} is out of date with the command's --help"


def test_every_command_has_help() -> None:
    assert ("registry", "import") in COMMANDS
    assert ("search",) in COMMANDS
    assert ("screen",) in COMMANDS
    assert ("evidence", "verify") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ipwarden")
def test_help_snapshot(path: tuple[str, ...]) -> None:
    name = "-".join(("ipwarden", *path)) + ".txt"
    _check(HELP_DIR / name, _render(path))


def test_no_stale_help_snapshots() -> None:
    expected = {"-".join(("ipwarden", *p)) + ".txt" for p in COMMANDS}
    present = {p.name for p in HELP_DIR.glob("*.txt")} if HELP_DIR.is_dir() else set()
    assert present <= expected or UPDATE, f"snapshots for removed commands: {sorted(present - expected)}"


def test_openapi_snapshot() -> None:
    from ipwarden.config import Settings
    from ipwarden.web.app import create_app

    schema = create_app(Settings.from_env()).openapi()
    _check(OPENAPI, json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def test_typer_app_is_guarded() -> None:
    from ipwarden.cli._common import GuardedGroup

    assert isinstance(get_command(app), GuardedGroup)
    assert isinstance(app, typer.Typer)
