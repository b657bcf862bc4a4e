"""Where the log's files live: a :class:`LogStorage` protocol with a directory and an in-memory version.

Writes are atomic (temporary file, fsync, rename) and durable (the directory is fsynced once per
commit), and one exclusive lock serialises writers across processes (``fcntl.flock``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

__all__ = ["DirStorage", "LogStorage", "MemoryStorage"]


class LogStorage(Protocol):
    def read(self, path: str) -> bytes | None: ...

    def write(self, path: str, data: bytes) -> None:
        """Atomically replace ``path``; durable once :meth:`sync` returns."""

    def delete(self, path: str) -> None: ...

    def list(self, prefix: str) -> list[str]: ...

    def sync(self) -> None:
        """Make every write so far durable."""

    def lock(self, shared: bool = False) -> contextlib.AbstractContextManager[None]: ...


class DirStorage:
    """Files under one directory; the lock is ``<root>/.lock`` (flock, so it dies with its process)."""

    def __init__(self, root: Path, durable: bool = True) -> None:
        self.root = root
        self.durable = durable
        self.root.mkdir(parents=True, exist_ok=True)
        self._dirty_dirs: set[Path] = set()
        self._thread_lock = threading.RLock()
        self._depth = 0

    def _path(self, path: str) -> Path:
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"path {path!r} is not a plain relative path inside the log directory")
        return self.root.joinpath(*parts)

    def read(self, path: str) -> bytes | None:
        try:
            return self._path(path).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, path: str, data: bytes) -> None:
        target = self._path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if self.durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        self._dirty_dirs.add(target.parent)

    def delete(self, path: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(path).unlink()

    def list(self, prefix: str) -> list[str]:
        base = self._path(prefix.rstrip("/")) if prefix else self.root
        if not base.exists():
            return []
        if base.is_file():
            return [prefix]
        return sorted(
            str(p.relative_to(self.root))
            for p in base.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )

    def sync(self) -> None:
        if self.durable:
            for d in sorted(self._dirty_dirs):
                fd = os.open(d, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        self._dirty_dirs.clear()

    @contextlib.contextmanager
    def lock(self, shared: bool = False) -> Iterator[None]:
        with self._thread_lock:
            if self._depth:  # re-entered by the thread that holds it
                yield
                return
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
            self._depth += 1
            try:
                fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
                yield
            finally:
                self._depth -= 1
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)


class MemoryStorage:
    """In-memory storage for tests and benchmarks of the pure log logic."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._lock = threading.RLock()

    def read(self, path: str) -> bytes | None:
        return self.files.get(path)

    def write(self, path: str, data: bytes) -> None:
        self.files[path] = bytes(data)

    def delete(self, path: str) -> None:
        self.files.pop(path, None)

    def list(self, prefix: str) -> list[str]:
        return sorted(p for p in self.files if p.startswith(prefix))

    def sync(self) -> None:
        return None

    @contextlib.contextmanager
    def lock(self, shared: bool = False) -> Iterator[None]:
        with self._lock:
            yield
