"""Screening data model: a listing, the signals found in it and the decision, with closed vocabularies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = ["Decision", "Family", "Listing", "Reason", "ScreeningResult", "Stage"]


class Stage(StrEnum):
    SELLER_REGISTRATION = "seller_registration"
    LISTING = "listing"
    MARKETING = "marketing"
    FEEDBACK = "feedback"


class Decision(StrEnum):
    ALLOW = "allow"
    REVIEW = "review"
    BLOCK = "block"
    ERROR = "error"  # the listing could not be screened; the record says why


class Family(StrEnum):
    """Signal families; the same names label the evaluation set (eval/screening)."""

    MARK = "mark"
    COUNTERFEIT_CUE = "counterfeit_cue"
    PRICE = "price"
    IMAGE = "image"
    GI = "gi"
    STAY_DOWN = "stay_down"
    SELLER = "seller"
    FEEDBACK = "feedback"
    AUTHORISATION = "authorisation"  # a mark mention the seller is authorised for (lowers risk)
    REFERENTIAL = "referential"  # a mark mention used to describe compatibility (lowers risk)


@dataclass(frozen=True, slots=True)
class Listing:
    id: str
    seller_id: str | None = None
    title: str = ""
    description: str = ""
    brand: str | None = None
    category: str | None = None
    price: float | None = None
    currency: str | None = None
    market: str | None = None
    images: tuple[str, ...] = ()
    stage: Stage = Stage.LISTING
    reviews: tuple[str, ...] = ()
    origin: str | None = None
    date: dt.date | None = None

    def __reduce__(self) -> tuple[type[Listing], tuple[Any, ...]]:
        return (Listing, _values(self, _LISTING))  # see _values


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal, explained: which rule, which right and owner, and the evidence (text span or image)."""

    signal: str  # e.g. "mark.lookalike", "cue.counterfeit", "price.below_reference"
    family: Family
    weight: float  # contribution to the risk (negative lowers it)
    rule: str  # rule version, e.g. "mark/1+lex:1a2b3c4d"
    detail: str  # one sentence for a reviewer
    right_id: str | None = None
    owner: str | None = None
    field: str | None = None  # title, description, brand, reviews[2], images[0], seller, price
    span: tuple[int, int] | None = None  # character offsets in that field (original text)
    evidence: str | None = None  # the matched text, image path or fingerprint

    def __reduce__(self) -> tuple[type[Reason], tuple[Any, ...]]:
        return (Reason, _values(self, _REASON))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "signal": self.signal,
            "family": self.family.value,
            "weight": round(self.weight, 4),
            "rule": self.rule,
            "detail": self.detail,
        }
        for key in ("right_id", "owner", "field", "evidence"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.span is not None:
            out["span"] = list(self.span)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        span = data.get("span")
        return cls(
            signal=str(data["signal"]),
            family=Family(data["family"]),
            weight=float(data["weight"]),
            rule=str(data["rule"]),
            detail=str(data["detail"]),
            right_id=data.get("right_id"),
            owner=data.get("owner"),
            field=data.get("field"),
            span=(int(span[0]), int(span[1])) if span else None,
            evidence=data.get("evidence"),
        )


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    id: str
    risk: float
    decision: Decision
    reasons: tuple[Reason, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "description capped at 20000 characters (was 1048576)"
    error: dict[str, Any] | None = None  # {"code", "message", "field"?} for Decision.ERROR
    line: int | None = None  # 1-based input line/row for batch runs

    def __reduce__(self) -> tuple[type[ScreeningResult], tuple[Any, ...]]:
        return (ScreeningResult, _values(self, _RESULT))

    @property
    def flagged(self) -> bool:
        return self.decision in (Decision.REVIEW, Decision.BLOCK)

    @property
    def families(self) -> frozenset[Family]:
        return frozenset(r.family for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "risk": round(self.risk, 4),
            "decision": self.decision.value,
            "reasons": [r.to_dict() for r in self.reasons],
        }
        if self.notes:
            out["notes"] = list(self.notes)
        if self.error is not None:
            out["error"] = self.error
        if self.line is not None:
            out["line"] = self.line
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScreeningResult:
        """Read back one results-file line (``to_dict`` output)."""
        return cls(
            id=str(data["id"]),
            risk=float(data["risk"]),
            decision=Decision(data["decision"]),
            reasons=tuple(Reason.from_dict(r) for r in data.get("reasons", ())),
            notes=tuple(data.get("notes", ())),
            error=data.get("error"),
            line=data.get("line"),
        )


# Field order of the constructors. Pickling rebuilds these by their constructors, spelled out because a
# frozen slots dataclass compiled by mypyc (scripts/build_native.py) cannot be unpickled the default way.
_LISTING = (
    "id",
    "seller_id",
    "title",
    "description",
    "brand",
    "category",
    "price",
    "currency",
    "market",
    "images",
    "stage",
    "reviews",
    "origin",
    "date",
)
_REASON = ("signal", "family", "weight", "rule", "detail", "right_id", "owner", "field", "span", "evidence")
_RESULT = ("id", "risk", "decision", "reasons", "notes", "error", "line")


def _values(obj: object, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(obj, name) for name in names)
