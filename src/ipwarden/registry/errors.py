"""Registry errors: every one names the file, record and field so the user can fix the input."""

from __future__ import annotations

from ipwarden.errors import InputError, NotFoundError

__all__ = ["ImportFileError", "RightNotFoundError", "UnknownFormatError"]


class ImportFileError(InputError):
    """A whole file cannot be imported (truncated, not XML, not UTF-8); nothing from it was stored."""

    code = "import_file_error"


class UnknownFormatError(InputError):
    code = "unknown_format"


class RightNotFoundError(NotFoundError):
    code = "right_not_found"
