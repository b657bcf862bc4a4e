"""Readers against the real office records in ../shared/data and the published record schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from uspto_sample import USPTO_CASE, USPTO_DOC

from ipwarden.registry.errors import UnknownFormatError
from ipwarden.registry.importers import Parsed, detect_format, parse_file, record_from_dict
from ipwarden.registry.importers.records import RecordError
from ipwarden.registry.importers.status_codes import USPTO_STATUS, normalise_status
from ipwarden.registry.models import MarkType, Right, Status

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema" / "ipwarden-record.schema.json"


def _rights(path: Path) -> list[Right]:
    items = list(parse_file(path, detect_format(path)))
    assert all(isinstance(i, Parsed) for i in items), items
    return [i.record for i in items if isinstance(i, Parsed) and isinstance(i.record, Right)]


@pytest.mark.parametrize("kind", ["ST66", "ST96"])
def test_java_owned_by_oracle_registered_in_class_9(shared_data: Path, kind: str) -> None:
    (java,) = _rights(shared_data / "st66" / f"rn2178784-{kind}.xml")
    assert (java.id, java.mark_text, java.mark_type) == ("US-74631225", "JAVA", MarkType.WORD)
    assert java.registration_number == "2178784"
    assert java.owner is not None and java.owner.name == "Oracle America, Inc."
    assert java.owner.country == "US" and java.owner.legal_form == "corporation"
    assert java.classes == (9,) and "computer programs" in java.goods_services[0].text
    assert (java.status, java.raw_status) == (Status.REGISTERED, "800")
    assert (java.filed, java.registered) == (dt.date(1995, 2, 7), dt.date(1998, 8, 4))
    assert java.representative is not None and java.representative.name == "Andrew Roppel"


@pytest.mark.parametrize("kind", ["ST66", "ST96"])
def test_mysql_owned_by_mysql_ab(shared_data: Path, kind: str) -> None:
    (mysql,) = _rights(shared_data / "st66" / f"rn2713476-{kind}.xml")
    assert (mysql.id, mysql.mark_text, mysql.registration_number) == ("US-78002299", "MYSQL", "2713476")
    assert mysql.owner is not None and (mysql.owner.name, mysql.owner.country) == ("MySQL AB", "SE")
    assert mysql.classes == (9,) and mysql.status is Status.REGISTERED


@pytest.mark.parametrize("kind", ["ST66", "ST96"])
def test_design_only_mark_has_no_text_and_is_figurative(shared_data: Path, kind: str) -> None:
    (dog,) = _rights(shared_data / "st66" / f"sn77478018-{kind}.xml")
    assert dog.mark_text is None and dog.mark_type is MarkType.FIGURATIVE
    assert dog.vienna_codes == ("03.01.08", "03.01.24", "17.03.02", "26.11.21")
    assert dog.classes == (14, 25, 30) and dog.owner is not None and dog.owner.name == "Haydel's Bakery"
    assert (dog.status, dog.raw_status) == (Status.REGISTERED, "701")


def test_uspto_status_only_case_file(shared_data: Path) -> None:
    path = shared_data / "uspto" / "status-only-60000001.xml"
    (item,) = list(parse_file(path, detect_format(path)))
    assert isinstance(item, Parsed) and item.partial
    right = item.record
    assert isinstance(right, Right)
    assert (right.id, right.registration_number, right.registered) == (
        "US-60000001",
        "0000001",
        dt.date(1870, 10, 25),
    )
    assert (right.status, right.raw_status) == (Status.EXPIRED, "626")


def test_uspto_full_case_file(tmp_path: Path) -> None:
    path = tmp_path / "daily.xml"
    path.write_text(USPTO_DOC.format(cases=USPTO_CASE))
    (item,) = list(parse_file(path, "uspto-xml"))
    assert isinstance(item, Parsed) and not item.partial
    right = item.record
    assert isinstance(right, Right)
    assert (right.mark_text, right.mark_type) == ("ACME ROCKET", MarkType.COMBINED)
    assert (
        right.owner is not None
        and right.owner.name == "Acme Corp."
        and right.owner.legal_form == "corporation"
    )
    assert right.owner.country == "DE"  # the latest owner (party type 30), not the applicant (10)
    assert [(g.nice_class, g.text) for g in right.goods_services] == [(12, "rockets"), (25, "shirts")]
    assert right.vienna_codes == ("01.15.01",)
    assert right.status is Status.REGISTERED and right.filed == dt.date(2001, 1, 2)
    assert right.international_registration == "1234567"
    assert right.representative is not None and right.representative.name == "Jane Roe"


def test_status_table_covers_table_1() -> None:
    assert len(USPTO_STATUS) == 149
    assert USPTO_STATUS["800"][1] is Status.REGISTERED and USPTO_STATUS["602"][1] is Status.ABANDONED
    assert normalise_status("999", "US") is Status.UNKNOWN
    assert normalise_status("Registration cancelled", "EM") is Status.CANCELLED


@pytest.mark.parametrize(
    ("content", "fmt"),
    [
        (b'{"id": "X-1"}\n', "jsonl"),
        (b"id,mark,office\nX-1,A,US\n", "csv"),
        (b'<?xml version="1.0"?>\n<trademark-applications-daily>', "uspto-xml"),
        (
            b'<?xml version="1.0"?><Transaction xmlns="http://www.wipo.int/standards/XMLSchema/trademarks">',
            "st66",
        ),
        (b'<ns2:TrademarkTransaction xmlns:ns2="x">', "st96"),
    ],
)
def test_detect_by_content_not_extension(tmp_path: Path, content: bytes, fmt: str) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(content)
    assert detect_format(path) == fmt


@pytest.mark.parametrize("content", [b"<html><body>hello</body></html>", b"just some words\n"])
def test_unknown_format_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.xml"
    path.write_bytes(content)
    with pytest.raises(UnknownFormatError, match=r"data\.xml"):
        detect_format(path)


GOOD_LINES = [
    {"id": "US-1", "mark": "NIKE", "mark_type": "word", "owner": "Nike, Inc.", "office": "US", "classes": [25],
     "status": "registered", "filed": "1970-01-01", "registered": "1972-01-01"},
    {"id": "CN-2", "right": "trademark", "mark": "耐克", "owner": {"name": "耐克创新有限合伙公司", "country": "US"},
     "goods_services": [{"class": 25, "text": "服装"}], "owner_family": "nike", "vienna_codes": ["26.01.03"]},
    {"id": "EM-3", "right": "design", "title": "Shoe", "locarno_class": "02-04", "office": "EM"},
    {"record": "owner_family", "id": "nike", "name": "Nike, Inc.", "aliases": ["NIKE INC", "耐克"]},
    {"record": "authorisation", "id": "a1", "seller_id": "s1", "kind": "licensee", "owner_family": "nike",
     "territories": ["US"], "valid_from": "2024-01-01", "valid_until": "2025-01-01"},
]  # fmt: skip
BAD_LINES = [
    ({"id": "US-1", "mark": "A", "classes": [46]}, "classes"),
    ({"id": "US-1", "mark": "A", "filed": "2021-02-30"}, "filed"),
    ({"id": "US-1", "mark": "A", "filed": "2021-02-01", "registered": "2020-01-01"}, "registered"),
    ({"id": "US-1", "mark": "A", "filed": "2021-02-01", "expires": "2020-01-01"}, "expires"),
    ({"id": "US-1", "mark": "", "mark_type": "word"}, "mark"),
    ({"id": "US-1", "owner": "X", "classes": [3]}, "mark"),
    ({"id": "US-1", "mark": "A", "status": "alive"}, "status"),
    ({"id": "US-1", "mark": "A", "right": "brand"}, "right"),
    ({"mark": "A", "office": "US"}, "id"),
    ({"id": "US-1", "mark": "A", "clases": [3]}, "clases"),
    ({"record": "authorisation", "id": "a", "seller_id": "s", "kind": "friend", "right_id": "US-1"}, "kind"),
]  # fmt: skip


def test_published_schema_accepts_good_lines() -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for line in GOOD_LINES:
        jsonschema.Draft202012Validator(schema).validate(line)
        record_from_dict(line)  # and the hand-written checks agree


@pytest.mark.parametrize(("line", "field"), BAD_LINES)
def test_hand_written_checks_reject_with_field(line: dict[str, object], field: str) -> None:
    with pytest.raises(RecordError) as err:
        record_from_dict(line)
    assert err.value.field == field


def test_published_schema_agrees_on_schema_level_rejects() -> None:
    """Rules the schema can express (classes, enums, date shape, unknown fields) fail there too."""
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for line, field in BAD_LINES:
        if field in ("classes", "status", "right", "id", "clases", "kind"):
            assert not validator.is_valid(line), line


def test_xml_reader_memory_does_not_grow_with_file_size(tmp_path: Path) -> None:
    import tracemalloc

    def peak(cases: int) -> int:
        path = tmp_path / f"d{cases}.xml"
        path.write_text(USPTO_DOC.format(cases=USPTO_CASE * cases))
        tracemalloc.start()
        count = sum(1 for _ in parse_file(path, "uspto-xml"))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == cases
        return top

    small, large = peak(30), peak(300)
    assert large < small * 2, (small, large)  # 10x the records, about the same memory
