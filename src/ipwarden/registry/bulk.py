"""The bulk JSONL import: flat rights (registry/flat.py) from a reader process, stored by this one.

A JSONL file of rights only (no owner-family or authorisation records) is read by
:func:`read_chunks`: each line goes from bytes to a dict (orjson) to a flat right with its content hash,
with the owner-family rule applied, and no :class:`Right` in between
(registry/importers/jsonl_flat.py). Records that are not plainly valid take the general path
(``record_from_dict``), so rejects and their reasons are the same. The file is read in blocks of
:data:`BLOCK_BYTES`; for large files one or more reader processes take every n-th block and hand over
each as a chunk of columns (marshal), while this process keeps the run's state (duplicate ids, office +
number ids, batches, checkpoints), puts the chunks back in file order and writes. Reading costs more CPU
than writing, so several readers keep the single writer busy where there are cores for them.
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import IO, Any, Protocol, overload, runtime_checkable

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

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
    "BLOCK_BYTES",
    "PARTIAL",
    "RULED",
    "BulkLoadingStore",
    "FlatRightsStore",
    "LazyRights",
    "entries",
    "flat_items",
    "read_chunks",
    "ruled_flat",
]

PARTIAL, RULED = 1, 2  # entry flags: a status-only record; the family was set by the owner-family rule
Entry = Reject | tuple[int, FlatRight, int]  # a reject, or (line, flat right, flags)
# A chunk of the file in columns: line numbers, flat rights and flags (one byte each) of the records taken,
# and rejects as (index among all entries, line, field, reason, raw record).
Chunk = tuple[list[int], list[FlatRight], bytes, list[tuple[int, int, str, str, Any]]]
Block = tuple[int, list[int], list[FlatRight], bytes, list[tuple[int, int, str, str, Any]]]
BLOCK_BYTES = 1 << 20  # a reader's unit of work: about 2,000 records of a typical registry export
_FRAME = struct.Struct("<Q")  # length prefix of a pickled chunk on the reader's stdout
_MEMO_LIMIT = 500_000
READER_NICENESS = 10  # how much lower a reader process's priority is than the writer's (_give_way)


@runtime_checkable
class FlatRightsStore(Protocol):
    """A store that writes flat rights as they are (the SQL store); others get the general path."""

    def upsert_flat_rights(
        self, rows: Sequence[FlatRight], unstored: AbstractSet[str] = frozenset()
    ) -> UpsertResult:
        """Like ``upsert_rights`` for flat rights built by registry/flat.py or the bulk JSONL path.

        ``unstored``: ids the caller knows are not stored (new to an import into an empty store), which
        the store need not look up.
        """
        ...


@runtime_checkable
class BulkLoadingStore(Protocol):
    """A store that loads an empty table faster with its secondary indexes built at the end."""

    def begin_bulk_load(self) -> bool:
        """Prepare a large load; True if the store did (it was empty) and wants :meth:`end_bulk_load`."""
        ...

    def end_bulk_load(self) -> None:
        """Finish what :meth:`begin_bulk_load` started."""
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
    return (number, *ruled_flat(record, is_status_only(record), family_of))


def ruled_flat(right: Right, partial: bool, family_of: Callable[[str], str | None]) -> tuple[FlatRight, int]:
    """A checked right as a flat right with its flags, the owner-family rule applied (not to a status-only
    record, nor where the record names its family)."""
    flags = PARTIAL if partial else 0
    family = None
    if not partial and right.owner_family is None and right.owner_name:
        family = family_of(right.owner_name)
        if family is not None:
            flags |= RULED
    return flatten(right, family), flags


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


def _block_lines(handle: IO[bytes], start: int, stop: int) -> list[bytes]:
    """The lines (without their newline) that begin at a byte offset in ``[start, stop)``."""
    if start > 0:
        handle.seek(start - 1)
        data = handle.read(stop - start + 1)
        if data[:1] != b"\n":  # the first bytes belong to a line that began in the block before
            cut = data.find(b"\n")
            data = data[cut:] if cut >= 0 else b""
        data = data[1:]
    else:
        handle.seek(0)
        data = handle.read(stop)
    if data and not data.endswith(b"\n"):
        data += handle.readline()  # the last line that begins here, to its end
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def _block(lines: list[bytes], name: str, source: str, family_of: Callable[[str], str | None]) -> Block:
    """One block of lines as a chunk: line numbers count from 1 at the block's first line."""
    positions: list[int] = []
    rows: list[FlatRight] = []
    flags = bytearray()
    rejects: list[tuple[int, int, str, str, Any]] = []
    for number, line in enumerate(lines, start=1):
        try:
            data = loads(line)
        except ValueError as err:
            if not line.strip():
                continue
            text = line.decode("utf-8", "replace")
            slot = len(positions) + len(rejects)
            rejects.append((slot, number, "(line)", f"not valid JSON ({err}); fix or remove the line", text))
            continue
        found = None if b"\\u0000" in line else flat_right(data, source, family_of)
        if found is None:
            entry = _general(data, number, name, source, family_of)
            if entry.__class__ is Reject:
                assert isinstance(entry, Reject)
                slot = len(positions) + len(rejects)
                rejects.append((slot, number, entry.field, entry.reason, entry.raw))
                continue
            _, row, flag = entry  # type: ignore[misc]
        else:
            values, ruled = found
            row, flag = hashed(values), RULED if ruled else 0
        positions.append(number)
        rows.append(row)
        flags.append(flag)
    return len(lines), positions, rows, bytes(flags), rejects


