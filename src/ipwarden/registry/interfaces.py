"""The registry's I/O boundary. Real implementation: ``ipwarden.storage`` (SQLAlchemy, SQLite/PostgreSQL);
in-memory implementation: :class:`ipwarden.registry.memory.InMemoryRightsStore`. One conformance suite
(tests/registry/test_store_conformance.py) runs over all of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NoReturn, Protocol, runtime_checkable

from ipwarden.errors import InputError
from ipwarden.registry.models import (
    Authorisation,
    AuthorisationKind,
    GoodsServices,
    MarkType,
    OwnerFamily,
    Party,
    RegistryStats,
    Right,
    RightKind,
    Status,
)

__all__ = [
    "InvalidRecordError",
    "RightsStore",
    "UpsertResult",
    "check_authorisations",
    "check_families",
    "check_rights",
]


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


class InvalidRecordError(InputError):
    """A record breaks an invariant every store enforces; nothing of its batch was stored."""

    code = "invalid_record"


_OFFICE = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_COUNTRY = re.compile(r"[A-Z]{2}")


def _fail(what: str, index: int, record_id: object, field: str, expected: str, got: object) -> NoReturn:  # noqa: PLR0917
    raise InvalidRecordError(
        f"{what} {record_id!r} (item {index + 1} of the batch): field {field!r} must be {expected}, "
        f"got {got!r}; nothing from this batch was stored",
        hint="fix the record and store the batch again",
        details={"record": str(record_id), "field": field, "index": index},
    )


def _check_id(what: str, index: int, value: object, field: str = "id") -> None:
    if not isinstance(value, str) or not value or value != value.strip():
        _fail(what, index, value, field, "a non-empty string without surrounding spaces", value)


def _check_date(what: str, index: int, rid: str, field: str, value: object) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        _fail(what, index, rid, field, "a date (YYYY-MM-DD) or empty", value)


def _check_party(index: int, rid: str, field: str, value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Party) or not isinstance(value.name, str):
        _fail("right", index, rid, field, "a party with a name", value)


def _check_strings(what: str, index: int, rid: str, field: str, values: object) -> None:
    if not isinstance(values, tuple) or not all(isinstance(v, str) for v in values):
        _fail(what, index, rid, field, "a tuple of strings", values)


def _strings_ok(values: object) -> bool:
    return type(values) is tuple and (not values or all(type(v) is str for v in values))


def _date_ok(value: object) -> bool:
    return value is None or type(value) is dt.date


def _has_nul(r: Right) -> bool:
    """True if any text of the right holds U+0000, which PostgreSQL cannot store (so no store accepts it)."""
    fields: list[object] = [
        r.id, r.mark_text, r.application_number, r.registration_number, r.locarno_class, r.raw_status,
        r.priority_country, r.international_registration, r.image, r.title, r.description, r.source,
        r.owner_family, *r.vienna_codes, *r.ipc_codes, *r.designated_offices,
    ]  # fmt: skip
    for party in (r.owner, r.representative):
        if party is not None:
            fields += (party.name, party.country, party.address, party.legal_form)
    fields += [g.text for g in r.goods_services]
    try:  # one C-level join and search; falls back when a field is not text
        return "\x00" in "".join(filter(None, fields))  # type: ignore[arg-type]
    except TypeError:
        return any(type(f) is str and "\x00" in f for f in fields)


def _right_ok(r: object) -> bool:
    """Cheap check that accepts only records the detailed check below would accept (bulk imports)."""
    if type(r) is not Right:
        return False
    rid, owner, rep, family = r.id, r.owner, r.representative, r.owner_family
    return (
        type(rid) is str
        and rid != ""
        and not rid[0].isspace()
        and not rid[-1].isspace()
        and type(r.kind) is RightKind
        and type(r.status) is Status
        and type(r.office) is str
        and _OFFICE.fullmatch(r.office) is not None
        and (r.mark_type is None or type(r.mark_type) is MarkType)
        and (owner is None or (type(owner) is Party and type(owner.name) is str))
        and (rep is None or (type(rep) is Party and type(rep.name) is str))
        and type(r.goods_services) is tuple
        and all(
            type(g) is GoodsServices and type(g.nice_class) is int and 1 <= g.nice_class <= 45
            for g in r.goods_services
        )
        and _strings_ok(r.vienna_codes)
        and _strings_ok(r.ipc_codes)
        and _strings_ok(r.designated_offices)
        and _date_ok(r.filed)
        and _date_ok(r.registered)
        and _date_ok(r.expires)
        and _date_ok(r.priority_date)
        and (family is None or (type(family) is str and family != "" and family == family.strip()))
        and not _has_nul(r)
    )


def check_rights(rights: Sequence[Right]) -> None:
    """Raise :class:`InvalidRecordError` for the first right no store may keep.

    Every :class:`RightsStore` calls this before writing, so a bad record rejects its whole batch the same
    way in memory, in SQLite and in PostgreSQL.
    """
    for i, r in enumerate(rights):
        if _right_ok(r):
            continue
        if not isinstance(r, Right):
            _fail("right", i, getattr(r, "id", None), "record", "a Right", type(r).__name__)
        _check_id("right", i, r.id)
        if not isinstance(r.kind, RightKind):
            _fail("right", i, r.id, "kind", f"one of {[k.value for k in RightKind]}", r.kind)
        if not isinstance(r.office, str) or not _OFFICE.fullmatch(r.office):
            _fail("right", i, r.id, "office", "an upper-case office code like 'US', 'EM' or 'WO'", r.office)
        if not isinstance(r.status, Status):
            _fail("right", i, r.id, "status", f"one of {[s.value for s in Status]}", r.status)
        if r.mark_type is not None and not isinstance(r.mark_type, MarkType):
            _fail("right", i, r.id, "mark_type", f"one of {[m.value for m in MarkType]}", r.mark_type)
        _check_party(i, r.id, "owner", r.owner)
        _check_party(i, r.id, "representative", r.representative)
        if not isinstance(r.goods_services, tuple):
            _fail("right", i, r.id, "goods_services", "a tuple of GoodsServices", r.goods_services)
        for g in r.goods_services:
            if not isinstance(g, GoodsServices):
                _fail("right", i, r.id, "goods_services", "a tuple of GoodsServices", g)
            ok = isinstance(g.nice_class, int) and not isinstance(g.nice_class, bool)
            if not ok or not 1 <= g.nice_class <= 45:
                _fail("right", i, r.id, "goods_services.class", "a Nice class from 1 to 45", g.nice_class)
        for name in ("vienna_codes", "ipc_codes", "designated_offices"):
            _check_strings("right", i, r.id, name, getattr(r, name))
        for name in ("filed", "registered", "expires", "priority_date"):
            _check_date("right", i, r.id, name, getattr(r, name))
        if r.owner_family is not None:
            _check_id("right", i, r.owner_family, "owner_family")
        if _has_nul(r):
            _fail(
                "right",
                i,
                r.id,
                "text",
                "free of NUL characters (U+0000), which databases cannot store",
                "\x00",
            )


def check_families(families: Sequence[OwnerFamily]) -> None:
    """Raise :class:`InvalidRecordError` for the first owner family no store may keep."""
    for i, f in enumerate(families):
        _check_id("owner family", i, f.id)
        if not isinstance(f.name, str):
            _fail("owner family", i, f.id, "name", "a string", f.name)
        _check_strings("owner family", i, f.id, "aliases", f.aliases)
        if "\x00" in "".join((f.id, f.name, *f.aliases)):
            _fail("owner family", i, f.id, "text", "free of NUL characters (U+0000)", "\x00")


def check_authorisations(authorisations: Sequence[Authorisation]) -> None:
    """Raise :class:`InvalidRecordError` for the first authorisation no store may keep."""
    for i, a in enumerate(authorisations):
        _check_id("authorisation", i, a.id)
        _check_id("authorisation", i, a.seller_id, "seller_id")
        if not isinstance(a.kind, AuthorisationKind):
            _fail("authorisation", i, a.id, "kind", f"one of {[k.value for k in AuthorisationKind]}", a.kind)
        if a.right_id is None and a.owner_family is None:
            _fail("authorisation", i, a.id, "right_id", "set (or owner_family set)", None)
        _check_strings("authorisation", i, a.id, "territories", a.territories)
        for t in a.territories:
            if not _COUNTRY.fullmatch(t):
                _fail("authorisation", i, a.id, "territories", "ISO 3166 alpha-2 codes like 'US'", t)
        _check_date("authorisation", i, a.id, "valid_from", a.valid_from)
        _check_date("authorisation", i, a.id, "valid_until", a.valid_until)
        texts = (a.id, a.seller_id, a.right_id, a.owner_family, a.note, *a.territories)
        if "\x00" in "".join(t for t in texts if isinstance(t, str)):
            _fail("authorisation", i, a.id, "text", "free of NUL characters (U+0000)", "\x00")
        if a.valid_from and a.valid_until and a.valid_until < a.valid_from:
            _fail(
                "authorisation",
                i,
                a.id,
                "valid_until",
                f"on or after valid_from {a.valid_from}",
                a.valid_until,
            )
