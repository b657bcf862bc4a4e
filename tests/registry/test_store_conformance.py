"""One conformance suite for every RightsStore: in memory, SQLite and PostgreSQL (executemany and COPY)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ipwarden.registry.interfaces import InvalidRecordError, RightsStore, UpsertResult
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import (
    Authorisation,
    AuthorisationKind,
    GoodsServices,
    MarkType,
    OwnerFamily,
    Party,
    Right,
    RightKind,
    Status,
)


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture(scope="module")
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """A private schema in the session database, so other test modules' data never meets ours."""
    import psycopg

    schema = f"conformance_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_plain(pg_url), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{pg_url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(_plain(pg_url), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module")
def pg_store(pg_schema_url: str) -> Iterator[Any]:
    from ipwarden.storage import open_store

    store = open_store(pg_schema_url)
    yield store
    store.close()


def _emptied(store: Any) -> Any:
    with store.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE rights, owner_families, authorisations")
        conn.exec_driver_sql("UPDATE store_meta SET rights_count = 0")
    return store


@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("postgres-copy", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RightsStore]:
    if request.param == "memory":
        yield InMemoryRightsStore()
        return
    from ipwarden.storage import SqlRightsStore, open_store

    if request.param == "sqlite":
        sqlite_store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
        yield sqlite_store
        sqlite_store.close()
        return
    shared = request.getfixturevalue("pg_store")
    if request.param == "postgres":
        yield _emptied(shared)
    else:  # every write of one row or more goes through COPY
        yield SqlRightsStore(_emptied(shared).engine, copy_threshold=1)


def tm(rid: str, mark: str = "ACME", **kw: Any) -> Right:
    fields: dict[str, Any] = {"kind": RightKind.TRADEMARK, "office": rid.split("-", 1)[0], "mark_text": mark}
    fields.update(kw)
    return Right(id=rid, **fields)


FULL = Right(
    id="CN-12345678",
    kind=RightKind.TRADEMARK,
    office="CN",
    mark_text="耐克 NIKE",
    mark_type=MarkType.COMBINED,
    application_number="12345678",
    registration_number="R-1",
    owner=Party("耐克创新有限合伙公司", "US", "One Bowerman Drive, Beaverton", "partnership"),
    representative=Party("北京某知识产权代理有限公司", "CN"),
    goods_services=(GoodsServices(25, '鞋; 服装 "quoted"'), GoodsServices(18, "")),
    vienna_codes=("26.01.03", "27.05.01"),
    locarno_class="02-04",
    ipc_codes=("A43B 13/00",),
    status=Status.REGISTERED,
    raw_status="注册",
    filed=dt.date(2001, 2, 3),
    registered=dt.date(2002, 3, 4),
    expires=dt.date(2032, 3, 3),
    priority_date=dt.date(2000, 12, 31),
    priority_country="US",
    international_registration="1234567",
    designated_offices=("EM", "JP"),
    image="images/cn-12345678.png",
    owner_family="nike",
    title="标题",
    description="描述\nline two",
    source="cn.jsonl",
)


def test_every_field_round_trips(store: RightsStore) -> None:
    design = Right(id="EM-1", kind=RightKind.DESIGN, office="EM", locarno_class="02-04", title="Shoe")
    store.upsert_rights([FULL, design])
    assert store.get_right(FULL.id) == FULL
    assert store.get_right("EM-1") == design
    assert store.get_right("missing") is None


def test_upsert_counts_stored_replaced_unchanged(store: RightsStore) -> None:
    first = [tm(f"US-{i}") for i in range(5)]
    assert store.upsert_rights(first) == UpsertResult(stored=5, replaced=0, unchanged=0)
    again = [*first[:3], tm("US-3", "CHANGED"), tm("US-9")]
    assert store.upsert_rights(again) == UpsertResult(stored=1, replaced=1, unchanged=3)
    assert store.count_rights() == 6
    assert store.upsert_rights([]) == UpsertResult(stored=0, replaced=0, unchanged=0)


