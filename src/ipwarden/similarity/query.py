"""The search query and its validation: each user mistake is an :class:`InputError` that says what to do.

Offices are ISO 3166-1 alpha-2 codes plus the regional and international offices (EM EUIPO, WO WIPO,
BX Benelux, OA OAPI, AP ARIPO, EA Eurasian, GC Gulf); ``EU`` is read as ``EM`` and ``UK`` as ``GB``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ipwarden.errors import InputError
from ipwarden.registry.models import LIVE_STATUSES, Status
from ipwarden.registry.nice import parse_class
from ipwarden.similarity.normalize import normalise

__all__ = ["MAX_LIMIT", "MAX_QUERY_CHARS", "OFFICES", "SearchQuery", "parse_offices", "parse_statuses"]

MAX_QUERY_CHARS = 200
MAX_LIMIT = 200
_ISO = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW"
)
REGIONAL = {"EM": "EUIPO", "WO": "WIPO", "BX": "BOIP", "OA": "OAPI", "AP": "ARIPO", "EA": "EAPO", "GC": "GCC"}
OFFICES: frozenset[str] = frozenset(_ISO.split()) | frozenset(REGIONAL)
_ALIASES = {"EU": "EM", "EUIPO": "EM", "WIPO": "WO", "UK": "GB"}


def parse_offices(values: Iterable[str]) -> tuple[str, ...]:
    """Office codes from user input (repeated or comma-separated); unknown codes are an error."""
    out: list[str] = []
    for value in values:
        for part in str(value).split(","):
            code = part.strip().upper()
            if not code:
                continue
            code = _ALIASES.get(code, code)
            if code not in OFFICES:
                raise InputError(
                    f"unknown office code {part.strip()!r}",
                    hint="use an ISO 3166 alpha-2 country code (US, CN, JP, ...) "
                    "or EM, WO, BX, OA, AP, EA, GC",
                    details={"field": "office", "value": part.strip()},
                )
            if code not in out:
                out.append(code)
    return tuple(out)


def parse_statuses(values: Iterable[str]) -> tuple[Status, ...]:
    out: list[Status] = []
    for value in values:
        for part in str(value).split(","):
            name = part.strip().lower()
            if not name:
                continue
            if name == "live":
                out.extend(s for s in sorted(LIVE_STATUSES) if s not in out)
                continue
            try:
                status = Status(name)
            except ValueError:
                raise InputError(
                    f"unknown status {part.strip()!r}",
                    hint="use live or one of: " + ", ".join(s.value for s in Status),
                    details={"field": "status", "value": part.strip()},
                ) from None
            if status not in out:
                out.append(status)
    return tuple(out)


def _check_text(text: str, field: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            f"the {field} is empty",
            hint="give the mark text to search for, e.g. `ipwarden search NIKE`",
            details={"field": field},
        )
    for pos, ch in enumerate(text):
        if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t":
            raise InputError(
                f"the {field} contains a control character (U+{ord(ch):04X} at position {pos + 1})",
                hint="remove control characters; a mark is printable text",
                details={"field": field, "position": pos + 1},
            )
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(
            f"the {field} is {len(text)} characters long; the limit is {MAX_QUERY_CHARS}",
            hint="search for the mark itself, not a description; shorten it to the words of the mark",
            details={"field": field, "length": len(text), "limit": MAX_QUERY_CHARS},
        )
    if not normalise(text):
        raise InputError(
            f"the {field} {text.strip()!r} has no letters or digits to compare",
            hint="marks are searched by their words; emoji and punctuation alone cannot be searched",
            details={"field": field},
        )
    return text.strip()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What to search for. ``statuses`` None means live rights (pending, published, opposed, registered)."""

    text: str
    classes: tuple[int, ...] = ()
    goods: str | None = None
    offices: tuple[str, ...] | None = None
    statuses: tuple[Status, ...] | None = None
    limit: int = 10

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        classes: Iterable[object] = (),
        goods: str | None = None,
        offices: Iterable[str] = (),
        statuses: Iterable[str] = (),
        limit: int = 10,
        field: str = "query",
    ) -> SearchQuery:
        """Validate raw user input (CLI options, HTTP parameters) into a query."""
        clean = _check_text(text, field)
        parsed_classes = tuple(dict.fromkeys(parse_class(c) for c in classes))
        if goods is not None and not goods.strip():
            goods = None
        if not 1 <= int(limit) <= MAX_LIMIT:
            raise InputError(
                f"limit {limit} is out of range",
                hint=f"use a number from 1 to {MAX_LIMIT}",
                details={"field": "limit", "value": limit},
            )
        office_codes = parse_offices(offices)
        status_list = parse_statuses(statuses)
        return cls(
            text=clean,
            classes=parsed_classes,
            goods=goods.strip() if goods else None,
            offices=office_codes or None,
            statuses=status_list or None,
            limit=int(limit),
        )
