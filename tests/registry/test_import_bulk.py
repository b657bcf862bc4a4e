"""The bulk JSONL path stores exactly what the general path stores, counts the same and rejects the same
records with the same file, line, field, reason and raw record, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bulk_support import FAMILIES, run_import, stop_and_resume

from ipwarden.registry.bulk import BLOCK_BYTES, READER_NICENESS
from ipwarden.registry.families import FamilyIndex
from ipwarden.registry.flat import flatten, right_problem
from ipwarden.registry.generator import generate_records
from ipwarden.registry.importers import record_from_dict
from ipwarden.registry.importers.jsonl_flat import flat_right
from ipwarden.registry.importers.records import RecordError
from ipwarden.registry.models import Right
from ipwarden.registry.services import import_files

# Records that are bad, odd or only valid the long way; line numbers come from their place in the file.
ODD: list[Any] = [
    {"id": "B-1", "mark": "X", "office": "US", "classes": [99]},
    {"id": "B-2", "mark": "X", "office": "US", "filed": "2020-02-30"},
    {"id": "B-3", "mark": "X", "office": "US", "filed": "2020-02-01", "registered": "2019-01-01"},
    {"id": "B-4", "mark": "X", "office": "US", "filed": "2020-02-01", "expires": "2019-01-01"},
    {"id": "B-5", "mark": "", "mark_type": "word", "office": "US", "owner": "Someone"},
    {"id": "B-6", "owner": "Someone", "classes": [3], "office": "US"},
    {"id": "B-7", "mark": "X", "status": "zombie", "office": "US"},
    {"mark": "NOID", "office": "US"},
    {"id": " B-8", "mark": "SPACES", "office": "US"},
    {"id": "B-9", "mark": "X", "office": "U"},
    {"id": "B-10", "mark": "NUL\u0000MARK", "office": "US"},
    {"id": "B-11", "mark": "X", "office": "US", "owner_family": " acme"},
    {"id": "B-12", "mark": "X", "office": "US", "colour": "red"},
    {"id": "B-13", "mark": "X", "office": "US", "owner": {"name": "A", "phone": "1"}},
    {"id": "B-14", "mark": "X", "office": "US", "goods_services": [{"text": "no class"}]},
    {"id": "B-15", "mark": "X", "office": "US", "mark_type": "hologramme"},
    {"id": "B-16", "mark": "X", "office": "US", "vienna_codes": "not a list", "ipc": [1]},
    [1, 2, 3],
    # valid, but only by the general path's conversions
    {"id": "G-1", "mark": "NUMBERS", "office": "us", "registration_number": 12345, "classes": ["25", 9]},
    {"id": "G-2", "mark": "STRING CLASS", "office": "CN", "classes": 25, "vienna_codes": "01.01.01"},
    {"id": "CN-777", "mark": "DERIVED OFFICE", "_comment": "kept out", "note": "ignored"},
    {"id": "G-3", "mark": "REP", "office": "EM", "representative": {"name": "Lawyers LLP", "country": "DE"}},
    {"id": "G-4", "mark": "REP2", "office": "EM", "representative": "Agent X", "mark_type": ""},
    {"id": "G-5", "mark": "ACME", "office": "US", "owner": "ACME CORP", "designated_offices": ["cn", ""]},
    {"id": "G-6", "mark": "FAM", "office": "US", "owner": "Acme Corporation", "owner_family": "mine"},
    {
        "id": "G-7",
        "mark": "GOODS",
        "office": "US",
        "goods_services": [
            {"class": 25, "text": "shirts"},
            {"class": 25, "text": "hats"},
            {"class": 3, "text": ""},
            {"class": 3, "text": "soap"},
        ],
        "classes": [25, 1],
    },
    {
        "id": "G-8",
        "right": "design",
        "title": "Chair",
        "office": "EM",
        "filed": "2021-01-01",
        "registered": "2021-01-01",
    },
    {"id": "G-9", "mark_type": "figurative", "office": "US", "owner": {"name": "Fig Co", "country": ""}},
    {"id": "G-10", "mark": "X", "office": "US", "filed": "", "status": "", "raw_status": "700"},
    {"id": "G-11", "mark": "  ", "mark_type": "figurative", "office": "US", "image": "a.png"},
    {"id": "G-12", "mark": "BACKSLASH \\u0000 TEXT", "office": "US"},
    # status-only: updates the stored right of the first file
    {"id": "SYN7-US-1", "office": "US", "status": "expired", "raw_status": "626"},
    # latest wins by office + application number: takes the id of SYN7-CN-0
    {"id": "mine-1", "mark": "LATER", "office": "CN", "application_number": "50000007"},
]


def _file(path: Path, count: int, odd: list[Any], seed: int = 7) -> Path:
    records = list(generate_records(count, seed))
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    step = max(1, len(lines) // (len(odd) + 1))
    for i, record in enumerate(odd):
        lines.insert((i + 1) * step, json.dumps(record, ensure_ascii=False))
    lines.insert(5, "{not json")
    lines.insert(9, "")
    lines.append(json.dumps(records[3], ensure_ascii=False))  # duplicate id, first at line 4
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("bulk", ["inline", "process"])
def test_bulk_path_matches_the_general_path(make_store: Any, tmp_path: Path, bulk: str) -> None:
    first = _file(tmp_path / "first.jsonl", 300, [])
    second = _file(tmp_path / "second.jsonl", 500, ODD, seed=8)
    general = run_import(make_store(), [first, second], tmp_path, "off")
    fast = run_import(make_store(), [first, second], tmp_path, bulk)
    assert fast[0] == general[0]  # read, stored, replaced, unchanged, rejected per file
    assert fast[1] == general[1]  # the second run: the same again
    assert fast[2] == general[2]  # the rejects file, line for line
    assert fast[3] == general[3]  # every stored right, hash included
    assert fast[4] == general[4]  # what on_stored saw
    assert fast[5].split(":")[1:] == general[5].split(":")[1:]  # count and changes
    rejected = [json.loads(line) for line in fast[2].splitlines()]
    fields = {r["field"] for r in rejected}
    assert {"classes", "filed", "registered", "expires", "mark", "status", "id", "office", "(record)",
            "owner_family", "colour", "owner.phone", "goods_services", "mark_type", "(line)",
            "record"} <= fields  # fmt: skip
    by_id = {r[0]: r for r in fast[3]}
    assert by_id["SYN7-US-1"][16] == "expired" and by_id["SYN7-US-1"][7] is not None  # merged, owner kept
    assert by_id["SYN7-CN-0"][3] == "LATER" and "mine-1" not in by_id
    assert by_id["G-5"][26] == "acme" and by_id["G-6"][26] == "mine"


def test_bulk_reimport_changes_nothing(make_store: Any, tmp_path: Path) -> None:
    path = _file(tmp_path / "r.jsonl", 400, [])
    store = make_store()
    first = import_files([path], store, home=tmp_path, bulk="process")
    fingerprint = store.fingerprint()
    again = import_files([path], store, home=tmp_path, bulk="process")
    assert (first.read, first.stored, first.rejected) == (402, 400, 2)
    assert (again.stored, again.replaced, again.unchanged) == (0, 0, 400)
    assert store.fingerprint() == fingerprint


def test_bulk_import_resumes_like_the_general_path(make_store: Any, tmp_path: Path) -> None:
    path = _file(tmp_path / "r.jsonl", 500, ODD)
    general, fast = stop_and_resume(make_store, path, tmp_path)
    assert fast == general


def test_flat_right_builds_what_the_model_path_builds(tmp_path: Path) -> None:
    index = FamilyIndex(FAMILIES)
    records: list[Any] = [*generate_records(3000, 11), *ODD]
    taken = 0
    for data in records:
        line = json.dumps(data).encode()  # the reader keeps lines with a NUL (escaped) off the fast path
        found = None if b"\\u0000" in line else flat_right(data, "file.jsonl", index.family_of)
        try:
            right = record_from_dict(data, source="file.jsonl")
        except RecordError:
            assert found is None, data
            continue
        assert isinstance(right, Right)
        if found is None:
            continue
        taken += 1
        assert right_problem(right) is None, data
        if right.owner_family is None and right.owner_name:
            family = index.family_of(right.owner_name)
            right = Right(**{**{f: getattr(right, f) for f in Right.__slots__}, "owner_family": family})
        assert flatten(right)[:-1] == found[0], data
    assert taken >= 3000


def test_bulk_path_takes_clean_chunks_at_once_with_the_same_results(make_store: Any, tmp_path: Path) -> None:
    """Files without rejects go the chunk-at-once way; the run's rules must still apply record by record:
    office + number ids (against the run and within a chunk), status-only merges, latest wins."""
    records = list(generate_records(700, 7))
    first = tmp_path / "clean-1.jsonl"
    lines = [
        {"id": "US-97000014", "mark": "CANON", "office": "US", "application_number": "1"},  # a later key
        *records[:400],
        {"id": "mine-1", "mark": "LATER", "office": "CN", "application_number": "50000007"},
        {**records[10], "mark": "SAME KEY", "id": "other-10"},
    ]
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    second = tmp_path / "clean-2.jsonl"
    again = [
        {"id": "SYN7-US-1", "office": "US", "status": "expired", "raw_status": "626"},
        *records[350:700],
        {**records[100], "mark": "CHANGED"},
        {**records[20], "id": "moved-20"},
    ]
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in again), encoding="utf-8")
    general = run_import(make_store(), [first, second], tmp_path, "off")
    fast = run_import(make_store(), [first, second], tmp_path, "inline")
    assert fast[0] == general[0] and fast[1] == general[1]
    assert fast[2] == general[2] == ""  # nothing rejected
    assert fast[3] == general[3] and fast[4] == general[4]
    # read, stored, replaced (3 records take earlier ids; file 2 changes 50 shared rights and 2 more)
    assert [c[:3] for c in fast[0]] == [(403, 400, 3), (353, 301, 52)]
    by_id = {r[0]: r for r in fast[3]}
    assert by_id["US-97000014"][5] == "97000014"  # SYN7-US-1 took the id its office + number name
    assert by_id["SYN7-CN-0"][3] == "LATER"
    assert by_id[records[10]["id"]][3] == "SAME KEY" and by_id[records[100]["id"]][3] == "CHANGED"
    assert not {"mine-1", "other-10", "moved-20"} & by_id.keys()


def test_several_readers_give_the_file_in_order(
    make_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipwarden.registry.bulk import BLOCK_BYTES

    path = _file(tmp_path / "big.jsonl", 6000, ODD)
    assert path.stat().st_size > 2 * BLOCK_BYTES  # several blocks, so several readers take part
    monkeypatch.setenv("IPWARDEN_IMPORT_READERS", "3")
    general = run_import(make_store(), [path], tmp_path, "off")
    fast = run_import(make_store(), [path], tmp_path, "process")
    assert fast[:5] == general[:5]  # counts, rejects with their line numbers, stored rights, batches
    assert '"line":6,' in fast[2]  # the line that is not JSON, numbered over the whole file


def test_an_import_into_an_empty_store_counts_ids_of_an_earlier_file_as_replaced(
    make_store: Any, tmp_path: Path
) -> None:
    """Ids new to a file but stored from an earlier file of the same run (under other application
    numbers, so the chunk goes at once) are replaced rights, though the store was empty at the start and
    records new to the run are not looked up in it."""
    records = list(generate_records(600, 7))
    first = tmp_path / "first.jsonl"
    first.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:300]), encoding="utf-8"
    )
    second = tmp_path / "second.jsonl"
    moved = [
        {**r, "application_number": f"9{i:07d}", "mark": f"MOVED {i}"} for i, r in enumerate(records[:100])
    ]
    second.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [*moved, *records[300:600]]),
        encoding="utf-8",
    )
    general = run_import(make_store(), [first, second], tmp_path, "off")
    fast = run_import(make_store(), [first, second], tmp_path, "inline")
    assert (
        fast[0] == general[0]
        and fast[3] == general[3]
        and fast[5].split(":")[1:] == general[5].split(":")[1:]
    )
    assert [c[:4] for c in fast[0]] == [(300, 300, 0, 0), (400, 300, 100, 0)]


def test_a_reader_process_gives_way_to_the_writer_and_holds_a_whole_block_in_its_pipe() -> None:
    # Run in a child: lowering a priority cannot be undone, and the test process must keep its own.
    code = (
        "import fcntl, os\n"
        "from ipwarden.registry.bulk import _give_way\n"
        "read, write = os.pipe()\n"
        "before = os.nice(0)\n"
        "_give_way(write)\n"
        "print(os.nice(0) - before, fcntl.fcntl(write, fcntl.F_GETPIPE_SZ))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lowered, pipe_size = map(int, done.stdout.split())
    start = int(subprocess.run(["nice"], capture_output=True, text=True, check=True).stdout)
    assert lowered == min(READER_NICENESS, 19 - start)
    max_size = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    assert pipe_size == (BLOCK_BYTES if max_size >= BLOCK_BYTES else 65536)
