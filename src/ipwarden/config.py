"""Where ipwarden keeps its data. Zero configuration: everything lives under one home folder.

``IPWARDEN_HOME`` (default ``./.ipwarden``) holds the SQLite registry, the search index, the evidence log and
keys. ``IPWARDEN_DB`` or ``--db URL`` points the registry at another database (e.g. PostgreSQL); the
derived files still live under the home folder, in a sub-folder named after the database.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    db_url: str

    @classmethod
    def from_env(cls, db_url: str | None = None, home: str | Path | None = None) -> Settings:
        home_path = Path(home or os.environ.get("IPWARDEN_HOME") or ".ipwarden").expanduser()
        url = db_url or os.environ.get("IPWARDEN_DB") or f"sqlite:///{home_path / 'registry.db'}"
        return cls(home=home_path, db_url=url)

    @property
    def data_dir(self) -> Path:
        """Folder for files derived from this database (index, caches); one per database URL."""
        if self.db_url == f"sqlite:///{self.home / 'registry.db'}":
            return self.home
        digest = hashlib.sha256(self.db_url.encode()).hexdigest()[:12]
        return self.home / f"db-{digest}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def evidence_dir(self) -> Path:
        return self.home / "evidence"
