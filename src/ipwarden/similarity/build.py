"""Building the base segment of the search index: parallel, cached per mark text, in bounded memory.

Filing a mark (``prepare`` + ``mark_keys`` + hashing) is a pure function of its text, and registries repeat
texts a lot, so workers cache the result per text. Rights are read in ``id`` order through the narrow
:class:`IndexRowSource` read when the store has one, cut into chunks of consecutive mark numbers (ords) and
filed by ``workers`` processes; the parent writes ``marks.sqlite`` and spills each chunk's (key, ord) pairs
into 64 files by the top bits of the key hash. Chunks are consumed in order, so every spill file is in ord
order, and a stable sort of each file by key yields exactly the arrays one process sorting everything at
once would: the index does not depend on the number of workers. Peak memory is one spill file plus the
per-mark columns, not all postings at once.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sqlite3
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.queues import Queue
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ipwarden.errors import IpwardenError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import Status
from ipwarden.similarity.forms import MarkForms, forms_to_bytes, prepare
from ipwarden.similarity.keys import hash_keys, mark_keys

__all__ = [
    "IndexBuildError",
    "IndexRow",
    "IndexRowSource",
    "class_mask",
    "create_schema",
    "index_rows",
    "keys_of",
    "write_base",
]

# (id, mark_text, owner_name, office, status, nice classes ascending, owner_family)
IndexRow = tuple[str, str | None, str | None, str, str, tuple[int, ...], str | None]
Progress = Callable[[int], None]
_Filed = tuple[list[bytes], npt.NDArray[np.uint64], npt.NDArray[np.uint32], npt.NDArray[np.intp]]
_Job = tuple[int, npt.NDArray[np.uint32], list[str]]
_Result = tuple[int, int, _Filed | str]

STATUSES = [s.value for s in Status]
_SHIFT = np.uint64(58)  # 64 spill buckets by the top 6 bits of the key hash
_BUCKETS = 64
_CHUNK = 20_000
_CACHE_MAX = 2_000_000  # filed texts kept per worker (~0.6 KB each); each text goes to one worker
_AHEAD = 3  # chunks read ahead of the one being written
_FILES = (
    "marks.sqlite",
    "keys.npy",
    "offsets.npy",
    "postings.npy",
    "office.npy",
    "status.npy",
    "alive.npy",
    "classes.npy",
)
_INSERT = "INSERT INTO marks VALUES (?,?,?,?,?,?,?,?,?,?)"


class IndexBuildError(IpwardenError):
    """A worker filing marks failed; the build stopped and the previous index (if any) is untouched."""

    code = "index_build_failed"


@runtime_checkable
class IndexRowSource(Protocol):
    """A store that can stream just the columns the index files, in ``id`` order (the SQL stores can)."""

    def iter_index_rows(self, *, batch_size: int = 50_000) -> Iterator[IndexRow]: ...


def index_rows(store: RightsStore) -> Iterator[IndexRow]:
    """The store's rights as index rows: the narrow read when it has one, else from ``iter_rights``."""
    if isinstance(store, IndexRowSource):
        return store.iter_index_rows()
    return (
        (r.id, r.mark_text, r.owner_name, r.office, r.status.value, r.classes, r.owner_family)
        for r in store.iter_rights(batch_size=_CHUNK)
    )


def keys_of(forms: MarkForms) -> npt.NDArray[np.uint64]:
    """The hashed keys a mark is filed under, in a fixed order."""
    return hash_keys(sorted(mark_keys(forms)))


