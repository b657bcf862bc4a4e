"""Importing files into the registry: check every file first, then store in batches, resumably.

A file that cannot be used (truncated or malformed XML, binary, not UTF-8) stops the import before anything
is stored. A bad record is rejected (file, line or record, field, reason; written to the rejects file with
the raw record) and the import goes on. Latest wins: a later record for the same id (or, within one run,
the same office and application number) replaces the earlier one; re-importing a file changes nothing.
Progress is checkpointed under IPWARDEN_HOME/imports/ after every batch, so an interrupted import resumes.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal, TextIO

from ipwarden.config import Settings
from ipwarden.registry.bulk import BulkLoadingStore, FlatRightsStore, LazyRights
from ipwarden.registry.errors import ImportFileError
from ipwarden.registry.families import FamilyIndex, FamilyService
from ipwarden.registry.flat import (
    ID,
    flatten,
    right_problem,
    unflatten,
)
from ipwarden.registry.flat_import import FlatBatch, flat_loop
from ipwarden.registry.import_report import (
    FileSummary,
    ImportProgress,
    ImportSummary,
    checkpoint_path,
    duplicate_id_reason,
    write_checkpoint,
)
from ipwarden.registry.importers import Parsed, Reject, check_file, parse_file, record_to_dict, resolve_format
from ipwarden.registry.importers._json import dumps
from ipwarden.registry.importers.detect import check_jsonl, check_xml_plain
from ipwarden.registry.interfaces import RightsStore
from ipwarden.registry.models import Authorisation, OwnerFamily, Right
from ipwarden.registry.seen_keys import SeenKeys, resolve_cap

__all__ = ["FileSummary", "ImportProgress", "ImportSummary", "import_files"]

_SAMPLE_REJECTS = 20
_PROCESS_MIN_BYTES = 16 << 20  # smaller files are read in this process: starting another costs ~0.3 s
_MAX_READERS = 4  # reader processes for one large JSONL file; the single writer cannot take more


def _readers() -> int:
    """Reader processes for a large file: one per core up to :data:`_MAX_READERS` (the writer shares).

    Reading a record costs more CPU than writing it, so even on two cores a second reader uses the time
    the writer leaves; IPWARDEN_IMPORT_READERS sets the number.
    """
    wanted = os.environ.get("IPWARDEN_IMPORT_READERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return max(1, min(_MAX_READERS, os.cpu_count() or 1))


_RIGHT_FIELDS = tuple(f.name for f in dataclasses.fields(Right))
_right_values = attrgetter(*_RIGHT_FIELDS)
_FIELD_INDEX = {name: i for i, name in enumerate(_RIGHT_FIELDS)}


def _with(right: Right, name: str, value: object) -> Right:
    """``dataclasses.replace`` for one field, about three times faster (it runs once per imported right)."""
    values = list(_right_values(right))
    values[_FIELD_INDEX[name]] = value
    return Right(*values)


def _merge_partial(new: Right, old: Right | None) -> Right:
    """A status-only office record updates status and dates; the stored mark, owner and goods stay."""
    if old is None:
        return new
    return dataclasses.replace(
        old,
        status=new.status,
        raw_status=new.raw_status,
        registration_number=new.registration_number or old.registration_number,
        registered=new.registered or old.registered,
        filed=new.filed or old.filed,
        expires=new.expires or old.expires,
        source=new.source,
    )


def _family_rule(store: RightsStore) -> Callable[[Right], Right]:
    """The owner-family rule (registry/families.py) with the stored, declared families as aliases."""
    index = FamilyIndex(store.list_families())
    memo: dict[str, str | None] = {}  # owner names repeat across a registry; the key is costly

    def apply(right: Right) -> Right:
        name = right.owner_name
        if right.owner_family is not None or not name:
            return right
        family = memo.get(name, "")
        if family == "":
            if len(memo) >= 500_000:
                memo.clear()
            family = memo[name] = index.family_of(name)
        return right if family is None else _with(right, "owner_family", family)

    return apply


class _Batch:
    """Rights waiting to be stored (latest wins inside the batch), plus families and authorisations."""

    def __init__(self) -> None:
        self.rights: dict[str, Right] = {}
        self.partial: set[str] = set()
        self.families: list[OwnerFamily] = []
        self.authorisations: list[Authorisation] = []
        self.replaced_in_batch = 0

    def __len__(self) -> int:
        return len(self.rights) + len(self.families) + len(self.authorisations)

    def add(self, item: Parsed) -> None:
        record = item.record
        if isinstance(record, OwnerFamily):
            self.families.append(record)
        elif isinstance(record, Authorisation):
            self.authorisations.append(record)
        else:
            if record.id in self.rights:
                self.replaced_in_batch += 1
            self.rights[record.id] = record
            if item.partial:
                self.partial.add(record.id)
            else:
                self.partial.discard(record.id)


class _Importer:
    def __init__(
        self,
        store: RightsStore,
        *,
        batch_size: int,
        rejects: TextIO | None,
        summary: ImportSummary,
        on_stored: Callable[[Sequence[Right]], None] | None,
        stop_after_batches: int | None,
        seen_cap: int,
        scratch: Path,
    ) -> None:
        self.store, self.batch_size, self.rejects, self.summary = store, batch_size, rejects, summary
        self.seen_cap, self.scratch = seen_cap, scratch  # keys held in memory; where the rest go
        self.on_stored, self.stop_after_batches = on_stored, stop_after_batches
        self.batches_done = 0
        self.family_rule: Callable[[Right], Right] | None = None
        self.families_changed = True
        self.families_declared = False  # a family was stored or changed: earlier rights may need relinking
        self.by_number: SeenKeys[str] = self.seen_keys()  # "office-application number" -> id, this run
        self.seen_ids: SeenKeys[int] = self.seen_keys()  # ids of this run (-> 1), for the office+number rule
        self.unstored_run = False  # the store was empty at the start: an id new to the run is not stored

    def seen_keys(self) -> SeenKeys[Any]:
        """An empty map of seen keys, bounded in memory (registry/seen_keys.py)."""
        return SeenKeys(self.seen_cap, self.scratch)

    def close(self) -> None:
        """Forget the run's keys and delete their scratch files."""
        self.by_number.close()
        self.seen_ids.close()

    def reject(self, file_summary: FileSummary, reject: Reject) -> None:
        file_summary.rejected += 1
        if len(self.summary.reject_samples) < _SAMPLE_REJECTS:
            self.summary.reject_samples.append(reject.message)
        if self.rejects is not None:
            self.rejects.write(dumps(reject.to_dict()) + "\n")

    def flush(self, batch: _Batch, fs: FileSummary) -> None:
        if batch.families:
            fs.families += len(batch.families)
            declared = self.store.upsert_families(batch.families)
            self.families_changed = True
            self.families_declared |= bool(declared.stored or declared.replaced)
        if self.families_changed:
            self.family_rule = _family_rule(self.store)
            self.families_changed = False
        family_rule = self.family_rule
        rights = list(batch.rights.values())
        if batch.partial:
            existing = {r.id: r for r in self.store.get_rights(sorted(batch.partial))}
            rights = [_merge_partial(r, existing.get(r.id)) if r.id in batch.partial else r for r in rights]
        if family_rule is not None:
            rights = [family_rule(r) for r in rights]
        if rights:
            result = self.store.upsert_rights(rights)
            fs.stored += result.stored
            fs.replaced += result.replaced + batch.replaced_in_batch
            fs.unchanged += result.unchanged
            if self.on_stored is not None:
                self.on_stored(rights)
        if batch.authorisations:
            fs.authorisations += len(batch.authorisations)
            self.store.upsert_authorisations(batch.authorisations)
        self.batches_done += 1

    def flush_flat(self, batch: FlatBatch, fs: FileSummary) -> None:
        """:meth:`flush` for flat rights: status-only records are merged with the stored right first."""
        rows = list(batch.rows.values())
        if batch.partial:
            if self.families_changed or self.family_rule is None:
                self.family_rule = _family_rule(self.store)
                self.families_changed = False
            rule = self.family_rule
            existing = {r.id: r for r in self.store.get_rights(sorted(batch.partial))}
            for i, row in enumerate(rows):
                if row[ID] in batch.partial:
                    rows[i] = flatten(rule(_merge_partial(unflatten(row), existing.get(row[ID]))))
        if rows:
            assert isinstance(self.store, FlatRightsStore)
            result = self.store.upsert_flat_rights(rows, unstored=batch.unstored)
            fs.stored += result.stored
            fs.replaced += result.replaced + batch.replaced_in_batch
            fs.unchanged += result.unchanged
            if self.on_stored is not None:
                self.on_stored(LazyRights(rows))
        self.batches_done += 1

    def canonical(self, office: str, number: str | None, right_id: str) -> str:
        """Latest wins by office + application number too: a later record takes the earlier one's id."""
        if number:
            canonical = f"{office}-{number}"  # also the key: an office code holds no "-"
            earlier = self.by_number.get(canonical)
            if earlier is None and right_id != canonical and canonical in self.seen_ids:
                earlier = canonical
            if earlier is not None and earlier != right_id:
                return earlier
            if earlier is None and right_id != canonical:
                self.by_number.put(canonical, right_id)
        self.seen_ids.put(right_id, 1)
        return right_id

    def canonical_id(self, right: Right) -> Right:
        right_id = self.canonical(right.office, right.application_number, right.id)
        return right if right_id == right.id else _with(right, "id", right_id)


