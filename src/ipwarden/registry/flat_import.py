"""One JSONL file of rights on the bulk path (registry/bulk.py), step for step like the general path.

The run's rules are the general path's (registry/services.py): a repeated id in the file is rejected,
a later record for the same office and application number takes the earlier record's id, latest wins
inside a batch, and a checkpoint follows every stored batch. Most chunks of a real file hold none of
these cases, which set operations over the whole chunk show at C speed; such a chunk is taken in a few
bulk dictionary updates. Any other chunk goes record by record, so both ways give the same result.
"""

from __future__ import annotations

import dataclasses
from itertools import repeat
from operator import eq, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipwarden.registry.bulk import PARTIAL, RULED, Chunk, Entry, entries, read_chunks
from ipwarden.registry.flat import APPLICATION_NUMBER, ID, OFFICE, FlatRight, hashed, unflatten
from ipwarden.registry.import_report import FileSummary, ImportProgress, duplicate_id_reason, write_checkpoint
from ipwarden.registry.importers import Reject, record_to_dict
from ipwarden.registry.models import OwnerFamily
from ipwarden.registry.seen_keys import SeenKeys

if TYPE_CHECKING:
    from ipwarden.registry.services import _Importer

__all__ = ["FlatBatch", "flat_loop"]

_ids = itemgetter(ID)
_offices = itemgetter(OFFICE)
_numbers = itemgetter(APPLICATION_NUMBER)
_PARTIAL_BIT = bytes(i & PARTIAL for i in range(256))
_ONE_BY_ONE = 16  # a part this small that cannot be taken at once goes record by record
_ONES = repeat(1)  # the value of every key in a set of seen ids
_key = "{}-{}".format  # the office + number key of the office+number rule (an office code holds no "-")


class FlatBatch:
    """Flat rights waiting to be stored (latest wins inside the batch)."""

    def __init__(self) -> None:
        self.rows: dict[str, FlatRight] = {}
        self.partial: set[str] = set()
        self.replaced_in_batch = 0

    def __len__(self) -> int:
        return len(self.rows)


def _duplicate_raw(row: FlatRight, flags: int) -> dict[str, Any]:
    """The record as the general path reports a duplicate: as parsed, before the owner-family rule."""
    right = unflatten(row)
    if flags & RULED:
        right = dataclasses.replace(right, owner_family=None)
    return record_to_dict(right)


