"""One JSONL file of rights on the bulk path (registry/bulk.py), step for step like the general path.

The run's rules are the general path's (registry/services.py): a repeated id in the file is rejected,
a later record for the same office and application number takes the earlier record's id, latest wins
inside a batch, and a checkpoint follows every stored batch. Most chunks of a real file hold none of
these cases, which set operations over the whole chunk show at C speed; such a chunk is taken in a few
bulk dictionary updates. Any other chunk goes record by record, so both ways give the same result.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from itertools import compress, repeat
from operator import eq, itemgetter, not_
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
_View = tuple[list[str], list[str], list[str | None]]  # ids, office + number keys, application numbers


def _view(rows: list[FlatRight]) -> _View:
    numbers: list[str | None] = list(map(_numbers, rows))
    return list(map(_ids, rows)), list(map(_key, map(_offices, rows), numbers)), numbers


class FlatBatch:
    """Flat rights waiting to be stored (latest wins inside the batch)."""

    def __init__(self) -> None:
        self.rows: dict[str, FlatRight] = {}
        self.partial: set[str] = set()
        self.unstored: set[str] = set()  # ids known not to be in the store, so not looked up there
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

    def fast(
        self, positions: list[int], rows: list[FlatRight], flags: bytes, view: _View | None = None
    ) -> bool:
        """Take records that raise none of the run's rules at once; False (nothing taken) otherwise.

        Taken records have ids new to the file and the batch, and office + number keys new to the run,
        distinct and naming no id of the run except their own; the general path would give each its own
        id, store it as it is and note its id and key, which is what the bulk updates below do.
        """
        importer, batch = self.importer, self.batch
        ids, keys, numbers = view if view is not None else _view(rows)
        if None in numbers or "" in numbers:
            return False
        id_set = set(ids)
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
        if importer.unstored_run and importer.seen_ids.isdisjoint(id_set):
            batch.unstored.update(id_set)  # the store was empty and no earlier batch held these ids
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

    def part(self, positions: list[int], rows: list[FlatRight], flags: bytes) -> bool:
        """Records that fit in the batch: at once if they can be; else the records the run's rules may
        concern go one by one and the runs between them at once. False when the import is to stop."""
        view = _view(rows)
        if self.fast(positions, rows, flags, view):
            return True
        if len(rows) <= _ONE_BY_ONE:
            return all(map(self.entry, entries((positions, rows, flags, []), self.name, self.unit)))
        ids, keys, numbers = view
        start = 0
        for i in [*self._suspects(view), len(rows)]:
            if i > start and not self._between(
                positions[start:i],
                rows[start:i],
                flags[start:i],
                (ids[start:i], keys[start:i], numbers[start:i]),
            ):
                return False
            if i < len(rows) and not self.entry((positions[i], rows[i], flags[i])):
                return False
            start = i + 1
        return True

    def _between(self, positions: list[int], rows: list[FlatRight], flags: bytes, view: _View) -> bool:
        """A run between suspects: at once if the records taken one by one before left it clean (they
        nearly always do), else halved until it can be, or record by record."""
        if self.fast(positions, rows, flags, view):
            return True
        if len(rows) <= _ONE_BY_ONE:
            return all(map(self.entry, entries((positions, rows, flags, []), self.name, self.unit)))
        mid = len(rows) // 2
        ids, keys, numbers = view
        return self._between(
            positions[:mid], rows[:mid], flags[:mid], (ids[:mid], keys[:mid], numbers[:mid])
        ) and self._between(positions[mid:], rows[mid:], flags[mid:], (ids[mid:], keys[mid:], numbers[mid:]))

    def _suspects(self, view: _View) -> list[int]:
        """Where records may meet ids or office + number keys seen before (in the run or in the chunk), or
        have no application number: set operations find the values, two C-level passes their places.
        Both records of a pair inside the chunk are suspects: going one by one gives the same result."""
        ids, keys, numbers = view
        importer = self.importer
        id_set, key_set = set(ids), set(keys)
        bad = self.first_seen.common(id_set)  # one look-up for the chunk, should the keys be on disk
        bad |= importer.by_number.common(key_set) | importer.seen_ids.common(key_set)
        bad |= self.batch.rows.keys() & id_set
        bad |= (key_set & id_set) - set(compress(keys, map(eq, ids, keys)))  # a key naming another record
        if len(id_set) != len(ids):
            bad.update(value for value, n in Counter(ids).items() if n > 1)
        if len(key_set) != len(keys):
            bad.update(value for value, n in Counter(keys).items() if n > 1)
        places = range(len(ids))
        found = set(compress(places, map(not_, numbers)))
        if bad:
            found.update(compress(places, map(bad.__contains__, ids)))
            found.update(compress(places, map(bad.__contains__, keys)))
        return sorted(found)

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
