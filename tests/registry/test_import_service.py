"""import_files end to end: bad files leave the store untouched, bad records are rejected with where and
why, latest wins, re-imports change nothing, an interrupted import resumes."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from uspto_sample import USPTO_CASE, USPTO_DOC

from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import Right, Status
from ipwarden.registry.services import import_files


def _lines(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _marks(n: int, start: int = 0, **extra: object) -> list[dict[str, object]]:
    return [{"id": f"US-{i}", "mark": f"MARK{i}", "office": "US", "classes": [1 + i % 45], **extra}
            for i in range(start, start + n)]  # fmt: skip


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RightsStore]:
    if request.param == "memory":
        yield InMemoryRightsStore()
        return
    from ipwarden.storage import open_store

    if request.param == "sqlite":
        yield open_store(f"sqlite:///{tmp_path / 'r.db'}")
        return
    import uuid

    import psycopg

    pg_url: str = request.getfixturevalue("pg_url")  # the server is there; each test gets its own database
    admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
    name = f"ipwarden_imp_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    sql_store = open_store(pg_url.rsplit("/", 1)[0] + "/" + name)
    yield sql_store
    sql_store.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_real_files_import(store: RightsStore, shared_data: Path) -> None:
    files = [
        *sorted((shared_data / "st66").glob("*-ST96.xml")),
        shared_data / "uspto" / "status-only-60000001.xml",
    ]
    summary = import_files(files, store)
    assert (summary.read, summary.stored, summary.rejected) == (4, 4, 0)
    java = store.get_right("US-74631225")
    assert java is not None and java.owner is not None and java.owner.name == "Oracle America, Inc."
    assert store.get_right("US-60000001") is not None
    assert store.stats().by_status == {"registered": 3, "expired": 1}


def test_reimport_is_idempotent_and_latest_wins(store: RightsStore, tmp_path: Path) -> None:
    first = _lines(tmp_path / "a.jsonl", _marks(30))
    assert import_files([first], store, batch_size=7).stored == 30
    again = import_files([first], store, batch_size=7)
    assert (again.stored, again.replaced, again.unchanged) == (0, 0, 30)
    later = _lines(tmp_path / "b.jsonl", _marks(3, status="expired"))
    result = import_files([later], store)
    assert (result.replaced, result.stored) == (3, 0)
    updated = store.get_right("US-1")
    assert updated is not None and updated.status is Status.EXPIRED
    assert store.count_rights() == 30


def test_latest_wins_by_office_and_number(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    a = _lines(tmp_path / "a.jsonl", [{"id": "US-100", "mark": "A", "application_number": "100"}])
    b = _lines(
        tmp_path / "b.jsonl", [{"id": "mine-1", "mark": "B", "office": "US", "application_number": "100"}]
    )
    summary = import_files([a, b], store)
    assert store.count_rights() == 1 and summary.replaced == 1
    right = store.get_right("US-100")
    assert right is not None and right.mark_text == "B"


def test_status_only_record_updates_a_stored_right(tmp_path: Path, shared_data: Path) -> None:
    store = InMemoryRightsStore()
    full = _lines(tmp_path / "a.jsonl", [{"id": "US-60000001", "mark": "EAGLE", "mark_type": "combined",
                                           "status": "registered", "owner": "Averill"}])  # fmt: skip
    import_files([full], store)
    import_files([shared_data / "uspto" / "status-only-60000001.xml"], store)
    right = store.get_right("US-60000001")
    assert right is not None and (right.mark_text, right.status, right.raw_status) == (
        "EAGLE",
        Status.EXPIRED,
        "626",
    )


def test_bad_records_are_rejected_with_line_field_and_reason(store: RightsStore, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "US-1", "mark": "GOOD", "office": "US"})
    lines = [
        good,
        "{not json",
        json.dumps({"id": "US-2", "mark": "X", "classes": [99]}),
        json.dumps({"id": "US-3", "mark": "X", "filed": "2020-02-30"}),
        json.dumps({"id": "US-4", "mark": "X", "filed": "2020-02-01", "registered": "2019-01-01"}),
        json.dumps({"id": "US-5", "mark": "X", "filed": "2020-02-01", "expires": "2019-01-01"}),
        json.dumps({"id": "US-6", "mark": "", "mark_type": "word"}),
        json.dumps({"id": "US-7", "owner": "Someone", "classes": [3]}),
        json.dumps({"id": "US-8", "mark": "X", "status": "zombie"}),
        json.dumps({"mark": "NOID", "office": "US"}),
        json.dumps({"id": "US-1", "mark": "DUP", "office": "US"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    summary = import_files([path], store, rejects_path=rejects)
    assert (summary.read, summary.stored, summary.rejected, summary.exit_code) == (11, 1, 10, 3)
    written = [json.loads(line) for line in rejects.read_text().splitlines()]
    by_line = {r["line"]: r for r in written}
    assert {r["file"] for r in written} == {str(path)}
    assert by_line[2]["field"] == "(line)" and "not valid JSON" in by_line[2]["reason"]
    assert by_line[2]["record"] == "{not json"
    expected = {3: "classes", 4: "filed", 5: "registered", 6: "expires", 7: "mark", 8: "mark", 9: "status",
                10: "id", 11: "id"}  # fmt: skip
    assert {n: by_line[n]["field"] for n in expected} == expected
    assert "duplicate id 'US-1'" in by_line[11]["reason"] and "line 1" in by_line[11]["reason"]
    assert by_line[3]["record"]["classes"] == [99]
    assert by_line[11]["record"]["mark"] == "DUP"
    assert any("line 4: field 'filed'" in m and "impossible date" in m for m in summary.reject_samples)
    kept = store.get_right("US-1")
    assert kept is not None and kept.mark_text == "GOOD"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (USPTO_DOC.format(cases=USPTO_CASE).encode()[:-120], "truncated XML"),
        (
            b"<?xml version='1.0'?><trademark-applications-daily><a></b></trademark-applications-daily>",
            "line 1",
        ),
        (USPTO_DOC.format(cases=USPTO_CASE.replace("ACME", "AC\xe9ME")).encode("latin-1"), "malformed XML"),
    ],
)
def test_unusable_xml_leaves_store_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    store = InMemoryRightsStore()
    good = _lines(tmp_path / "good.jsonl", _marks(5))
    import_files([good], store)
    before = store.fingerprint()
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    with pytest.raises(ImportFileError) as err:
        import_files([_lines(tmp_path / "more.jsonl", _marks(5, start=100)), bad], store)
    assert str(bad) in err.value.message and message in err.value.message
    assert "line" in err.value.message and "byte" in err.value.message
    assert store.fingerprint() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "US-1", "mark": "A"}\n{"id": "US-2", "mark": "\xff\xfe"}\n', "line 2"),
        (b'{"id": "US-1", "mark": "A"}\n\x00\x01\x02binary', "binary"),
    ],
)
def test_non_utf8_or_binary_text_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    store = InMemoryRightsStore()
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as err:
        import_files([bad], store, fmt="jsonl")
    assert str(bad) in err.value.message
    assert store.count_rights() == 0


def test_resume_after_interruption(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    path = _lines(tmp_path / "big.jsonl", _marks(50))
    stored: list[int] = []

    def on_stored(batch: Sequence[Right]) -> None:
        stored.append(len(batch))

    first = import_files([path], store, batch_size=10, stop_after_batches=2, on_stored=on_stored)
    assert not first.completed and store.count_rights() == 20 and stored == [10, 10]
    second = import_files([path], store, batch_size=10, on_stored=on_stored)
    assert second.completed and second.files[0].resumed_from == 20
    assert second.files[0].stored == 50 and second.files[0].unchanged == 0  # counted across both runs
    assert store.count_rights() == 50 and stored == [10, 10, 10, 10, 10]
    third = import_files([path], store, batch_size=10, stop_after_batches=1)
    again = import_files([path], store, batch_size=10, restart=True)
    assert third.files[0].resumed_from == 0 and again.files[0].resumed_from == 0
    assert again.unchanged == 50


def test_csv_and_families(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    path = tmp_path / "r.csv"
    path.write_text(
        "record,id,mark,office,classes,owner.name,owner.country,goods_services,name,aliases,seller_id,kind,owner_family\n"
        'owner_family,nike,,,,,,,"Nike, Inc.",NIKE INC;耐克,,,\n'
        'right,US-9,NIKE,US,25;18,"Nike, Inc.",US,"25: shoes; clothing; 18: bags",,,,,nike\n'
        "authorisation,a1,,,,,,,,,seller-1,licensee,nike\n"
        "right,US-10,X,US,46,,,,,,,,\n",
        encoding="utf-8",
    )
    summary = import_files([path], store)
    assert (summary.stored, summary.rejected) == (1, 1)
    right = store.get_right("US-9")
    assert right is not None and right.classes == (18, 25) and right.owner_family == "nike"
    assert right.goods_services[1].text == "shoes; clothing"
    family = store.get_family("nike")
    assert family is not None and family.aliases == ("NIKE INC", "耐克")
    assert store.authorisations_for_seller("seller-1")[0].owner_family == "nike"


def test_owner_family_rule_links_name_variants(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    path = _lines(
        tmp_path / "f.jsonl",
        [
            {"record": "owner_family", "id": "nike", "name": "Nike, Inc.", "aliases": ["耐克"]},
            {"id": "US-1", "mark": "NIKE", "owner": "NIKE INC"},
            {"id": "CN-2", "mark": "耐克", "owner": "耐克"},
            {"id": "US-3", "mark": "ACME", "owner": "Acme Widgets Ltd."},
        ],
    )
    import_files([path], store)
    assert [r.owner_family for r in store.rights_of_family("nike")] == ["nike", "nike"]
    acme = store.get_right("US-3")
    assert acme is not None and acme.owner_family and "acme" in acme.owner_family


def test_a_later_family_declaration_relinks_rights_stored_before(store: RightsStore, tmp_path: Path) -> None:
    rights = _lines(
        tmp_path / "rights.jsonl",
        [
            {"id": "US-1", "mark": "NIKE", "office": "US", "owner": "NIKE INC"},
            {"id": "CN-2", "mark": "耐克", "office": "CN", "owner": "耐克"},
            {"id": "US-3", "mark": "ACME", "office": "US", "owner": "Acme Widgets Ltd."},
            {"id": "US-4", "mark": "OWN", "office": "US", "owner": "耐克", "owner_family": "declared-own"},
        ],
    )
    declaration = _lines(
        tmp_path / "families.jsonl",
        [{"record": "owner_family", "id": "nike", "name": "Nike, Inc.", "aliases": ["耐克"]}],
    )
    first = import_files([rights], store, home=tmp_path)
    assert first.relinked == 0
    assert [r.owner_family for r in store.get_rights(["US-1", "CN-2"])] == ["nike", "耐克"]
    seen: list[str] = []
    summary = import_files(
        [declaration], store, home=tmp_path, on_stored=lambda batch: seen.extend(r.id for r in batch)
    )
    assert summary.relinked == 1 and seen == ["CN-2"]
    assert [r.id for r in store.rights_of_family("nike")] == ["CN-2", "US-1"]
    kept = store.get_rights(["US-3", "US-4"])
    assert [r.owner_family for r in kept] == ["acmewidgets", "declared-own"]  # rule key; declared stays
    again = import_files([declaration], store, home=tmp_path)  # nothing new declared: nothing to relink
    assert (again.relinked, again.unchanged) == (0, 0)
    assert summary.to_dict()["relinked"] == 1