def import_files(
    paths: Sequence[str | Path],
    store: RightsStore,
    *,
    fmt: str = "auto",
    rejects_path: str | Path | None = None,
    progress: ImportProgress | None = None,
    on_stored: Callable[[Sequence[Right]], None] | None = None,
    batch_size: int = 5_000,
    restart: bool = False,
    home: str | Path | None = None,
    store_label: str = "",
    stop_after_batches: int | None = None,
    bulk: Literal["auto", "process", "inline", "off"] = "auto",
    seen_cap: int | None = None,
) -> ImportSummary:
    """Import ``paths`` into ``store`` and say what happened.

    When the files declare owner families that are new or changed, stored rights whose family came from
    the owner-family rule and now belongs to a declared family are relinked at the end (``relinked`` in
    the summary; ``on_stored`` sees them too).

    Every file is checked before anything is stored; an unusable file raises ``ImportFileError`` (or
    ``UnknownFormatError``) naming it. ``store_label`` (e.g. the database URL) keeps checkpoints of
    different databases apart. ``stop_after_batches`` stops after that many stored batches, leaving the
    checkpoint as an interrupted run would (used to test resuming).

    ``bulk`` picks the path for JSONL files of rights and plain USPTO XML files into a SQL store
    (registry/bulk.py, registry/bulk_xml.py): ``auto`` reads files of 16 MB and more in reader processes,
    ``process`` and ``inline`` force one way, ``off`` (or IPWARDEN_IMPORT_BULK=off) takes the general path.
    The results are the same either way.

    ``seen_cap`` bounds the ids and office + number keys held in memory to tell repeats (default
    IPWARDEN_IMPORT_SEEN_CAP, else 1,500,000 per table); the rest go to a scratch SQLite file under
    IPWARDEN_HOME/imports/, deleted at the end, so memory stays flat whatever the file's size.
    """
    files = [Path(p) for p in paths]
    if not files:
        raise ImportFileError("no files to import", hint="name one or more XML, JSONL or CSV files")
    for path in files:
        if not path.is_file():
            raise ImportFileError(f"{path}: no such file", hint="check the path; nothing was imported")
    formats = [resolve_format(p, fmt) for p in files]
    if os.environ.get("IPWARDEN_IMPORT_BULK", "").strip().lower() == "off":
        bulk = "off"
    totals: list[int] = []
    fast: list[bool] = []
    for path, file_format in zip(files, formats, strict=True):
        if file_format == "jsonl":  # the bulk path takes files of rights only, into a store of flat rights
            lines, other_records = check_jsonl(path)
            totals.append(lines)
            fast.append(bulk != "off" and not other_records and isinstance(store, FlatRightsStore))
        elif file_format == "uspto-xml":  # plain files (most office feeds) go the same bulk way
            records, plain = check_xml_plain(path, file_format)
            totals.append(records)
            fast.append(bulk != "off" and plain and isinstance(store, FlatRightsStore))
        else:
            totals.append(check_file(path, file_format))
            fast.append(False)
    home_path = Path(home) if home is not None else Settings.from_env().home
    cap = resolve_cap(seen_cap)
    summary = ImportSummary(rejects_path=str(rejects_path) if rejects_path else None)
    with ExitStack() as stack:
        rejects: TextIO | None = None
        if rejects_path is not None:
            Path(rejects_path).parent.mkdir(parents=True, exist_ok=True)
            rejects = stack.enter_context(Path(rejects_path).open("a", encoding="utf-8"))
        importer = _Importer(
            store, batch_size=batch_size, rejects=rejects, summary=summary, on_stored=on_stored,
            stop_after_batches=stop_after_batches, seen_cap=cap, scratch=home_path / "imports",
        )  # fmt: skip
        stack.callback(importer.close)
        if isinstance(store, BulkLoadingStore) and store.begin_bulk_load():  # an empty store
            stack.callback(store.end_bulk_load)  # also when stopped or failed: the indexes come back
            importer.unstored_run = True
        for path, file_format, total, flat in zip(files, formats, totals, fast, strict=True):
            if flat:
                process = bulk == "process" or (bulk == "auto" and path.stat().st_size >= _PROCESS_MIN_BYTES)
                done = _import_one_flat(
                    importer, path, file_format, total=total, home=home_path, store_label=store_label,
                    restart=restart, progress=progress, readers=_readers() if process else 0,
                )  # fmt: skip
            else:
                done = _import_one(
                    importer, path, file_format, total=total, home=home_path, store_label=store_label,
                    restart=restart, progress=progress,
                )  # fmt: skip
            if not done:
                break
    if importer.families_declared:  # rights stored before a declaration (this run or earlier) follow it
        summary.relinked = FamilyService(store).relink(on_changed=on_stored)
    return summary


