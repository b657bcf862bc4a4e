"""Screening lexicon: counterfeit/referential/feedback cues and geographical indications, loaded from YAML.

File formats (the screener reads these; keep to them when editing the data):

``screening/data/cues.yaml`` -- a list (or ``{"version": str, "cues": [...]}``) of entries::

    - term: "replica"                 # the cue as people write it (required)
      language: en                    # ISO 639-1 (required): en zh es pt fr de ru ja ko vi ...
      kind: counterfeit               # counterfeit | referential | feedback (required)
      pattern: "\\breplicas?\\b"      # optional Python regex, matched case-insensitively on the
                                      #   NFKC-casefolded text; default: the term itself, with word
                                      #   boundaries for Latin/Cyrillic scripts and none for CJK
      guards: ["scale\\s*1\\s*:\\s*\\d+", "official replica"]   # optional regexes of innocent contexts:
                                      #   a hit is ignored when a guard matches within 40 characters
                                      #   either side of it (the window includes the hit itself);
                                      #   it also silences other entries' hits on overlapping text
      weight: 0.9                     # optional, 0..1, overrides the kind's default weight
      note: "..."                     # optional, free text

``kind: referential`` cues ("compatible with", "for", "fits", "适用于", "兼容") lower the risk of a mark
mention that FOLLOWS them within 3 tokens (or 6 CJK characters). ``kind: feedback`` cues are looked for
in buyer reviews only (listing field ``reviews``).

``screening/data/gi.yaml`` -- a list (or ``{"version": str, "indications": [...]}``) of entries::

    - name: "Champagne"               # required
      aliases: ["香槟", "Champán"]     # optional: other scripts/languages
      product: wine                   # required: the product the name is protected for
      categories: [wine, beverages]   # optional: listing categories where the name counts (default:
                                      #   [product]); compared with the listing category and title words
      origin: "FR"                    # required: country (ISO 3166) or "FR/Champagne" region
      origin_terms: ["france", "法国"] # optional: words showing the goods state that origin
      protected_in: [EU, CN, US]      # required: where it is protected
      source: "EU eAmbrosia PDO-FR-A1359"   # required: citation
      guards: ["champagne (colou?r|gold)"]  # optional regexes of innocent uses (e.g. a colour name)

A GI name counts in a listing whose category/title matches one of ``categories`` unless the listing's
``origin`` field names the origin country/region or an ``origin_terms`` word appears outside the GI's own
name (an ``origin`` field naming another country or region wins over such words); an evocation ("style",
"type", "imitation", "-like", "式", "型", "风味", "tipo", "estilo", "façon", "Art") always counts,
whatever the stated origin. gi.yaml may list the evocation words at the top level as
``evocations: {terms: [...]}``; they replace the built-in list. A regional origin ("FR/Champagne") is only
matched by a listing ``origin`` naming the region, not by the country alone. Counterfeit cues that are also
evocation words get a guard for their use right next to a GI name (see ``with_gi_evocation_guards``).

Context files read by ``ipwarden screen --context DIR`` and bench/screening.py (all optional; JSONL, one
object a line; image paths relative to the file's folder) -- see ipwarden/screening/sources.py:

* ``registry.jsonl`` -- rights, owner families and authorisations in the ipwarden record schema.
* ``reference-prices.jsonl`` -- ``{"brand": "nike"|null, "category": "shoes", "market": "US",
  "price": 120.0, "currency": "USD"}``; ``brand`` is an owner-family id or mark text; rows with a null
  brand are observed prices of the category in that market (the robust median/MAD needs >= 5 of them).
* ``seller-history.jsonl`` -- ``{"seller_id", "created": "YYYY-MM-DD", "strikes": 0, "removed": false,
  "identifiers": ["phone:+8613800000000", "bank:..."]}``.
* ``removed-listings.jsonl`` -- ``{"id", "seller_id", "title", "images": [paths], "right_id", "owner",
  "removed_on": "YYYY-MM-DD", "reason"}``: listings taken down after an upheld complaint (stay-down).
* ``protected-images.jsonl`` -- ``{"id", "right_id", "owner", "path", "label"}``: rights holders' logos and
  product photos.

Signal families in results (and eval labels): a listing image matching a protected image is ``image``; one
matching a removed listing's image, or a title matching a removed listing's title, is ``stay_down``.

A listing may carry the optional fields ``origin`` (country/region the goods come from) and ``date``
(``YYYY-MM-DD``, the day it is screened as of; default: today) besides contract fields.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ipwarden.screening.errors import ScreeningConfigError

__all__ = [
    "Cue",
    "CueKind",
    "GeoIndication",
    "Lexicon",
    "load_cues",
    "load_gis",
    "load_lexicon",
]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: ~10x faster
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class CueKind(StrEnum):
    COUNTERFEIT = "counterfeit"
    REFERENTIAL = "referential"
    FEEDBACK = "feedback"


@dataclass(frozen=True, slots=True)
class Cue:
    term: str
    language: str
    kind: CueKind
    pattern: str
    guards: tuple[str, ...] = ()
    weight: float | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GeoIndication:
    name: str
    product: str
    origin: str
    protected_in: tuple[str, ...]
    source: str
    aliases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    origin_terms: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cues and GIs plus a short digest that goes into every reason's rule version."""

    cues: tuple[Cue, ...] = ()
    gis: tuple[GeoIndication, ...] = ()
    version: str = "empty"
    sources: tuple[str, ...] = field(default=())
    evocations: tuple[str, ...] = ()  # gi.yaml ``evocations.terms``: style, type, 式, 型 ...

    def of_kind(self, kind: CueKind) -> tuple[Cue, ...]:
        return tuple(c for c in self.cues if c.kind is kind)


