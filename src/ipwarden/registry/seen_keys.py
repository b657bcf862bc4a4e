"""Keys an import has seen (ids, office + number keys), in bounded memory.

An import rejects an id repeated in a file and gives a later record for the same office and application
number the earlier record's id, so it must remember every id and key it has read: at ~270 bytes a record
a dict of them would pass 1 GB near 3.5 million records. :class:`SeenKeys` keeps up to ``cap`` of them
in a dict and, when the dict is full, moves them into a scratch SQLite table (``key TEXT PRIMARY KEY``,
WITHOUT ROWID) in a temporary file under IPWARDEN_HOME/imports/, deleted by :meth:`SeenKeys.close`.
Lookups try the dict first, then the table; a whole chunk's keys are looked up in ``IN (...)`` batches.
A fixed bit filter over the keys on disk (Python's own string hash, cached on each key) answers most
lookups of new keys without SQLite: it is wrong for ~1% of them at a million keys on disk, ~7% at ten
million, and a wrong "maybe" only costs a look in the table.
Files below the cap never touch the disk, so they run exactly as fast as before.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Set
from itertools import islice
from pathlib import Path
from typing import Generic, TypeVar

from ipwarden.registry.errors import ImportFileError

__all__ = ["CAP_ENV", "DEFAULT_CAP", "SeenKeys", "resolve_cap"]

CAP_ENV = "IPWARDEN_IMPORT_SEEN_CAP"
DEFAULT_CAP = 1_500_000  # keys held in memory per table, ~390 MB at most for the three tables of a run
V = TypeVar("V", int, str)
_FILTER_MASK = (1 << 27) - 1  # a one-hash filter of 2**27 bits (16 MB) over the keys on disk
_IN_BATCH = 500  # keys per "IN (...)" lookup, well below SQLite's limit on bound parameters


def resolve_cap(cap: int | None = None) -> int:
    """``cap`` if given, else IPWARDEN_IMPORT_SEEN_CAP, else :data:`DEFAULT_CAP`."""
    if cap is None:
        raw = os.environ.get(CAP_ENV, "").strip()
        if not raw:
            return DEFAULT_CAP
        try:
            cap = int(raw)
        except ValueError:
            cap = 0
        if cap < 1:
            raise ImportFileError(
                f"{CAP_ENV}={raw!r}: not a positive whole number",
                hint=f"set it to the number of keys to keep in memory (default {DEFAULT_CAP}) or unset it",
            )
    if cap < 1:
        raise ValueError(f"seen-key cap must be at least 1, not {cap}")
    return cap


class SeenKeys(Generic[V]):
    """A map of seen keys to a value (a line number, an id), in memory up to ``cap`` keys, then on disk.

    Values are never changed once set (the import sets each key once), so the dict and the table never
    disagree; the dict, holding the latest keys, is still read first.
    """

    def __init__(self, cap: int, directory: Path) -> None:
        self.cap, self.directory = cap, directory
        self.mem: dict[str, V] = {}
        self._db: sqlite3.Connection | None = None
        self._file: Path | None = None
        self._bits = bytearray()  # the filter, made at the first spill

    @property
    def spilled(self) -> bool:
        """Whether some keys live on disk."""
        return self._db is not None

    def __len__(self) -> int:
        on_disk = 0
        if self._db is not None:
            on_disk = int(self._db.execute("SELECT count(*) FROM seen").fetchone()[0])
        return len(self.mem) + on_disk

    def get(self, key: str) -> V | None:
        value = self.mem.get(key)
        if value is None and self._db is not None and self._maybe(key):
            row = self._db.execute("SELECT value FROM seen WHERE key = ?", (key,)).fetchone()
            if row is not None:
                value = row[0]
        return value

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def put(self, key: str, value: V) -> None:
        mem = self.mem
        mem[key] = value
        if len(mem) >= self.cap:
            self.spill()

    def update(self, pairs: Iterable[tuple[str, V]]) -> None:
        self.mem.update(pairs)
        if len(self.mem) >= self.cap:
            self.spill()

    def isdisjoint(self, keys: Set[str]) -> bool:
        """Whether none of ``keys`` has been seen."""
        if not self.mem.keys().isdisjoint(keys):
            return False
        return self._db is None or not self._on_disk(self._maybes(keys), first_only=True)

    def common(self, keys: Set[str]) -> set[str]:
        """Those of ``keys`` that have been seen."""
        found = self.mem.keys() & keys
        if self._db is not None:
            found |= self._on_disk(self._maybes(keys), first_only=False)
        return found

    def _maybe(self, key: str) -> bool:
        """False when ``key`` is surely not on disk."""
        h = hash(key) & _FILTER_MASK
        return bool(self._bits[h >> 3] >> (h & 7) & 1)

    def _maybes(self, keys: Iterable[str]) -> list[str]:
        """Those of ``keys`` that may be on disk."""
        bits = self._bits
        return [k for k in keys if bits[(h := hash(k) & _FILTER_MASK) >> 3] >> (h & 7) & 1]

    def _on_disk(self, keys: Iterable[str], *, first_only: bool) -> set[str]:
        assert self._db is not None
        found: set[str] = set()
        it = iter(keys)
        while batch := list(islice(it, _IN_BATCH)):
            marks = ",".join("?" * len(batch))
            limit = " LIMIT 1" if first_only else ""
            rows = self._db.execute(f"SELECT key FROM seen WHERE key IN ({marks}){limit}", batch)
            found.update(row[0] for row in rows)
            if first_only and found:
                break
        return found

    def spill(self) -> None:
        """Move the keys in memory to the scratch table (created on first use)."""
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix="seen-", suffix=".sqlite", dir=self.directory)
            os.close(handle)
            self._file = Path(name)
            self._db = sqlite3.connect(name, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute("PRAGMA cache_size=-8192")  # 8 MB of pages; the OS caches the rest of the file
            self._bits = bytearray((_FILTER_MASK + 1) >> 3)
            self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
        self._db.execute("BEGIN")
        self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?)", sorted(self.mem.items()))
        self._db.execute("COMMIT")
        bits = self._bits
        for key in self.mem:
            h = hash(key) & _FILTER_MASK
            bits[h >> 3] |= 1 << (h & 7)
        self.mem.clear()

    def close(self) -> None:
        """Forget every key and delete the scratch file."""
        self.mem.clear()
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._file is not None:
            self._file.unlink(missing_ok=True)
            self._file = None
        self._bits = bytearray()
