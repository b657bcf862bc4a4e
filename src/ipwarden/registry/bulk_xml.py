"""USPTO trademark XML on the bulk path: record elements cut out of byte blocks, parsed in reader processes.

The general path streams the whole document through one parser, and nearly all of an XML import's time is
that parser. In a *plain* file (registry/importers/detect.py: UTF-8, no comment, CDATA section,
processing instruction, entity declaration or prefixed element) a literal ``<`` appears only in markup, so
each ``<case-file>`` element can be found as text: a block holds the records whose start tag begins in its
:data:`~ipwarden.registry.bulk.BLOCK_BYTES` of the file. Each is parsed on its own with the same code as
the general path (``parse_case``), so records, rejects and their numbers are the same; blocks then travel
like the JSONL path's (registry/bulk.py), numbered by record instead of by line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ipwarden.registry.bulk import Block, ruled_flat
from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.flat import FlatRight, right_problem
from ipwarden.registry.importers._xml import strip_namespaces
from ipwarden.registry.importers.records import Reject
from ipwarden.registry.importers.schema import record_to_dict
from ipwarden.registry.importers.uspto_xml import parse_case
from ipwarden.registry.models import Right

__all__ = ["record_spans", "uspto_block", "uspto_blocks"]

_START = re.compile(rb"<case-file(?=[\s/>])")
_END = re.compile(rb"</case-file\s*>")
_SLACK = 64  # bytes read past a block's end, so that a start tag across the boundary is seen whole
_MORE = 1 << 20


def _nested(path: Path, offset: int) -> ImportFileError:
    return ImportFileError(
        f"{path}: byte {offset}: a case-file element inside another; the file does not follow the USPTO "
        "format",
        hint="repair the file and import it again",
    )


def record_spans(handle: IO[bytes], path: Path, start: int, stop: int) -> list[bytes]:
    """The ``<case-file>`` elements (bytes) whose start tag begins at a byte offset in ``[start, stop)``."""
    handle.seek(start)
    data = handle.read(stop - start + _SLACK)
    limit, pos = stop - start, 0
    spans: list[bytes] = []
    while True:
        found = _START.search(data, pos)
        if found is None or found.start() >= limit:
            return spans
        begin = found.start()
        tag_end = data.find(b">", found.end())
        while tag_end < 0:
            more = handle.read(_MORE)
            if not more:
                raise _truncated(path)
            data += more
            tag_end = data.find(b">", found.end())
        if data[tag_end - 1 : tag_end] == b"/":  # <case-file/>: an empty record
            spans.append(data[begin : tag_end + 1])
            pos = tag_end + 1
            continue
        end = _END.search(data, tag_end)
        searched = tag_end
        while end is None:
            more = handle.read(_MORE)
            if not more:
                raise _truncated(path)
            searched = max(tag_end, len(data) - 16)  # an end tag may straddle the old end of the data
            data += more
            end = _END.search(data, searched)
        span = data[begin : end.end()]
        if _START.search(span, 1):
            raise _nested(path, start + begin)
        spans.append(span)
        pos = end.end()


def _truncated(path: Path) -> ImportFileError:
    return ImportFileError(
        f"{path}: the file ends inside a case-file element (it changed after it was checked?)",
        hint="import the file again",
    )


def uspto_block(  # noqa: PLR0917 - one block of one file
    handle: IO[bytes],
    path: Path,
    start: int,
    stop: int,
    source: str,
    family_of: Callable[[str], str | None],
) -> Block:
    """One block as a chunk, records numbered from 1 at the block's first record (flags as in bulk.py)."""
    name = str(path)
    positions: list[int] = []
    rows: list[FlatRight] = []
    flags = bytearray()
    rejects: list[tuple[int, int, str, str, Any]] = []
    spans = record_spans(handle, path, start, stop)
    for number, span in enumerate(spans, start=1):
        try:
            case = ET.fromstring(span)
        except ET.ParseError as err:  # the file passed the full check, so this is a split we cannot make
            raise ImportFileError(
                f"{path}: record {number} of the block at byte {start}: {err}",
                hint="import the file with the general path: set IPWARDEN_IMPORT_BULK=off",
            ) from None
        if b"xmlns" in span:  # a default namespace declared on the record itself
            strip_namespaces(case)
        parsed = parse_case(case, name, number, source)
        if isinstance(parsed, Reject):
            rejects.append((len(positions) + len(rejects), number, parsed.field, parsed.reason, parsed.raw))
            continue
        right = parsed.record
        assert isinstance(right, Right)  # a case file holds one right
        problem = right_problem(right)
        if problem is not None:
            slot = len(positions) + len(rejects)
            rejects.append((slot, number, problem[0], problem[1], record_to_dict(right)))
            continue
        row, flag = ruled_flat(right, parsed.partial, family_of)
        positions.append(number)
        rows.append(row)
        flags.append(flag)
    return len(spans), positions, rows, bytes(flags), rejects


def uspto_blocks(
    path: Path, family_of: Callable[[str], str | None], first: int, step: int, block_bytes: int
) -> Iterator[Block]:
    """Blocks ``first``, ``first + step``, … of the file, as chunks."""
    size, source = path.stat().st_size, path.name
    with path.open("rb") as handle:
        for start in range(first * block_bytes, size, step * block_bytes):
            yield uspto_block(handle, path, start, min(start + block_bytes, size), source, family_of)