class _Run:
    """The state of one file's import: ids seen in the file, the batch, the count of entries read."""

    def __init__(  # noqa: PLR0917 - the state of one file's import, passed once
        self,
        importer: _Importer,
        path: Path,
        fs: FileSummary,
        skip: int,
        checkpoint: Path,
        progress: ImportProgress | None,
    ) -> None:
        self.importer, self.name, self.fs, self.skip = importer, str(path), fs, skip
        self.unit = "record" if fs.format == "uspto-xml" else "line"
        self.checkpoint, self.progress = checkpoint, progress
        self.first_seen: SeenKeys[int] = importer.seen_keys()  # id -> its first line in this file
        self.batch = FlatBatch()
        self.index, self.reported = 0, skip

    def entry(self, entry: Entry) -> bool:
        """One entry the general path's way; False when the import is to stop here."""
        self.index += 1
        index, fs = self.index, self.fs
        if entry.__class__ is Reject:
            assert isinstance(entry, Reject)
            if index > self.skip:
                fs.read += 1
                self.importer.reject(fs, entry)
            return True
        position, row, flags = entry  # type: ignore[misc]
        right_id = row[ID]
        earlier = self.first_seen.get(right_id)
        if earlier is not None:
            if index > self.skip:
                fs.read += 1
                reason = duplicate_id_reason(right_id, self.unit, earlier)
                self.importer.reject(
                    fs, Reject(self.name, position, "id", reason, _duplicate_raw(row, flags), self.unit)
                )
            return True
        self.first_seen.put(right_id, position)
        final_id = self.importer.canonical(row[OFFICE], row[APPLICATION_NUMBER], right_id)
        if index <= self.skip:
            return True
        if final_id != right_id:
            row = hashed((final_id, *row[1:-1]))
        fs.read += 1
        batch = self.batch
        if final_id in batch.rows:
            batch.replaced_in_batch += 1
        batch.rows[final_id] = row
        if flags & PARTIAL:
            batch.partial.add(final_id)
        else:
            batch.partial.discard(final_id)
        return len(batch.rows) < self.importer.batch_size or self.end_batch()

    def fast(self, positions: list[int], rows: list[FlatRight], flags: bytes) -> bool:
        """Take records that raise none of the run's rules at once; False (nothing taken) otherwise.

        Taken records have ids new to the file and the batch, and office + number keys new to the run,
        distinct and naming no id of the run except their own; the general path would give each its own
        id, store it as it is and note its id and key, which is what the bulk updates below do.
        """
        importer, batch = self.importer, self.batch
        numbers = list(map(_numbers, rows))
        if None in numbers or "" in numbers:
            return False
        ids = list(map(_ids, rows))
        id_set = set(ids)
        keys = list(map(_key, map(_offices, rows), numbers))
        key_set = set(keys)
        same = key_set & id_set
        if (
            len(id_set) != len(ids)
            or len(key_set) != len(keys)
            or not self.first_seen.isdisjoint(id_set)
            or not batch.rows.keys().isdisjoint(id_set)
            or not importer.by_number.isdisjoint(key_set)
            or not importer.seen_ids.isdisjoint(key_set)
            or (same and len(same) != sum(map(eq, ids, keys)))  # a key may only name its own record
        ):
            return False
        self.first_seen.update(zip(ids, positions, strict=True))
        importer.seen_ids.update(zip(id_set, _ONES, strict=False))
        importer.by_number.update(zip(keys, ids, strict=True))  # a key naming its own id changes nothing
        batch.rows.update(zip(ids, rows, strict=True))
        if flags.translate(_PARTIAL_BIT).strip(b"\0"):  # status-only records: rare
            batch.partial.update(rid for rid, flag in zip(ids, flags, strict=True) if flag & PARTIAL)
        self.index += len(rows)
        self.fs.read += len(rows)
        return True

    def chunk(self, chunk: Chunk) -> bool:
        """One chunk, cut at batch ends; False when the import is to stop."""
        positions, rows, flags, rejects = chunk
        if rejects or self.index < self.skip:
            return all(map(self.entry, entries(chunk, self.name, self.unit)))
        start, size = 0, self.importer.batch_size
        while start < len(rows):
            stop = min(len(rows), start + size - len(self.batch.rows))
            if start == 0 and stop == len(rows):
                taken = self.part(positions, rows, flags)
            else:
                taken = self.part(positions[start:stop], rows[start:stop], flags[start:stop])
            if not taken:
                return False
            start = stop
            if len(self.batch.rows) >= size and not self.end_batch():
                return False
        return True

    def part(self, positions: list[int], rows: list[FlatRight], flags: bytes, *, split: bool = True) -> bool:
        """Records that fit in the batch: at once if they can be; else the records the run's rules may
        concern go one by one and the runs between them at once (halved until they can be, if need be).
        False when the import is to stop."""
        if self.fast(positions, rows, flags):
            return True
        if len(rows) <= _ONE_BY_ONE:
            return all(map(self.entry, entries((positions, rows, flags, []), self.name, self.unit)))
        if not split:
            mid = len(rows) // 2
            return self.part(positions[:mid], rows[:mid], flags[:mid], split=False) and self.part(
                positions[mid:], rows[mid:], flags[mid:], split=False
            )
        start = 0
        for i in [*self._suspects(rows), len(rows)]:
            if i > start and not self.part(positions[start:i], rows[start:i], flags[start:i], split=False):
                return False
            if i < len(rows) and not self.entry((positions[i], rows[i], flags[i])):
                return False
            start = i + 1
        return True

    def _suspects(self, rows: list[FlatRight]) -> list[int]:
        """Where records meet ids or office + number keys seen before (in the run or in ``rows``)."""
        batch_rows, importer = self.batch.rows, self.importer
        ids = set(map(_ids, rows))
        keys = [_key(row[OFFICE], row[APPLICATION_NUMBER]) for row in rows]
        key_set = set(keys)
        old_ids = self.first_seen.common(ids)  # one look-up for the chunk, should the keys be on disk
        old_keys = importer.by_number.common(key_set) | importer.seen_ids.common(key_set)
        here: set[str] = set()
        out = []
        for i, (row, key) in enumerate(zip(rows, keys, strict=True)):
            rid = row[ID]
            if (
                rid in old_ids or rid in batch_rows or rid in here or key in here
                or key in old_keys or (key in ids and key != rid)
            ):  # fmt: skip
                out.append(i)
            here.add(rid)
            here.add(key)
        return out

    def end_batch(self) -> bool:
        """Store the batch and checkpoint; False when the import is to stop after it."""
        importer = self.importer
        importer.flush_flat(self.batch, self.fs)
        self.batch = FlatBatch()
        write_checkpoint(self.checkpoint, self.fs, self.index)
        if self.progress is not None:
            self.progress.advance(self.index - self.reported)
            self.reported = self.index
        return importer.stop_after_batches is None or importer.batches_done < importer.stop_after_batches


def flat_loop(  # noqa: PLR0917 - the state of one file's import, passed once
    importer: _Importer,
    path: Path,
    fs: FileSummary,
    skip: int,
    checkpoint: Path,
    progress: ImportProgress | None,
    readers: int,
    families: list[OwnerFamily],
) -> bool:
    """Read, check and store one file; False when stopped early (the checkpoint stays for the next run)."""
    run = _Run(importer, path, fs, skip, checkpoint, progress)
    try:
        for chunk in read_chunks(path, families, readers=readers, fmt=fs.format):
            if not run.chunk(chunk):
                return False
    finally:
        run.first_seen.close()
    if len(run.batch):
        importer.flush_flat(run.batch, fs)
    if progress is not None:
        progress.advance(max(run.index - run.reported, 0))
    return True
