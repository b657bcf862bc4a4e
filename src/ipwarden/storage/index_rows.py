"""A narrow read of the ``rights`` table for building the search index.

The index files only seven columns of each right. Selecting just those and skipping the :class:`Right`
objects (JSON decoding of goods, dates, parties) makes the read several times cheaper, which matters when
10M rights are streamed. Rows come in ``id`` order, the same order as ``iter_rights``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import sqlalchemy as sa

__all__ = ["IndexRow", "iter_index_rows"]

# (id, mark_text, owner_name, office, status, nice classes ascending, owner_family)
IndexRow = tuple[str, str | None, str | None, str, str, tuple[int, ...], str | None]

# goods_services is a JSON array of {"class": n, "text": ...}; a key can only follow "{" or "," (a quote
# inside a text value is escaped), so this finds exactly the class numbers without decoding the JSON.
_CLASS = re.compile(r'[{,]\s*"class"\s*:\s*(\d+)')
_COLUMNS = "id, mark_text, owner_name, office, status, goods_services, owner_family"


def _classes(goods: str | list[dict[str, object]] | None) -> tuple[int, ...]:
    """SQLite hands the JSON column over as text; PostgreSQL's driver has already decoded it."""
    if not goods or goods == "[]":
        return ()
    if isinstance(goods, list):
        return tuple(sorted({int(str(item["class"])) for item in goods if item.get("class") is not None}))
    return tuple(sorted({int(c) for c in _CLASS.findall(goods)}))


def iter_index_rows(
    read: Callable[[], AbstractContextManager[sa.Connection]], placeholder: str, batch_size: int
) -> Iterator[IndexRow]:
    """Keyset pagination on ``id`` (each page its own short read, so memory stays constant)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    sql = f"SELECT {_COLUMNS} FROM rights WHERE id > {placeholder} ORDER BY id LIMIT {int(batch_size)}"
    after = ""  # ids are never empty
    while True:
        with read() as conn:
            page = conn.exec_driver_sql(sql, (after,)).fetchall()
        for rid, mark, owner, office, status, goods, family in page:
            yield (rid, mark, owner, office, status, _classes(goods), family)
        if len(page) < batch_size:
            return
        after = page[-1][0]
