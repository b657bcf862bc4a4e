"""RFC 3161 timestamp verification on trailofbits/rfc3161-client fixtures (test/fixtures, Apache-2.0)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ipwarden.evidence.errors import SignatureError
from ipwarden.evidence.timestamp import timestamp_request, verify_timestamp

FIXTURES = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "vectors"
    / "trailofbits-rfc3161-client"
    / "test"
    / "fixtures"
)
SIGSTAGE = FIXTURES / "sigstage"


@pytest.mark.parametrize("name", ["response-sha256.tsr", "response-sha384.tsr", "response-sha512.tsr"])
def test_valid_sigstage_responses_verify(name: str) -> None:
    info = verify_timestamp(
        (SIGSTAGE / name).read_bytes(), b"hello", (SIGSTAGE / "ts_chain.pem").read_bytes()
    )
    assert datetime(2025, 5, 9, tzinfo=UTC) <= info.time.astimezone(UTC) < datetime(2025, 5, 10, tzinfo=UTC)


def test_test_tsa_response_verifies() -> None:
    d = FIXTURES / "test_tsa"
    info = verify_timestamp((d / "response.tsr").read_bytes(), b"hello", (d / "ts_chain.pem").read_bytes())
    assert info.time.year == 2024


@pytest.mark.parametrize("name", ["response-invalid-signature.tsr", "response-no-embedded-cert.tsr"])
def test_invalid_responses_fail(name: str) -> None:
    with pytest.raises(SignatureError):
        verify_timestamp((SIGSTAGE / name).read_bytes(), b"hello", (SIGSTAGE / "ts_chain.pem").read_bytes())


def test_wrong_message_fails() -> None:
    with pytest.raises(SignatureError):
        verify_timestamp(
            (SIGSTAGE / "response-sha256.tsr").read_bytes(),
            b"hellO",
            (SIGSTAGE / "ts_chain.pem").read_bytes(),
        )


def test_request_is_der() -> None:
    der = timestamp_request(b"checkpoint text")
    assert der[0] == 0x30 and len(der) > 40


def test_bundle_timestamp_is_checked(tmp_path: Path) -> None:
    """A token that does not cover the bundle's checkpoint makes verification fail."""
    import zipfile

    from ipwarden.evidence.bundle import export_bundle
    from ipwarden.evidence.keys import KeyDir
    from ipwarden.evidence.services import EvidenceService
    from ipwarden.evidence.verify import verify_bundle

    svc = EvidenceService(tmp_path / "ev", KeyDir(tmp_path / "keys"))
    svc.add_files([("a.txt", b"a")], "C")
    good = export_bundle(svc, [0], tmp_path / "b.zip")
    assert verify_bundle(good).timestamp is None
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, src.read(name))
        dst.writestr("timestamp.tsr", (SIGSTAGE / "response-sha256.tsr").read_bytes())  # over "hello"
        dst.writestr("tsa-chain.pem", (SIGSTAGE / "ts_chain.pem").read_bytes())
    with pytest.raises(SignatureError, match="RFC 3161"):
        verify_bundle(forged)
