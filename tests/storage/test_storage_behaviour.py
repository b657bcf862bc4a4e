"""SQL-store specifics behind the protocol: keyset paging, exact counters under concurrent writers."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from ipwarden.registry.models import Right, RightKind, Status
from ipwarden.storage import SqlRightsStore, open_store


def _tm(rid: str, status: Status = Status.REGISTERED) -> Right:
    return Right(id=rid, kind=RightKind.TRADEMARK, office="US", mark_text=rid, status=status)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqlRightsStore]:
    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    yield store
    store.close()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[SqlRightsStore]:
    import psycopg

    schema = f"behaviour_{uuid.uuid4().hex[:8]}"
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    store = open_store(f"{pg_url}?options=-csearch_path%3D{schema}")
    yield store
    store.close()
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_iter_rights_reads_page_by_page(sqlite_store: SqlRightsStore) -> None:
    sqlite_store.upsert_rights([_tm(f"US-{i}") for i in range(7)])
    pages: list[str] = []
    sa.event.listen(
        sqlite_store.engine,
        "before_cursor_execute",
        lambda _c, _cur, sql, *_: pages.append(sql) if sql.lstrip().startswith("SELECT") else None,
    )
    stream = sqlite_store.iter_rights(batch_size=3)
    first = next(stream)
    assert first.id == "US-0" and len(pages) == 1  # only the first page has been read
    rest = list(stream)
    assert len(rest) == 6 and len(pages) == 3  # 3 + 3 + 1 rows
    assert all("LIMIT" in sql and "id >" in sql for sql in pages)


def _concurrent_writers(store: SqlRightsStore) -> None:
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            for batch in range(5):
                rights = [_tm(f"{prefix}-{batch}-{i}") for i in range(200)]
                rights += [_tm(f"SHARED-{batch}-{i}", Status.PENDING) for i in range(50)]
                store.upsert_rights(rights)
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("A", "B", "C")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.engine.connect() as conn:
        actual = conn.exec_driver_sql("SELECT COUNT(*) FROM rights").scalar_one()
    assert actual == 3 * 5 * 200 + 5 * 50
    assert store.count_rights() == actual
    assert store.stats().by_status == {"registered": 3000, "pending": 250}


def test_concurrent_writers_keep_the_count_exact_sqlite(sqlite_store: SqlRightsStore) -> None:
    _concurrent_writers(sqlite_store)


@pytest.mark.postgres
def test_concurrent_writers_keep_the_count_exact_postgres(pg_store: SqlRightsStore) -> None:
    _concurrent_writers(pg_store)


@pytest.mark.postgres
def test_a_failing_copy_batch_rolls_back(pg_store: SqlRightsStore) -> None:
    """A database error in the middle of a bulk write leaves nothing behind and the store usable."""
    copying = SqlRightsStore(pg_store.engine, copy_threshold=1)
    copying.upsert_rights([_tm("US-KEEP")])
    before = copying.fingerprint()
    with pg_store.engine.begin() as conn:  # a constraint the validator does not know about
        conn.exec_driver_sql("ALTER TABLE rights ADD CONSTRAINT no_zzz CHECK (mark_text <> 'US-ZZZ')")
    import psycopg

    with pytest.raises(psycopg.errors.CheckViolation):  # the COPY path talks to psycopg directly
        copying.upsert_rights([_tm("US-NEW"), _tm("US-ZZZ")])
    assert copying.get_rights(["US-NEW", "US-ZZZ"]) == []
    assert copying.fingerprint() == before
    assert copying.upsert_rights([_tm("US-NEW")]).stored == 1


def _narrow_matches_full(store: SqlRightsStore) -> None:
    from ipwarden.registry.models import GoodsServices, Party

    store.upsert_rights(
        [
            Right(
                id=f"N-{i:03d}",
                kind=RightKind.TRADEMARK,
                office="US",
                mark_text=f'MARK "class":99 {i}' if i % 3 else None,
                owner=Party("Owner") if i % 2 else None,
                goods_services=(GoodsServices(45, "x"), GoodsServices(9, "y"), GoodsServices(9, "z")),
            )
            for i in range(23)
        ]
    )
    narrow = list(store.iter_index_rows(batch_size=5))
    full = [
        (r.id, r.mark_text, r.owner_name, r.office, r.status.value, r.classes, r.owner_family)
        for r in store.iter_rights()
    ]
    assert narrow == full
    assert narrow[1][5] == (9, 45)


def test_narrow_index_read_matches_the_rights_sqlite(sqlite_store: SqlRightsStore) -> None:
    _narrow_matches_full(sqlite_store)


@pytest.mark.postgres
def test_narrow_index_read_matches_the_rights_postgres(pg_store: SqlRightsStore) -> None:
    _narrow_matches_full(pg_store)


def _rights_indexes(store: SqlRightsStore) -> set[str]:
    return {ix["name"] for ix in sa.inspect(store.engine).get_indexes("rights") if ix["name"]}


def _bulk_load_keeps_or_rebuilds_indexes(store: SqlRightsStore, tmp_path: Path) -> None:
    from ipwarden.registry.services import import_files
    from ipwarden.storage.store import RIGHTS_INDEXES

    wanted = {name for name, _ in RIGHTS_INDEXES}
    assert wanted <= _rights_indexes(store)
    assert store.begin_bulk_load()  # empty: the secondary indexes go
    assert not wanted & _rights_indexes(store)
    store.upsert_rights([_tm("US-1"), _tm("US-2", Status.PENDING)])
    # the process dies before end_bulk_load: the next open builds the indexes again
    reopened = open_store(store.engine.url.render_as_string(hide_password=False))
    try:
        assert wanted <= _rights_indexes(reopened)
        assert not reopened.begin_bulk_load()  # not empty: nothing dropped
        assert wanted <= _rights_indexes(reopened)
        assert [r.id for r in reopened.iter_rights(statuses=[Status.PENDING])] == ["US-2"]
    finally:
        reopened.close()
    empty = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        path = tmp_path / "r.jsonl"
        path.write_text('{"id": "US-9", "mark": "X", "office": "US"}\n', encoding="utf-8")
        assert import_files([path], empty, home=tmp_path, stop_after_batches=1, batch_size=1).stored == 1
        assert wanted <= _rights_indexes(empty)  # an import into an empty store leaves them built
    finally:
        empty.close()


def test_bulk_load_indexes_sqlite(sqlite_store: SqlRightsStore, tmp_path: Path) -> None:
    _bulk_load_keeps_or_rebuilds_indexes(sqlite_store, tmp_path)


@pytest.mark.postgres
def test_bulk_load_indexes_postgres(pg_store: SqlRightsStore, tmp_path: Path) -> None:
    _bulk_load_keeps_or_rebuilds_indexes(pg_store, tmp_path)
