"""Owner families: one owner across offices, scripts and name variants.

Offices spell the same owner many ways ("NIKE, INC.", "Nike Inc", "nike, inc"); screening and search need to
know that these rights belong together. Two mechanisms, in order of precedence:

1. **Declared links win.** A right's own ``owner_family`` field is kept as it is. Declared owner families
   (records ``{"record": "owner_family", "id": "nike", "name": "Nike, Inc.", "aliases": ["耐克"]}``) map
   their name, their aliases and their id to the family id; this is the only way to join different
   scripts or different legal names (耐克 → nike, "Philip Morris Products S.A." → altria).
2. **The merge rule** (:func:`family_key`) otherwise: the family id is the owner name's key.

The rule, step by step (docs/data-model.md has examples):

* Unicode NFKC, case folding, Latin diacritics removed (Société → societe, full-width Ｎｉｋｅ → nike);
* parenthesised parts dropped ("Nike (China) Co., Ltd." → "Nike Co., Ltd.");
* "&" read as "and"; apostrophes removed (L'Oréal → loreal); any other character that is not a letter,
  digit or combining mark separates words; runs of single letters join ("S.A." → "sa", "K.K." → "kk");
* legal-form words at the end (Inc, Incorporated, Corp, Corporation, Co, Company, Ltd, Limited, LLC, PLC,
  GmbH, AG, KG, S.A., SAS, SARL, S.p.A., S.r.l., S.L., B.V., N.V., AB, Oy, A/S, K.K., Kabushiki Kaisha,
  Sp. z o.o., s.r.o., ООО …), group descriptors at the end (Group, Holding(s), International) and a
  trailing "and"; at the start "The", "PT", Kabushiki Kaisha and ООО-style forms; repeatedly, but never
  the last remaining word ("The Limited, Inc." keeps "limited");
* the words are joined without spaces ("Coca-Cola" = "Coca Cola" = "CocaCola"); then Chinese, Japanese and
  Korean legal forms are removed from either end (株式会社, 有限公司, 股份有限公司, 集团, 控股, 주식회사 …).

The rule never drops a distinctive word: "Apple Inc." (apple) and "Apple Corps Ltd" (applecorps) stay
different owners, as they are. It does not translate or transliterate; declare aliases for that.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ipwarden.registry.models import OwnerFamily, Right

if TYPE_CHECKING:
    from ipwarden.registry.interfaces import RightsStore, UpsertResult

__all__ = ["FamilyIndex", "FamilyService", "assign_family", "family_key"]

_LATIN_MARKS = re.compile("[\u0300-\u036f]")
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_APOSTROPHES = re.compile("['\u2019\u2018`\u02bc]")

_TRAILING_FORMS = " ".join(
    (
        "inc incorporated corp corporation co cos company companies ltd limited llc llp lp plc pllc pc",
        "pty pte pvt private public lc ltda na",  # English-speaking countries, India, Brazil
        "gmbh mbh ag kg kgaa ohg ug gbr ev se eg",  # German-speaking countries, EU
        "sa sas sasu sarl eurl sca snc sci scs cie spa srl srls sapa scarl sl slu sau sab sc cv",  # Romance
        "bv nv bvba vof cvba ab hb kb oy oyj as asa aps ans hf ehf",  # Benelux, Nordic
        "kk gk yk kabushiki kaisha gaisha yugen godo",  # Japanese, romanised
        "sro spol zoo doo dd ad ood eood kft zrt nyrt bt ou uab sia tbk",  # Central/Eastern Europe, Indonesia
        "ооо оао зао пао ао",  # Russian (after case folding)
        "group holding holdings international intl",  # group descriptors
    )
).split()
_TRAILING_PHRASES = [
    ("sp", "zoo"),
    ("sa", "de", "cv"),
    ("sab", "de", "cv"),
    ("s", "de", "rl"),
    ("s", "de", "rl", "de", "cv"),
]
_LEADING_FORMS = " ".join(("the pt kabushiki kaisha kk yugen godo gaisha", "ооо оао зао пао ао")).split()
_CONNECTORS = frozenset({"and", "und", "et"})
_CJK_FORMS = sorted(
    " ".join(
        (
            "股份有限公司 有限责任公司 有限責任公司 集团有限公司 集團有限公司",
            "有限公司 股份公司 集团 集團 控股 公司",
            "株式会社 有限会社 合同会社 合資会社 合名会社 주식회사 유한회사 유한책임회사",
        )
    ).split(),
    key=len,
    reverse=True,
)
_CJK_SET = frozenset(_CJK_FORMS)
_CJK_LEADING = ("株式会社", "有限会社", "合同会社", "주식회사")


def _phrases(words: Iterable[str], extra: Iterable[tuple[str, ...]] = ()) -> frozenset[tuple[str, ...]]:
    return frozenset({(w,) for w in words} | set(extra) | {(form,) for form in _CJK_FORMS})


_TRAILING = _phrases(_TRAILING_FORMS, _TRAILING_PHRASES)
_LEADING = _phrases(_LEADING_FORMS, [("kabushiki", "kaisha"), ("yugen", "kaisha"), ("godo", "kaisha")])
_LONGEST = max(len(p) for p in _TRAILING | _LEADING)
_EDGE_WORDS = {False: frozenset(p[0] for p in _LEADING), True: frozenset(p[-1] for p in _TRAILING)}
_FORM_WORDS = frozenset(word for phrase in _TRAILING | _LEADING for word in phrase)
_ALNUM = re.compile(r"[^\W_]")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_PLAIN_KEY = re.compile(r"[a-z0-9]*")  # a key the rule leaves as it is (one ASCII word, no legal form)


def _fold(text: str) -> str:
    """NFKC + case folding + Latin diacritics removed, repeated until stable."""
    if text.isascii():  # all of these are the identity or lower() on ASCII
        return text.lower()
    previous = None
    while text != previous:
        previous = text
        text = unicodedata.normalize("NFKC", text).casefold()
        text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
        text = unicodedata.normalize("NFKC", text)
    return text


def _join_single_letters(words: list[str]) -> list[str]:
    """``s a`` → ``sa``: abbreviations written with dots or spaces become one word."""
    out: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1:
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        out.append(word)
    if run:
        out.append(run)
    return out


def _strip(words: list[str], phrases: frozenset[tuple[str, ...]], *, at_end: bool) -> bool:
    """Remove the longest phrase found at one end, keeping at least one word; True if one was removed."""
    if len(words) < 2 or (words[-1] if at_end else words[0]) not in _EDGE_WORDS[at_end]:
        return False  # no phrase ends (starts) with this word: the usual case, decided in one lookup
    for n in range(min(_LONGEST, len(words) - 1), 0, -1):
        if tuple(words[-n:] if at_end else words[:n]) in phrases:
            if at_end:
                del words[-n:]
            else:
                del words[:n]
            return True
    return False


def _strip_cjk(key: str) -> str:
    if key.isascii():  # every form is CJK or Hangul, so nothing to remove
        return key
    changed = True
    while changed and key not in _CJK_SET:  # a name that is only a legal form keeps it
        changed = False
        for form in _CJK_FORMS:
            if key.endswith(form) and len(key) > len(form):
                key, changed = key[: -len(form)], True
                break
        for form in _CJK_LEADING:
            if key.startswith(form) and len(key) > len(form):
                key, changed = key[len(form) :], True
                break
    return key


def _key_once(name: str) -> str:
    text = _fold(name)
    without_parens = _PARENS.sub(" ", text)
    if _ALNUM.search(without_parens):
        text = without_parens
    text = _APOSTROPHES.sub("", text.replace("&", " and "))
    if text.isascii():
        text = _NOT_ASCII_ALNUM.sub(" ", text)
    else:
        text = "".join(c if c.isalnum() or unicodedata.category(c)[0] == "M" else " " for c in text)
    words = _join_single_letters(text.split())
    changed = True
    while changed:
        if len(words) == 2 and words[0] in _FORM_WORDS and words[1] in _FORM_WORDS:
            # "Yugen Inc.": both words are legal forms somewhere; the name is the first, the form the last
            words.pop()
            break
        changed = _strip(words, _LEADING, at_end=False) or _strip(words, _TRAILING, at_end=True)
        if not changed and len(words) > 1 and words[-1] in _CONNECTORS:
            words.pop()
            changed = True
    return _strip_cjk("".join(words))


@functools.lru_cache(maxsize=65_536)
def family_key(owner_name: str) -> str:
    """The owner-family key of an owner name under the merge rule (module docstring); "" if no letters.

    Idempotent: ``family_key(family_key(x)) == family_key(x)``.
    """
    key = _key_once(owner_name)
    if _PLAIN_KEY.fullmatch(key):  # the usual case: stable already, so skip the second pass
        return key
    for _ in range(8):
        again = _key_once(key)
        if again == key:
            break
        key = again
    return key


class FamilyIndex(Mapping[str, str]):
    """Declared owner families as ``family key → family id`` (names, aliases and ids of the families).

    When two families claim the same key (contradictory declarations), the family whose id is that key
    wins, otherwise the smallest id; :attr:`conflicts` lists them so they can be reported.
    """

    def __init__(self, families: Iterable[OwnerFamily]) -> None:
        claims: dict[str, set[str]] = {}
        for family in families:
            for spelling in (family.id, family.name, *family.aliases):
                key = family_key(spelling)
                if key:
                    claims.setdefault(key, set()).add(family.id)
        self._map: dict[str, str] = {}
        self.conflicts: list[tuple[str, tuple[str, ...]]] = []
        for key, ids in claims.items():
            self._map[key] = key if key in ids else min(ids)
            if len(ids) > 1:
                self.conflicts.append((key, tuple(sorted(ids))))

    def __getitem__(self, key: str) -> str:
        return self._map[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)

    def family_of(self, owner_name: str | None) -> str | None:
        """The family id for an owner name: a declared family if one claims its key, else the key."""
        if not owner_name:
            return None
        key = family_key(owner_name)
        if not key:
            return None
        return self._map.get(key, key)


_last_index: tuple[object, int, FamilyIndex] | None = None


def _as_index(declared: FamilyIndex | Iterable[OwnerFamily] | Mapping[str, str] | None) -> FamilyIndex:
    """Accept a ready index, declared families (e.g. ``store.list_families()``) or an alias mapping.

    The index of the last list passed is reused while the same, unchanged list object is passed again, so
    calling :func:`assign_family` per right with one list stays cheap.
    """
    global _last_index
    if isinstance(declared, FamilyIndex):
        return declared
    if declared is None:
        return FamilyIndex(())
    if isinstance(declared, Mapping):
        return FamilyIndex(OwnerFamily(id=fid, name=alias) for alias, fid in declared.items())
    if (
        _last_index is not None
        and _last_index[0] is declared
        and isinstance(declared, Sequence)
        and _last_index[1] == len(declared)
    ):
        return _last_index[2]
    families = list(declared)
    index = FamilyIndex(families)
    if isinstance(declared, Sequence):
        _last_index = (declared, len(declared), index)
    return index


def assign_family(
    right: Right, declared_aliases: FamilyIndex | Iterable[OwnerFamily] | Mapping[str, str] | None = None
) -> Right:
    """``right`` with ``owner_family`` set: kept if declared on the record, else from the owner name.

    ``declared_aliases``: the declared families (a :class:`FamilyIndex`, a list of :class:`OwnerFamily`,
    or a mapping ``alias → family id``). A right without an owner name keeps ``owner_family`` empty.
    """
    if right.owner_family is not None:
        return right
    family = _as_index(declared_aliases).family_of(right.owner_name)
    if family is None:
        return right
    return dataclasses.replace(right, owner_family=family)


class FamilyService:
    """Owner families backed by a store: declare families, assign them to rights, relink stored rights."""

    def __init__(self, store: RightsStore) -> None:
        self._store = store
        self._index = FamilyIndex(store.list_families())

    @property
    def index(self) -> FamilyIndex:
        return self._index

    def declare(self, families: Sequence[OwnerFamily]) -> UpsertResult:
        """Store declared families and use them for every assignment from now on."""
        result = self._store.upsert_families(families)
        self._index = FamilyIndex(self._store.list_families())
        return result

    def assign(self, rights: Iterable[Right]) -> list[Right]:
        return [assign_family(r, self._index) for r in rights]

    def relink(
        self, *, batch_size: int = 5_000, on_changed: Callable[[Sequence[Right]], None] | None = None
    ) -> int:
        """Move stored rights whose family came from the rule to a family declared later.

        A right counts as rule-assigned when its ``owner_family`` equals its owner name's key; rights that
        declared another family on the record are left alone. Only the keys a declaration sends elsewhere
        are looked at, through the store's family lookup, so relinking after a declaration costs the
        rights concerned, not a pass over the registry. ``on_changed`` sees each stored batch (e.g. to
        keep a search index fresh). Returns the number of rights changed.
        """
        changed: list[Right] = []
        total = 0
        for key, target in sorted(self._index.items()):
            if target == key:
                continue
            for right in self._store.rights_of_family(key):
                if right.owner_name and family_key(right.owner_name) == key:
                    changed.append(dataclasses.replace(right, owner_family=target))
                    if len(changed) >= batch_size:
                        total += self._flush(changed, on_changed)
        return total + self._flush(changed, on_changed)

    def _flush(self, changed: list[Right], on_changed: Callable[[Sequence[Right]], None] | None) -> int:
        if not changed:
            return 0
        result = self._store.upsert_rights(changed)
        if on_changed is not None:
            on_changed(list(changed))
        changed.clear()
        return result.replaced
