"""The registry's I/O boundary. Real implementation: ``ipwarden.storage`` (SQLAlchemy, SQLite/PostgreSQL);
in-memory implementation: :class:`ipwarden.registry.memory.InMemoryRightsStore`. One conformance suite
(tests/registry/test_store_conformance.py) runs over all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ipwarden.registry.models import Authorisation, OwnerFamily, RegistryStats, Right, Status

__all__ = ["RightsStore", "UpsertResult"]


@dataclass(frozen=True, slots=True)
class UpsertResult:
    stored: int  # new ids
    replaced: int  # ids that existed and were overwritten (latest wins)
    unchanged: int = 0  # identical re-imports (idempotent)


@runtime_checkable
class RightsStore(Protocol):
    """Where rights, owner families and authorisations live."""

    def upsert_rights(self, rights: Sequence[Right]) -> UpsertResult:
        """Insert or replace by ``id`` in one transaction: all of the batch or none of it."""
        ...

    def get_right(self, right_id: str) -> Right | None: ...

    def get_rights(self, right_ids: Sequence[str]) -> list[Right]:
        """Rights for the ids that exist, in the order asked."""
        ...

    def iter_rights(
        self,
        *,
        offices: Iterable[str] | None = None,
        statuses: Iterable[Status] | None = None,
        batch_size: int = 10_000,
    ) -> Iterator[Right]:
        """Stream rights in ``id`` order without holding them all in memory."""
        ...

    def count_rights(self) -> int: ...

    def rights_of_family(self, family_id: str) -> list[Right]: ...

    def upsert_families(self, families: Sequence[OwnerFamily]) -> UpsertResult: ...

    def get_family(self, family_id: str) -> OwnerFamily | None: ...

    def list_families(self) -> list[OwnerFamily]: ...

    def upsert_authorisations(self, authorisations: Sequence[Authorisation]) -> UpsertResult: ...

    def authorisations_for_seller(self, seller_id: str) -> list[Authorisation]: ...

    def list_authorisations(self) -> list[Authorisation]: ...

    def stats(self) -> RegistryStats: ...

    def fingerprint(self) -> str:
        """A cheap digest of the registry's content (count + latest change), so derived indexes can tell
        whether they are stale."""
        ...
