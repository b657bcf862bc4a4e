"""The risk policy: text similarity + goods relation → ranking score and risk tier, from YAML.

The policy is data (``data/risk_policy.yaml``), so an office or a client can change thresholds without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml

from ipwarden.errors import InputError
from ipwarden.registry.nice import goods_heads
from ipwarden.similarity.normalize import normalise
from ipwarden.similarity.resources import lexicon_data, place_words

__all__ = ["GoodsRelation", "RiskPolicy", "RiskTier", "default_policy"]

GoodsRelation = Literal["same", "related", "loosely_related", "unrelated", "unspecified"]
_RELATIONS: tuple[str, ...] = ("same", "related", "unrelated", "unspecified")
#: Optional in a policy file; a file without it treats loosely related classes as related.
_LOOSE = "loosely_related"
_LAST_GOODS_CLASS = 34  # Nice classes 1-34 are goods, 35-45 services


class RiskTier(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class RiskPolicy:
    report_floor: float
    corroboration_min: float
    corroboration_bonus: float
    goods_weight: dict[str, float]
    tiers: dict[str, tuple[float, float]]  # relation → (high, medium) thresholds
    needs_corroboration: frozenset[str]
    source: str = "built-in"
    # Bases of a class relation (registry/data/class-relations.yaml) that can carry a high risk, and the
    # class pairs that case law relates only with "something more" than the classes themselves.
    related_bases_for_high: frozenset[str] | None = None  # None: every basis
    needs_something_more: frozenset[frozenset[int]] = frozenset()
    # Conceptual difference (concepts.py): CC-CEDICT headwords an English word must translate to count as
    # an ordinary word; None turns the rule off.
    concept_min_headwords: int | None = None
    # Weak earlier marks (concepts.py): laudatory words whose only shared presence keeps a hit at medium;
    # None turns the rule off.
    weak_words: frozenset[str] | None = None
    # Short marks (concepts.py): at most this many letters, differing, are high risk only for the same goods;
    # None turns the rule off.
    short_mark_letters: int | None = None
    # Descriptive earlier marks (concepts.py): per Nice class, words that describe the goods or their buyers;
    # None turns the rule off.
    descriptive_words: dict[int, frozenset[str]] | None = None
    # Words that may stand beside descriptive ones in a weak earlier mark (concepts.descriptive_earlier_mark):
    # the laudatory words and, with descriptive_elements.place_names, place names (resources.place_words).
    beside_words: frozenset[str] = frozenset()
    # Common surnames (concepts.py): an earlier mark that is only one of them is weak; None turns it off.
    surnames: frozenset[str] | None = None
    # Retail services (class 35) relate to goods only where the query names those goods; None turns it off.
    retail_classes: frozenset[int] | None = None
    # Openings common in the trade, per Nice class (concepts.shared_descriptive_opening): two one-word marks
    # that share only such an opening are medium at most; None turns the rule off.
    descriptive_prefixes: dict[int, frozenset[str]] | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str) -> RiskPolicy:
        try:
            tiers = {
                r: (float(data["tiers"][r]["high"]), float(data["tiers"][r]["medium"])) for r in _RELATIONS
            }
            weights = {r: float(data["goods_weight"][r]) for r in _RELATIONS}
            loose = data["tiers"].get(_LOOSE)
            tiers[_LOOSE] = (float(loose["high"]), float(loose["medium"])) if loose else tiers["related"]
            weights[_LOOSE] = float(data["goods_weight"].get(_LOOSE, weights["related"]))
            strong = data.get("related_for_high") or {}
            concept = data.get("conceptual_difference") or {}
            weak = data.get("weak_elements") or {}
            short = data.get("short_marks") or {}
            bases = strong.get("bases")
            described = data.get("descriptive_elements") or {}
            surnames = data.get("common_surnames") or {}
            retail = data.get("retail_needs_named_goods") or {}
            openings = data.get("descriptive_prefixes") or {}
            laudatory = (
                frozenset(str(w).casefold() for w in weak["laudatory"])
                if weak.get("enabled", True) and weak
                else None
            )
            places = place_words() if described.get("place_names", False) else frozenset()
            return cls(
                report_floor=float(data["report_floor"]),
                corroboration_min=float(data["corroboration"]["min"]),
                corroboration_bonus=float(data["corroboration"]["bonus"]),
                goods_weight=weights,
                tiers=tiers,
                needs_corroboration=frozenset(str(a) for a in data.get("needs_corroboration_for_high", [])),
                source=source,
                related_bases_for_high=None if bases is None else frozenset(str(b) for b in bases),
                needs_something_more=frozenset(
                    frozenset(int(c) for c in pair) for pair in strong.get("needs_something_more", [])
                ),
                concept_min_headwords=(
                    int(concept["min_headwords"]) if concept.get("enabled", True) and concept else None
                ),
                weak_words=laudatory,
                short_mark_letters=(
                    int(short["max_letters"]) if short.get("enabled", True) and short else None
                ),
                descriptive_words=(
                    _with_goods_heads(
                        _words_by_class(described.get("words") or _builtin_words("descriptive_of_goods")),
                        bool(described.get("nice_heads", False)),
                    )
                    if described.get("enabled", True) and described
                    else None
                ),
                beside_words=(laudatory or frozenset()) | places,
                surnames=(
                    _word_set(surnames.get("words") or _builtin_words("common_surnames"))
                    if surnames.get("enabled", True) and surnames
                    else None
                ),
                retail_classes=(
                    frozenset(int(c) for c in retail["retail_classes"])
                    if retail.get("enabled", True) and retail
                    else None
                ),
                descriptive_prefixes=(
                    _words_by_class(openings.get("words") or _builtin_words("descriptive_prefixes"))
                    if openings.get("enabled", True) and openings
                    else None
                ),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise InputError(
                f"risk policy {source}: missing or invalid field {err}",
                hint="expected report_floor, corroboration {min, bonus}, goods_weight and tiers for "
                "same/related/unrelated/unspecified; see the built-in risk_policy.yaml",
            ) from err

    @classmethod
    def from_file(cls, path: Path) -> RiskPolicy:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            raise InputError(f"cannot read risk policy {path}: {err}") from err
        if not isinstance(data, dict):
            raise InputError(f"risk policy {path}: expected a YAML mapping at the top level")
        return cls.from_mapping(data, str(path))

    def loosely_related(self, a: int, b: int, bases: frozenset[str]) -> bool:
        """Whether related classes ``a`` and ``b`` (related on ``bases``) are too loosely related for high.

        A relation that is only our editorial judgement of trade practice says the same firms often sell
        both; it does not say that a buyer would take one mark for the other, and identical dictionary words
        coexist across such classes (MERCURY cars and outboard engines). Case law that asks for "something
        more" than the classes (In re Coors: beer and restaurants) is not enough by itself either.
        """
        if frozenset((a, b)) in self.needs_something_more or self.retail_of_unnamed_goods(a, b):
            return True
        return self.related_bases_for_high is not None and not bases & self.related_bases_for_high

    def retail_of_unnamed_goods(self, a: int, b: int) -> bool:
        """Whether one class is retail services and the other goods (classes 1-34) the query does not name.

        Retail services are similar only to the goods they sell, so a retail service that does not name its
        goods is similar to no goods (C-418/02 Praktiker Bau; EUIPO Guidelines, Part C, Section 2, Chapter 2,
        retail services). A query that names the goods brings their class in as the same class (In re
        Detroit Athletic Co., 903 F.3d 1297 (Fed. Cir. 2018): clothing retail against clothing).
        """
        if not self.retail_classes:
            return False
        return any(x in self.retail_classes and y <= _LAST_GOODS_CLASS for x, y in ((a, b), (b, a)))

    def weak_cap(self, weak: str | None, relation: GoodsRelation, adds_matter: bool) -> bool:
        """Whether a hit whose similarity has a narrow reach (concepts.py) stays at medium.

        A weak mark (laudatory words) is high risk only against the same mark for the same goods; so are two
        short marks that differ (ASOS, ASSOS): a query that adds its own matter or names other goods is at
        most medium. A query that names no goods is left to the tiers.
        """
        if weak is None or relation == "unspecified":  # no goods named: nothing to narrow the reach by
            return False
        return adds_matter or relation != "same"

    def tier(
        self, text_score: float, relation: GoodsRelation, corroborated: bool, best_aspect: str
    ) -> RiskTier:
        high, medium = self.tiers[relation]
        if text_score >= high and (corroborated or best_aspect not in self.needs_corroboration):
            return RiskTier.HIGH
        if text_score >= medium:
            return RiskTier.MEDIUM
        return RiskTier.LOW


def _word_set(words: Any) -> frozenset[str]:
    if isinstance(words, dict):  # grouped, by language
        words = [w for group in words.values() for w in group]
    return frozenset(normalise(str(w)) for w in words if normalise(str(w)))


def _words_by_class(data: Any) -> dict[int, frozenset[str]]:
    return {int(k): _word_set(v) for k, v in data.items()}


def _with_goods_heads(words: dict[int, frozenset[str]], heads: bool) -> dict[int, frozenset[str]]:
    """The words by class, and where ``heads`` the head nouns of the class's NCL indications."""
    if not heads:
        return words
    nice = goods_heads()
    return {k: words.get(k, frozenset()) | nice.get(k, frozenset()) for k in sorted(set(words) | set(nice))}


@cache
def _builtin_words(section: str) -> Any:
    """A word list of the lexicon's ``weak_elements`` section: a policy file may give its own ``words``.

    The descriptive words by class are those of the section and the lexicon's ``descriptive`` words.
    """
    data = lexicon_data()
    found = data["weak_elements"][section]
    if section != "descriptive_of_goods":
        return found
    merged: dict[int, list[Any]] = {int(k): list(v) for k, v in data["descriptive"].items()}
    for k, v in found.items():
        merged.setdefault(int(k), []).extend(v)
    return merged


@cache
def default_policy() -> RiskPolicy:
    text = files("ipwarden.similarity").joinpath("data", "risk_policy.yaml").read_text(encoding="utf-8")
    return RiskPolicy.from_mapping(yaml.safe_load(text), "ipwarden/similarity/data/risk_policy.yaml")
