"""Storage errors: each names the database (never its password) and says what to do."""

from __future__ import annotations

from ipwarden.errors import ExitCode, InputError, IpwardenError

__all__ = ["DatabaseUnavailableError", "DatabaseUrlError", "DatabaseVersionError"]


class DatabaseUrlError(InputError):
    """The database URL cannot be used: malformed, an unsupported database, or a path we cannot create."""

    code = "database_url"


class DatabaseUnavailableError(IpwardenError):
    """The database server cannot be reached or refused us (down, wrong host/port/user, missing database)."""

    code = "database_unavailable"
    exit_code = ExitCode.USAGE
    http_status = 503


class DatabaseVersionError(IpwardenError):
    """The database was written by a newer ipwarden (its schema revision is unknown to this version)."""

    code = "database_version"
    exit_code = ExitCode.USAGE
    http_status = 500
