"""Ids and office + number keys seen by an import stay bounded in memory: past the cap they go to a
scratch SQLite file, and the import gives exactly the same results, rejects and resumes as in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bulk_support import FAMILIES, counts
from test_import_bulk import ODD, _file

from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.flat import flatten
from ipwarden.registry.seen_keys import CAP_ENV, DEFAULT_CAP, SeenKeys, resolve_cap
from ipwarden.registry.services import import_files
from ipwarden.storage import open_store


def test_seen_keys_spill_to_disk_and_are_still_found(tmp_path: Path) -> None:
    seen: SeenKeys[int] = SeenKeys(3, tmp_path / "imports")
    for i in range(10):
        seen.put(f"k{i}", i + 1)
    assert seen.spilled and len(seen.mem) < 3
    assert [p.name.startswith("seen-") for p in (tmp_path / "imports").iterdir()] == [True]
    assert [seen.get(f"k{i}") for i in range(10)] == list(range(1, 11))
    assert seen.get("k10") is None and "k10" not in seen and "k0" in seen
    assert seen.common({"k0", "k9", "x"}) == {"k0", "k9"}
    assert not seen.isdisjoint({"x", "k1"}) and seen.isdisjoint({"x", "y"})
    seen.update((f"b{i}", i) for i in range(1, 1200))  # more than one "IN (...)" batch on disk
    assert seen.common({f"b{i}" for i in range(1, 1200)} | {"zz"}) == {f"b{i}" for i in range(1, 1200)}
    assert len(seen) == 1209
    seen.close()
    assert list((tmp_path / "imports").iterdir()) == []
    assert seen.get("k0") is None


def test_the_cap_comes_from_the_argument_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CAP_ENV, raising=False)
    assert resolve_cap() == DEFAULT_CAP and resolve_cap(9) == 9
    monkeypatch.setenv(CAP_ENV, "1234")
    assert resolve_cap() == 1234
    for bad in ("lots", "0", "-5"):
        monkeypatch.setenv(CAP_ENV, bad)
        with pytest.raises(ImportFileError, match=CAP_ENV):
            resolve_cap()


def _import(files: list[Path], tmp: Path, bulk: str, cap: int | None, **kw: Any) -> tuple[Any, ...]:
    """Import twice (the second run changes nothing); what was counted, rejected and stored, and whether
    scratch files existed while batches were stored."""
    home = tmp / f"home-{bulk}-{cap}"
    store = open_store(f"sqlite:///{tmp / f'{bulk}-{cap}.db'}")
    store.upsert_families(FAMILIES)
    rejects = tmp / f"rejects-{bulk}-{cap}.jsonl"
    scratch: list[int] = []

    def note(_: object) -> None:
        scratch.append(len(list((home / "imports").glob("seen-*.sqlite"))))

    first = import_files(files, store, rejects_path=rejects, batch_size=97, home=home, bulk=bulk,
                         on_stored=note, seen_cap=cap, **kw)  # fmt: skip
    again = import_files(files, store, batch_size=97, home=home, bulk=bulk, seen_cap=cap)
    left = list((home / "imports").glob("seen-*.sqlite"))
    stored = [flatten(r) for r in store.iter_rights()]
    store.close()
    return counts(first), counts(again), rejects.read_text(encoding="utf-8"), stored, max(scratch), left


@pytest.mark.parametrize("bulk", ["off", "inline", "process"])
def test_a_tiny_cap_gives_the_same_import(tmp_path: Path, bulk: str) -> None:
    first = _file(tmp_path / "first.jsonl", 300, [])
    second = _file(tmp_path / "second.jsonl", 500, ODD, seed=8)
    in_memory = _import([first, second], tmp_path, bulk, None)
    bounded = _import([first, second], tmp_path, bulk, 7)
    assert in_memory[4] == 0 and bounded[4] >= 3  # the run's two tables and the file's: all on disk
    assert bounded[:4] == in_memory[:4]  # counts, rejects line for line, every stored right
    assert bounded[5] == [] and in_memory[5] == []  # scratch files go when the import ends
    rejected = [json.loads(line) for line in bounded[2].splitlines()]
    duplicates = [r["reason"] for r in rejected if r["reason"].startswith("duplicate id")]
    assert len(duplicates) == 2 and all("(first at line 4)" in reason for reason in duplicates)  # disk
    by_id = {r[0]: r for r in bounded[3]}
    assert by_id["SYN7-CN-0"][3] == "LATER" and "mine-1" not in by_id  # office + number key from disk


@pytest.mark.parametrize("bulk", ["off", "inline"])
def test_a_tiny_cap_resumes_like_memory(tmp_path: Path, bulk: str) -> None:
    path = _file(tmp_path / "r.jsonl", 500, ODD)
    results = []
    for cap in (None, 5):
        store = open_store(f"sqlite:///{tmp_path / f'{bulk}-{cap}.db'}")
        home = tmp_path / f"home-{cap}"
        stopped = import_files([path], store, batch_size=50, home=home, stop_after_batches=3, bulk=bulk,
                               seen_cap=cap)  # fmt: skip
        assert not stopped.completed
        assert list((home / "imports").glob("seen-*.sqlite")) == []  # gone when stopped too
        resumed = import_files([path], store, batch_size=50, home=home, bulk=bulk, seen_cap=cap)
        assert resumed.completed and resumed.files[0].resumed_from > 0
        results.append((counts(stopped), counts(resumed), [flatten(r) for r in store.iter_rights()]))
        store.close()
    assert results[0] == results[1]


def test_the_environment_bounds_an_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path / "e.jsonl", 200, [])
    store = open_store(f"sqlite:///{tmp_path / 'e.db'}")
    monkeypatch.setenv(CAP_ENV, "4")
    scratch: list[int] = []
    summary = import_files([path], store, batch_size=40, home=tmp_path, bulk="inline",
                           on_stored=lambda _: scratch.append(len(list(tmp_path.glob("imports/seen-*")))))  # fmt: skip
    assert (summary.read, summary.stored, summary.rejected) == (202, 200, 2)
    assert max(scratch) >= 1 and list(tmp_path.glob("imports/seen-*")) == []
    monkeypatch.setenv(CAP_ENV, "many")
    with pytest.raises(ImportFileError, match=CAP_ENV):
        import_files([path], store, home=tmp_path)
    store.close()
