"""USPTO trademark applications XML v2.0 writer for generated records.

Element names follow the USPTO's trademark-applications-daily documentation: case-file, case-file-header,
case-file-statements, classifications, case-file-owners and design-searches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import IO, Any

__all__ = ["USPTO_FOOTER", "USPTO_STATUS", "case_files", "uspto_header", "write_uspto_xml"]

_TODAY = dt.date(2026, 11, 22)

#: Normalised status -> a USPTO status code of that meaning (USPTO XML v2.0 documentation, table 1).
#: The USPTO has no "withdrawn": an applicant withdraws by express abandonment (601).
USPTO_STATUS = {
    "registered": "700", "pending": "641", "published": "686", "opposed": "774", "expired": "900",
    "refused": "763", "cancelled": "710", "withdrawn": "601", "abandoned": "602", "unknown": "630",
}  # fmt: skip
_DRAWING = {
    "word": "4000",
    "combined": "3000",
    "figurative": "2000",
    "3d": "3000",
    "sound": "6000",
    "colour": "2000",
}
_STATES = ("NY", "CA", "DE", "TX", "WA", "OR", "IL", "MA", "NJ", "FL", "GA", "OH")
_LEGAL = {
    "Inc.": "03",
    "Corp.": "03",
    "Corporation": "03",
    "LLC": "16",
    "Co.": "11",
    "Ltd": "11",
    "Limited": "11",
}


def _ymd(value: str | None) -> str:
    return value.replace("-", "") if value else ""


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _case_file(rec: dict[str, Any], today: str) -> str:
    out = ["<case-file>", f"<serial-number>{_esc(rec['application_number'])}</serial-number>"]
    if rec.get("registration_number"):
        out.append(f"<registration-number>{_esc(rec['registration_number'])}</registration-number>")
    out += [f"<transaction-date>{today}</transaction-date>", "<case-file-header>"]
    out.append(f"<filing-date>{_ymd(rec.get('filed'))}</filing-date>")
    if rec.get("registered"):
        out.append(f"<registration-date>{_ymd(rec['registered'])}</registration-date>")
    out.append(f"<status-code>{USPTO_STATUS[rec['status']]}</status-code><status-date>{today}</status-date>")
    if rec.get("mark"):
        out.append(f"<mark-identification>{_esc(rec['mark'])}</mark-identification>")
    out.append(f"<mark-drawing-code>{_DRAWING.get(rec['mark_type'], '4000')}</mark-drawing-code>")
    if rec["mark_type"] == "3d":
        out.append(
            "<drawing-3d-filed-in>T</drawing-3d-filed-in><drawing-3d-current-in>T</drawing-3d-current-in>"
        )
    out.append("</case-file-header><case-file-statements>")
    for gs in rec["goods_services"]:
        out.append(
            f"<case-file-statement><type-code>GS{gs['class']:03d}1</type-code>"
            f"<text>{_esc(gs['text'])}</text></case-file-statement>"
        )
    if rec.get("description"):
        out.append(
            f"<case-file-statement><type-code>DM0000</type-code><text>{_esc(rec['description'])}</text></case-file-statement>"
        )
    out.append("</case-file-statements><classifications>")
    for gs in rec["goods_services"]:
        code = f"{gs['class']:03d}"
        out.append(
            f"<classification><international-code-total-no>1</international-code-total-no>"
            f"<international-code>{code}</international-code><status-code>6</status-code>"
            f"<status-date>{today}</status-date><primary-code>{code}</primary-code></classification>"
        )
    owner = rec["owner"]
    country = owner.get("country") or ""
    form = next((v for k, v in _LEGAL.items() if owner["name"].endswith(k)), "99")
    state = _STATES[len(owner["name"]) % len(_STATES)]
    where = f"<state>{state}</state>" if country == "US" else f"<country>{_esc(country)}</country>"
    out.append(
        "</classifications><case-file-owners><case-file-owner><entry-number>01</entry-number>"
        f"<party-type>{'30' if rec.get('registration_number') else '10'}</party-type>"
        f"<nationality>{where}</nationality><legal-entity-type-code>{form}</legal-entity-type-code>"
        f"<party-name>{_esc(owner['name'])}</party-name>{where}</case-file-owner></case-file-owners>"
    )
    if rec.get("vienna_codes"):
        out.append("<design-searches>")
        out += [
            f"<design-search><code>{c.replace('.', '')}</code></design-search>" for c in rec["vienna_codes"]
        ]
        out.append("</design-searches>")
    out.append("</case-file>\n")
    return "".join(out)


def uspto_header() -> bytes:
    """The document start, up to the first case file."""
    today = _TODAY.strftime("%Y%m%d")
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<trademark-applications-daily>\n'
        b"<version><version-no>2.0</version-no><version-date>20041108</version-date></version>\n"
        + f"<creation-datetime>{today}0000</creation-datetime>\n".encode()
        + b"<application-information><file-segments><file-segment>TRMK</file-segment>"
        b"<action-keys><action-key>TX</action-key>\n"
    )


USPTO_FOOTER = b"</action-keys></file-segments></application-information>\n</trademark-applications-daily>\n"


def case_files(records: Iterable[dict[str, Any]]) -> bytes:
    """The <case-file> elements for ``records``, one per line."""
    today = _TODAY.strftime("%Y%m%d")
    return "".join(_case_file(rec, today) for rec in records).encode()


def write_uspto_xml(
    records: Iterable[dict[str, Any]], out: IO[bytes], *, progress: Callable[[int], None] | None = None
) -> int:
    """Write a trademark-applications-daily v2.0 document (one case file per record); returns the count."""
    out.write(uspto_header())
    n = 0
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(rec)
        n += 1
        if len(batch) == 2_000:
            out.write(case_files(batch))
            batch.clear()
            if progress:
                progress(2_000)
    out.write(case_files(batch))
    if progress and batch:
        progress(len(batch))
    out.write(USPTO_FOOTER)
    return n
