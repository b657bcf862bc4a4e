"""Listing screening: find suspected infringing listings with explained reasons (online, batch, Spark)."""

from ipwarden.native import guard

guard("screening")  # before the screening modules load: a stale compiled build must never shadow the source

from ipwarden.screening.config import ScreeningConfig  # noqa: E402
from ipwarden.screening.factory import build_screener  # noqa: E402
from ipwarden.screening.models import Decision, Family, Listing, Reason, ScreeningResult, Stage  # noqa: E402
from ipwarden.screening.services import Screener, ScreeningContext  # noqa: E402

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
