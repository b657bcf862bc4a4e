"""C2SP tlog-tiles (c2sp.org/tlog-tiles): tile paths, entry bundles and hash lookups over tiles.

A tile at level L holds up to 256 consecutive hashes of tree level 8·L; ``tile/L/N`` is full and
``tile/L/N.p/W`` holds the first W hashes. Entry bundles ``tile/entries/N[.p/W]`` hold entries as
2-byte big-endian length-prefixed strings. Index N is written in groups of three digits, all but the
last prefixed with ``x`` (``1234067`` → ``x001/x234/067``). Any node hash is at most one tile read away,
so proofs cost O(log n) reads at any size.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from collections.abc import Callable, Sequence

from ipwarden.evidence.errors import FormatError, TamperError
from ipwarden.evidence.merkle import HASH_SIZE, root_hash

__all__ = [
    "TILE_HEIGHT",
    "TILE_WIDTH",
    "TileReader",
    "decode_bundle",
    "encode_bundle",
    "entries_path",
    "index_path",
    "tile_path",
    "tile_widths",
]

TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT


def index_path(n: int) -> str:
    """``1234067`` → ``x001/x234/067`` (c2sp.org/tlog-tiles)."""
    if n < 0:
        raise ValueError("tile index must be non-negative")
    groups = []
    while True:
        groups.append(f"{n % 1000:03d}")
        n //= 1000
        if n == 0:
            break
    groups.reverse()
    return "/".join(["x" + g for g in groups[:-1]] + [groups[-1]])


def tile_path(level: int, n: int, width: int = TILE_WIDTH) -> str:
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return f"tile/{level}/{index_path(n)}{suffix}"


def entries_path(n: int, width: int = TILE_WIDTH) -> str:
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return f"tile/entries/{index_path(n)}{suffix}"


def tile_widths(level: int, size: int) -> list[tuple[int, int]]:
    """(tile index, width) of every tile at ``level`` for a tree of ``size`` leaves (entries: level 0)."""
    count = size >> (TILE_HEIGHT * level)
    full, rest = divmod(count, TILE_WIDTH)
    out = [(n, TILE_WIDTH) for n in range(full)]
    if rest:
        out.append((full, rest))
    return out


def encode_bundle(entries: Sequence[bytes]) -> bytes:
    parts = []
    for e in entries:
        if len(e) > 0xFFFF:
            raise FormatError(f"log entry of {len(e)} bytes exceeds the 65535-byte limit of entry bundles")
        parts.append(struct.pack(">H", len(e)) + e)
    return b"".join(parts)


def decode_bundle(data: bytes, where: str = "entry bundle") -> list[bytes]:
    out = []
    pos = 0
    while pos < len(data):
        if pos + 2 > len(data):
            raise TamperError(f"{where}: truncated length prefix at byte {pos}")
        (n,) = struct.unpack_from(">H", data, pos)
        pos += 2
        if pos + n > len(data):
            raise TamperError(f"{where}: entry at byte {pos - 2} runs past the end of the bundle")
        out.append(data[pos : pos + n])
        pos += n
    return out


class TileReader:
    """Answers ``node(level, index)`` for a tree of ``size`` leaves from tiles fetched by ``fetch(path)``.

    Hashes above a tile's bottom row are recomputed from that row (at most 255 hashes per tile); recently
    used tiles are cached, so repeated proofs touch the upper tiles once.
    """

    def __init__(
        self,
        fetch: Callable[[str], bytes | None],
        size: int,
        cache_tiles: int = 64,
        published_size: int | None = None,
    ) -> None:
        self._fetch = fetch
        self.size = size
        # Tiles are stored for the latest tree; an older tree's right edge is a prefix of them.
        self.published_size = max(size, published_size or size)
        self._cache: OrderedDict[tuple[int, int], list[bytes]] = OrderedDict()
        self._cache_tiles = cache_tiles
        self._subtree_cache: dict[tuple[int, int], bytes] = {}

    def tile(self, level: int, n: int) -> list[bytes]:
        key = (level, n)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        count = self.size >> (TILE_HEIGHT * level)
        width = min(TILE_WIDTH, count - n * TILE_WIDTH)
        if width <= 0:
            raise TamperError(f"tile {level}/{n} is beyond the tree of size {self.size}")
        data = self._fetch(tile_path(level, n, width))
        if data is None and width < TILE_WIDTH:
            # A wider tile of a later tree (partial or full) starts with the same hashes.
            later = min(TILE_WIDTH, (self.published_size >> (TILE_HEIGHT * level)) - n * TILE_WIDTH)
            for w in dict.fromkeys((later, TILE_WIDTH)):
                wider = self._fetch(tile_path(level, n, w)) if w > width else None
                if wider is not None:
                    data = wider[: width * HASH_SIZE]
                    break
        if data is None:
            raise TamperError(f"tile {tile_path(level, n, width)} is missing")
        if len(data) != width * HASH_SIZE:
            raise TamperError(
                f"tile {tile_path(level, n, width)} has {len(data)} bytes; expected {width * HASH_SIZE}"
            )
        hashes = [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]
        self._cache[key] = hashes
        if len(self._cache) > self._cache_tiles:
            self._cache.popitem(last=False)
        return hashes

    def node(self, level: int, index: int) -> bytes:
        """Hash of the complete subtree of 2**level leaves starting at leaf ``index << level``."""
        if (index + 1) << level > self.size:
            raise TamperError(f"node {level}/{index} is not complete in the tree of size {self.size}")
        tlevel, sub = divmod(level, TILE_HEIGHT)
        start = index << sub  # first hash in the tile level's bottom row
        row = self.tile(tlevel, start // TILE_WIDTH)
        off = start % TILE_WIDTH
        if sub == 0:
            return row[off]
        key = (level, index)
        cached = self._subtree_cache.get(key)
        if cached is None:
            cached = root_hash(row[off : off + (1 << sub)])
            if len(self._subtree_cache) > 262_144:  # ~30 MB; upper-tile nodes are reused by every proof
                self._subtree_cache.clear()
            self._subtree_cache[key] = cached
        return cached
