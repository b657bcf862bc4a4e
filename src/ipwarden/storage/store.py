"""The SQL :class:`~ipwarden.registry.interfaces.RightsStore` for SQLite and PostgreSQL.

Writes validate the whole batch first, then run in one transaction: look up the stored content hashes of the
batch's ids once, count stored/replaced/unchanged exactly like the in-memory store, and write only rows whose
content changed (executemany of pre-serialised tuples; PostgreSQL large batches go through COPY into a temp
table and one ``INSERT … ON CONFLICT``). Writers are serialised (SQLite ``BEGIN IMMEDIATE``, PostgreSQL a row
lock on ``store_meta``), which keeps the stored count and change counter in ``store_meta`` exact, so
:meth:`SqlRightsStore.fingerprint` and :meth:`count_rights` are O(1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from ipwarden.registry.interfaces import (
    InvalidRecordError,
    UpsertResult,
    check_authorisations,
    check_families,
    check_rights,
)
from ipwarden.registry.models import Authorisation, OwnerFamily, RegistryStats, Right, Status
from ipwarden.storage.codec import (
    AUTHORISATION_COLUMNS,
    FAMILY_COLUMNS,
    RIGHT_COLUMNS,
    Row,
    decode_authorisation,
    decode_family,
    decode_right,
    encode_authorisation,
    encode_family,
    encode_right,
)
from ipwarden.storage.engine import guard
from ipwarden.storage.index_rows import IndexRow, iter_index_rows

__all__ = ["SqlRightsStore"]

_LOOKUP_CHUNK = 500
# The secondary indexes of ``rights`` as migration 0001 creates them; a bulk load into an empty table
# builds them once at the end instead of updating them row by row (see SqlRightsStore.begin_bulk_load).
RIGHTS_INDEXES: tuple[tuple[str, str], ...] = (
    ("ix_rights_owner_family", "owner_family, id"),
    ("ix_rights_office", "office, id"),
    ("ix_rights_status", "status, id"),
)
_ID = itemgetter(0)
_RIGHT_SELECT = ", ".join(RIGHT_COLUMNS[:-1])


def _count(existing: dict[str, str], rows: Sequence[Row]) -> tuple[UpsertResult, list[Row], int]:
    """Sequential stored/replaced/unchanged counts, the rows to write (last one per id) and new ids."""
    ids = {row[0] for row in rows}
    if len(ids) == len(rows):  # the usual batch: every id once (imports keep the latest per id)
        if not existing:
            return UpsertResult(stored=len(rows), replaced=0, unchanged=0), sorted(rows, key=_ID), len(rows)
        by_id = dict(zip(map(_ID, rows), rows, strict=True))  # only the few stored ids are looked at
        same = {rid for rid, digest in existing.items() if by_id[rid][-1] == digest}
        changed = sorted((row for row in rows if row[0] not in same) if same else rows, key=_ID)
        new_ids = len(rows) - len(existing)  # ``existing`` holds stored ids of ``rows`` only
        result = UpsertResult(stored=new_ids, replaced=len(existing) - len(same), unchanged=len(same))
        return result, changed, new_ids
    current = dict(existing)
    stored = replaced = unchanged = 0
    final: dict[str, Row] = {}
    for row in rows:
        rid, digest = row[0], row[-1]
        old = current.get(rid)
        if old is None:
            stored += 1
        elif old == digest:
            unchanged += 1
        else:
            replaced += 1
        current[rid] = digest
        final[rid] = row
    # In id order: B-tree inserts and index updates then touch neighbouring pages (about 20% faster).
    changed = sorted((row for rid, row in final.items() if existing.get(rid) != row[-1]), key=_ID)
    new_ids = sum(1 for rid in final if rid not in existing)
    return UpsertResult(stored=stored, replaced=replaced, unchanged=unchanged), changed, new_ids


def _check_flat(rows: Sequence[Row]) -> None:
    """The shape of flat rights, with C-level passes (the content was checked where they were built)."""
    width = len(RIGHT_COLUMNS)
    if not rows or (set(map(type, rows)) == {tuple} and set(map(len, rows)) == {width}
                    and set(map(type, map(_ID, rows))) == {str} and all(map(_ID, rows))):  # fmt: skip
        return
    for i, row in enumerate(rows):
        if type(row) is not tuple or len(row) != width or type(row[0]) is not str or not row[0]:
            raise InvalidRecordError(
                f"item {i + 1} of the batch is not a flat right of {width} values with an id; nothing from "
                "this batch was stored",
                hint="build rows with ipwarden.registry.flat.flatten",
            )


class SqlRightsStore:
    """Rights, owner families and authorisations in SQLite or PostgreSQL (see :func:`open_store`).

    ``copy_threshold``: PostgreSQL batches with at least this many changed rows are written with COPY.
    """

    def __init__(self, engine: Engine, *, copy_threshold: int = 1_000) -> None:
        self._engine = engine
        self._url = engine.url
        self._pg = engine.dialect.name == "postgresql"
        self._ph = "%s" if self._pg else "?"
        self._copy_threshold = copy_threshold

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        """Close pooled connections (the store can still be used; it reconnects)."""
        self._engine.dispose()

    def __enter__(self) -> SqlRightsStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqlRightsStore({self._url.render_as_string(hide_password=True)!r})"

    # -- plumbing -------------------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with guard(self._url), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with (
            guard(self._url),
            self._engine.connect().execution_options(ipwarden_write=True) as conn,
            conn.begin(),
        ):
            if self._pg:  # one writer at a time keeps the counters in store_meta exact
                conn.exec_driver_sql("SELECT changes FROM store_meta WHERE id = 1 FOR UPDATE")
            yield conn

    def _existing(self, conn: sa.Connection, table: str, ids: Iterable[str]) -> dict[str, str]:
        """Stored content hashes of ``ids`` (one query on PostgreSQL, chunks of 500 on SQLite)."""
        unique = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        if self._pg:
            result = conn.exec_driver_sql(
                f"SELECT id, content_hash FROM {table} WHERE id = ANY(%s)", (unique,)
            )
            found.update((r[0], r[1]) for r in result)
            return found
        for start in range(0, len(unique), _LOOKUP_CHUNK):
            chunk = unique[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            result = conn.exec_driver_sql(
                f"SELECT id, content_hash FROM {table} WHERE id IN ({marks})", tuple(chunk)
            )
            found.update((r[0], r[1]) for r in result)
        return found

    def _upsert_sql(self, table: str, columns: Sequence[str], source: str | None = None) -> str:
        cols = ", ".join(columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        body = (
            f"SELECT {cols} FROM {source}" if source else f"VALUES ({', '.join([self._ph] * len(columns))})"
        )
        return f"INSERT INTO {table} ({cols}) {body} ON CONFLICT (id) DO UPDATE SET {updates}"

    def _write_rows(self, conn: sa.Connection, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        if self._pg and len(rows) >= self._copy_threshold:
            self._copy_rows(conn, table, columns, rows)
            return
        conn.exec_driver_sql(self._upsert_sql(table, columns), rows)

    def _copy_rows(self, conn: sa.Connection, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        """PostgreSQL bulk path: COPY into a temp table, then one INSERT … ON CONFLICT from it."""
        staging = f"_ipwarden_in_{table}"
        raw: Any = conn.connection.driver_connection
        cols = ", ".join(columns)
        with raw.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {table} INCLUDING DEFAULTS) "
                "ON COMMIT DELETE ROWS"
            )
            with cursor.copy(f"COPY {staging} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(self._upsert_sql(table, columns, source=staging))

    def _upsert(
        self,
        table: str,
        columns: Sequence[str],
        rows: list[Row],
        *,
        counts_rights: bool,
        unstored: AbstractSet[str] = frozenset(),
    ) -> UpsertResult:
        if not rows:
            return UpsertResult(stored=0, replaced=0, unchanged=0)
        with self._write() as conn:
            looked_up = (
                (row[0] for row in rows) if not unstored else (r[0] for r in rows if r[0] not in unstored)
            )
            existing = self._existing(conn, table, looked_up)
            result, changed, new_ids = _count(existing, rows)
            self._write_rows(conn, table, columns, changed)
            if result.stored or result.replaced:
                conn.exec_driver_sql(
                    f"UPDATE store_meta SET changes = changes + 1, rights_count = rights_count + {self._ph} "
                    "WHERE id = 1",
                    (new_ids if counts_rights else 0,),
                )
        return result

    def _select(
        self, sql: str, decode: Callable[[Sequence[Any]], Any], params: dict[str, Any] | None = None
    ) -> list[Any]:
        with self._read() as conn:
            return [decode(row) for row in conn.execute(sa.text(sql), params or {})]

    # -- rights ---------------------------------------------------------------------------------------

    def upsert_rights(self, rights: Sequence[Right]) -> UpsertResult:
        check_rights(rights)
        return self._upsert("rights", RIGHT_COLUMNS, [encode_right(r) for r in rights], counts_rights=True)

    def upsert_flat_rights(
        self, rows: Sequence[Row], unstored: AbstractSet[str] = frozenset()
    ) -> UpsertResult:
        """Store flat rights (registry/flat.py) as they are: the bulk import's path, no model objects.

        The rows must come from ``flatten`` or the bulk JSONL reader, which apply every check
        ``upsert_rights`` applies; here only their shape is checked, cheaply. ``unstored`` names ids the
        caller knows are not stored (an import into an empty store): they are not looked up, and still
        written as upserts, so a wrong hint can only miscount, never lose or duplicate a right.
        """
        _check_flat(rows)
        return self._upsert("rights", RIGHT_COLUMNS, list(rows), counts_rights=True, unstored=unstored)

    def begin_bulk_load(self) -> bool:
        """Before a large import: if ``rights`` is empty, drop its secondary indexes; True if dropped.

        Filling an empty table and then building each index in one sorted pass costs less than updating
        three indexes row by row. Each batch still commits on its own, so checkpoints and resuming work as
        ever; :meth:`end_bulk_load` builds the indexes again, and should the process die before that,
        the next :func:`~ipwarden.storage.open_store` does (:meth:`ensure_indexes`). Until then queries
        by family, office or status are correct but scan the table.
        """
        with self._write() as conn:
            count = conn.exec_driver_sql("SELECT rights_count FROM store_meta WHERE id = 1").scalar_one()
            if count:
                return False
            for name, _ in RIGHTS_INDEXES:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
        return True

    def end_bulk_load(self) -> None:
        """Build the indexes :meth:`begin_bulk_load` dropped (in one transaction)."""
        with guard(self._url), self._engine.connect().execution_options(ipwarden_write=True) as conn:
            # SQLite sorts for CREATE INDEX in temporary storage; in a file it does not grow memory with the
            # table (the setting can only change outside a transaction, so on the raw connection).
            raw: Any = None if self._pg else conn.connection.driver_connection
            if raw is not None:
                raw.execute("PRAGMA temp_store=FILE")
            try:
                with conn.begin():
                    for name, columns in RIGHTS_INDEXES:
                        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON rights ({columns})")
            finally:
                if raw is not None:
                    raw.execute("PRAGMA temp_store=MEMORY")

    def ensure_indexes(self) -> None:
        """Rebuild secondary indexes a bulk load left dropped (it was stopped before its end)."""
        sql = (
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'rights'"
            if self._pg
            else "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rights'"
        )
        with self._read() as conn:
            present = {row[0] for row in conn.exec_driver_sql(sql)}
        if not {name for name, _ in RIGHTS_INDEXES} <= present:
            self.end_bulk_load()

    def get_right(self, right_id: str) -> Right | None:
        found = self._select(
            f"SELECT {_RIGHT_SELECT} FROM rights WHERE id = :id", decode_right, {"id": right_id}
        )
        return found[0] if found else None

    def get_rights(self, right_ids: Sequence[str]) -> list[Right]:
        unique = list(dict.fromkeys(right_ids))
        by_id: dict[str, Right] = {}
        stmt = sa.text(f"SELECT {_RIGHT_SELECT} FROM rights WHERE id IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)
        )
        with self._read() as conn:
            for start in range(0, len(unique), _LOOKUP_CHUNK):
                for row in conn.execute(stmt, {"ids": unique[start : start + _LOOKUP_CHUNK]}):
                    by_id[row[0]] = decode_right(row)
        return [by_id[i] for i in right_ids if i in by_id]

    def iter_rights(
        self,
        *,
        offices: Iterable[str] | None = None,
        statuses: Iterable[Status] | None = None,
        batch_size: int = 10_000,
    ) -> Iterator[Right]:
        """Keyset pagination on ``id``: each page is its own short read, so memory stays constant."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        where = ["id > :after"]
        params: dict[str, Any] = {"after": "", "limit": batch_size}
        binds: list[sa.BindParameter[Any]] = []
        if offices is not None:
            params["offices"] = sorted({o.upper() for o in offices})
            where.append("office IN :offices")
            binds.append(sa.bindparam("offices", expanding=True))
        if statuses is not None:
            params["statuses"] = sorted({Status(s).value for s in statuses})
            where.append("status IN :statuses")
            binds.append(sa.bindparam("statuses", expanding=True))
        if any(not params.get(k, True) for k in ("offices", "statuses")):
            return
        stmt = sa.text(
            f"SELECT {_RIGHT_SELECT} FROM rights WHERE {' AND '.join(where)} ORDER BY id LIMIT :limit"
        ).bindparams(*binds)
        while True:  # ids are never empty, so id > "" starts at the beginning
            with self._read() as conn:
                page = [decode_right(row) for row in conn.execute(stmt, params)]
            yield from page
            if len(page) < batch_size:
                return
            params["after"] = page[-1].id

    def iter_index_rows(self, *, batch_size: int = 50_000) -> Iterator[IndexRow]:
        """Rights in ``id`` order as only the columns the search index files (no ``Right`` objects)."""
        return iter_index_rows(self._read, self._ph, batch_size)

    def count_rights(self) -> int:
        with self._read() as conn:
            return int(conn.exec_driver_sql("SELECT rights_count FROM store_meta WHERE id = 1").scalar_one())

    def rights_of_family(self, family_id: str) -> list[Right]:
        return self._select(
            f"SELECT {_RIGHT_SELECT} FROM rights WHERE owner_family = :f ORDER BY id",
            decode_right,
            {"f": family_id},
        )

    # -- owner families and authorisations ------------------------------------------------------------

    def upsert_families(self, families: Sequence[OwnerFamily]) -> UpsertResult:
        check_families(families)
        rows = [encode_family(f) for f in families]
        return self._upsert("owner_families", FAMILY_COLUMNS, rows, counts_rights=False)

    def get_family(self, family_id: str) -> OwnerFamily | None:
        found = self._select(
            "SELECT id, name, aliases FROM owner_families WHERE id = :id", decode_family, {"id": family_id}
        )
        return found[0] if found else None

    def list_families(self) -> list[OwnerFamily]:
        return self._select("SELECT id, name, aliases FROM owner_families ORDER BY id", decode_family)

    def upsert_authorisations(self, authorisations: Sequence[Authorisation]) -> UpsertResult:
        check_authorisations(authorisations)
        rows = [encode_authorisation(a) for a in authorisations]
        return self._upsert("authorisations", AUTHORISATION_COLUMNS, rows, counts_rights=False)

    def authorisations_for_seller(self, seller_id: str) -> list[Authorisation]:
        cols = ", ".join(AUTHORISATION_COLUMNS[:-1])
        return self._select(
            f"SELECT {cols} FROM authorisations WHERE seller_id = :s ORDER BY id",
            decode_authorisation,
            {"s": seller_id},
        )

    def list_authorisations(self) -> list[Authorisation]:
        cols = ", ".join(AUTHORISATION_COLUMNS[:-1])
        return self._select(f"SELECT {cols} FROM authorisations ORDER BY id", decode_authorisation)

    # -- summaries ------------------------------------------------------------------------------------

    def stats(self) -> RegistryStats:
        with self._read() as conn:

            def grouped(column: str) -> dict[str, int]:
                sql = f"SELECT {column}, COUNT(*) FROM rights GROUP BY {column} ORDER BY {column}"
                return {str(k): int(n) for k, n in conn.exec_driver_sql(sql)}

            return RegistryStats(
                rights=int(conn.exec_driver_sql("SELECT rights_count FROM store_meta").scalar_one()),
                by_kind=grouped("kind"),
                by_office=grouped("office"),
                by_status=grouped("status"),
                owner_families=int(conn.exec_driver_sql("SELECT COUNT(*) FROM owner_families").scalar_one()),
                authorisations=int(conn.exec_driver_sql("SELECT COUNT(*) FROM authorisations").scalar_one()),
            )

    def fingerprint(self) -> str:
        """``<store>:<rights>:<changes>`` from the one-row meta table; changes after every changing upsert."""
        with self._read() as conn:
            uid, rights, changes = conn.exec_driver_sql(
                "SELECT store_uid, rights_count, changes FROM store_meta WHERE id = 1"
            ).one()
        return f"{uid}:{rights}:{changes}"
