"""Streaming XML helpers: yield one record element at a time and drop it afterwards (constant memory)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

__all__ = ["all_text", "find", "findall", "iter_records", "local", "text"]


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@lru_cache(maxsize=512)
def _any_ns(path: str) -> str:
    """``A/B`` -> ``{*}A/{*}B`` so one path works with or without namespaces (ST.66, ST.96, USPTO)."""
    return "/".join(
        step if step in (".", "..") or step.startswith(".") else "{*}" + step for step in path.split("/")
    )


def find(elem: ET.Element, path: str) -> ET.Element | None:
    return elem.find(_any_ns(path))


def findall(elem: ET.Element, path: str) -> list[ET.Element]:
    return elem.findall(_any_ns(path))


def text(elem: ET.Element | None, path: str | None = None) -> str | None:
    """Stripped text at ``path`` below ``elem``; None when missing or blank."""
    if elem is None:
        return None
    node = elem if path is None else elem.find(_any_ns(path))
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def all_text(elem: ET.Element, path: str) -> list[str]:
    return [t for node in elem.iterfind(_any_ns(path)) if (t := text(node)) is not None]


def iter_records(path: Path, record_tags: frozenset[str]) -> Iterator[ET.Element]:
    """Each complete element whose local name is in ``record_tags``; it is detached once the caller is done,
    so a file of any size is read in constant memory."""
    root: ET.Element | None = None
    for event, elem in ET.iterparse(path, events=("start", "end")):
        if root is None:
            root = elem
            continue
        if event != "end" or local(elem.tag) not in record_tags:
            continue
        yield elem
        node = root
        while len(node):  # the finished record is the last child of its parent: detach it
            last = node[-1]
            if last is elem:
                del node[:]
                break
            node = last
        elem.clear()
