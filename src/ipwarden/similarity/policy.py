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

__all__ = ["GoodsRelation", "RiskPolicy", "RiskTier", "default_policy"]

GoodsRelation = Literal["same", "related", "loosely_related", "unrelated", "unspecified"]
_RELATIONS: tuple[str, ...] = ("same", "related", "unrelated", "unspecified")
#: Optional in a policy file; a file without it treats loosely related classes as related.
_LOOSE = "loosely_related"


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
                weak_words=(
                    frozenset(str(w).casefold() for w in weak["laudatory"])
                    if weak.get("enabled", True) and weak
                    else None
                ),
                short_mark_letters=(
                    int(short["max_letters"]) if short.get("enabled", True) and short else None
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
        if frozenset((a, b)) in self.needs_something_more:
            return True
        return self.related_bases_for_high is not None and not bases & self.related_bases_for_high

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


@cache
def default_policy() -> RiskPolicy:
    text = files("ipwarden.similarity").joinpath("data", "risk_policy.yaml").read_text(encoding="utf-8")
    return RiskPolicy.from_mapping(yaml.safe_load(text), "ipwarden/similarity/data/risk_policy.yaml")
