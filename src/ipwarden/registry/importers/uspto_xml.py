"""USPTO trademark-applications-daily v2.0 XML (the documented bulk format; one <case-file> per mark).

Field mapping (docs/importing.md has the full table): serial-number -> application_number and id
``US-<serial>``; mark-identification -> mark; mark-drawing-code position 1 -> mark type; status-code ->
status via Table 1 (raw code kept); case-file-owners (latest party-type) -> owner; attorney-name or
correspondent -> representative; classifications/international-code and GS statements -> goods and
services; design-searches -> Vienna-style design codes; international-registration / madrid records ->
international_registration.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ipwarden.registry.importers._xml import all_text, find, findall, iter_records, text
from ipwarden.registry.importers.records import Parsed, RecordError, Reject, check_right, parse_date
from ipwarden.registry.importers.status_codes import uspto_status
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind

__all__ = ["CASE_FILE", "LEGAL_ENTITY", "parse_case", "parse_uspto_xml"]

CASE_FILE = "case-file"  # the record element

#: mark-drawing-code position 1 -> mark type (1/4 typeset or standard characters, 2 design only,
#: 3 design with words, 5 stylised words, 6 no drawing possible such as sound)
_DRAWING = {
    "1": MarkType.WORD,
    "2": MarkType.FIGURATIVE,
    "3": MarkType.COMBINED,
    "4": MarkType.WORD,
    "5": MarkType.FIGURATIVE,
    "6": MarkType.OTHER,
}
#: legal-entity-type-code -> legal form
LEGAL_ENTITY = {
    "01": "individual", "02": "partnership", "03": "corporation", "04": "joint ownership",
    "05": "joint venture", "06": "incorporated association", "07": "unincorporated association",
    "08": "trustee", "09": "joint stock company", "10": "limited liability joint stock company",
    "11": "company", "12": "foundation", "13": "limited partnership", "14": "state agency",
    "15": "federal agency", "16": "limited liability company", "17": "trust", "18": "estate",
    "19": "sole proprietorship", "98": "unknown", "99": "other",
}  # fmt: skip
#: US-only class codes: A/B certification marks, 200 collective membership marks (not Nice classes)
_US_ONLY_CLASSES = frozenset({"A", "B", "200"})


def _nice(code: str, field: str) -> int | None:
    code = code.strip().upper()
    if code in _US_ONLY_CLASSES:
        return None
    if not code.isdigit():
        raise RecordError(field, f"unknown class code {code!r}; expected a Nice class 001..045")
    number = int(code)
    if not 1 <= number <= 45:
        raise RecordError(field, f"unknown Nice class {number}; classes are 1..45")
    return number


def _owner(case: ET.Element) -> Party | None:
    best: tuple[int, ET.Element] | None = None
    for owner in findall(case, "case-file-owners/case-file-owner"):
        party_type = text(owner, "party-type") or "0"
        rank = int(party_type) if party_type.isdigit() else 0
        if text(owner, "party-name") and (best is None or rank > best[0]):
            best = (rank, owner)  # highest party type = most recent owner
    if best is None:
        return None
    owner = best[1]
    country = text(owner, "nationality/country") or (
        "US" if text(owner, "nationality/state") else text(owner, "country")
    )
    address = ", ".join(
        part
        for part in (
            *(text(owner, f"address-{i}") for i in (1, 2)),
            text(owner, "city"),
            text(owner, "state"),
            text(owner, "postcode"),
            text(owner, "country"),
        )
        if part
    )
    entity = text(owner, "legal-entity-type-code")
    return Party(
        name=text(owner, "party-name") or "",
        country=country,
        address=address or None,
        legal_form=LEGAL_ENTITY.get(entity.zfill(2)) if entity else None,
    )


def _goods(case: ET.Element) -> tuple[GoodsServices, ...]:
    texts: dict[int, str] = {}
    for statement in findall(case, "case-file-statements/case-file-statement"):
        code = text(statement, "type-code") or ""
        if code.startswith("GS") and len(code) == 6:
            number = _nice(code[2:5], "case-file-statement/type-code")
            body = text(statement, "text")
            if number is not None and body:
                texts[number] = f"{texts[number]}; {body}" if number in texts else body
    classes = set(texts)
    for code in all_text(case, "classifications/classification/international-code"):
        number = _nice(code, "classifications/international-code")
        if number is not None:
            classes.add(number)
    return tuple(GoodsServices(c, texts.get(c, "")) for c in sorted(classes))


def _design_codes(case: ET.Element) -> tuple[str, ...]:
    codes = []
    for code in all_text(case, "design-searches/design-search/code"):
        digits = code.strip()
        codes.append(
            f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}" if len(digits) == 6 and digits.isdigit() else digits
        )
    return tuple(codes)


def _right(case: ET.Element, source: str) -> tuple[Right, bool]:
    serial = text(case, "serial-number")
    if not serial:
        raise RecordError("serial-number", "missing serial number; a case file needs one")
    header = find(case, "case-file-header")

    def get(path: str) -> str | None:
        return text(header, path)

    drawing = (get("mark-drawing-code") or "")[:1]
    mark_type = _DRAWING.get(drawing)
    if get("drawing-3d-current-in") == "T":
        mark_type = MarkType.THREE_D
    raw_status = get("status-code")
    registration = text(case, "registration-number")
    if registration and registration.strip("0") == "":
        registration = None
    attorney = get("attorney-name")
    correspondent = text(case, "correspondent/address-1")
    representative = attorney or correspondent
    priority = next(
        (
            (text(f, "filing-date"), text(f, "country"))
            for f in findall(case, "foreign-applications/foreign-application")
            if text(f, "filing-date")
        ),
        (None, None),
    )
    international = text(case, "international-registration/international-registration-number") or text(
        case,
        "madrid-international-filing-requests/madrid-international-filing-record/international-registration-number",
    )
    mark_text = get("mark-identification")
    design_codes = _design_codes(case)
    owner = _owner(case)
    goods = _goods(case)
    partial = not (mark_text or mark_type or design_codes or owner or goods)
    right = Right(
        id=f"US-{serial}",
        kind=RightKind.TRADEMARK,
        office="US",
        mark_text=mark_text,
        mark_type=mark_type,
        application_number=serial,
        registration_number=registration,
        owner=owner,
        representative=Party(name=representative) if representative else None,
        goods_services=goods,
        vienna_codes=design_codes,
        status=uspto_status(raw_status),
        raw_status=raw_status,
        filed=parse_date(get("filing-date"), "filing-date"),
        registered=parse_date(get("registration-date"), "registration-date"),
        priority_date=parse_date(priority[0], "foreign-application/filing-date"),
        priority_country=priority[1],
        international_registration=international if international and international.strip("0") else None,
        source=source,
    )
    return right, partial


def parse_case(case: ET.Element, name: str, number: int, source: str) -> Parsed | Reject:
    """One ``<case-file>`` element (the ``number``-th of file ``name``) as a right or a reject."""
    try:
        right, partial = _right(case, source)
        check_right(right, partial=partial)
        return Parsed(right, number, partial=partial)
    except RecordError as err:
        case.tail = None  # the raw record is the element alone, not the text after it
        raw = ET.tostring(case, encoding="unicode")
        return Reject(name, number, err.field, err.reason, raw, unit="record")


def parse_uspto_xml(path: Path) -> Iterator[Parsed | Reject]:
    name, source = str(path), path.name
    for number, case in enumerate(iter_records(path, frozenset({CASE_FILE})), start=1):
        yield parse_case(case, name, number, source)
