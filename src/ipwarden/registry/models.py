"""The rights registry's data model: rights, parties, owner families and authorisations.

Plain frozen dataclasses with closed vocabularies as enums, so that every other domain (search, screening,
cases, evidence) can rely on one meaning for "registered" or "trademark" whatever office a record came from.
See docs/data-model.md for the field-by-field description.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "LIVE_STATUSES",
    "Authorisation",
    "AuthorisationKind",
    "GoodsServices",
    "MarkType",
    "OwnerFamily",
    "Party",
    "Right",
    "RightKind",
    "Status",
]


class RightKind(StrEnum):
    TRADEMARK = "trademark"
    DESIGN = "design"
    PATENT = "patent"
    COPYRIGHT = "copyright"
    GEOGRAPHICAL_INDICATION = "geographical_indication"


class MarkType(StrEnum):
    """The form of a trademark (ST.66/ST.96 MarkFeatureCategory, simplified)."""

    WORD = "word"
    FIGURATIVE = "figurative"
    COMBINED = "combined"
    THREE_D = "3d"
    SOUND = "sound"
    COLOUR = "colour"
    POSITION = "position"
    MOTION = "motion"
    HOLOGRAM = "hologram"
    OTHER = "other"


class Status(StrEnum):
    """Normalised status; the office's own code is kept beside it in ``Right.raw_status``."""

    PENDING = "pending"
    PUBLISHED = "published"
    OPPOSED = "opposed"
    REGISTERED = "registered"
    EXPIRED = "expired"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"
    ABANDONED = "abandoned"
    UNKNOWN = "unknown"


#: Statuses of a right that can still be asserted or will be: the default filter of clearance search.
LIVE_STATUSES: frozenset[Status] = frozenset(
    {Status.PENDING, Status.PUBLISHED, Status.OPPOSED, Status.REGISTERED}
)


@dataclass(frozen=True, slots=True)
class Party:
    """An owner (applicant/holder) or a representative."""

    name: str
    country: str | None = None
    address: str | None = None
    legal_form: str | None = None  # e.g. "corporation", "limited company"


@dataclass(frozen=True, slots=True)
class GoodsServices:
    """One Nice class of a trademark with the goods/services text as filed."""

    nice_class: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Right:
    """One registered or applied-for right at one office.

    ``id`` is the caller's unique key (for office feeds: ``OFFICE-NUMBER``). ``office`` is an ISO 3166
    alpha-2 code or a regional/international office (EM, WO, BX, OA, AP). ``owner_family`` links one
    owner's rights across offices and scripts (STARBUCKS and 星巴克); see registry/families.py.
    """

    id: str
    kind: RightKind
    office: str
    mark_text: str | None = None
    mark_type: MarkType | None = None
    application_number: str | None = None
    registration_number: str | None = None
    owner: Party | None = None
    representative: Party | None = None
    goods_services: tuple[GoodsServices, ...] = ()
    vienna_codes: tuple[str, ...] = ()
    locarno_class: str | None = None
    ipc_codes: tuple[str, ...] = ()
    status: Status = Status.UNKNOWN
    raw_status: str | None = None
    filed: dt.date | None = None
    registered: dt.date | None = None
    expires: dt.date | None = None
    priority_date: dt.date | None = None
    priority_country: str | None = None
    international_registration: str | None = None  # Madrid IR number this right belongs to
    designated_offices: tuple[str, ...] = ()  # for an IR (office WO): the designated contracting parties
    image: str | None = None  # path or URI of the mark image / design view
    owner_family: str | None = None
    title: str | None = None  # patents, designs, copyright works
    description: str | None = None  # GI product, copyright work description, mark description
    source: str | None = None  # which file/feed the record came from

    @property
    def classes(self) -> tuple[int, ...]:
        """Distinct Nice classes in ascending order."""
        return tuple(sorted({g.nice_class for g in self.goods_services}))

    @property
    def owner_name(self) -> str | None:
        return self.owner.name if self.owner else None

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


@dataclass(frozen=True, slots=True)
class OwnerFamily:
    """One owner across offices, scripts and name variants (e.g. Nike, Inc. / NIKE INC / 耐克公司)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


class AuthorisationKind(StrEnum):
    OWNER = "owner"
    LICENSEE = "licensee"
    AUTHORISED_RESELLER = "authorised_reseller"
    DISTRIBUTOR = "distributor"


@dataclass(frozen=True, slots=True)
class Authorisation:
    """Which seller may use which right (or all rights of an owner family), where and until when.

    ``territories`` are ISO 3166 alpha-2 codes; empty means worldwide. Screening treats a matching,
    valid authorisation as "no infringement signal for that mark in that market".
    """

    id: str
    seller_id: str
    kind: AuthorisationKind
    right_id: str | None = None
    owner_family: str | None = None
    territories: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    note: str | None = None

    def covers(self, *, right: Right, market: str | None, on: dt.date) -> bool:
        """True if this authorisation lets its seller use ``right`` in ``market`` on date ``on``."""
        if self.right_id is not None and self.right_id != right.id:
            return False
        if self.right_id is None and (self.owner_family is None or self.owner_family != right.owner_family):
            return False
        if self.territories and (market is None or market.upper() not in self.territories):
            return False
        if self.valid_from and on < self.valid_from:
            return False
        return not (self.valid_until and on > self.valid_until)


@dataclass(frozen=True, slots=True)
class RegistryStats:
    rights: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_office: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    owner_families: int = 0
    authorisations: int = 0
