"""In-memory :class:`RightsStore` for tests and small embedded uses; behaves like the SQL stores."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from ipwarden.registry.interfaces import UpsertResult
from ipwarden.registry.models import Authorisation, OwnerFamily, RegistryStats, Right, Status

__all__ = ["InMemoryRightsStore"]

K = TypeVar("K")
V = TypeVar("V")


def _upsert(table: dict[K, V], items: Iterable[tuple[K, V]]) -> UpsertResult:
    stored = replaced = unchanged = 0
    for key, value in items:
        old = table.get(key)
        if old is None:
            stored += 1
        elif old == value:
            unchanged += 1
        else:
            replaced += 1
        table[key] = value
    return UpsertResult(stored=stored, replaced=replaced, unchanged=unchanged)


class InMemoryRightsStore:
    def __init__(self) -> None:
        self._rights: dict[str, Right] = {}
        self._families: dict[str, OwnerFamily] = {}
        self._authorisations: dict[str, Authorisation] = {}
        self._version = 0

    def upsert_rights(self, rights: Sequence[Right]) -> UpsertResult:
        staged = dict(self._rights)  # all or nothing, like a transaction
        result = _upsert(staged, ((r.id, r) for r in rights))
        self._rights = staged
        self._version += 1
        return result

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
        office_set = {o.upper() for o in offices} if offices is not None else None
        status_set = set(statuses) if statuses is not None else None
        for key in sorted(self._rights):
            right = self._rights[key]
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
        return _upsert(self._families, ((f.id, f) for f in families))

    def get_family(self, family_id: str) -> OwnerFamily | None:
        return self._families.get(family_id)

    def list_families(self) -> list[OwnerFamily]:
        return [self._families[k] for k in sorted(self._families)]

    def upsert_authorisations(self, authorisations: Sequence[Authorisation]) -> UpsertResult:
        return _upsert(self._authorisations, ((a.id, a) for a in authorisations))

    def authorisations_for_seller(self, seller_id: str) -> list[Authorisation]:
        return [a for _, a in sorted(self._authorisations.items()) if a.seller_id == seller_id]

    def list_authorisations(self) -> list[Authorisation]:
        return [self._authorisations[k] for k in sorted(self._authorisations)]

    def stats(self) -> RegistryStats:
        rights = self._rights.values()
        return RegistryStats(
            rights=len(self._rights),
            by_kind=dict(Counter(r.kind.value for r in rights)),
            by_office=dict(Counter(r.office for r in rights)),
            by_status=dict(Counter(r.status.value for r in rights)),
            owner_families=len(self._families),
            authorisations=len(self._authorisations),
        )

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for key in sorted(self._rights):
            digest.update(repr(self._rights[key]).encode())
        return f"{len(self._rights)}:{digest.hexdigest()[:16]}"
