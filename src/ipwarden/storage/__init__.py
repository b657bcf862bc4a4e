"""SQL storage for the rights registry (SQLAlchemy 2; SQLite by default, PostgreSQL for shared use).

``open_store(url)`` is the one entry point: it checks the URL, creates the SQLite file and folder if needed,
runs the shipped Alembic migrations to head and returns a :class:`SqlRightsStore`. See docs/storage.md.
"""

from __future__ import annotations

from ipwarden.storage.engine import create_store_engine, guard, migrate, normalise_url, safe_url
from ipwarden.storage.errors import DatabaseUnavailableError, DatabaseUrlError, DatabaseVersionError
from ipwarden.storage.store import SqlRightsStore

__all__ = [
    "DatabaseUnavailableError",
    "DatabaseUrlError",
    "DatabaseVersionError",
    "SqlRightsStore",
    "open_store",
    "safe_url",
]


def open_store(db_url: str, *, copy_threshold: int = 1_000) -> SqlRightsStore:
    """Open (and create or migrate) the registry at ``db_url``.

    Raises :class:`DatabaseUrlError` for a URL we cannot use and :class:`DatabaseUnavailableError` when the
    server cannot be reached; both name the URL without its password.
    """
    url = normalise_url(db_url)
    engine = create_store_engine(url)
    try:
        with guard(url, opening=True):
            migrate(engine)
        store = SqlRightsStore(engine, copy_threshold=copy_threshold)
        store.ensure_indexes()
    except BaseException:
        engine.dispose()
        raise
    return store
