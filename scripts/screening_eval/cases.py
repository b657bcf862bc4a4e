"""All case generators in one class: ``getattr(cases, name)(split, i)`` writes one listing."""

from __future__ import annotations

from screening_eval.gi_cases import GiCases
from screening_eval.negatives import NegativeCases
from screening_eval.positives import PositiveCases
from screening_eval.staydown import StayDownCases

__all__ = ["Cases"]


class Cases(PositiveCases, GiCases, StayDownCases, NegativeCases):
    """One generator per case type; each call writes one labelled listing into the context."""
