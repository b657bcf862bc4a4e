"""Screening errors. A bad listing becomes an error record in the output, never a crash of the batch."""

from __future__ import annotations

from ipwarden.errors import InputError

__all__ = ["ListingError", "ScreeningConfigError"]


class ListingError(InputError):
    """One listing cannot be screened (missing or mistyped field, bad price, unreadable line or image)."""

    code = "invalid_listing"


class ScreeningConfigError(InputError):
    """The screening configuration, lexicon or a context file is wrong; names the file and entry."""

    code = "screening_config"
