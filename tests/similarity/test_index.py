"""The search index: build, persistence, incremental add, staleness, filters, and no full scans."""

from __future__ import annotations

from pathlib import Path

import pytest
from similarity_support import dev_store, right

from ipwarden.errors import IntegrityError
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.services import import_files
from ipwarden.similarity.index import SearchIndex, index_updater, open_index
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchService


def _ids(service: SearchService, text: str, **kw: object) -> list[str]:
    return [h.id for h in service.search(SearchQuery.parse(text, **kw)).hits]  # type: ignore[arg-type]


def test_build_persist_and_reopen(tmp_path: Path) -> None:
    store = dev_store()
    built = open_index(tmp_path / "index", store)
    assert built.size == store.count_rights()
    built.close()
    reopened = open_index(tmp_path / "index", store, build_if_missing=False)
    assert "D-US-DYSON" in _ids(SearchService(reopened, store), "DAISON")


def test_missing_index_is_refused_when_not_building(tmp_path: Path) -> None:
    with pytest.raises(IntegrityError, match="no search index") as err:
        open_index(tmp_path / "none", dev_store(), build_if_missing=False)
    assert "ipwarden index build" in str(err.value)


def test_incremental_add_is_searchable_without_rebuild(tmp_path: Path) -> None:
    store = dev_store()
    index = open_index(tmp_path / "index", store)
    service = SearchService(index, store, recheck_seconds=0)
    new = [right("N-1", "ZORBAQ", [9]), right("N-2", "老干爹", [30], office="CN")]
    store.upsert_rights(new)
    with pytest.raises(IntegrityError, match="stale"):
        service.search(SearchQuery.parse("ZORBAK"))
    assert index.add(new) == 2
    assert "N-1" in _ids(service, "ZORBAK")
    assert "N-2" in _ids(service, "老干妈")
    # the added segment survives reopening
    again = SearchService(open_index(tmp_path / "index", store), store)
    assert "N-1" in _ids(again, "ZORBAK")


def test_replaced_right_is_searched_by_its_new_mark(tmp_path: Path) -> None:
    store = dev_store()
    index = open_index(tmp_path / "index", store)
    changed = right("D-US-DYSON", "HOOVERIX", [7])
    store.upsert_rights([changed])
    index.add([changed])
    service = SearchService(index, store)
    assert "D-US-DYSON" not in _ids(service, "DAISON")
    assert "D-US-DYSON" in _ids(service, "HOOVERIX")
    assert index.status().fresh


def test_stale_index_refuses_with_rebuild_command(tmp_path: Path) -> None:
    store = dev_store()
    open_index(tmp_path / "index", store).close()
    store.upsert_rights([right("X-1", "QUIZZLE", [9])])  # changed behind the index's back
    with pytest.raises(IntegrityError) as err:
        open_index(tmp_path / "index", store)
    assert "stale" in err.value.message and "ipwarden index build" in str(err.value)
    SearchIndex.build(tmp_path / "index", store)
    assert open_index(tmp_path / "index", store).status().fresh


def test_import_hook_keeps_the_index_current(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    store.upsert_rights([right("US-1", "NIKE", [25])])
    open_index(tmp_path / "index", store).close()
    data = tmp_path / "more.jsonl"
    data.write_text(
        '{"id": "US-9", "mark": "DYSON", "owner": "Dyson", "office": "US", "classes": [7], "status": "registered"}\n',
        encoding="utf-8",
    )
    import_files([data], store, on_stored=index_updater(tmp_path / "index", store), home=tmp_path / "h")
    index = open_index(tmp_path / "index", store)
    assert "US-9" in _ids(SearchService(index, store), "DAISON")


def test_candidates_are_capped_and_filtered(tmp_path: Path) -> None:
    store = InMemoryRightsStore()
    marks = [right(f"US-{i}", f"BRAND{i:04d}", [9]) for i in range(1500)]
    marks += [right("CN-1", "BRAND0007", [9], office="CN"), right("US-X", "BRAND0008", [9], status="expired")]
    store.upsert_rights(marks)
    index = open_index(tmp_path / "index", store)
    found = index.candidates("BRAND0007", cap=25)
    assert 0 < len(found) <= 25
    rows = index.rows(found)
    assert rows[0].mark == "BRAND0007"
    only_cn = index.rows(index.candidates("BRAND0007", offices=["CN"]))
    assert {r.office for r in only_cn} == {"CN"}
    live = index.rows(index.candidates("BRAND0008", statuses=["registered"]))
    assert "US-X" not in {r.id for r in live}
    assert index.candidates("QQQQQQQQ") == []


def test_default_statuses_are_live(tmp_path: Path) -> None:
    store = dev_store()
    service = SearchService(open_index(tmp_path / "index", store), store)
    assert "D-US-EXPIRED" not in _ids(service, "ZEPHYRA")
    assert "D-US-EXPIRED" in _ids(service, "ZEPHYRA", statuses=["expired"])


def test_an_index_built_empty_answers_from_marks_added_later(tmp_path: Path) -> None:
    """No base keys at all: the probes are answered from the incremental segment alone."""
    store = InMemoryRightsStore()
    index = SearchIndex.build(tmp_path / "index", store)
    assert index.candidates("NIKEE") == []
    added = [right("A", "NIKE", [25]), right("B", "PUMA", [25])]
    store.upsert_rights(added)
    index.add(added)
    assert index.candidates("NIKEE") == index.ords_of(["A"])


def test_an_index_of_an_earlier_format_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    """After an upgrade the index on disk may be of an older format: imports go on without it and the next
    search rebuilds it; only a caller that asked not to build is told to rebuild."""
    import json

    from ipwarden.similarity.index import FORMAT_VERSION

    store = dev_store()
    open_index(tmp_path / "index", store).close()
    meta_path = tmp_path / "index" / "meta.json"
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "format": FORMAT_VERSION - 1}))
    index_updater(tmp_path / "index", store)([right("NEW-1", "ZORBLAX", [9])])  # no error, nothing to update
    with pytest.raises(IntegrityError, match=f"reads format {FORMAT_VERSION}"):
        open_index(tmp_path / "index", store, build_if_missing=False)
    rebuilt = open_index(tmp_path / "index", store)
    assert json.loads(meta_path.read_text())["format"] == FORMAT_VERSION
    assert "D-US-DYSON" in _ids(SearchService(rebuilt, store), "DAISON")
