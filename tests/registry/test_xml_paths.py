"""The streaming XML helpers: local names, plain paths, constant memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipwarden.registry.importers._xml import all_text, find, findall, iter_records, text

_NAMESPACED = """<?xml version="1.0"?>
<Transaction xmlns="http://www.wipo.int/standards/XMLSchema/trademarks" xmlns:x="urn:example:other">
  <TradeMarkDetails>
    <TradeMark><Name> FIRST </Name><x:Extra>one</x:Extra>
      <Goods><Class>25</Class><Class>18</Class></Goods><Goods><Class>9</Class></Goods></TradeMark>
    <TradeMark><Name>SECOND</Name><Goods/></TradeMark>
  </TradeMarkDetails>
</Transaction>
"""


def test_records_of_a_namespaced_file_come_with_local_names(tmp_path: Path) -> None:
    path = tmp_path / "marks.xml"
    path.write_text(_NAMESPACED, encoding="utf-8")
    seen = []
    for record in iter_records(path, frozenset({"TradeMark"})):
        assert record.tag == "TradeMark"
        seen.append((text(record, "Name"), text(record, "Extra"), all_text(record, "Goods/Class")))
    assert seen == [("FIRST", "one", ["25", "18", "9"]), ("SECOND", None, [])]


def test_a_finished_record_is_detached_from_the_tree(tmp_path: Path) -> None:
    body = "".join(f"<case-file><serial-number>{i}</serial-number></case-file>" for i in range(50))
    path = tmp_path / "cases.xml"
    path.write_text(f"<root><action-keys>{body}</action-keys></root>", encoding="utf-8")
    records = list(iter_records(path, frozenset({"case-file"})))
    assert len(records) == 50
    assert all(len(record) == 0 for record in records)  # cleared once the caller moved on


def test_paths_are_plain_child_steps(tmp_path: Path) -> None:
    path = tmp_path / "one.xml"
    body = "<r><a><b><c>x</c><c> </c><c>y</c></b></a><a><b><c>z</c></b></a></r>"
    path.write_text(body, "utf-8")
    # a file of one record: the root itself
    assert [text(record, "a/b/c") for record in iter_records(path, frozenset({"r"}))] == ["x"]
    path.write_text(f"<file>{body}</file>", "utf-8")
    record = next(iter_records(path, frozenset({"r"})))
    assert text(record, "a/b/c") == "x"
    assert text(record, "a/missing/c") is None
    assert find(record, "a/b") is not None
    assert [node.text for node in findall(record, "a/b/c")] == ["x", " ", "y", "z"]
    assert all_text(record, "a/b/c") == ["x", "y", "z"]  # blank texts dropped
    with pytest.raises(ValueError, match="plain element path"):
        find(record, ".//c")
