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

GoodsRelation = Literal["same", "related", "unrelated", "unspecified"]
_RELATIONS: tuple[str, ...] = ("same", "related", "unrelated", "unspecified")


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

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str) -> RiskPolicy:
        try:
            tiers = {
                r: (float(data["tiers"][r]["high"]), float(data["tiers"][r]["medium"])) for r in _RELATIONS
            }
            return cls(
                report_floor=float(data["report_floor"]),
                corroboration_min=float(data["corroboration"]["min"]),
                corroboration_bonus=float(data["corroboration"]["bonus"]),
                goods_weight={r: float(data["goods_weight"][r]) for r in _RELATIONS},
                tiers=tiers,
                needs_corroboration=frozenset(str(a) for a in data.get("needs_corroboration_for_high", [])),
                source=source,
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