def test_latest_wins_across_and_within_batches(store: RightsStore) -> None:
    store.upsert_rights([tm("US-1", "OLD")])
    store.upsert_rights([tm("US-1", "NEW", status=Status.EXPIRED)])
    assert store.get_right("US-1") == tm("US-1", "NEW", status=Status.EXPIRED)
    result = store.upsert_rights([tm("US-2", "A"), tm("US-2", "B"), tm("US-2", "B")])
    assert result == UpsertResult(stored=1, replaced=1, unchanged=1)
    assert store.get_right("US-2") == tm("US-2", "B")
    assert store.count_rights() == 2


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"office": "us"}, "office"),
        ({"goods_services": (GoodsServices(46, "x"),)}, "goods_services.class"),
        ({"filed": dt.datetime(2020, 1, 1, 12, 0)}, "filed"),
        ({"status": "registered"}, "status"),
        ({"vienna_codes": ["26.01.03"]}, "vienna_codes"),
        ({"owner": Party("Acme\x00 Inc")}, "text"),  # PostgreSQL cannot store NUL; no store accepts it
    ],
)
def test_a_batch_with_an_invalid_row_stores_nothing(
    store: RightsStore, bad: dict[str, Any], field: str
) -> None:
    store.upsert_rights([tm("US-1", "KEEP")])
    before = store.fingerprint()
    batch = [tm("US-1", "OVERWRITE"), tm("US-2"), dataclasses.replace(tm("US-3"), **bad), tm("US-4")]
    with pytest.raises(InvalidRecordError) as caught:
        store.upsert_rights(batch)
    assert caught.value.details["field"] == field
    assert "'US-3'" in caught.value.message and "item 3" in caught.value.message
    assert store.get_right("US-1") == tm("US-1", "KEEP")
    assert store.get_rights(["US-2", "US-4"]) == []
    assert store.count_rights() == 1
    assert store.fingerprint() == before


def test_an_empty_id_is_rejected(store: RightsStore) -> None:
    with pytest.raises(InvalidRecordError, match="field 'id'"):
        store.upsert_rights([tm("US-1"), dataclasses.replace(tm("US-2"), id=" ")])
    assert store.count_rights() == 0


def test_get_rights_keeps_the_order_asked_and_skips_missing(store: RightsStore) -> None:
    store.upsert_rights([tm(f"US-{i}") for i in range(1, 6)])
    got = store.get_rights(["US-5", "nope", "US-1", "US-3", "US-1"])
    assert [r.id for r in got] == ["US-5", "US-1", "US-3", "US-1"]
    assert store.get_rights([]) == []


def test_get_rights_handles_more_ids_than_one_lookup_chunk(store: RightsStore) -> None:
    store.upsert_rights([tm(f"US-{i:04d}") for i in range(1200)])
    wanted = [f"US-{i:04d}" for i in range(1199, -1, -3)]
    assert [r.id for r in store.get_rights(wanted)] == wanted


def test_iter_rights_streams_in_id_order_with_filters(store: RightsStore) -> None:
    rights = [
        tm("US-3", status=Status.REGISTERED),
        tm("EM-2", status=Status.PENDING),
        tm("CN-9", "商标", status=Status.EXPIRED),
        tm("US-10", status=Status.PENDING),
        tm("WO-1", status=Status.REGISTERED),
        tm("BX-7", status=Status.REFUSED),
    ]
    store.upsert_rights(rights)
    expected = sorted(rights, key=lambda r: r.id)
    for batch_size in (1, 2, 4, 10_000):
        stream = store.iter_rights(batch_size=batch_size)
        assert iter(stream) is stream  # a lazy iterator, not a list
        assert list(stream) == expected
    assert [r.id for r in store.iter_rights(offices=["us", "WO"], batch_size=1)] == ["US-10", "US-3", "WO-1"]
    live = [r.id for r in store.iter_rights(statuses=[Status.PENDING, Status.REGISTERED], batch_size=2)]
    assert live == ["EM-2", "US-10", "US-3", "WO-1"]
    both = store.iter_rights(offices=["US"], statuses=[Status.PENDING], batch_size=1)
    assert [r.id for r in both] == ["US-10"]
    assert list(store.iter_rights(offices=[])) == []
    assert list(store.iter_rights(offices=["JP"])) == []


def test_iter_rights_orders_ids_by_code_point(store: RightsStore) -> None:
    ids = ["US-b", "US-B", "US-a", "US-Ä", "US-耐", "US-_", "US-0"]
    store.upsert_rights([tm(i) for i in ids])
    assert [r.id for r in store.iter_rights(batch_size=3)] == sorted(ids)


def test_rights_of_family(store: RightsStore) -> None:
    store.upsert_rights(
        [
            tm("US-2", owner_family="nike"),
            tm("CN-1", "耐克", owner_family="nike"),
            tm("US-3", owner_family="x"),
        ]
    )
    assert [r.id for r in store.rights_of_family("nike")] == ["CN-1", "US-2"]
    assert store.rights_of_family("none") == []


def test_owner_families(store: RightsStore) -> None:
    nike = OwnerFamily("nike", "Nike, Inc.", ("NIKE INC", "耐克"))
    sony = OwnerFamily("sony", "Sony Group Corporation")
    assert store.upsert_families([sony, nike]) == UpsertResult(stored=2, replaced=0, unchanged=0)
    renamed = dataclasses.replace(sony, aliases=("ソニー",))
    assert store.upsert_families([nike, renamed]) == UpsertResult(stored=0, replaced=1, unchanged=1)
    assert store.get_family("nike") == nike
    assert store.get_family("absent") is None
    assert store.list_families() == [nike, renamed]
    with pytest.raises(InvalidRecordError, match="aliases"):
        store.upsert_families([OwnerFamily("adidas", "adidas AG"), OwnerFamily("bad", "B", ["x"])])  # type: ignore[arg-type]
    assert store.get_family("adidas") is None