def create_schema(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS marks (
            ord INTEGER PRIMARY KEY, right_id TEXT NOT NULL UNIQUE, mark TEXT, owner TEXT, office TEXT,
            status TEXT, classes TEXT, family TEXT, alive INTEGER NOT NULL DEFAULT 1, forms BLOB);
        CREATE TABLE IF NOT EXISTS delta_keys (key INTEGER NOT NULL, ord INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS marks_dead ON marks(alive) WHERE alive = 0;
        """
    )


# -- the workers' side: texts in, forms and bucketed (key, ord) pairs out --------------------------------

_cache: dict[str, tuple[bytes, bytes]] = {}


def _file(text: str) -> tuple[bytes, bytes]:
    hit = _cache.get(text)
    if hit is None:
        forms = prepare(text)
        hit = (forms_to_bytes(forms), keys_of(forms).tobytes())
        if len(_cache) < _CACHE_MAX:  # once full, keep the texts seen first (the frequent ones)
            _cache[text] = hit
    return hit


def file_texts(ords: npt.NDArray[np.uint32], texts: Sequence[str]) -> _Filed:
    """Forms blobs of the marks ``ords`` (with these texts) and their (key, ord) pairs by spill bucket."""
    blobs: list[bytes] = []
    parts: list[bytes] = []
    counts = np.zeros(len(texts), dtype=np.intp)
    for i, text in enumerate(texts):
        blob, keys = _file(text)
        blobs.append(blob)
        parts.append(keys)
        counts[i] = len(keys) // 8
    keys_all = np.frombuffer(b"".join(parts), dtype=np.uint64)
    ords_all = np.repeat(ords, counts)
    bucket = (keys_all >> _SHIFT).astype(np.intp)
    order = np.argsort(bucket, kind="stable")
    return blobs, keys_all[order], ords_all[order], np.bincount(bucket, minlength=_BUCKETS)


def _worker(inbox: Queue[_Job | None], outbox: Queue[_Result], index: int) -> None:
    try:
        while (job := inbox.get()) is not None:
            seq, ords, texts = job
            outbox.put((seq, index, file_texts(ords, texts)))
    except BaseException as err:  # reported to the parent, which stops the build
        outbox.put((-1, index, f"{type(err).__name__}: {err}"))


# -- the parent's side ------------------------------------------------------------------------------------


class _Spill:
    """(key, ord) pairs appended to 64 bucket files by the top bits of the key; merged into the CSR arrays."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        self.sizes = np.zeros(_BUCKETS, dtype=np.int64)
        self._files: list[tuple[BinaryIO, BinaryIO]] = [
            (open(folder / f"{b}.keys", "wb"), open(folder / f"{b}.ords", "wb"))  # noqa: SIM115
            for b in range(_BUCKETS)
        ]

    def add(
        self, keys: npt.NDArray[np.uint64], ords: npt.NDArray[np.uint32], sizes: npt.NDArray[np.intp]
    ) -> None:
        at = 0
        for b in np.flatnonzero(sizes):
            n = int(sizes[b])
            kf, of = self._files[b]
            kf.write(keys[at : at + n].tobytes())
            of.write(ords[at : at + n].tobytes())
            at += n
        self.sizes += sizes

    def merge(self, work: Path) -> None:
        """Write keys.npy (sorted unique hashes), offsets.npy and postings.npy (ords per key, ascending)."""
        for kf, of in self._files:
            kf.close()
            of.close()
        total = int(self.sizes.sum())
        postings = (
            np.lib.format.open_memmap(work / "postings.npy", mode="w+", dtype=np.uint32, shape=(total,))
            if total
            else None
        )
        uniques: list[npt.NDArray[np.uint64]] = []
        starts: list[npt.NDArray[np.int64]] = []
        at = 0
        for b in range(_BUCKETS):
            keys = np.fromfile(self.folder / f"{b}.keys", dtype=np.uint64)
            ords = np.fromfile(self.folder / f"{b}.ords", dtype=np.uint32)
            (self.folder / f"{b}.keys").unlink()
            (self.folder / f"{b}.ords").unlink()
            if not len(keys):
                continue
            order = np.lexsort((ords, keys))  # by key, then mark number: independent of arrival order
            keys = keys[order]
            assert postings is not None
            postings[at : at + len(keys)] = ords[order]
            first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
            uniques.append(keys[first])
            starts.append(first.astype(np.int64) + at)
            at += len(keys)
            del keys, ords, order
        if postings is not None:
            postings.flush()
            del postings
        else:
            np.save(work / "postings.npy", np.zeros(0, dtype=np.uint32))
        np.save(work / "keys.npy", np.concatenate(uniques) if uniques else np.zeros(0, dtype=np.uint64))
        np.save(work / "offsets.npy", np.concatenate([*starts, np.array([total], dtype=np.int64)]))
        self.folder.rmdir()


def _row(ord_: int, r: IndexRow, blob: bytes | None) -> tuple[object, ...]:
    rid, mark, owner, office, status, classes, family = r
    return (
        ord_,
        rid,
        mark,
        owner,
        office,
        status,
        ",".join(map(str, classes)),
        family,
        1 if mark else 0,
        blob,
    )


def _chunks(rows: Iterable[IndexRow], size: int) -> Iterator[list[IndexRow]]:
    chunk: list[IndexRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool_context() -> multiprocessing.context.ForkContext | multiprocessing.context.SpawnContext:
    # fork shares the loaded word lists and dictionaries with the workers instead of loading them again
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Workers:
    """Filing processes, each fed the texts whose hash falls to it, so each text is cached in one place."""

    def __init__(self, count: int) -> None:
        prepare("warm 暖")  # load the word lists once, before forking
        ctx = _pool_context()
        self.count = count
        self.inboxes: list[Queue[_Job | None]] = [ctx.Queue() for _ in range(count)]
        self.outbox: Queue[_Result] = ctx.Queue()
        self.procs = [
            ctx.Process(target=_worker, args=(self.inboxes[j], self.outbox, j), daemon=True)
            for j in range(count)
        ]
        for proc in self.procs:
            proc.start()
        self.queue: deque[tuple[int, list[IndexRow], int, list[list[int]]]] = deque()
        self.results: dict[int, dict[int, _Filed]] = {}
        self.seq = 0

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *_exc: object) -> None:
        for inbox in self.inboxes:
            inbox.put(None)
        for proc in self.procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
                proc.join()

    def submit(self, batch: list[IndexRow], start: int) -> None:
        where: list[list[int]] = [[] for _ in range(self.count)]
        for i, row in enumerate(batch):
            if row[1]:
                where[hash(row[1]) % self.count].append(i)
        for j, idx in enumerate(where):
            ords = np.array(idx, dtype=np.uint32) + np.uint32(start)
            self.inboxes[j].put((self.seq, ords, [batch[i][1] or "" for i in idx]))
        self.queue.append((self.seq, batch, start, where))
        self.results[self.seq] = {}
        self.seq += 1

    def waiting(self) -> int:
        return len(self.queue)

    def oldest(self) -> tuple[list[IndexRow], int, list[tuple[list[int], _Filed]]]:
        seq, batch, start, where = self.queue.popleft()
        got = self.results[seq]
        while len(got) < self.count:
            try:
                done, j, filed = self.outbox.get(timeout=5)
            except queue.Empty:
                if any(not p.is_alive() for p in self.procs):
                    raise IndexBuildError(
                        "a process filing marks for the search index stopped unexpectedly (out of memory?)",
                        hint="run the build again with fewer workers (--workers)",
                    ) from None
                continue
            if isinstance(filed, str):
                raise IndexBuildError(
                    f"filing marks for the search index failed: {filed}",
                    hint="the previous index is untouched",
                )
            self.results[done][j] = filed
        del self.results[seq]
        return batch, start, [(where[j], got[j]) for j in range(self.count)]


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def write_base(
    work: Path,
    rows: Iterable[IndexRow],
    *,
    workers: int = 1,
    chunk: int = _CHUNK,
    progress: Progress | None = None,
) -> tuple[int, list[str]]:
    """File ``rows`` (as marks 0, 1, …) into ``work``: marks.sqlite and the .npy arrays, all synced to disk.

    Returns the number of rights and the offices in order of first appearance (office.npy's codes).
    """
    db = sqlite3.connect(work / "marks.sqlite")
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
    create_schema(db)
    spill = _Spill(work / "spill")
    offices: dict[str, int] = {}
    status_codes = {name: code for code, name in enumerate(STATUSES)}
    office_col, status_col, alive_col = array("H"), array("B"), array("B")
    class_col = array("Q")
    seen = 0

    def consume(batch: list[IndexRow], start: int, parts: list[tuple[list[int], _Filed]]) -> None:
        blobs: list[bytes | None] = [None] * len(batch)
        for where, (filed_blobs, keys, ords, sizes) in parts:
            for i, blob in zip(where, filed_blobs, strict=True):
                blobs[i] = blob
            spill.add(keys, ords, sizes)
        db.executemany(_INSERT, map(_row, range(start, start + len(batch)), batch, blobs))
        office_col.extend(offices.setdefault(r[3], len(offices)) for r in batch)
        status_col.extend(status_codes[r[4]] for r in batch)
        alive_col.extend(1 if r[1] else 0 for r in batch)
        class_col.extend(class_mask(r[5]) for r in batch)
        if progress:
            progress(len(batch))

    if workers <= 1:
        for batch in _chunks(rows, chunk):
            texted = [i for i, r in enumerate(batch) if r[1]]
            ords = np.array(texted, dtype=np.uint32) + np.uint32(seen)
            consume(batch, seen, [(texted, file_texts(ords, [batch[i][1] or "" for i in texted]))])
            seen += len(batch)
    else:
        with _Workers(workers) as pool:
            for batch in _chunks(rows, chunk):
                pool.submit(batch, seen)
                seen += len(batch)
                while pool.waiting() > _AHEAD:
                    consume(*pool.oldest())
            while pool.waiting():
                consume(*pool.oldest())
    db.commit()
    db.close()
    spill.merge(work)
    np.save(work / "office.npy", np.array(office_col, dtype=np.uint16))
    np.save(work / "status.npy", np.array(status_col, dtype=np.uint8))
    np.save(work / "alive.npy", np.array(alive_col, dtype=np.uint8).astype(bool))
    np.save(work / "classes.npy", np.array(class_col, dtype=np.uint64))
    for name in _FILES:
        sync(work / name)
    return seen, list(offices)


def class_mask(classes: Iterable[int]) -> int:
    """The Nice classes of a right as bits (class 1 = bit 1), for the candidate stage's goods preference."""
    mask = 0
    for c in classes:
        if 1 <= c <= 63:
            mask |= 1 << c
    return mask


def sync(path: Path) -> None:
    """fsync a file or folder, so a rename after it never exposes data still in the page cache."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