def default_pattern(term: str) -> str:
    """The regex for a cue without one: word boundaries for alphabetic scripts, none for CJK."""
    escaped = re.escape(term.casefold())
    escaped = re.sub(r"(\\ )+", r"\\s*[-_.]?\\s*", escaped)
    if _CJK.search(term):
        return escaped
    return rf"(?<!\w){escaped}(?!\w)"


def _check_regex(value: str, where: str) -> str:
    try:
        re.compile(value)
    except re.error as err:
        raise ScreeningConfigError(
            f"{where}: invalid regular expression {value!r}: {err}",
            hint="fix the regex (Python syntax) or remove it",
        ) from err
    return value


def _entries(raw: Any, key: str, where: str) -> tuple[list[Mapping[str, Any]], str | None]:
    if isinstance(raw, Mapping):
        version = raw.get("version")
        raw = raw.get(key, [])
    else:
        version = None
    if not isinstance(raw, list):
        raise ScreeningConfigError(f"{where}: expected a list of entries (or a mapping with '{key}')")
    out: list[Mapping[str, Any]] = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise ScreeningConfigError(f"{where}: entry {number} is not a mapping")
        out.append(item)
    return out, str(version) if version is not None else None


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScreeningConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _required(item: Mapping[str, Any], name: str, where: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ScreeningConfigError(f"{where}: field '{name}' is required (a non-empty string)")
    return value


def load_cues(text: str, where: str = "cues.yaml") -> list[Cue]:
    entries, _ = _entries(yaml.load(text, Loader=_Loader) or [], "cues", where)
    cues: list[Cue] = []
    for number, item in enumerate(entries, 1):
        at = f"{where}: entry {number}"
        term = _required(item, "term", at)
        try:
            kind = CueKind(_required(item, "kind", at))
        except ValueError:
            raise ScreeningConfigError(
                f"{at}: kind {item.get('kind')!r} is not one of counterfeit, referential, feedback"
            ) from None
        pattern = item.get("pattern")
        pattern = _check_regex(pattern, at) if isinstance(pattern, str) and pattern else default_pattern(term)
        guards = tuple(_check_regex(g, at) for g in _str_list(item.get("guards"), at))
        weight = item.get("weight")
        cues.append(
            Cue(
                term=term,
                language=_required(item, "language", at),
                kind=kind,
                pattern=pattern,
                guards=guards,
                weight=float(weight) if isinstance(weight, int | float) else None,
                note=item.get("note") if isinstance(item.get("note"), str) else None,
            )
        )
    return cues


def load_gis(text: str, where: str = "gi.yaml") -> list[GeoIndication]:
    entries, _ = _entries(yaml.load(text, Loader=_Loader) or [], "indications", where)
    gis: list[GeoIndication] = []
    for number, item in enumerate(entries, 1):
        at = f"{where}: entry {number}"
        product = _required(item, "product", at)
        origin = item.get("origin") or item.get("origin_country") or item.get("region")
        if not isinstance(origin, str) or not origin:
            raise ScreeningConfigError(f"{at}: field 'origin' is required (country or region)")
        gis.append(
            GeoIndication(
                name=_required(item, "name", at),
                product=product,
                origin=origin,
                protected_in=_str_list(item.get("protected_in"), at),
                source=str(item.get("source") or ""),
                aliases=_str_list(item.get("aliases"), at),
                categories=_str_list(item.get("categories"), at) or (product,),
                origin_terms=_str_list(item.get("origin_terms"), at),
                guards=tuple(_check_regex(g, at) for g in _str_list(item.get("guards"), at)),
            )
        )
    return gis


def load_lexicon(
    cues_path: Path | None = None, gi_path: Path | None = None, *, extra_cues: Iterable[Cue] = ()
) -> Lexicon:
    """Load the packaged lexicon (or the given files). A missing packaged file yields no entries of that
    kind; the version digest says which files were read, so results show what they were screened with."""
    digest = hashlib.sha256()
    sources: list[str] = []
    texts: dict[str, str | None] = {}
    for name, path in (("cues.yaml", cues_path), ("gi.yaml", gi_path)):
        if path is not None:
            try:
                text: str | None = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ScreeningConfigError(f"{path}: cannot read the lexicon file: {err}") from err
            sources.append(str(path))
        else:
            resource = resources.files("ipwarden.screening").joinpath("data", name)
            text = resource.read_text(encoding="utf-8") if resource.is_file() else None
            if text is not None:
                sources.append(f"ipwarden.screening/data/{name}")
        texts[name] = text
        digest.update((text or "").encode())
    cues = load_cues(texts["cues.yaml"] or "[]", sources_for(texts, "cues.yaml", cues_path))
    cues.extend(extra_cues)
    gis = load_gis(texts["gi.yaml"] or "[]", sources_for(texts, "gi.yaml", gi_path))
    evocations = load_evocations(texts["gi.yaml"] or "[]")
    return Lexicon(
        cues=tuple(with_gi_evocation_guards(cues, gis, evocations)),
        gis=tuple(gis),
        version=digest.hexdigest()[:8],
        sources=tuple(sources),
        evocations=evocations,
    )


# "style of", "façon de", "tipo de", "nach Art des": small words between an evocation word and a GI name
GI_LINK = r"(?:of|the|de|des|du|d|la|le|les|à la|a la|del|di|da|do|dos|das|der|von)(?!\w)"


def with_gi_evocation_guards(
    cues: Sequence[Cue], gis: Sequence[GeoIndication], evocations: Sequence[str]
) -> list[Cue]:
    """Counterfeit cues that are also GI evocation words ("imitation", "imitação", "스타일") get a guard for
    their use right next to a GI name: "imitation Champagne" is the GI's evocation, reported once, by the
    GI signal, not also as a trademark counterfeit cue."""
    if not gis or not evocations:
        return list(cues)
    names = "|".join(
        default_pattern(n)  # longest first, ties by name: the guard (quoted in reasons) is the same every run
        for n in sorted({n for g in gis for n in g.all_names}, key=lambda n: (-len(n), n))
    )
    out: list[Cue] = []
    for cue in cues:
        evocative = cue.kind is CueKind.COUNTERFEIT and any(
            re.search(cue.pattern, f"a {term.strip('-')} a", re.IGNORECASE) for term in evocations
        )
        if evocative:
            guard = (
                rf"(?:{cue.pattern})(?:\W{{1,3}}{GI_LINK})?\W{{0,3}}(?:{names})"
                rf"|(?:{names})\W{{0,3}}(?:{cue.pattern})"
            )
            out.append(replace(cue, guards=(*cue.guards, guard)))
        else:
            out.append(cue)
    return out


def load_evocations(text: str) -> tuple[str, ...]:
    """Optional ``evocations: {terms: [...]}`` (or a plain list) at the top of gi.yaml."""
    raw = yaml.load(text, Loader=_Loader)
    section = raw.get("evocations") if isinstance(raw, Mapping) else None
    if isinstance(section, Mapping):
        section = section.get("terms")
    if not isinstance(section, list):
        return ()
    return tuple(str(t) for t in section if str(t).strip())


def sources_for(texts: Mapping[str, str | None], name: str, path: Path | None) -> str:
    return str(path) if path is not None else f"ipwarden.screening/data/{name}"


def lexicon_from_entries(cues: Sequence[Mapping[str, Any]], gis: Sequence[Mapping[str, Any]] = ()) -> Lexicon:
    """Build a lexicon from in-memory entries (same fields as the YAML files); used by tests and embedders."""
    text_c, text_g = yaml.safe_dump(list(cues)), yaml.safe_dump(list(gis))
    digest = hashlib.sha256((text_c + text_g).encode()).hexdigest()[:8]
    return Lexicon(
        cues=tuple(load_cues(text_c, "<cues>")), gis=tuple(load_gis(text_g, "<gis>")), version=digest
    )
