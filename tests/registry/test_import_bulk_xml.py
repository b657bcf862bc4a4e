"""The bulk path for USPTO XML stores, counts and rejects exactly what the general path does (record numbers,
raw records and all), finds every record wherever the blocks cut the file, and keeps files it cannot cut
safely on the general path."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bulk_support import run_import, stop_and_resume
from uspto_sample import USPTO_CASE, USPTO_DOC

from ipwarden.registry.bulk import BLOCK_BYTES
from ipwarden.registry.bulk_xml import record_spans
from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.generator import generate_records
from ipwarden.registry.generator_uspto import write_uspto_xml
from ipwarden.registry.importers.detect import check_xml_plain
from ipwarden.registry.services import import_files
from ipwarden.storage import open_store

_CASES = re.compile(rb"<case-file>.*?</case-file>", re.DOTALL)


def _case(serial: str, body: str = "") -> str:
    return f"<case-file><serial-number>{serial}</serial-number>{body}</case-file>"


# Odd case files: rejected, status-only, owned by a declared family, repeated, empty, spaced end tags.
ODD = [
    _case(
        "71000001",
        "<classifications><classification><international-code>099</international-code>"
        "</classification></classifications>",
    ),
    "<case-file><registration-number>1</registration-number></case-file>",  # no serial number
    _case(
        "71000002",
        "<case-file-header><filing-date>20200230</filing-date>"
        "<mark-identification>BAD DATE</mark-identification></case-file-header>",
    ),
    _case("71000003", "<case-file-header><status-code>710</status-code></case-file-header>"),  # status only
    _case(
        "71000004",
        "<case-file-header><mark-identification>ACME</mark-identification></case-file-header>"
        "<case-file-owners><case-file-owner><party-type>10</party-type><party-name>ACME CORP</party-name>"
        "</case-file-owner></case-file-owners>",
    ),
    "<case-file/>",
    "<case-file ><serial-number>71000005</serial-number><case-file-header><mark-identification>SPACED"
    "</mark-identification></case-file-header></case-file >",
    USPTO_CASE,
    USPTO_CASE.replace("ACME ROCKET", "ACME ROCKET AGAIN"),  # the same serial: a repeated id
]


def _xml(path: Path, count: int, odd: list[str], seed: int = 7) -> Path:
    buffer = io.BytesIO()
    write_uspto_xml(generate_records(count, seed), buffer)
    data = buffer.getvalue()
    cases = _CASES.findall(data)
    step = max(1, len(cases) // (len(odd) + 1))
    for i, case in enumerate(odd):
        cases.insert((i + 1) * step, case.encode())
    body = b"\n".join(cases).decode()
    path.write_text(USPTO_DOC.format(cases=body), encoding="utf-8")
    return path


@pytest.mark.parametrize("bulk", ["inline", "process"])
def test_xml_bulk_path_matches_the_general_path(make_store: Any, tmp_path: Path, bulk: str) -> None:
    first = _xml(tmp_path / "first.xml", 300, [])
    second = _xml(tmp_path / "second.xml", 500, ODD, seed=8)
    assert check_xml_plain(second, "uspto-xml")[1]
    general = run_import(make_store(), [first, second], tmp_path, "off")
    fast = run_import(make_store(), [first, second], tmp_path, bulk)
    assert fast[0] == general[0]  # read, stored, replaced, unchanged, rejected per file
    assert fast[1] == general[1]
    assert fast[2] == general[2]  # the rejects file: record numbers, fields, reasons, raw records
    assert fast[3] == general[3]  # every stored right, hash included
    assert fast[4] == general[4]  # what on_stored saw
    rejected = [json.loads(line) for line in fast[2].splitlines()]
    assert {r["field"] for r in rejected} >= {"serial-number", "filing-date", "id"}
    assert all("record_number" in r and "line" not in r for r in rejected)
    assert any(r["field"] == "id" and "record" in r["reason"] for r in rejected)  # "first at record N"
    by_id = {r[0]: r for r in fast[3]}
    assert by_id["US-71000004"][26] == "acme"  # the owner-family rule
    assert by_id["US-71000005"][3] == "SPACED"


def test_several_xml_readers_give_the_file_in_order(
    make_store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _xml(tmp_path / "big.xml", 2600, ODD)
    assert path.stat().st_size > 2 * BLOCK_BYTES
    monkeypatch.setenv("IPWARDEN_IMPORT_READERS", "3")
    general = run_import(make_store(), [path], tmp_path, "off")
    fast = run_import(make_store(), [path], tmp_path, "process")
    assert fast[:5] == general[:5]
    assert fast[0][0][0] == 2600 + len(ODD)


def test_xml_bulk_import_resumes_like_the_general_path(make_store: Any, tmp_path: Path) -> None:
    path = _xml(tmp_path / "r.xml", 400, ODD)
    general, fast = stop_and_resume(make_store, path, tmp_path)
    assert fast == general


@pytest.mark.parametrize("block", [7, 64, 333, 4096, 1 << 20])
def test_blocks_find_every_record_once_wherever_they_cut(tmp_path: Path, block: int) -> None:
    path = _xml(tmp_path / "cut.xml", 60, ODD)
    data = path.read_bytes()
    expected = re.findall(rb"<case-file(?:[\s>].*?</case-file\s*>|/>)", data, re.DOTALL)
    found: list[bytes] = []
    with path.open("rb") as handle:
        for start in range(0, len(data), block):
            found += record_spans(handle, path, start, min(start + block, len(data)))
    assert found == expected and len(found) == 60 + len(ODD)


@pytest.mark.parametrize(
    ("change", "plain"),
    [
        (lambda doc: doc, True),
        (lambda doc: doc.replace("<action-key>", "<!-- <case-file> --><action-key>"), False),
        (lambda doc: doc.replace("<text>", "<text><![CDATA[a <b>]]>"), False),
        (lambda doc: doc.replace("<action-key>", "<?note here?><action-key>"), False),
        (lambda doc: doc.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), False),
        (
            lambda doc: doc.replace("<trademark-applications-daily>", "<x/><trademark-applications-daily>"),
            None,
        ),
        (lambda doc: doc.replace("<case-file>", '<case-file xmlns:t="urn:t"><t:note>x</t:note>', 1), False),
    ],
)
def test_only_plain_files_take_the_bulk_path(tmp_path: Path, change: Any, plain: bool | None) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(change(USPTO_DOC.format(cases=USPTO_CASE)), encoding="utf-8")
    if plain is None:  # not well-formed (two roots): the check fails before anything is stored
        with pytest.raises(ImportFileError):
            check_xml_plain(path, "uspto-xml")
        return
    assert check_xml_plain(path, "uspto-xml")[1] is plain
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    summary = import_files([path], store, home=tmp_path)
    assert (summary.read, summary.stored) == (1, 1)  # either way, the record is stored
    assert store.get_right("US-75000001") is not None


def test_a_case_file_inside_another_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nested.xml"
    path.write_text(USPTO_DOC.format(cases=f"<case-file>{USPTO_CASE}</case-file>"), encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(ImportFileError, match="case-file element inside another"):
        import_files([path], store, home=tmp_path, bulk="inline")


def test_the_general_path_can_be_chosen_for_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nested.xml"
    path.write_text(USPTO_DOC.format(cases=f"<case-file>{USPTO_CASE}</case-file>"), encoding="utf-8")
    monkeypatch.setenv("IPWARDEN_IMPORT_BULK", "off")
    store = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    summary = import_files([path], store, home=tmp_path, bulk="inline")  # streamed: the inner record counts
    assert store.get_right("US-75000001") is not None and summary.read == 2
