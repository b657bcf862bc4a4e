"""Streaming XML helpers: yield one record element at a time and drop it afterwards (constant memory).

Every lookup matches local element names, so one path works with or without namespaces (ST.66, ST.96,
USPTO). Records are handed over with their tags already reduced to local names: a path is then a chain
of plain child look-ups, which ElementTree runs in C, instead of ``{*}`` patterns, which it runs in Python
(several times slower; most of an XML import's time went there).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

__all__ = ["all_text", "find", "findall", "iter_records", "local", "strip_namespaces", "text"]


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@lru_cache(maxsize=512)
def _steps(path: str) -> tuple[str, ...]:
    """``A/B`` -> ``("A", "B")``: plain child steps (records carry local names only)."""
    steps = tuple(path.split("/"))
    if not all(steps) or any(step[0] in ".{*[@" or "[" in step for step in steps):
        raise ValueError(f"not a plain element path: {path!r}")
    return steps


def _find(elem: ET.Element, steps: tuple[str, ...]) -> ET.Element | None:
    for step in steps:
        found = elem.find(step)  # a plain tag: ElementTree's C search of the children
        if found is None:
            return None
        elem = found
    return elem


def find(elem: ET.Element, path: str) -> ET.Element | None:
    return _find(elem, _steps(path))


def findall(elem: ET.Element, path: str) -> list[ET.Element]:
    *parents, last = _steps(path)
    scopes = [elem]
    for step in parents:
        scopes = [child for scope in scopes for child in scope.findall(step)]
    return [node for scope in scopes for node in scope.findall(last)]


def text(elem: ET.Element | None, path: str | None = None) -> str | None:
    """Stripped text at ``path`` below ``elem``; None when missing or blank."""
    if elem is None:
        return None
    node = elem if path is None else _find(elem, _steps(path))
    if node is None:
        return None
    value = node.text
    if value is None:
        return None
    value = value.strip()
    return value or None


def all_text(elem: ET.Element, path: str) -> list[str]:
    return [t for node in findall(elem, path) if (t := text(node)) is not None]


def strip_namespaces(elem: ET.Element) -> None:
    """Reduce every tag below and at ``elem`` to its local name."""
    for node in elem.iter():
        tag = node.tag
        if isinstance(tag, str) and tag[:1] == "{":
            node.tag = tag.rsplit("}", 1)[1]


def iter_records(path: Path, record_tags: frozenset[str]) -> Iterator[ET.Element]:
    """Each complete element whose local name is in ``record_tags``, its tags reduced to local names; it is
    detached once the caller is done, so a file of any size is read in constant memory."""
    root: ET.Element | None = None
    wanted: dict[str, bool] = {}  # tag as written -> is it a record tag (a few distinct tags per file)
    for event, elem in ET.iterparse(path, events=("start", "end")):
        if root is None:
            root = elem
            continue
        if event == "start":
            continue
        tag = elem.tag
        is_record = wanted.get(tag)
        if is_record is None:
            is_record = wanted[tag] = local(tag) in record_tags
        if not is_record:
            continue
        strip_namespaces(elem)
        yield elem
        node = root
        while len(node):  # the finished record is the last child of its parent: detach it
            last = node[-1]
            if last is elem:
                del node[:]
                break
            node = last
        elem.clear()