def _import_one(
    importer: _Importer,
    path: Path,
    file_format: str,
    *,
    total: int | None,
    home: Path,
    store_label: str,
    restart: bool,
    progress: ImportProgress | None,
) -> bool:
    """One file; False when stopped early (the checkpoint stays for the next run)."""
    checkpoint = checkpoint_path(home, path, store_label)
    fs = FileSummary(path=str(path), format=file_format)
    skip = 0
    if checkpoint.exists() and not restart:
        saved = json.loads(checkpoint.read_text())
        skip = int(saved["items_done"])
        fs = FileSummary(**{**saved["summary"], "resumed_from": skip, "completed": False})
    importer.summary.files.append(fs)
    if progress is not None:
        progress.start_file(path, file_format, total, skip)
    first_seen: SeenKeys[int] = importer.seen_keys()  # line -> first line of each id in this file
    try:
        return _import_items(importer, path, file_format, fs, skip, checkpoint, progress, first_seen)
    finally:
        first_seen.close()


def _import_items(  # noqa: PLR0917 - the state of one file's import, passed once
    importer: _Importer,
    path: Path,
    file_format: str,
    fs: FileSummary,
    skip: int,
    checkpoint: Path,
    progress: ImportProgress | None,
    first_seen: SeenKeys[int],
) -> bool:
    """The records of one file, from its start (those up to ``skip`` only noted, for the file's rules)."""
    batch = _Batch()
    index = reported = skip
    for index, item in enumerate(parse_file(path, file_format), start=1):
        if isinstance(item, Reject):
            if index > skip:
                fs.read += 1
                importer.reject(fs, item)
            continue
        parsed, record = item, item.record
        if isinstance(record, Right):
            unit = "record" if file_format in ("uspto-xml", "st66", "st96") else "line"
            problem = right_problem(record)
            if problem is not None:
                if index > skip:
                    fs.read += 1
                    importer.reject(
                        fs, Reject(str(path), item.position, *problem, record_to_dict(record), unit)
                    )
                continue
            earlier = first_seen.get(record.id)
            if earlier is not None:
                if index > skip:
                    fs.read += 1
                    reason = duplicate_id_reason(record.id, unit, earlier)
                    importer.reject(
                        fs, Reject(str(path), item.position, "id", reason, record_to_dict(record), unit)
                    )
                continue
            first_seen.put(record.id, item.position)
            canonical = importer.canonical_id(record)
            if canonical is not record:
                parsed = dataclasses.replace(item, record=canonical)
        if index <= skip:
            continue
        fs.read += 1
        batch.add(parsed)
        if len(batch) >= importer.batch_size:
            importer.flush(batch, fs)
            batch = _Batch()
            write_checkpoint(checkpoint, fs, index)
            if progress is not None:
                progress.advance(index - reported)
                reported = index
            if (
                importer.stop_after_batches is not None
                and importer.batches_done >= importer.stop_after_batches
            ):
                return False
    if len(batch):
        importer.flush(batch, fs)
    fs.completed = True
    checkpoint.unlink(missing_ok=True)
    if progress is not None:
        progress.advance(max(index - reported, 0))
        progress.end_file()
    return True


def _import_one_flat(
    importer: _Importer,
    path: Path,
    file_format: str,
    *,
    total: int | None,
    home: Path,
    store_label: str,
    restart: bool,
    progress: ImportProgress | None,
    readers: int,
) -> bool:
    """:func:`_import_one` for a file of rights on the bulk path; the same results, step for step."""
    checkpoint = checkpoint_path(home, path, store_label)
    fs = FileSummary(path=str(path), format=file_format)
    skip = 0
    if checkpoint.exists() and not restart:
        saved = json.loads(checkpoint.read_text())
        skip = int(saved["items_done"])
        fs = FileSummary(**{**saved["summary"], "resumed_from": skip, "completed": False})
    importer.summary.files.append(fs)
    if progress is not None:
        progress.start_file(path, file_format, total, skip)
    families = importer.store.list_families()
    collecting = gc.isenabled()
    gc.disable()  # millions of tuples and no cycles: the collector's passes would cost a quarter of the time
    try:
        done = flat_loop(importer, path, fs, skip, checkpoint, progress, readers, families)
    finally:
        if collecting:
            gc.enable()
    if not done:
        return False
    fs.completed = True
    checkpoint.unlink(missing_ok=True)
    if progress is not None:
        progress.end_file()
    return True
