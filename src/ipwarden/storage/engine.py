"""Database URLs, engines and migrations: the zero-configuration part of the storage layer.

``sqlite:///path`` creates the file and its folder; ``postgresql://`` (and ``postgres://``) use psycopg 3.
Every open runs the Alembic migrations shipped in ``ipwarden/storage/migrations`` up to head, under a lock,
and is a no-op when the database is already there.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

from ipwarden.storage.errors import DatabaseUnavailableError, DatabaseUrlError, DatabaseVersionError

__all__ = ["create_store_engine", "guard", "migrate", "normalise_url", "safe_url"]

_HINT_URL = "use sqlite:///path/to/registry.db or postgresql://user@host:5432/dbname (--db or IPWARDEN_DB)"
_MIGRATION_LOCK = 0x1BD1_7A2D  # pg_advisory_xact_lock key: one migrating process at a time

# CPython's sqlite3 binds None through its adapter lookup, which fails by raising and catching an
# AttributeError for every NULL parameter; registering an adapter for None makes it a dict hit. Rights
# rows are mostly NULLs, so this alone triples bulk insert speed. The adapter is ``{}.get``, a C call that
# returns None for None (a Python lambda costs about three times as much per NULL). Behaviour is unchanged.
_NO_ADAPTATION: dict[None, None] = {}
sqlite3.register_adapter(type(None), _NO_ADAPTATION.get)


def safe_url(url: URL | str) -> str:
    """The URL as text with any password masked, for messages and logs."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except exc.ArgumentError:
            return "<unparseable URL>"
    return url.render_as_string(hide_password=True)


def normalise_url(db_url: str) -> URL:
    """Parse and check ``db_url``; map plain PostgreSQL URLs to psycopg 3 and create SQLite's folder."""
    text = db_url.strip()
    try:
        url = make_url(text)
    except exc.ArgumentError:
        raise DatabaseUrlError(
            f"the database URL {text.split('@')[-1]!r} is not a URL", hint=_HINT_URL
        ) from None
    backend = url.drivername.split("+", 1)[0]
    if backend in ("postgresql", "postgres"):
        if url.drivername not in ("postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg"):
            raise DatabaseUrlError(
                f"the database driver in {safe_url(url)} is not supported", hint="use postgresql+psycopg://"
            )
        if not url.database:
            raise DatabaseUrlError(f"the database URL {safe_url(url)} names no database", hint=_HINT_URL)
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.drivername not in ("sqlite", "sqlite+pysqlite"):
            raise DatabaseUrlError(f"the SQLite driver in {safe_url(url)} is not supported", hint=_HINT_URL)
        if not url.database or url.database == ":memory:":
            return url.set(drivername="sqlite", database=":memory:")
        path = Path(url.database).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DatabaseUrlError(
                f"cannot create the folder {str(path.parent)!r} for the SQLite database: {err.strerror}",
                hint="choose a writable location with --db sqlite:///path/to/registry.db",
            ) from None
        if path.is_dir():
            raise DatabaseUrlError(
                f"the SQLite database path {str(path)!r} is a folder",
                hint="name a file, e.g. sqlite:///path/to/registry.db",
            )
        return url.set(drivername="sqlite", database=str(path))
    raise DatabaseUrlError(f"unsupported database {backend!r} in {safe_url(url)}", hint=_HINT_URL)


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL + synchronous=NORMAL for fast durable batches; explicit BEGIN so transactions are real.

    Python's sqlite3 module would otherwise open transactions implicitly (and not for DDL); writers ask for
    ``BEGIN IMMEDIATE`` so two importers never both read then fail to upgrade their lock.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("ipwarden_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_store_engine(url: URL) -> Engine:
    """An engine for a URL from :func:`normalise_url`; nothing is connected yet."""
    if url.drivername == "sqlite":
        if url.database == ":memory:":
            engine = sa.create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _sqlite_pragmas(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


@contextmanager
def guard(url: URL, *, opening: bool = False) -> Iterator[None]:
    """Turn driver errors about reaching or reading the database into messages for people.

    Other database errors after a successful open are bugs and propagate as they are.
    """
    try:
        yield
    except exc.OperationalError as err:
        detail = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
        if url.drivername == "sqlite":
            raise DatabaseUnavailableError(
                f"cannot use the SQLite database {url.database!r}: {detail}",
                hint="check that the file is an ipwarden database and that the folder is writable",
            ) from None
        raise DatabaseUnavailableError(
            f"cannot use the database {safe_url(url)}: {detail}",
            hint="check that the server is running and that host, port, user, password and database in "
            "the URL are right (create the database first if it does not exist)",
        ) from None
    except exc.DatabaseError as err:
        if not opening:
            raise
        detail = str(err.orig).strip().splitlines()[0] if err.orig is not None else str(err)
        raise DatabaseUnavailableError(
            f"the database {safe_url(url)} cannot be read as an ipwarden registry: {detail}",
            hint="point --db at an ipwarden database or at a new, empty one",
        ) from None


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    return cfg


@functools.cache
def head_revision() -> str:
    """The newest revision shipped with this version (read once per process)."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to head; a no-op (one small query) when it is already there."""
    current = current_revision(engine)
    if current == head_revision():
        return
    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise DatabaseVersionError(
                f"the database {safe_url(engine.url)} has schema revision {current!r}, which this version "
                "of ipwarden does not know",
                hint="upgrade ipwarden, or use another database",
            ) from None
    with engine.connect().execution_options(ipwarden_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
