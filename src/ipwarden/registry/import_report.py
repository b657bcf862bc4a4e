"""What an import reports (progress, per-file and total counts) and its checkpoints for resuming."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ipwarden.errors import ExitCode

__all__ = [
    "FileSummary",
    "ImportProgress",
    "ImportSummary",
    "checkpoint_path",
    "duplicate_id_reason",
    "write_checkpoint",
]


class ImportProgress(Protocol):
    """What the import reports while it runs (the CLI draws a rich progress bar from it)."""

    def start_file(self, path: Path, fmt: str, total: int | None, resumed_from: int) -> None: ...

    def advance(self, records: int) -> None: ...

    def end_file(self) -> None: ...


@dataclass
class FileSummary:
    path: str
    format: str
    read: int = 0
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    rejected: int = 0
    families: int = 0
    authorisations: int = 0
    resumed_from: int = 0  # records skipped because an earlier run had stored them
    completed: bool = False


@dataclass
class ImportSummary:
    files: list[FileSummary] = field(default_factory=list)
    rejects_path: str | None = None
    reject_samples: list[str] = field(default_factory=list)  # the first messages, for the terminal
    relinked: int = 0  # stored rights moved to an owner family declared by this import

    def _total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    @property
    def read(self) -> int:
        return self._total("read")

    @property
    def stored(self) -> int:
        return self._total("stored")

    @property
    def replaced(self) -> int:
        return self._total("replaced")

    @property
    def unchanged(self) -> int:
        return self._total("unchanged")

    @property
    def rejected(self) -> int:
        return self._total("rejected")

    @property
    def completed(self) -> bool:
        return all(f.completed for f in self.files)

    @property
    def exit_code(self) -> int:
        return ExitCode.PARTIAL if self.rejected else ExitCode.OK

    def to_dict(self) -> dict[str, Any]:
        totals = {k: getattr(self, k) for k in ("read", "stored", "replaced", "unchanged", "rejected")}
        return {
            **totals,
            "relinked": self.relinked,
            "completed": self.completed,
            "rejects_path": self.rejects_path,
            "files": [dataclasses.asdict(f) for f in self.files],
        }


def checkpoint_path(home: Path, path: Path, store_label: str) -> Path:
    """Keyed by the file's path, size, mtime and the sha256 of its first MB (and the target database)."""
    stat = path.stat()
    with path.open("rb") as handle:
        head = hashlib.sha256(handle.read(1 << 20)).hexdigest()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{head}|{store_label}"
    return home / "imports" / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def write_checkpoint(target: Path, summary: FileSummary, items_done: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps({"items_done": items_done, "summary": dataclasses.asdict(summary)}))
    os.replace(tmp, target)


def duplicate_id_reason(right_id: str, unit: str, earlier: int) -> str:
    """The reject reason for an id repeated in one file (the same on every import path)."""
    return f"duplicate id {right_id!r} in this file (first at {unit} {earlier}); keep one"
