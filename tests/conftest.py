"""Shared fixtures: a real PostgreSQL database per test session, an isolated IPWARDEN_HOME, a CLI runner."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("IPWARDEN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own IPWARDEN_HOME; nothing leaks into the working tree."""
    home = tmp_path / "ipwarden-home"
    monkeypatch.setenv("IPWARDEN_HOME", str(home))
    monkeypatch.delenv("IPWARDEN_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database on the real server, dropped after the session."""
    import psycopg

    name = f"ipwarden_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real office records in ../shared/data (read-only)."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.fail(f"reference data not found at {path}; the repository must sit beside shared/")
    return path


class CliResult:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"CliResult(exit_code={self.exit_code}, stdout={self.stdout[-500:]!r}, stderr={self.stderr[-500:]!r})"


@pytest.fixture
def cli() -> object:
    """Run ``ipwarden ARGS`` in-process through the real root app (errors guard included)."""
    from typer.testing import CliRunner

    from ipwarden.cli.main import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> CliResult:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run
