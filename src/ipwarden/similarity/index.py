"""The clearance search index: an inverted index from candidate keys to marks, on disk next to the registry.

Layout of the index folder (see docs/clearance.md):

- ``meta.json``: format version, the registry fingerprint and right count it was built from, base size;
- ``keys.npy`` / ``offsets.npy`` / ``postings.npy``: the base segment, sorted 64-bit key hashes with CSR
  offsets into mark numbers (memory-mapped, so opening is instant and memory stays small);
- ``office.npy`` / ``status.npy`` / ``alive.npy``: per-mark filter columns (alive: has a mark text);
  ``classes.npy``: Nice classes as bits, to prefer marks for the query's goods among equals;
- ``marks.sqlite``: one row per right (mark text, owner, office, classes, family) and the incremental
  segment (keys of rights added after the build, replaced rights).

A query hashes its probe keys, finds their postings with a binary search, sums probe weights per mark,
filters by office/status and hands the best few hundred marks to exact scoring: it never scans all marks.
The index refuses to answer when the registry changed behind its back (:meth:`SearchIndex.ensure_fresh`).
"""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ipwarden.errors import IntegrityError
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import Right, Status
from ipwarden.similarity.build import class_mask, default_workers, index_rows, keys_of, sync, write_base
from ipwarden.similarity.candidate_groups import WRITTEN, Distinct, choose, tie_order
from ipwarden.similarity.forms import MarkForms, forms_from_bytes, forms_to_bytes, prepare, prepare_query
from ipwarden.similarity.keys import GROUPS, hash_keys, query_probes

__all__ = ["FORMAT_VERSION", "IndexStatus", "IndexedMark", "SearchIndex", "index_updater", "open_index"]

FORMAT_VERSION = 24  # 24: Chinese words for restaurant services (日本料理, 小吃) set aside as descriptive
# Earlier: 23 the induced foreign-word table (ZAPATO = shoe); 20 lone letters said as names (ls:); 19 a short
# head hyphenated to a generic word (WAL-MART); 18 pejorative words in domain names; 17 ST. read as SAINT; 16
# coined words' sound keys (wk:); 15 short openings (o:); 14 goods words and glued pieces (t:gap); 11
# traditional characters simplified; 10 syllable shapes (tv:); 8 spellings by ear; 6 ü as u, NG as N, sz/cz.
REBUILD = "ipwarden index build"
_STATUSES = [s.value for s in Status]  # status.npy codes (the same list as build.STATUSES)
_GROUP_INDEX = {group: at for at, group in enumerate(GROUPS)}
_FUZZY_CAP = 30_000  # fuzzy keys with more postings than this are too common to help
_EXACT_CAP = 200_000
_PARALLEL_FROM = 100_000  # below this many rights, starting workers costs more than it saves
_MMAP_BYTES = 4 << 30  # marks.sqlite memory-mapped up to this size (about 0.5 GB per million marks)
_CACHE_KIB = 65_536
_IN_CLASS = 1.05  # candidate weight factor for a mark in one of the query's classes (breaks ties of equals)
# the written group's keys are loose (a short name's shape is shared by hundreds of marks): of the marks it
# finds, those for the query's goods come first
_WRITTEN_IN_CLASS = 2.0

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class IndexedMark:
    ord: int
    id: str
    mark: str
    owner: str | None
    office: str
    status: str
    classes: tuple[int, ...]
    family: str | None
    forms: MarkForms | None = None  # precomputed at indexing time (prepare(mark))


@dataclass(frozen=True, slots=True)
class IndexStatus:
    directory: Path
    fresh: bool
    indexed_rights: int
    registry_rights: int
    index_fingerprint: str
    registry_fingerprint: str
    marks: int

    @property
    def message(self) -> str:
        if self.fresh:
            return f"search index is up to date: {self.marks} marks from {self.indexed_rights} rights"
        return (
            f"the search index at {self.directory} is stale: built from {self.indexed_rights} rights "
            f"(fingerprint {self.index_fingerprint}) but the registry now has {self.registry_rights} "
            f"(fingerprint {self.registry_fingerprint})"
        )


