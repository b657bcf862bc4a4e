"""The append-only tiled log: durable batched appends, crash recovery and proofs.

Layout (c2sp.org/tlog-tiles): ``checkpoint`` (signed note), ``tile/L/N[.p/W]``, ``tile/entries/N[.p/W]``.
A commit writes the batch to a write-ahead file ``wal`` (fsync), then the tiles and entry bundles
(atomic renames), then the new signed checkpoint; only then is the batch acknowledged. After a crash the
next writer replays a complete ``wal`` whose base size equals the checkpoint size, and discards a torn one
(it was never acknowledged). Readers see only what the checkpoint covers, so a partial batch is never
visible. One exclusive lock serialises writers across processes.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ipwarden.evidence import merkle
from ipwarden.evidence.blobstore import LogStorage
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.errors import EvidenceNotFoundError, TamperError
from ipwarden.evidence.note import Signer, Verifier, sign_note, verify_note
from ipwarden.evidence.tiles import (
    TILE_HEIGHT,
    TILE_WIDTH,
    TileReader,
    decode_bundle,
    encode_bundle,
    entries_path,
    tile_path,
)

__all__ = ["CHECKPOINT", "LogState", "TiledLog"]

CHECKPOINT = "checkpoint"
WAL = "wal"
_WAL_MAGIC = b"ipwarden-wal/v1\n"


@dataclass(frozen=True, slots=True)
class LogState:
    size: int
    root: bytes
    note: bytes  # the signed checkpoint


class TiledLog:
    """An append-only Merkle log over a :class:`LogStorage`, signed by ``signer()``'s current key."""

    def __init__(
        self,
        storage: LogStorage,
        origin: str,
        signer: Callable[[], Signer],
        verifiers: Callable[[], list[Verifier]],
    ) -> None:
        self.storage = storage
        self.origin = origin
        self._signer = signer
        self._verifiers = verifiers
        self._verified: tuple[bytes, LogState] | None = None  # last checkpoint whose signature we checked
        self._reader: TileReader | None = None

    # --- reading --------------------------------------------------------------------------------------

    def state(self) -> LogState:
        """The latest checkpoint, verified against the log's keys."""
        raw = self.storage.read(CHECKPOINT)
        if raw is None:
            return LogState(0, merkle.empty_root(), b"")
        if self._verified is not None and self._verified[0] == raw:
            return self._verified[1]
        cp = Checkpoint.from_text(verify_note(raw, self._verifiers()).text)
        if cp.origin != self.origin:
            raise TamperError(f"checkpoint origin {cp.origin!r} is not this log's origin {self.origin!r}")
        st = LogState(cp.size, cp.root, raw)
        self._verified = (raw, st)
        return st

    def reader(self, size: int, published: int | None = None) -> TileReader:
        """A reader for the tree of ``size``; the latest tree's reader is kept (stored tiles never change)."""
        published = max(size, published or size)
        if size == published:
            if self._reader is None or self._reader.size != size:
                self._reader = TileReader(self.storage.read, size)
            return self._reader
        return TileReader(self.storage.read, size, published_size=published)

    def entries(self, start: int, stop: int, size: int | None = None) -> list[bytes]:
        """Entries [start, stop) read from the entry bundles of the tree of ``size``."""
        size = self.state().size if size is None else size
        if not 0 <= start <= stop <= size:
            raise EvidenceNotFoundError(f"entries {start}..{stop - 1} are not in the log of size {size}")
        out: list[bytes] = []
        n = start // TILE_WIDTH
        while len(out) < stop - start:
            width = min(TILE_WIDTH, size - n * TILE_WIDTH)
            path = entries_path(n, width)
            data = self.storage.read(path)
            if data is None and width < TILE_WIDTH:
                # A wider bundle of a later tree starts with the same entries.
                latest = self.state().size if size else 0
                for w in dict.fromkeys((min(TILE_WIDTH, latest - n * TILE_WIDTH), TILE_WIDTH)):
                    wider = self.storage.read(entries_path(n, w)) if w > width else None
                    if wider is not None:
                        data = encode_bundle(decode_bundle(wider, path)[:width])
                        break
            if data is None:
                raise TamperError(f"entry bundle {path} is missing")
            bundle = decode_bundle(data, path)
            if len(bundle) != width:
                raise TamperError(f"entry bundle {path} holds {len(bundle)} entries; expected {width}")
            lo = max(start - n * TILE_WIDTH, 0)
            out.extend(bundle[lo : min(width, stop - n * TILE_WIDTH)])
            n += 1
        return out

    def entry(self, index: int) -> bytes:
        with self.storage.lock(shared=True):
            return self.entries(index, index + 1)[0]

    def inclusion_proof(self, index: int, size: int | None = None) -> tuple[list[bytes], LogState]:
        with self.storage.lock(shared=True):
            st = self.state()
            size = st.size if size is None else size
            if size > st.size:
                raise EvidenceNotFoundError(f"the log has {st.size} entries; there is no tree of size {size}")
            if not 0 <= index < size:
                raise EvidenceNotFoundError(f"entry {index} is not in the log of size {size}")
            return merkle.inclusion_proof(self.reader(size, st.size).node, index, size), st

    def consistency_proof(self, old: int, new: int) -> list[bytes]:
        with self.storage.lock(shared=True):
            if old in (0, new):
                return []
            return merkle.consistency_proof(self.reader(new).node, old, new)

    def root_at(self, size: int) -> bytes:
        if size == 0:
            return merkle.empty_root()
        return merkle.subtree_hash(self.reader(size).node, 0, size)

    # --- writing --------------------------------------------------------------------------------------

    def append(self, entries: Sequence[bytes]) -> tuple[int, LogState]:
        """Durably append ``entries`` as one batch; returns the first index and the new checkpoint."""
        if not entries:
            raise ValueError("nothing to append")
        encode_bundle(entries)  # size check before anything is written
        with self.storage.lock():
            st = self.recover()
            self._write_wal(st.size, entries)
            new = self._apply(st.size, list(entries))
            self.storage.delete(WAL)
            self._drop_superseded(st.size, new.size)
            return st.size, new

    def resign(self) -> LogState:
        """Sign the current tree again with the current key (after a key rotation)."""
        with self.storage.lock():
            st = self.recover()
            signed = sign_note(Checkpoint(self.origin, st.size, st.root).to_text(), [self._signer()])
            self.storage.write(CHECKPOINT, signed)
            self.storage.sync()
            return LogState(st.size, st.root, signed)

    def recover(self) -> LogState:
        """Finish or discard an interrupted commit; call with the exclusive lock held."""
        st = self.state()
        raw = self.storage.read(WAL)
        if raw is None:
            return st
        parsed = _parse_wal(raw)
        if parsed is None:  # torn write: the batch was never acknowledged
            self.storage.delete(WAL)
            return st
        base, entries = parsed
        if base == st.size:
            st = self._apply(base, entries)
        elif base + len(entries) != st.size:
            raise TamperError(
                f"the write-ahead file starts at {base} but the checkpoint has size {st.size}",
                hint="run 'ipwarden evidence audit' to locate the damage",
            )
        self.storage.delete(WAL)
        self._drop_superseded(base, st.size)
        return st

    def _write_wal(self, base: int, entries: Sequence[bytes]) -> None:
        body = _WAL_MAGIC + struct.pack(">QI", base, len(entries)) + encode_bundle(entries)
        self.storage.write(WAL, body + hashlib.sha256(body).digest())
        self.storage.sync()

    def _apply(self, size: int, entries: list[bytes]) -> LogState:
        new_size = size + len(entries)
        # Entry bundles.
        n0, off = divmod(size, TILE_WIDTH)
        row = self.entries(n0 * TILE_WIDTH, size, size) if off else []
        row += entries
        for j in range(0, len(row), TILE_WIDTH):
            chunk = row[j : j + TILE_WIDTH]
            self.storage.write(entries_path(n0 + j // TILE_WIDTH, len(chunk)), encode_bundle(chunk))
        # Hash tiles, level by level; each tile that fills up contributes one hash to the level above.
        new_hashes = [merkle.leaf_hash(e) for e in entries]
        level, count = 0, size
        reader = self.reader(size)
        while new_hashes:
            n0, off = divmod(count, TILE_WIDTH)
            hashes = list(reader.tile(level, n0)) if off else []
            hashes += new_hashes
            parents = []
            for j in range(0, len(hashes), TILE_WIDTH):
                chunk = hashes[j : j + TILE_WIDTH]
                self.storage.write(tile_path(level, n0 + j // TILE_WIDTH, len(chunk)), b"".join(chunk))
                if len(chunk) == TILE_WIDTH:
                    parents.append(merkle.root_hash(chunk))
            new_hashes = parents
            level += 1
            count >>= TILE_HEIGHT
        self.storage.sync()
        root = self.root_at(new_size)
        cp = Checkpoint(self.origin, new_size, root)
        signed = sign_note(cp.to_text(), [self._signer()])
        self.storage.write(CHECKPOINT, signed)
        self.storage.sync()
        return LogState(new_size, root, signed)

    def _drop_superseded(self, old: int, new: int) -> None:
        """Delete partial tiles and bundles that a newer width replaced (c2sp.org/tlog-tiles allows it)."""
        level = 0
        while old >> (TILE_HEIGHT * level):
            count_old = old >> (TILE_HEIGHT * level)
            count_new = new >> (TILE_HEIGHT * level)
            n, off = divmod(count_old, TILE_WIDTH)
            if off and count_new != count_old:
                self.storage.delete(tile_path(level, n, off))
                if level == 0:
                    self.storage.delete(entries_path(n, off))
            level += 1


def _parse_wal(raw: bytes) -> tuple[int, list[bytes]] | None:
    if len(raw) < len(_WAL_MAGIC) + 12 + 32 or not raw.startswith(_WAL_MAGIC):
        return None
    body, digest = raw[:-32], raw[-32:]
    if hashlib.sha256(body).digest() != digest:
        return None
    base, count = struct.unpack_from(">QI", body, len(_WAL_MAGIC))
    entries = decode_bundle(body[len(_WAL_MAGIC) + 12 :], WAL)
    if len(entries) != count:
        return None
    return base, entries
