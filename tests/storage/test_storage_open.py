"""open_store: zero-configuration SQLite, migrations to head, PostgreSQL URLs and errors for people."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ipwarden.registry.models import GoodsServices, OwnerFamily, Party, Right, RightKind
from ipwarden.storage import (
    DatabaseUnavailableError,
    DatabaseUrlError,
    DatabaseVersionError,
    SqlRightsStore,
    open_store,
)
from ipwarden.storage.engine import (
    create_store_engine,
    current_revision,
    head_revision,
    migrate,
    normalise_url,
)

TABLES = {"alembic_version", "rights", "owner_families", "authorisations", "store_meta"}


@pytest.fixture
def opened() -> Iterator[list[SqlRightsStore]]:
    stores: list[SqlRightsStore] = []
    yield stores
    for store in stores:
        store.close()


def _open(url: str, opened: list[SqlRightsStore]) -> SqlRightsStore:
    store = open_store(url)
    opened.append(store)
    return store


def test_sqlite_file_and_folders_are_created_at_head(tmp_path: Path, opened: list[SqlRightsStore]) -> None:
    path = tmp_path / "a" / "b" / "registry.db"
    store = _open(f"sqlite:///{path}", opened)
    assert path.is_file()
    assert current_revision(store.engine) == head_revision()
    assert set(sa.inspect(store.engine).get_table_names()) >= TABLES
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        indexes = {row[1] for row in conn.execute("SELECT type, name FROM sqlite_master WHERE type='index'")}
    assert {"ix_rights_owner_family", "ix_rights_office", "ix_rights_status"} <= indexes
    assert "ix_authorisations_seller_id" in indexes


def test_reopening_is_a_no_op_and_keeps_data(tmp_path: Path, opened: list[SqlRightsStore]) -> None:
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    first = _open(url, opened)
    first.upsert_rights([Right(id="US-1", kind=RightKind.TRADEMARK, office="US", mark_text="ACME")])
    fingerprint = first.fingerprint()
    first.close()

    statements: list[str] = []
    engine = create_store_engine(normalise_url(url))
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    migrate(engine)  # what open_store runs on every open
    assert statements and not any(
        s.lstrip().upper().startswith(("CREATE", "ALTER", "INSERT", "UPDATE")) for s in statements
    )
    second = SqlRightsStore(engine)
    opened.append(second)
    assert second.fingerprint() == fingerprint
    assert second.get_right("US-1") is not None
    assert current_revision(engine) == head_revision()


def test_a_memory_url_works(opened: list[SqlRightsStore]) -> None:
    store = _open("sqlite://", opened)
    store.upsert_families([OwnerFamily("nike", "Nike, Inc.", ("耐克",))])
    assert store.list_families() == [OwnerFamily("nike", "Nike, Inc.", ("耐克",))]


CHINESE = [
    Right(
        id="CN-1",
        kind=RightKind.TRADEMARK,
        office="CN",
        mark_text="星巴克",
        owner=Party("星巴克公司", "US", "美国华盛顿州西雅图"),
        goods_services=(GoodsServices(43, "咖啡馆；餐厅"),),
        owner_family="starbucks",
    ),
    Right(id="CN-2", kind=RightKind.TRADEMARK, office="CN", mark_text="耐克 NIKE ナイキ 나이키 😀"),
    Right(id="TW-3", kind=RightKind.TRADEMARK, office="TW", mark_text="蘋果", title="𠀀 (outside the BMP)"),
]


def _unicode_round_trip(store: SqlRightsStore) -> None:
    store.upsert_rights(CHINESE)
    assert store.get_rights([r.id for r in CHINESE]) == CHINESE
    assert [r.id for r in store.rights_of_family("starbucks")] == ["CN-1"]
    assert store.upsert_rights(CHINESE).unchanged == 3
    with store.engine.connect() as conn:  # stored as readable UTF-8, not \\u escapes
        text = conn.exec_driver_sql("SELECT goods_services FROM rights WHERE id = 'CN-1'").scalar_one()
    assert "咖啡馆" in str(text)


def test_unicode_round_trip_sqlite(tmp_path: Path, opened: list[SqlRightsStore]) -> None:
    _unicode_round_trip(_open(f"sqlite:///{tmp_path / 'r.db'}", opened))


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[str]:
    import psycopg

    schema = f"storage_{uuid.uuid4().hex[:8]}"
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{plain}?options=-csearch_path%3D{schema}"  # the plain postgresql:// form must be accepted
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.postgres
def test_postgres_fresh_database_at_head_and_reopen(pg_schema: str, opened: list[SqlRightsStore]) -> None:
    store = _open(pg_schema, opened)
    assert store.engine.url.drivername == "postgresql+psycopg"
    assert current_revision(store.engine) == head_revision()
    assert set(sa.inspect(store.engine).get_table_names()) >= TABLES
    _unicode_round_trip(store)
    again = _open(pg_schema, opened)
    assert again.fingerprint() == store.fingerprint()
    with store.engine.connect() as conn:
        collation = conn.exec_driver_sql(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'rights' AND column_name = 'id' AND table_schema = current_schema()"
        ).scalar_one()
    assert collation == "C"


@pytest.mark.postgres
def test_postgres_missing_database_is_a_clear_error(pg_url: str) -> None:
    base = pg_url.rsplit("/", 1)[0]
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_store(f"{base}/no_such_db_{uuid.uuid4().hex[:6]}")
    assert "no_such_db_" in caught.value.message
    assert caught.value.hint and "create the database" in caught.value.hint


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_unreachable_server_names_the_url_without_password(scheme: str) -> None:
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_store(f"{scheme}://alice:s3cret@127.0.0.1:1/registry")
    message = str(caught.value)
    assert "postgresql+psycopg://alice:***@127.0.0.1:1/registry" in message
    assert "s3cret" not in message and "s3cret" not in repr(caught.value.to_dict())
    assert "server is running" in message


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "is not a URL"),
        ("/var/lib/registry.db", "is not a URL"),
        ("mysql://user:pw@host/db", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://u:pw@host/db", "driver"),
        ("postgresql://u:pw@host:5432", "names no database"),
    ],
)
def test_bad_urls(url: str, expected: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        open_store(url)
    assert expected in caught.value.message
    assert "pw@" not in caught.value.message
    assert caught.value.exit_code == 2 and caught.value.http_status == 422


def test_sqlite_path_problems(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(DatabaseUrlError, match="cannot create the folder"):
        open_store(f"sqlite:///{tmp_path / 'file' / 'sub' / 'registry.db'}")
    with pytest.raises(DatabaseUrlError, match="is a folder"):
        open_store(f"sqlite:///{tmp_path}")
    (tmp_path / "notes.txt").write_text("these are not the rights you are looking for\n" * 100)
    with pytest.raises(DatabaseUnavailableError, match=r"notes\.txt"):
        open_store(f"sqlite:///{tmp_path / 'notes.txt'}")


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path, opened: list[SqlRightsStore]) -> None:
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    store = _open(url, opened)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    with pytest.raises(DatabaseVersionError, match="9999_future"):
        open_store(url)


def test_cli_reports_a_bad_database_url_without_a_traceback(cli: Any) -> None:
    result = cli("registry", "stats", "--db", "mysql://root:pw@localhost/x")
    assert result.exit_code == 2
    assert "error: unsupported database 'mysql'" in result.stderr
    assert "Traceback" not in result.stderr
