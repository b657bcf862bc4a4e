"""The one root error of ipwarden.

Every failure a user can cause or fix is an :class:`IpwardenError` (or a subclass per domain). Adapters turn
it into an exit code (CLI) or the single JSON error body (HTTP); nothing else should reach a user as a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ConflictError", "ExitCode", "InputError", "IntegrityError", "IpwardenError", "NotFoundError"]


class ExitCode:
    """Process exit codes, documented in docs/cli.md; stable across releases."""

    OK = 0
    FAILURE = 1  # an unexpected internal error (a bug)
    USAGE = 2  # bad arguments or bad input named by the message
    PARTIAL = 3  # the job finished but some records were rejected (see the rejects file)
    NOT_FOUND = 4
    INTEGRITY = 5  # stored data or evidence failed verification


@dataclass
class IpwardenError(Exception):
    """An error with a message for people: what happened, where, and what to do about it."""

    message: str
    hint: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    code = "error"
    exit_code = ExitCode.FAILURE
    http_status = 500

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def to_dict(self) -> dict[str, Any]:
        """The common JSON error shape used by every HTTP endpoint and ``--json`` output."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            body["hint"] = self.hint
        if self.details:
            body["details"] = self.details
        return {"error": body}


class InputError(IpwardenError):
    """The caller gave something we cannot use: a bad argument, file, record or query."""

    code = "invalid_input"
    exit_code = ExitCode.USAGE
    http_status = 422


class NotFoundError(IpwardenError):
    code = "not_found"
    exit_code = ExitCode.NOT_FOUND
    http_status = 404


class ConflictError(IpwardenError):
    code = "conflict"
    exit_code = ExitCode.USAGE
    http_status = 409


class IntegrityError(IpwardenError):
    """Stored data or evidence does not verify: tampering, corruption or a stale index."""

    code = "integrity"
    exit_code = ExitCode.INTEGRITY
    http_status = 409
