"""Building the search index: the same index for any number of workers, and no half index ever in place."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from similarity_support import dev_store, right

from ipwarden.registry.generator import generate_rights
from ipwarden.registry.memory import InMemoryRightsStore
from ipwarden.registry.models import Right, Status
from ipwarden.similarity.build import IndexRow, index_rows, keys_of, write_base
from ipwarden.similarity.forms import prepare
from ipwarden.similarity.index import SearchIndex, open_index
from ipwarden.similarity.query import SearchQuery
from ipwarden.similarity.services import SearchService

_ARRAYS = ("keys", "offsets", "postings", "office", "status", "alive")


def _rows(count: int = 400) -> list[IndexRow]:
    rights = list(generate_rights(count, seed=7))
    rights += [
        right("Z-1", None, [9]),
        right("Z-2", "NIKE", [25, 3]),
        right("Z-3", "NIKE", [25], office="CN"),
    ]
    store = InMemoryRightsStore()
    store.upsert_rights(rights)
    return list(index_rows(store))


def _built(folder: Path, rows: list[IndexRow], **kw: Any) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    folder.mkdir()
    count, offices = write_base(folder, rows, **kw)
    arrays = {name: np.load(folder / f"{name}.npy") for name in _ARRAYS}
    with sqlite3.connect(folder / "marks.sqlite") as db:
        marks = db.execute("SELECT * FROM marks ORDER BY ord").fetchall()
    assert count == len(rows) == len(marks)
    return {"offices": offices, **arrays}, marks


def _reference(rows: list[IndexRow]) -> dict[str, Any]:
    """One process, every posting in memory, one stable sort: what the index must equal."""
    keys, ords = [], []
    for ord_, row in enumerate(rows):
        if row[1]:
            k = keys_of(prepare(row[1]))
            keys.append(k)
            ords.append(np.full(len(k), ord_, dtype=np.uint32))
    all_keys, all_ords = np.concatenate(keys), np.concatenate(ords)
    order = np.argsort(all_keys, kind="stable")
    unique, starts = np.unique(all_keys[order], return_index=True)
    return {
        "keys": unique,
        "offsets": np.append(starts, len(all_keys)).astype(np.int64),
        "postings": all_ords[order],
        "alive": np.array([bool(r[1]) for r in rows]),
        "status": np.array([[s.value for s in Status].index(r[4]) for r in rows], dtype=np.uint8),
    }


def test_parallel_build_equals_single_process_build(tmp_path: Path) -> None:
    rows = _rows()
    one, marks_one = _built(tmp_path / "one", rows, workers=1, chunk=64)
    two, marks_two = _built(tmp_path / "two", rows, workers=2, chunk=37)
    assert marks_one == marks_two
    assert one["offices"] == two["offices"]
    for name in _ARRAYS:
        assert one[name].dtype == two[name].dtype, name
        assert np.array_equal(one[name], two[name]), name
    expected = _reference(rows)
    for name, array in expected.items():
        assert np.array_equal(one[name], array), name
    assert len(one["postings"]) > 5 * len(rows)  # the comparison covered a real index
    # each row holds the right's columns and its forms; a right without a word mark is filed dead
    by_id = {m[1]: m for m in marks_one}
    assert by_id["Z-2"][4:9] == ("US", "registered", "3,25", None, 1)
    assert by_id["Z-1"][8:] == (0, None)


def test_build_with_workers_searches_like_before(tmp_path: Path) -> None:
    store = dev_store()
    index = SearchIndex.build(tmp_path / "index", store, workers=2)
    assert index.size == sum(1 for r in store.iter_rights() if r.mark_text)
    hits = SearchService(index, store).search(SearchQuery.parse("DAISON")).hits
    assert "D-US-DYSON" in [h.id for h in hits]
    assert not (tmp_path / "index.building").exists()


class _FailingStore(InMemoryRightsStore):
    """A registry whose read breaks part way, as a lost connection or a killed build would."""

    fail = False

    def iter_rights(self, **kw: Any) -> Iterator[Right]:
        for n, r in enumerate(super().iter_rights(**kw)):
            if self.fail and n == 20:
                raise OSError("connection lost")
            yield r


def test_interrupted_build_leaves_the_old_index_answering(tmp_path: Path) -> None:
    store = _FailingStore()
    store.upsert_rights(list(dev_store().iter_rights()))
    SearchIndex.build(tmp_path / "index", store).close()
    before = (tmp_path / "index" / "meta.json").read_text()
    store.fail = True
    with pytest.raises(OSError, match="connection lost"):
        SearchIndex.build(tmp_path / "index", store, workers=2)
    assert not (tmp_path / "index.building").exists()
    assert (tmp_path / "index" / "meta.json").read_text() == before
    index = open_index(tmp_path / "index", store, build_if_missing=False)
    assert "D-US-DYSON" in [
        h.id for h in SearchService(index, store).search(SearchQuery.parse("DAISON")).hits
    ]


def test_build_stopped_between_the_renames_keeps_the_previous_index(tmp_path: Path) -> None:
    store = dev_store()
    SearchIndex.build(tmp_path / "index", store).close()
    (tmp_path / "index").rename(tmp_path / "index.old")  # the state after the first of the two renames
    index = open_index(tmp_path / "index", store, build_if_missing=False)
    assert index.size == sum(1 for r in store.iter_rights() if r.mark_text)
    assert not (tmp_path / "index.old").exists()


def test_narrow_sql_read_matches_the_rights(tmp_path: Path) -> None:
    from ipwarden.storage import open_store

    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    rights = [
        *generate_rights(120, seed=3),
        right("Y-1", 'A "class":99 B', [45, 9, 9]),
        right("Y-2", None, []),
    ]
    store.upsert_rights(rights)
    narrow = list(store.iter_index_rows(batch_size=7))
    full = [
        (r.id, r.mark_text, r.owner_name, r.office, r.status.value, r.classes, r.owner_family)
        for r in store.iter_rights()
    ]
    assert narrow == full
    assert ("Y-1", 'A "class":99 B', "Owner", "US", "registered", (9, 45), None) in narrow
    store.close()
