"""Optional RFC 3161 trusted timestamps over cosigned checkpoints.

A time-stamping authority (TSA) signs the SHA-256 of the cosigned checkpoint, giving a third time source
beside the witnesses' cosignature times. Parsing and verification use the ``rfc3161-client`` package
(imported on use, so the ledger works without it); the TSA's certificate chain is the trust anchor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ipwarden.evidence.errors import FormatError, SignatureError

__all__ = ["TimestampInfo", "request_timestamp", "timestamp_request", "verify_timestamp"]


@dataclass(frozen=True, slots=True)
class TimestampInfo:
    time: datetime
    serial: int
    policy: str


def _lib() -> Any:
    try:
        import rfc3161_client
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise FormatError(
            "RFC 3161 timestamps need the 'rfc3161-client' package", hint="pip install rfc3161-client"
        ) from exc
    return rfc3161_client


def timestamp_request(message: bytes) -> bytes:
    """DER TimeStampReq for SHA-256(message), asking the TSA to embed its certificate."""
    lib = _lib()
    req = lib.TimestampRequestBuilder().data(message).cert_request().build()
    der: bytes = req.as_bytes()
    return der


def request_timestamp(url: str, message: bytes, timeout: float = 20.0) -> bytes:
    """Ask the TSA at ``url`` for a timestamp over ``message``; returns the DER TimeStampResp."""
    import httpx

    resp = httpx.post(
        url,
        content=timestamp_request(message),
        headers={"Content-Type": "application/timestamp-query"},
        timeout=timeout,
    )
    if resp.status_code != 200:
        raise SignatureError(f"time-stamping authority {url} answered HTTP {resp.status_code}")
    return resp.content


def verify_timestamp(response: bytes, message: bytes, chain_pem: bytes) -> TimestampInfo:
    """Verify a TimeStampResp over ``message`` against the TSA chain; raises :class:`SignatureError`."""
    from cryptography import x509

    lib = _lib()
    try:
        certs = x509.load_pem_x509_certificates(chain_pem)
    except ValueError as exc:
        raise FormatError("the TSA certificate chain is not a PEM file") from exc
    try:
        tsr = lib.decode_timestamp_response(response)
    except ValueError as exc:
        raise FormatError("the timestamp response is not a DER TimeStampResp") from exc
    builder = lib.VerifierBuilder()
    for cert in certs:
        if cert.subject == cert.issuer:
            builder = builder.add_root_certificate(cert)
        else:
            builder = builder.add_intermediate_certificate(cert)
    try:
        builder.build().verify_message(tsr, message)
    except lib.VerificationError as exc:
        raise SignatureError(f"the RFC 3161 timestamp does not verify: {str(exc)[:200]}") from exc
    info = tsr.tst_info
    return TimestampInfo(info.gen_time, int(info.serial_number), info.policy.dotted_string)