def _row(right: Right, ord_: int, forms: MarkForms | None) -> tuple[Any, ...]:
    return (
        ord_,
        right.id,
        right.mark_text,
        right.owner_name,
        right.office,
        right.status.value,
        ",".join(map(str, right.classes)),
        right.owner_family,
        1 if right.mark_text else 0,
        forms_to_bytes(forms) if forms is not None else None,
    )


class SearchIndex:
    """Open with :func:`open_index`; build with :meth:`build`; keep current with :meth:`add`."""

    def __init__(self, directory: Path, store: RightsStore) -> None:
        self.directory = directory
        self.store = store
        self._lock = threading.RLock()
        self.meta: dict[str, Any] = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if self.meta.get("format") != FORMAT_VERSION:
            raise IntegrityError(
                f"the search index at {directory} has format {self.meta.get('format')!r}, "
                f"this version reads format {FORMAT_VERSION}",
                hint=f"rebuild it with `{REBUILD}`",
            )
        # mapped, not read; as plain arrays over the map, which slice without numpy.memmap's bookkeeping
        load: Callable[[str], Any] = lambda name: np.asarray(np.load(directory / name, mmap_mode="r"))  # noqa: E731
        self._keys: npt.NDArray[np.uint64] = load("keys.npy")
        self._offsets: npt.NDArray[np.int64] = load("offsets.npy")
        self._postings: npt.NDArray[np.uint32] = load("postings.npy")
        self._office: npt.NDArray[np.uint16] = np.array(load("office.npy"))
        self._status: npt.NDArray[np.uint8] = np.array(load("status.npy"))
        self._alive: npt.NDArray[np.bool_] = np.array(load("alive.npy"))
        self._classes: npt.NDArray[np.uint64] = np.array(load("classes.npy"))
        self._offices: list[str] = list(self.meta["offices"])
        self._db = sqlite3.connect(directory / "marks.sqlite", check_same_thread=False)
        # each query reads its candidates' rows at random places: map the file rather than read it page by
        # page through a small cache
        self._db.execute(f"PRAGMA mmap_size = {_MMAP_BYTES}")
        self._db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        self._delta: dict[int, list[int]] = {}
        self._distinct = Distinct()  # used under the lock
        self._load_delta()

    # -- building -------------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        directory: Path,
        store: RightsStore,
        progress: Progress | None = None,
        *,
        workers: int | None = None,
    ) -> SearchIndex:
        """Build from the registry (streamed) into a fresh folder, then swap it in.

        ``workers`` processes file the marks (default: the CPU count, up to 8; small registries are filed
        in this process); the result is the same for any number. Until the final rename the old index stays
        in place and answers; an interrupted build leaves only a ``.building`` folder, never a half index.
        """
        directory = Path(directory)
        work = directory.with_name(directory.name + ".building")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        fingerprint = store.fingerprint()
        if workers is None:
            workers = default_workers() if store.count_rights() >= _PARALLEL_FROM else 1
        try:
            seen, offices = write_base(work, index_rows(store), workers=workers, progress=progress)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        if store.fingerprint() != fingerprint:
            shutil.rmtree(work, ignore_errors=True)
            raise IntegrityError(
                "the registry changed while the search index was being built",
                hint=f"run `{REBUILD}` again once imports have finished",
            )
        meta = {
            "format": FORMAT_VERSION,
            "fingerprint": fingerprint,
            "rights": seen,
            "base": seen,
            "offices": offices,
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (work / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        sync(work / "meta.json")
        sync(work)
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        work.rename(directory)
        sync(directory.parent)
        shutil.rmtree(old, ignore_errors=True)
        return cls(directory, store)

    def _load_delta(self) -> None:
        base = int(self.meta["base"])
        for (ord_,) in self._db.execute("SELECT ord FROM marks WHERE alive = 0 AND ord < ?", (base,)):
            self._alive[ord_] = False
        extra = self._db.execute(
            "SELECT ord, office, status, alive, classes FROM marks WHERE ord >= ? ORDER BY ord", (base,)
        ).fetchall()
        if extra:
            self._extend(
                [
                    (
                        int(o),
                        str(off),
                        str(st),
                        bool(al),
                        class_mask(int(c) for c in (cl or "").split(",") if c),
                    )
                    for o, off, st, al, cl in extra
                ]
            )
        for key, ord_ in self._db.execute("SELECT key, ord FROM delta_keys"):
            self._delta.setdefault(int(key) & 0xFFFFFFFFFFFFFFFF, []).append(int(ord_))

    def _extend(self, rows: Sequence[tuple[int, str, str, bool, int]]) -> None:
        codes = []
        for _, office, _status, _alive, _classes in rows:
            if office not in self._offices:
                self._offices.append(office)
            codes.append(self._offices.index(office))
        self._office = np.concatenate([self._office, np.array(codes, dtype=np.uint16)])
        self._status = np.concatenate(
            [self._status, np.array([_STATUSES.index(r[2]) for r in rows], dtype=np.uint8)]
        )
        self._alive = np.concatenate([self._alive, np.array([r[3] for r in rows], dtype=bool)])
        self._classes = np.concatenate([self._classes, np.array([r[4] for r in rows], dtype=np.uint64)])

    # -- incremental updates --------------------------------------------------------------------------

    def add(self, rights: Sequence[Right]) -> int:
        """Make newly stored (or replaced) rights searchable now; returns how many were indexed."""
        with self._lock:
            next_ord = len(self._office)
            rows: list[tuple[Any, ...]] = []
            new_keys: list[tuple[int, int]] = []
            columns: list[tuple[int, str, str, bool, int]] = []
            latest = {r.id: r for r in rights}
            new_rights = 0
            for right in latest.values():
                old = self._db.execute("SELECT ord FROM marks WHERE right_id = ?", (right.id,)).fetchone()
                if old is not None:
                    self._db.execute(
                        "UPDATE marks SET alive = 0, right_id = '~' || ord || ':' || right_id WHERE ord = ?",
                        (old[0],),
                    )
                    self._alive[old[0]] = False
                else:
                    new_rights += 1
                forms = prepare(right.mark_text) if right.mark_text else None
                rows.append(_row(right, next_ord, forms))
                columns.append(
                    (
                        next_ord,
                        right.office,
                        right.status.value,
                        bool(right.mark_text),
                        class_mask(right.classes),
                    )
                )
                if forms is not None:
                    for key in keys_of(forms):
                        signed = int(key) - (1 << 64) if int(key) >= (1 << 63) else int(key)
                        new_keys.append((signed, next_ord))
                        self._delta.setdefault(int(key), []).append(next_ord)
                next_ord += 1
            self._db.executemany("INSERT INTO marks VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            self._db.executemany("INSERT INTO delta_keys VALUES (?, ?)", new_keys)
            if columns:
                self._extend(columns)
            self.meta["rights"] = int(self.meta["rights"]) + new_rights
            if self.meta["fingerprint"] != "stale" and self.meta["rights"] == self.store.count_rights():
                self.meta["fingerprint"] = self.store.fingerprint()
            else:  # the registry also changed some other way: stay visibly stale until rebuilt
                self.meta["fingerprint"] = "stale"
            self._db.commit()
            (self.directory / "meta.json").write_text(json.dumps(self.meta, indent=2), encoding="utf-8")
            return sum(1 for c in columns if c[3])

    # -- freshness ------------------------------------------------------------------------------------

    def status(self) -> IndexStatus:
        registry_fp = self.store.fingerprint()
        registry_count = self.store.count_rights()
        return IndexStatus(
            directory=self.directory,
            fresh=registry_fp == self.meta["fingerprint"] and registry_count == int(self.meta["rights"]),
            indexed_rights=int(self.meta["rights"]),
            registry_rights=registry_count,
            index_fingerprint=str(self.meta["fingerprint"]),
            registry_fingerprint=registry_fp,
            marks=int(self._alive.sum()),
        )

    def ensure_fresh(self) -> None:
        """Raise :class:`IntegrityError` (never answer silently) if the registry changed since the build."""
        state = self.status()
        if not state.fresh:
            raise IntegrityError(
                state.message,
                hint=f"rebuild it with `{REBUILD}` (same --db); imports through ipwarden keep it current",
                details={"index": str(self.directory)},
            )

    # -- queries --------------------------------------------------------------------------------------

    @property
    def size(self) -> int:
        return int(self._alive.sum())

    def candidates(
        self,
        text: str,
        *,
        offices: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
        cap: int = 200,
        classes: Iterable[int] = (),
    ) -> list[int]:
        """Mark numbers most likely to be similar to ``text``, best first, at most ``cap``.

        A probe's weight is scaled by how rare its key is (a key shared with 3 marks says more than one
        shared with 5,000), and each candidate group (sound, look-alike characters, containment, meaning,
        ...) keeps its own share of the slots (``candidate_groups.choose``), so that one aspect's many
        neighbours cannot crowd out the marks only another aspect finds. Marks in one of ``classes`` weigh a
        little more, so that of many marks with the same text the ones for the query's goods are kept.
        """
        probes = query_probes(prepare_query(text))
        if not probes:
            return []
        hashes = hash_keys(p.key for p in probes)
        count = len(probes)
        # the base segment's posting ranges of all probes at once (one read per array, not per probe)
        starts = np.zeros(count, dtype=np.int64)
        base_sizes = np.zeros(count, dtype=np.int64)
        if len(self._keys):
            pos = np.searchsorted(self._keys, hashes)
            at = np.minimum(pos, len(self._keys) - 1)
            in_base = (pos < len(self._keys)) & (self._keys[at] == hashes)
            starts = self._offsets[at]
            base_sizes = np.where(in_base, np.minimum(self._offsets[at + 1] - starts, _EXACT_CAP), 0)
        with self._lock:
            extras = [self._delta.get(key) for key in hashes.tolist()] if self._delta else []
            totals = base_sizes.copy()
            for i, extra in enumerate(extras):
                totals[i] += len(extra) if extra else 0
            exact = np.fromiter((p.exact for p in probes), dtype=bool, count=count)
            used = (totals > 0) & (exact | (totals <= _FUZZY_CAP))
            if not used.any():
                return []
            # a probe's weight scaled by its key's rarity: a key shared with 3 marks says more than 5,000 do
            scale = math.log(max(len(self._alive), 2) + 1.0)
            rarity = 0.25 + 0.75 * np.log((len(self._alive) + 1.0) / np.maximum(totals, 1)) / scale
            weights = np.fromiter((p.weight for p in probes), dtype=np.float64, count=count) * rarity
            weights = weights.astype(np.float32)
            groups = np.fromiter((_GROUP_INDEX[p.group] for p in probes), dtype=np.int64, count=count)
            taken = np.where(used, base_sizes, 0)
            # every used probe's base postings in one gather: run r holds starts[r] .. starts[r] + taken[r]
            first = np.cumsum(taken) - taken
            ords = self._postings[np.repeat(starts - first, taken) + np.arange(int(taken.sum()))]
            flat_weights, flat_groups = np.repeat(weights, taken), np.repeat(groups, taken)
            if extras:  # the marks added since the build, after the base segment's
                more = [(i, extra) for i, extra in enumerate(extras) if extra and used[i]]
                if more:
                    added = np.concatenate([np.array(extra, dtype=np.uint32) for _, extra in more])
                    sizes = np.array([len(extra) for _, extra in more])
                    rows = np.array([i for i, _ in more])
                    ords = np.concatenate([ords, added])
                    flat_weights = np.concatenate([flat_weights, np.repeat(weights[rows], sizes)])
                    flat_groups = np.concatenate([flat_groups, np.repeat(groups[rows], sizes)])
            unique, inverse = self._distinct.of(ords, len(self._alive))
            # one pass sums each mark's probe weights per candidate group (row: mark, column: group)
            width = len(GROUPS)
            cells = inverse.astype(np.int64) * width + flat_groups
            per_group = np.bincount(cells, weights=flat_weights, minlength=len(unique) * width).reshape(
                len(unique), width
            )
            at = unique.astype(np.intp)  # gathers with native indices (uint32 ones are converted per call)
            wanted_classes = np.uint64(class_mask(classes))
            if wanted_classes:
                in_class = (self._classes[at] & wanted_classes) != 0
                np.multiply(per_group, (1.0 + (_IN_CLASS - 1.0) * in_class)[:, None], out=per_group)
                per_group[:, WRITTEN] *= 1.0 + (_WRITTEN_IN_CLASS - 1.0) * in_class
            keep = self._alive[at]
            # by a table of the codes let through, one read per candidate (np.isin sorts them all)
            if offices is not None:
                office_ok = np.zeros(len(self._offices), dtype=bool)
                office_ok[[self._offices.index(o) for o in set(offices) if o in self._offices]] = True
                keep &= office_ok[self._office[at]]
            if statuses is not None:
                status_ok = np.zeros(len(_STATUSES), dtype=bool)
                status_ok[[_STATUSES.index(s) for s in set(statuses)]] = True
                keep &= status_ok[self._status[at]]
        order = choose(per_group, keep, set(groups[used].tolist()), cap, tie_order(unique))
        return [int(u) for u in unique[order]]

    def rows(self, ords: Sequence[int]) -> list[IndexedMark]:
        """The indexed marks for these numbers, in the order asked."""
        if not ords:
            return []
        with self._lock:
            found: dict[int, IndexedMark] = {}
            for start in range(0, len(ords), 900):
                chunk = list(ords[start : start + 900])
                sql = (
                    "SELECT ord, right_id, mark, owner, office, status, classes, family, forms FROM marks "
                    f"WHERE ord IN ({','.join('?' * len(chunk))})"
                )
                for o, rid, mark, owner, office, status, classes, family, blob in self._db.execute(
                    sql, chunk
                ):
                    found[o] = IndexedMark(
                        o,
                        rid,
                        mark or "",
                        owner,
                        office,
                        status,
                        tuple(int(c) for c in classes.split(",") if c) if classes else (),
                        family,
                        forms_from_bytes(blob) if blob else None,
                    )
        return [found[o] for o in ords if o in found]

    def ords_of(self, right_ids: Sequence[str]) -> list[int]:
        with self._lock:
            return [
                int(row[0])
                for rid in right_ids
                if (
                    row := self._db.execute(
                        "SELECT ord FROM marks WHERE right_id = ? AND alive = 1", (rid,)
                    ).fetchone()
                )
            ]

    def close(self) -> None:
        self._db.close()


def _current(directory: Path) -> bool:
    """Whether ``directory`` holds an index in this version's format."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and meta.get("format") == FORMAT_VERSION


def open_index(
    index_dir: Path | str,
    store: RightsStore,
    *,
    build_if_missing: bool = True,
    check: bool = True,
    progress: Progress | None = None,
) -> SearchIndex:
    """Open the index in ``index_dir`` for ``store``; build it first if there is none, or if the one there
    was written by an earlier version in another format (it is derived data: rebuilding loses nothing).

    With ``check`` (the default) a stale index raises :class:`IntegrityError` naming the rebuild command.
    """
    directory = Path(index_dir)
    old = directory.with_name(directory.name + ".old")
    if not directory.exists() and (old / "meta.json").is_file():
        old.rename(directory)  # a build stopped between its two renames: the previous index is whole
    present = (directory / "meta.json").is_file()
    if not present and not build_if_missing:
        raise IntegrityError(f"there is no search index at {directory}", hint=f"build it with `{REBUILD}`")
    if not present or (build_if_missing and not _current(directory)):
        index = SearchIndex.build(directory, store, progress=progress)
    else:
        index = SearchIndex(directory, store)
    if check:
        index.ensure_fresh()
    return index


def index_updater(index_dir: Path | str, store: RightsStore) -> Callable[[Sequence[Right]], None]:
    """An ``on_stored`` callback for imports: adds each stored batch to the index if one exists.

    Without an index it does nothing (the first search builds one from the registry).
    """
    state: dict[str, SearchIndex] = {}

    def on_stored(rights: Sequence[Right]) -> None:
        directory = Path(index_dir)
        if "index" not in state:
            if not _current(directory):  # none, or an earlier format: the next search builds it afresh
                return
            state["index"] = SearchIndex(directory, store)
        state["index"].add(rights)

    return on_stored
