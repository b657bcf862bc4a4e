"""The bulk JSONL import: flat rights (registry/flat.py) from a reader process, stored by this one.

A JSONL file of rights only (no owner-family or authorisation records) is read by
:func:`flat_items`: each line goes from bytes to a dict (orjson) to a flat right with its content hash,
with the owner-family rule applied, and no :class:`Right` in between
(registry/importers/jsonl_flat.py). Records that are not plainly valid take the general path
(``record_from_dict``), so rejects and their reasons are the same. For large files the reading runs in a
second process and hands over chunks of flat rights, while this process keeps the run's state (duplicate
ids, office + number ids, batches, checkpoints) and writes; on two cores the two halves overlap.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol, overload, runtime_checkable

from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.families import FamilyIndex
from ipwarden.registry.flat import FlatRight, flatten, hashed, right_problem, unflatten
from ipwarden.registry.importers._json import loads
from ipwarden.registry.importers.jsonl_flat import flat_right
from ipwarden.registry.importers.records import RecordError, Reject
from ipwarden.registry.importers.schema import is_status_only, record_from_dict, record_to_dict
from ipwarden.registry.interfaces import UpsertResult
from ipwarden.registry.models import OwnerFamily, Right

__all__ = [
    "PARTIAL",
    "RULED",
    "FlatRightsStore",
    "LazyRights",
    "flat_items",
    "read_chunks",
]

PARTIAL, RULED = 1, 2  # entry flags: a status-only record; the family was set by the owner-family rule
Entry = Reject | tuple[int, FlatRight, int]  # a reject, or (line, flat right, flags)
_CHUNK = 2_000
_FRAME = struct.Struct("<Q")  # length prefix of a pickled chunk on the reader's stdout
_MEMO_LIMIT = 500_000


@runtime_checkable
class FlatRightsStore(Protocol):
    """A store that writes flat rights as they are (the SQL store); others get the general path."""

    def upsert_flat_rights(self, rows: Sequence[FlatRight]) -> UpsertResult:
        """Like ``upsert_rights`` for flat rights built by registry/flat.py or the bulk JSONL path."""
        ...


class LazyRights(Sequence[Right]):
    """A stored batch as rights for ``on_stored``, decoded only if the callback looks at them."""

    def __init__(self, rows: Sequence[FlatRight]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Right: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Right]: ...
    def __getitem__(self, index: int | slice) -> Right | Sequence[Right]:
        if isinstance(index, slice):
            return [unflatten(row) for row in self._rows[index]]
        return unflatten(self._rows[index])

    def __iter__(self) -> Iterator[Right]:
        return map(unflatten, self._rows)


def _general(data: Any, number: int, name: str, source: str, family_of: Any) -> Entry:
    """One record through the general path: the same checks and messages as the JSONL importer."""
    try:
        record = record_from_dict(data, source=source)
    except RecordError as err:
        return Reject(name, number, err.field, err.reason, data)
    if not isinstance(record, Right):  # cannot happen for files :func:`flat_items` is used for
        return Reject(
            name, number, "record", "owner families and authorisations need the general import", data
        )
    problem = right_problem(record)
    if problem is not None:
        return Reject(name, number, problem[0], problem[1], record_to_dict(record))
    partial = is_status_only(record)
    flags = PARTIAL if partial else 0
    if not partial and record.owner_family is None and record.owner_name:
        family = family_of(record.owner_name)
        if family is not None:
            record = dataclasses.replace(record, owner_family=family)
            flags |= RULED
    return number, flatten(record), flags


def _family_rule(families: Sequence[OwnerFamily]) -> Callable[[str], str | None]:
    """The owner-family rule for one owner name, memoised: owner names repeat across a registry."""
    index = FamilyIndex(families)
    memo: dict[str, str | None] = {}

    def family_of(name: str) -> str | None:
        try:
            return memo[name]
        except KeyError:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            family = memo[name] = index.family_of(name)
            return family

    return family_of


def flat_items(path: Path, families: Sequence[OwnerFamily]) -> Iterator[list[Entry]]:
    """The file's records as chunks of entries, in file order (blank lines skipped, like the JSONL reader).

    ``families`` are the declared owner families for the owner-family rule.
    """
    name, source = str(path), path.name
    family_of = _family_rule(families)
    chunk: list[Entry] = []
    append = chunk.append
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                data = loads(line)
            except ValueError as err:
                if not line.strip():
                    continue
                text = line.decode("utf-8", "replace").rstrip("\n")
                append(
                    Reject(name, number, "(line)", f"not valid JSON ({err}); fix or remove the line", text)
                )
            else:
                found = None if b"\\u0000" in line else flat_right(data, source, family_of)
                if found is None:
                    append(_general(data, number, name, source, family_of))
                else:
                    values, ruled = found
                    append((number, hashed(values), RULED if ruled else 0))
            if len(chunk) >= _CHUNK:
                yield chunk
                chunk = []
                append = chunk.append
    if chunk:
        yield chunk


def _produce() -> None:
    """The reader process (``python -m ipwarden.registry.bulk FILE``): families arrive pickled on stdin,
    chunks leave as length-prefixed pickles on stdout, then an empty frame; an error as a text frame."""
    gc.disable()  # millions of short-lived dicts and tuples, no cycles: collection passes are pure cost
    out = sys.stdout.buffer
    families = pickle.loads(sys.stdin.buffer.read())
    try:
        for chunk in flat_items(Path(sys.argv[1]), families):
            data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
            out.write(_FRAME.pack(len(data)))
            out.write(data)
        out.write(_FRAME.pack(0))
    except Exception as err:  # reported by the importing process
        data = pickle.dumps(f"{type(err).__name__}: {err}")
        out.write(_FRAME.pack(len(data)))
        out.write(data)
    out.flush()


def _read_exact(stream: IO[bytes], size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def _failed(path: Path, why: str) -> ImportFileError:
    return ImportFileError(
        f"{path}: {why}; what was stored so far stays, and the import resumes from its last checkpoint",
        hint="import the file again",
    )


def read_chunks(path: Path, families: Sequence[OwnerFamily], *, process: bool) -> Iterator[list[Entry]]:
    """:func:`flat_items`, read in a second process when ``process`` is true (stopped when abandoned)."""
    if not process:
        yield from flat_items(path, families)
        return
    package_root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    reader = subprocess.Popen(
        [sys.executable, "-m", "ipwarden.registry.bulk", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert reader.stdin is not None and reader.stdout is not None
    try:
        reader.stdin.write(pickle.dumps(list(families)))
        reader.stdin.close()
        while True:
            head = _read_exact(reader.stdout, _FRAME.size)
            if head is None:
                raise _failed(path, f"the reading process stopped (exit code {reader.wait()})")
            (size,) = _FRAME.unpack(head)
            if size == 0:
                return
            data = _read_exact(reader.stdout, size)
            if data is None:
                raise _failed(path, f"the reading process stopped (exit code {reader.wait()})")
            chunk = pickle.loads(data)
            if isinstance(chunk, str):
                raise _failed(path, f"reading failed ({chunk})")
            yield chunk
    finally:
        if reader.poll() is None:
            reader.kill()
        reader.wait()
        reader.stdout.close()


if __name__ == "__main__":
    _produce()
