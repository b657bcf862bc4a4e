"""WIPO ST.66 and ST.96 trademark XML (as served by offices' status services such as USPTO TSDR).

Namespaces differ between offices and versions, so every lookup matches local element names. The record
element is ``TradeMark`` (ST.66) or ``Trademark`` (ST.96); in ST.66 transactions where the applicants sit
beside the marks (``TransactionData/ApplicantDetails``) they are attached to the marks of that
transaction. Mapping: docs/importing.md.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ipwarden.registry.importers._xml import findall, iter_records, local, text
from ipwarden.registry.importers.records import Parsed, RecordError, Reject, check_right, parse_date
from ipwarden.registry.importers.status_codes import normalise_status
from ipwarden.registry.models import GoodsServices, MarkType, Party, Right, RightKind

__all__ = ["parse_st66", "parse_st96"]

#: USPTO MarkFeatureCode (= mark-drawing-code position 1)
_FEATURE_CODES = {
    "1": MarkType.WORD,
    "2": MarkType.FIGURATIVE,
    "3": MarkType.COMBINED,
    "4": MarkType.WORD,
    "5": MarkType.FIGURATIVE,
    "6": MarkType.OTHER,
}
#: ST.66 MarkFeature / ST.96 MarkFeatureCategory words, checked in order
_FEATURE_WORDS = (
    ("combined", MarkType.COMBINED),
    ("stylized", MarkType.FIGURATIVE),
    ("stylised", MarkType.FIGURATIVE),
    ("figurative", MarkType.FIGURATIVE),
    ("3-d", MarkType.THREE_D),
    ("three dimensional", MarkType.THREE_D),
    ("3d", MarkType.THREE_D),
    ("colour", MarkType.COLOUR),
    ("color", MarkType.COLOUR),
    ("sound", MarkType.SOUND),
    ("hologram", MarkType.HOLOGRAM),
    ("motion", MarkType.MOTION),
    ("position", MarkType.POSITION),
    ("olfactory", MarkType.OTHER),
    ("word", MarkType.WORD),
)


def _below(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    """Descendants named ``name`` (tags are local names: registry/importers/_xml.py), in document order."""
    return (node for node in elem.iter(name) if node is not elem)


def _all(elem: ET.Element, name: str) -> list[str]:
    """Texts of all descendants with local name ``name``."""
    return [t for node in _below(elem, name) if (t := text(node)) is not None]


def _first(elem: ET.Element, *names: str) -> str | None:
    for name in names:
        for node in _below(elem, name):
            value = text(node)
            if value is not None:
                return value
    return None


def _mark_type(mark: ET.Element) -> MarkType | None:
    code = _first(mark, "MarkFeatureCode")
    if code and code[:1] in _FEATURE_CODES:
        return _FEATURE_CODES[code[:1]]
    words = (_first(mark, "MarkFeatureCategory", "MarkFeature") or "").casefold()
    for word, mark_type in _FEATURE_WORDS:
        if word in words:
            return mark_type
    return None


def _party(node: ET.Element) -> Party | None:
    name = _first(node, "EntityName", "OrganizationStandardName", "PersonFullName", "FreeFormatNameLine",
                  "LastName")  # fmt: skip
    if not name:
        return None
    country = _first(node, "ApplicantIncorporationCountryCode", "IncorporationCountryCode",
                     "ApplicantNationalityCode", "NationalityCode", "FormattedAddressCountryCode",
                     "CountryCode")  # fmt: skip
    address_parts = [
        _first(node, "AddressRoom", "AddressBuilding", "AddressLineText"),
        _first(node, "AddressStreet"),
        _first(node, "AddressCity", "CityName"),
        _first(node, "AddressState", "GeographicRegionName"),
        _first(node, "AddressPostcode", "PostalCode"),
        _first(node, "FormattedAddressCountryCode", "CountryCode"),
    ]
    address = ", ".join(p for p in address_parts if p)
    legal = _first(node, "ApplicantLegalEntity", "LegalEntityName")
    return Party(
        name=name, country=country, address=address or None, legal_form=legal.lower() if legal else None
    )


def _applicants(scope: ET.Element) -> list[ET.Element]:
    return findall(scope, "ApplicantDetails/Applicant") + findall(scope, "ApplicantBag/Applicant")


def _owner(applicants: list[ET.Element]) -> Party | None:
    """The current owner: the highest USPTO party type when given (latest owner), else the first listed."""
    ranked = []
    for index, applicant in enumerate(applicants):
        party_type = _first(applicant, "PartyTypeCode") or ""
        ranked.append((int(party_type) if party_type.isdigit() else 0, -index, applicant))
    for _, _, applicant in sorted(ranked, key=lambda r: (r[0], r[1]), reverse=True):
        party = _party(applicant)
        if party is not None:
            return party
    return None


def _representative(mark: ET.Element) -> Party | None:
    for path in ("RepresentativeDetails/Representative", "RecordAttorney", "NationalCorrespondent",
                 "RepresentativeBag/Representative"):  # fmt: skip
        for node in findall(mark, path):
            name = _first(
                node, "PersonFullName", "FreeFormatNameLine", "EntityName", "OrganizationStandardName"
            )
            if name:
                return Party(name=name)
    return None


def _class(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 45:
        raise RecordError("ClassNumber", f"unknown Nice class {value!r}; classes are 1..45")
    return int(value)


def _goods(mark: ET.Element) -> tuple[GoodsServices, ...]:
    texts: dict[int, str] = {}
    for description in _below(mark, "ClassDescription"):
        number = text(description, "ClassNumber")
        if number is None:
            continue
        nice = _class(number)
        body = _first(description, "GoodsServicesDescriptionText", "GoodsServicesDescription") or ""
        texts[nice] = f"{texts[nice]}; {body}" if texts.get(nice) and body else body or texts.get(nice, "")
    for classification in _below(mark, "GoodsServicesClassification"):
        number = text(classification, "ClassNumber")
        if number is not None:
            texts.setdefault(_class(number), "")
    return tuple(GoodsServices(c, texts[c]) for c in sorted(texts))


def _vienna(mark: ET.Element) -> tuple[str, ...]:
    codes = _all(mark, "DesignSearchCode") + _all(mark, "NationalDesignCode") + _all(mark, "CategoryCode")
    for node in _below(mark, "ViennaClassification"):
        parts = [text(node, p) for p in ("ViennaCategory", "ViennaDivision", "ViennaSection")]
        if all(parts):
            codes.append(".".join(p.zfill(2) for p in parts if p))
    return tuple(dict.fromkeys(codes))


def _image(mark: ET.Element) -> str | None:
    name = _first(mark, "FileName", "MarkImageFilename", "MarkImageURI")
    return None if not name or name.casefold().startswith("no image") else name


def _right(mark: ET.Element, owner: Party | None, source: str) -> Right:
    office = (text(mark, "RegistrationOfficeCode") or "").upper()
    number = text(mark, "ApplicationNumber/ApplicationNumberText") or text(mark, "ApplicationNumber")
    if not number:
        raise RecordError("ApplicationNumber", "missing application number; a mark record needs one")
    if not office:
        raise RecordError("RegistrationOfficeCode", "missing office code")
    raw_status = text(mark, "MarkCurrentStatusCode")
    priority_date = _first(mark, "PriorityDate", "PriorityClaimFilingDate")
    description = _first(mark, "MarkDescriptionText", "MarkDescription")
    return Right(
        id=f"{office}-{number}",
        kind=RightKind.TRADEMARK,
        office=office,
        mark_text=_first(mark, "MarkVerbalElementText"),
        mark_type=_mark_type(mark),
        application_number=number,
        registration_number=text(mark, "RegistrationNumber"),
        owner=owner,
        representative=_representative(mark),
        goods_services=_goods(mark),
        vienna_codes=_vienna(mark),
        status=normalise_status(raw_status, office),
        raw_status=raw_status,
        filed=parse_date(text(mark, "ApplicationDate"), "ApplicationDate"),
        registered=parse_date(text(mark, "RegistrationDate"), "RegistrationDate"),
        expires=parse_date(text(mark, "ExpiryDate"), "ExpiryDate"),
        priority_date=parse_date(priority_date, "PriorityDate"),
        priority_country=_first(mark, "PriorityCountryCode") if priority_date else None,
        international_registration=_first(mark, "InternationalRegistrationNumber"),
        image=_image(mark),
        description=description,
        source=source,
    )


def _parse(path: Path, record_tag: str) -> Iterator[Parsed | Reject]:
    name, source = str(path), path.name
    number = 0
    waiting: list[tuple[int, ET.Element]] = []  # marks whose applicants come later in the transaction
    tags = frozenset({record_tag, "ApplicantDetails", "TransactionData"})

    def build(position: int, mark: ET.Element, owner: Party | None) -> Parsed | Reject:
        try:
            right = _right(mark, owner, source)
            check_right(right)
            return Parsed(right, position)
        except RecordError as err:
            mark.tail = None  # the raw record is the element alone
            return Reject(
                name, position, err.field, err.reason, ET.tostring(mark, encoding="unicode"), "record"
            )

    shared_owner: Party | None = None
    for elem in iter_records(path, tags):
        tag = local(elem.tag)
        if tag == record_tag:
            number += 1
            own = _applicants(elem)
            if own:
                yield build(number, elem, _owner(own))
            else:
                waiting.append((number, _copy(elem)))
        elif tag == "ApplicantDetails":
            shared_owner = _owner(findall(elem, "Applicant"))
        else:  # end of a transaction: marks without their own applicants get the transaction's
            for position, mark in waiting:
                yield build(position, mark, shared_owner)
            waiting, shared_owner = [], None
    for position, mark in waiting:
        yield build(position, mark, shared_owner)


def _copy(elem: ET.Element) -> ET.Element:
    """Keep a finished record past its detachment (the reader clears it)."""
    clone = ET.Element(elem.tag, elem.attrib)
    clone.text, clone.tail = elem.text, elem.tail
    clone.extend(list(elem))
    return clone


def parse_st66(path: Path) -> Iterator[Parsed | Reject]:
    return _parse(path, "TradeMark")


def parse_st96(path: Path) -> Iterator[Parsed | Reject]:
    return _parse(path, "Trademark")