def test_authorisations(store: RightsStore) -> None:
    right = tm("US-1", owner_family="nike")
    store.upsert_rights([right])
    by_right = Authorisation(
        "a2", "seller-1", AuthorisationKind.LICENSEE, right_id="US-1", territories=("US", "CA"),
        valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 12, 31), note="licence 2025",
    )  # fmt: skip
    by_family = Authorisation("a1", "seller-1", AuthorisationKind.AUTHORISED_RESELLER, owner_family="nike")
    other = Authorisation("a3", "seller-2", AuthorisationKind.DISTRIBUTOR, right_id="US-9")
    assert store.upsert_authorisations([by_right, by_family, other]).stored == 3
    assert store.upsert_authorisations([by_family]) == UpsertResult(stored=0, replaced=0, unchanged=1)
    assert store.authorisations_for_seller("seller-1") == [by_family, by_right]
    assert store.authorisations_for_seller("nobody") == []
    assert store.list_authorisations() == [by_family, by_right, other]

    stored_right = store.get_right("US-1")
    assert stored_right is not None
    loaded = store.authorisations_for_seller("seller-1")[1]
    assert loaded.covers(right=stored_right, market="us", on=dt.date(2025, 6, 1))
    assert not loaded.covers(right=stored_right, market="DE", on=dt.date(2025, 6, 1))
    assert not loaded.covers(right=stored_right, market="US", on=dt.date(2026, 1, 1))
    assert not loaded.covers(right=stored_right, market=None, on=dt.date(2025, 6, 1))
    family_wide = store.authorisations_for_seller("seller-1")[0]
    assert family_wide.covers(right=stored_right, market=None, on=dt.date(1999, 1, 1))
    assert not family_wide.covers(
        right=tm("US-5", owner_family="adidas"), market="US", on=dt.date(2025, 1, 1)
    )
    assert not other.covers(right=stored_right, market="US", on=dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"right_id": None, "owner_family": None}, "right_id"),
        ({"territories": ("us",)}, "territories"),
        ({"valid_from": dt.date(2025, 2, 1), "valid_until": dt.date(2025, 1, 1)}, "valid_until"),
        ({"seller_id": ""}, "seller_id"),
    ],
)
def test_invalid_authorisations_store_nothing(store: RightsStore, bad: dict[str, Any], field: str) -> None:
    good = Authorisation("a1", "s", AuthorisationKind.OWNER, right_id="US-1")
    with pytest.raises(InvalidRecordError) as caught:
        store.upsert_authorisations([good, dataclasses.replace(good, id="a2", **bad)])
    assert caught.value.details["field"] == field
    assert store.list_authorisations() == []


def test_stats(store: RightsStore) -> None:
    store.upsert_rights(
        [
            tm("US-1", status=Status.REGISTERED),
            tm("US-2", status=Status.PENDING),
            tm("CN-1", status=Status.REGISTERED),
            Right(id="EM-1", kind=RightKind.DESIGN, office="EM"),
        ]
    )
    store.upsert_families([OwnerFamily("nike", "Nike, Inc.")])
    store.upsert_authorisations([Authorisation("a", "s", AuthorisationKind.OWNER, owner_family="nike")])
    stats = store.stats()
    assert stats.rights == 4 == store.count_rights()
    assert stats.by_kind == {"trademark": 3, "design": 1}
    assert stats.by_office == {"US": 2, "CN": 1, "EM": 1}
    assert stats.by_status == {"registered": 2, "pending": 1, "unknown": 1}
    assert (stats.owner_families, stats.authorisations) == (1, 1)


def test_fingerprint_changes_exactly_when_data_changes(store: RightsStore) -> None:
    seen = {store.fingerprint()}

    def changed() -> bool:
        now = store.fingerprint()
        fresh = now not in seen
        seen.add(now)
        return fresh

    store.upsert_rights([tm("US-1"), tm("US-2")])
    assert changed()
    store.upsert_rights([tm("US-1"), tm("US-2")])
    assert not changed()
    store.upsert_rights([tm("US-1", "EDITED")])
    assert changed()
    store.upsert_rights([])
    assert not changed()
    store.upsert_families([OwnerFamily("acme", "Acme")])
    assert changed()
    store.upsert_families([OwnerFamily("acme", "Acme")])
    assert not changed()
    store.upsert_authorisations([Authorisation("a", "s", AuthorisationKind.OWNER, right_id="US-1")])
    assert changed()
    assert store.fingerprint() == store.fingerprint()


def test_iter_rights_refuses_an_empty_page_size(store: RightsStore) -> None:
    store.upsert_rights([tm("US-1")])
    with pytest.raises(ValueError, match="batch_size"):
        next(store.iter_rights(batch_size=0))
