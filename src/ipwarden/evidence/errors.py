"""Errors of the evidence ledger. Each names what failed and what to do about it."""

from __future__ import annotations

from ipwarden.errors import ConflictError, InputError, IntegrityError, NotFoundError

__all__ = [
    "EvidenceNotFoundError",
    "FormatError",
    "LogConflictError",
    "ProofError",
    "SignatureError",
    "TamperError",
]


class ProofError(IntegrityError):
    """A Merkle inclusion or consistency proof does not verify."""

    code = "proof_invalid"


class SignatureError(IntegrityError):
    """A signed note, checkpoint or cosignature does not verify against the trusted keys."""

    code = "signature_invalid"


class TamperError(IntegrityError):
    """Stored evidence was altered: a file, entry, tile or checkpoint no longer matches."""

    code = "tampered"


class FormatError(InputError):
    """Text that should be a note, checkpoint, key, policy or proof is malformed."""

    code = "invalid_format"


class EvidenceNotFoundError(NotFoundError):
    code = "evidence_not_found"


class LogConflictError(ConflictError):
    """A checkpoint conflicts with one seen before (a forked or rewritten log)."""

    code = "log_conflict"
