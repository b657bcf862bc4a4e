"""In-memory :class:`RightsStore` for tests and small embedded uses; behaves like the SQL stores.

It is the reference behaviour of the store protocol: the conformance suite (tests/registry/
test_store_conformance.py) runs the same tests over this store, SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from ipwarden.registry.interfaces import (
    UpsertResult,
    check_authorisations,
    check_families,
    check_rights,
)
from ipwarden.registry.models import Authorisation, OwnerFamily, RegistryStats, Right, Status

__all__ = ["InMemoryRightsStore", "count_upsert"]

K = TypeVar("K")
V = TypeVar("V")


def count_upsert(current: dict[K, V], items: Iterable[tuple[K, V]]) -> UpsertResult:
    """Apply ``items`` to ``current`` in order and count new, replaced and identical ones.

    Counting is sequential: a batch holding the same id twice counts the second as replaced (or unchanged
    when equal). The SQL stores count exactly this way, comparing content hashes instead of values.
    """
    stored = replaced = unchanged = 0
    for key, value in items:
        old = current.get(key)
        if old is None:
            stored += 1
        elif old == value:
            unchanged += 1
        else:
            replaced += 1
        current[key] = value
    return UpsertResult(stored=stored, replaced=replaced, unchanged=unchanged)


class InMemoryRightsStore:
    """Dictionaries behind a lock; each upsert validates first, so a bad record stores nothing."""

    def __init__(self) -> None:
        self._rights: dict[str, Right] = {}
        self._families: dict[str, OwnerFamily] = {}
        self._authorisations: dict[str, Authorisation] = {}
        self._uid = uuid.uuid4().hex[:8]
        self._changes = 0
        self._lock = threading.Lock()

    def _bump(self, result: UpsertResult) -> UpsertResult:
        if result.stored or result.replaced:
            self._changes += 1
        return result

    def upsert_rights(self, rights: Sequence[Right]) -> UpsertResult:
        check_rights(rights)
        with self._lock:
            return self._bump(count_upsert(self._rights, ((r.id, r) for r in rights)))

    def get_right(self, right_id: str) -> Right | None:
        return self._rights.get(right_id)

    def get_rights(self, right_ids: Sequence[str]) -> list[Right]:
        return [self._rights[i] for i in right_ids if i in self._rights]

    def iter_rights(
        self,
        *,
        offices: Iterable[str] | None = None,
        statuses: Iterable[Status] | None = None,
        batch_size: int = 10_000,
    ) -> Iterator[Right]:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        office_set = {o.upper() for o in offices} if offices is not None else None
        status_set = {Status(s) for s in statuses} if statuses is not None else None
        for key in sorted(self._rights):
            right = self._rights.get(key)
            if right is None:
                continue
            if office_set is not None and right.office not in office_set:
                continue
            if status_set is not None and right.status not in status_set:
                continue
            yield right

    def count_rights(self) -> int:
        return len(self._rights)

    def rights_of_family(self, family_id: str) -> list[Right]:
        return [r for _, r in sorted(self._rights.items()) if r.owner_family == family_id]

    def upsert_families(self, families: Sequence[OwnerFamily]) -> UpsertResult:
        check_families(families)
        with self._lock:
            return self._bump(count_upsert(self._families, ((f.id, f) for f in families)))

    def get_family(self, family_id: str) -> OwnerFamily | None:
        return self._families.get(family_id)

    def list_families(self) -> list[OwnerFamily]:
        return [self._families[k] for k in sorted(self._families)]

    def upsert_authorisations(self, authorisations: Sequence[Authorisation]) -> UpsertResult:
        check_authorisations(authorisations)
        with self._lock:
            return self._bump(count_upsert(self._authorisations, ((a.id, a) for a in authorisations)))

    def authorisations_for_seller(self, seller_id: str) -> list[Authorisation]:
        return [a for _, a in sorted(self._authorisations.items()) if a.seller_id == seller_id]

    def list_authorisations(self) -> list[Authorisation]:
        return [self._authorisations[k] for k in sorted(self._authorisations)]

    def stats(self) -> RegistryStats:
        rights = list(self._rights.values())
        return RegistryStats(
            rights=len(rights),
            by_kind=dict(Counter(r.kind.value for r in rights)),
            by_office=dict(Counter(r.office for r in rights)),
            by_status=dict(Counter(r.status.value for r in rights)),
            owner_families=len(self._families),
            authorisations=len(self._authorisations),
        )

    def fingerprint(self) -> str:
        """``<store>:<rights>:<changes>``; O(1), and different after every upsert that changed data."""
        return f"{self._uid}:{len(self._rights)}:{self._changes}"