def _blocks(
    path: Path, families: Sequence[OwnerFamily], first: int, step: int, fmt: str = "jsonl"
) -> Iterator[Block]:
    """Blocks ``first``, ``first + step``, … of the file (each :data:`BLOCK_BYTES` of it), as chunks."""
    name, source = str(path), path.name
    family_of = _family_rule(families)
    if fmt == "uspto-xml":
        from ipwarden.registry.bulk_xml import uspto_blocks  # it builds on this module, so imported here

        yield from uspto_blocks(path, family_of, first, step, BLOCK_BYTES)
        return
    size = path.stat().st_size
    with path.open("rb") as handle:
        for start in range(first * BLOCK_BYTES, size, step * BLOCK_BYTES):
            yield _block(_block_lines(handle, start, min(start + BLOCK_BYTES, size)), name, source, family_of)


def flat_items(path: Path, families: Sequence[OwnerFamily]) -> Iterator[list[Entry]]:
    """The file's records as chunks of entries, in file order (blank lines skipped, like the JSONL reader).

    ``families`` are the declared owner families for the owner-family rule.
    """
    name = str(path)
    for chunk in read_chunks(path, families, readers=0):
        yield entries(chunk, name)


def entries(chunk: Chunk, name: str, unit: str = "line") -> list[Entry]:
    """A chunk as entries in file order: rejects, and (line or record, flat right, flags) for the rest."""
    positions, rows, flags, rejects = chunk
    pairs = enumerate(zip(positions, rows, strict=True))
    out: list[Entry] = [(p, row, flags[i]) for i, (p, row) in pairs]
    for slot, number, field, reason, raw in rejects:  # ascending slots: each lands where it was read
        out.insert(slot, Reject(name, number, field, reason, raw, unit))
    return out


def _produce() -> None:
    """A reader process (``python -m ipwarden.registry.bulk FILE FIRST STEP FORMAT``): families arrive
    pickled on stdin; blocks FIRST, FIRST + STEP, … leave as length-prefixed marshal frames on stdout; an
    error as a text frame. marshal writes and reads lists of text tuples about twice as fast as pickle."""
    gc.disable()  # millions of short-lived dicts and tuples, no cycles: collection passes are pure cost
    _give_way(1)
    out = sys.stdout.buffer
    families = pickle.loads(sys.stdin.buffer.read())
    try:
        for block in _blocks(Path(sys.argv[1]), families, int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]):
            data = marshal.dumps(block)
            out.write(_FRAME.pack(len(data)))
            out.write(data)
            out.flush()
    except Exception as err:  # reported by the importing process
        data = marshal.dumps(f"{type(err).__name__}: {err}")
        out.write(_FRAME.pack(len(data)))
        out.write(data)
    out.flush()


def _give_way(fd: int) -> None:
    """Let the single writer run first and let a reader run a block ahead of it.

    The importing process writes every record and is the one serial stage; with more processes than cores
    an equal share of the CPU would slow it to the readers' pace, so readers lower their priority by
    :data:`READER_NICENESS` and take the time the writer leaves (on two cores about 1.2x the records/s,
    docs/benchmarks/import.md). A pipe of :data:`BLOCK_BYTES` (Linux; the default is 64 KiB) holds a whole
    block, so a reader goes on to its next block while the writer is busy storing a batch.
    """
    with contextlib.suppress(AttributeError, OSError):  # without nice() the readers share the CPU equally
        os.nice(READER_NICENESS)
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is not None:
        with contextlib.suppress(OSError):  # not a pipe, or above pipe-max-size: the default buffer serves
            fcntl.fcntl(fd, set_size, BLOCK_BYTES)


def _read_exact(stream: IO[bytes], size: int) -> bytes | None:
    data = stream.read(size)
    return data if data is not None and len(data) == size else None


def _failed(path: Path, why: str) -> ImportFileError:
    return ImportFileError(
        f"{path}: {why}; what was stored so far stays, and the import resumes from its last checkpoint",
        hint="import the file again",
    )


def _frames(path: Path, families: Sequence[OwnerFamily], readers: int, fmt: str) -> Iterator[Block]:
    """Blocks in file order from ``readers`` processes, each reading every ``readers``-th block."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    blocks = -(-path.stat().st_size // BLOCK_BYTES)
    readers = max(1, min(readers, blocks))
    payload = pickle.dumps(list(families))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for first in range(readers):
            proc = subprocess.Popen(
                [sys.executable, "-m", "ipwarden.registry.bulk", str(path), str(first), str(readers), fmt],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
            )  # fmt: skip
            procs.append(proc)
            assert proc.stdin is not None
            proc.stdin.write(payload)
            proc.stdin.close()
        for number in range(blocks):
            proc = procs[number % readers]
            assert proc.stdout is not None
            head = _read_exact(proc.stdout, _FRAME.size)
            data = None if head is None else _read_exact(proc.stdout, _FRAME.unpack(head)[0])
            if data is None:
                raise _failed(path, f"the reading process stopped (exit code {proc.wait()})")
            block = marshal.loads(data)
            if isinstance(block, str):
                raise _failed(path, f"reading failed ({block})")
            yield block
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()


def read_chunks(
    path: Path, families: Sequence[OwnerFamily], *, readers: int, fmt: str = "jsonl"
) -> Iterator[Chunk]:
    """The file as chunks in file order, line (JSONL) or record (XML) numbers counted over the whole file.

    ``readers`` > 0 reads in that many processes (stopped when the iteration is abandoned), 0 in this one.
    """
    blocks = _frames(path, families, readers, fmt) if readers > 0 else _blocks(path, families, 0, 1, fmt)
    base = 0
    for lines, positions, rows, flags, rejects in blocks:
        if base:
            yield (
                list(map(base.__add__, positions)), rows, flags,
                [(slot, number + base, *rest) for slot, number, *rest in rejects],
            )  # fmt: skip
        else:
            yield positions, rows, flags, rejects
        base += lines


if __name__ == "__main__":
    _produce()
