"""Shared by the bulk-path tests: fresh stores on SQLite and PostgreSQL, and one import run summed up."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ipwarden.registry.flat import flatten
from ipwarden.registry.models import OwnerFamily
from ipwarden.registry.services import ImportSummary, import_files
from ipwarden.storage import SqlRightsStore, open_store

__all__ = ["FAMILIES", "counts", "make_store", "run_import", "stop_and_resume"]

FAMILIES = [OwnerFamily("acme", "Acme Corporation", ("ACME CORP", "阿克米"))]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    made: list[tuple[SqlRightsStore, str]] = []

    def make() -> SqlRightsStore:
        if request.param == "sqlite":
            store = open_store(f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:6]}.db'}")
            made.append((store, ""))
            return store
        import psycopg

        pg_url: str = request.getfixturevalue("pg_url")
        admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
        name = f"ipwarden_bulk_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        store = open_store(pg_url.rsplit("/", 1)[0] + "/" + name, copy_threshold=50)
        made.append((store, name))
        return store

    yield make
    for store, name in made:
        store.close()
        if name:
            import psycopg

            admin = request.getfixturevalue("pg_url").replace("postgresql+psycopg://", "postgresql://")
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def counts(summary: ImportSummary) -> list[tuple[int, ...]]:
    return [(f.read, f.stored, f.replaced, f.unchanged, f.rejected, f.resumed_from) for f in summary.files]


def run_import(store: SqlRightsStore, files: list[Path], tmp: Path, bulk: Any) -> tuple[Any, ...]:
    rejects = tmp / f"rejects-{bulk}.jsonl"
    seen: list[str] = []
    store.upsert_families(FAMILIES)
    first = import_files(
        files, store, rejects_path=rejects, batch_size=97, home=tmp / bulk, bulk=bulk,
        on_stored=lambda rights: seen.extend(r.id for r in rights),
    )  # fmt: skip
    again = import_files(files, store, batch_size=97, home=tmp / bulk, bulk=bulk)
    stored = [flatten(r) for r in store.iter_rights()]
    return (
        counts(first),
        counts(again),
        rejects.read_text(encoding="utf-8"),
        stored,
        seen,
        store.fingerprint(),
    )


def stop_and_resume(make_store: Any, path: Path, tmp_path: Path) -> list[tuple[Any, ...]]:
    """Import ``path`` stopped after three batches and resumed, the general way and the bulk way (inline):
    the counts of both runs and every stored right, for each."""
    results = []
    for bulk in ("off", "inline"):
        store = make_store()
        home = tmp_path / f"home-{bulk}"
        stopped = import_files([path], store, batch_size=50, home=home, stop_after_batches=3, bulk=bulk)
        assert not stopped.completed
        resumed = import_files([path], store, batch_size=50, home=home, bulk=bulk)
        assert resumed.completed and resumed.files[0].resumed_from > 0
        results.append((counts(stopped), counts(resumed), [flatten(r) for r in store.iter_rights()]))
    return results
