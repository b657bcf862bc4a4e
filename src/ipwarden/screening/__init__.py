"""Listing screening: find suspected infringing listings with explained reasons (online, batch, Spark)."""

from ipwarden.screening.config import ScreeningConfig
from ipwarden.screening.factory import build_screener
from ipwarden.screening.models import Decision, Family, Listing, Reason, ScreeningResult, Stage
from ipwarden.screening.services import Screener, ScreeningContext

__all__ = [
    "Decision",
    "Family",
    "Listing",
    "Reason",
    "Screener",
    "ScreeningConfig",
    "ScreeningContext",
    "ScreeningResult",
    "Stage",
    "build_screener",
]
