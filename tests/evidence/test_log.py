"""The tiled log: batched appends, proofs at every size, write-ahead recovery, on disk and in memory."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ipwarden.evidence import merkle
from ipwarden.evidence.blobstore import DirStorage, LogStorage, MemoryStorage
from ipwarden.evidence.errors import EvidenceNotFoundError, FormatError
from ipwarden.evidence.log import WAL, TiledLog, _parse_wal
from ipwarden.evidence.note import Signer
from ipwarden.evidence.tiles import tile_path

SIGNER = Signer("example.com/test-log", bytes(range(32)))


def _log(storage: LogStorage) -> TiledLog:
    return TiledLog(storage, SIGNER.name, lambda: SIGNER, lambda: [SIGNER.verifier])


@pytest.fixture(params=["memory", "dir"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> LogStorage:
    return MemoryStorage() if request.param == "memory" else DirStorage(tmp_path / "log", durable=False)


def test_batches_across_tile_boundaries(storage: LogStorage) -> None:
    log = _log(storage)
    rng = random.Random(7)
    leaves: list[bytes] = []
    target = 66_000 if isinstance(storage, MemoryStorage) else 3_000  # level-2 tiles in memory only
    while len(leaves) < target:
        batch = [f"entry-{len(leaves) + i}".encode() for i in range(rng.choice([1, 2, 255, 256, 257, 4000]))]
        first, state = log.append(batch)
        assert first == len(leaves)
        leaves += [merkle.leaf_hash(e) for e in batch]
        assert state.size == len(leaves)
    assert log.state().root == merkle.root_hash(leaves)
    size = len(leaves)
    assert log.entries(2_990, 3_000) == [f"entry-{i}".encode() for i in range(2_990, 3_000)]
    for index in [0, 1, 255, 256, 2_047, 65_535, 65_536, size - 1]:
        for at in {index + 1, 2_048, 65_536, size}:
            if index < at <= size:
                proof, _ = log.inclusion_proof(index, at)
                merkle.verify_inclusion(index, at, leaves[index], proof, merkle.root_hash(leaves[:at]))
    for old in [1, 255, 256, 257, 2_048, 65_536, size - 1, size]:
        if old <= size:
            proof = log.consistency_proof(old, size)
            merkle.verify_consistency(old, size, proof, merkle.root_hash(leaves[:old]), log.state().root)
    if size > 65_536:  # a level-2 tile exists once 65,536 leaves are in
        assert storage.read(tile_path(2, 0, 1)) is not None


def test_superseded_partial_tiles_are_removed(storage: LogStorage) -> None:
    log = _log(storage)
    log.append([b"a", b"b"])
    log.append([b"c"])
    assert storage.read(tile_path(0, 0, 2)) is None
    assert storage.read(tile_path(0, 0, 3)) is not None


def test_missing_entries_and_sizes_are_named(storage: LogStorage) -> None:
    log = _log(storage)
    log.append([b"only"])
    with pytest.raises(EvidenceNotFoundError, match="entry 5"):
        log.inclusion_proof(5)
    with pytest.raises(FormatError, match="65535"):
        log.append([b"x" * 70_000])


def test_unacknowledged_torn_wal_is_discarded(storage: LogStorage) -> None:
    log = _log(storage)
    log.append([b"a"])
    log._write_wal(1, [b"b", b"c"])
    raw = storage.read(WAL)
    assert raw is not None
    storage.write(WAL, raw[:-5])  # torn write: the checksum no longer matches
    assert _parse_wal(storage.read(WAL) or b"") is None
    state = log.recover()
    assert state.size == 1 and storage.read(WAL) is None
    first, state = log.append([b"z"])
    assert first == 1 and log.entries(0, 2) == [b"a", b"z"]


def test_complete_wal_is_replayed(storage: LogStorage) -> None:
    log = _log(storage)
    log.append([b"a"])
    log._write_wal(1, [b"b", b"c"])  # crashed after the write-ahead file, before any tile
    state = log.recover()
    assert state.size == 3
    assert log.entries(0, 3) == [b"a", b"b", b"c"]
    assert state.root == merkle.root_hash([merkle.leaf_hash(x) for x in (b"a", b"b", b"c")])


def test_wal_already_applied_is_dropped(storage: LogStorage) -> None:
    log = _log(storage)
    log.append([b"a"])
    log._write_wal(0, [b"a"])  # crashed after the checkpoint, before the write-ahead file was removed
    assert log.recover().size == 1
    assert storage.read(WAL) is None
