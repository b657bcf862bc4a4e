"""Screening configuration: weights, thresholds and limits from YAML (default.yaml, overridable per run)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ipwarden.screening.errors import ScreeningConfigError
from ipwarden.similarity.normalize import normalise

__all__ = ["ScreeningConfig", "category_classes"]


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _default_text() -> str:
    return resources.files("ipwarden.screening").joinpath("default.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class ScreeningConfig:
    """Validated settings; ``raw`` keeps the merged YAML so it can be serialised for Spark executors."""

    raw: Mapping[str, Any]
    where: str = "default.yaml"

    @classmethod
    def load(cls, path: Path | None = None, overrides: Mapping[str, Any] | None = None) -> ScreeningConfig:
        data: dict[str, Any] = yaml.safe_load(_default_text())
        where = "default.yaml"
        if path is not None:
            try:
                user = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as err:
                raise ScreeningConfigError(f"{path}: cannot read the screening configuration: {err}") from err
            if not isinstance(user, Mapping):
                raise ScreeningConfigError(f"{path}: expected a YAML mapping like default.yaml")
            data = _merge(data, user)
            where = str(path)
        if overrides:
            data = _merge(data, overrides)
        config = cls(raw=data, where=where)
        config.validate()
        return config

    def validate(self) -> None:
        review, block = self.threshold("review"), self.threshold("block")
        if not 0 < review <= block <= 1:
            raise ScreeningConfigError(
                f"{self.where}: thresholds must satisfy 0 < review <= block <= 1 (got {review}, {block})"
            )
        for name, value in self.raw.get("weights", {}).items():
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ScreeningConfigError(f"{self.where}: weights.{name} must be a number in [0, 1]")

    @property
    def version(self) -> str:
        return str(self.raw.get("version", "rules/unversioned"))

    def threshold(self, name: str) -> float:
        try:
            return float(self.raw["thresholds"][name])
        except (KeyError, TypeError, ValueError):
            raise ScreeningConfigError(
                f"{self.where}: thresholds.{name} is missing or not a number"
            ) from None

    def weight(self, signal: str) -> float:
        value = self.raw.get("weights", {}).get(signal)
        if value is None:
            raise ScreeningConfigError(f"{self.where}: weights.{signal} is missing", hint="see default.yaml")
        return float(value)

    def get(self, section: str, name: str) -> float:
        try:
            return float(self.raw[section][name])
        except (KeyError, TypeError, ValueError):
            raise ScreeningConfigError(f"{self.where}: {section}.{name} is missing or not a number") from None


@cache
def _categories() -> dict[str, frozenset[int]]:
    text = resources.files("ipwarden.screening").joinpath("categories.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    return {normalise(str(k)): frozenset(int(c) for c in v) for k, v in data.items()}


def category_classes(category: str | None) -> frozenset[int]:
    """Nice classes a listing category points at (empty when unknown)."""
    if not category:
        return frozenset()
    table = _categories()
    found: set[int] = set()
    for word in normalise(category).split():
        found |= table.get(word, frozenset())
    return frozenset(found)
