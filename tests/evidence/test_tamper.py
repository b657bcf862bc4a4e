"""Any single flipped byte in a stored file, entry, tile or checkpoint is found by audit; in a bundle, by verify."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ipwarden.errors import IpwardenError
from ipwarden.evidence.audit import audit
from ipwarden.evidence.bundle import export_bundle
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.services import EvidenceService
from ipwarden.evidence.verify import verify_bundle


@pytest.fixture
def service(tmp_path: Path) -> EvidenceService:
    svc = EvidenceService(tmp_path / "evidence", KeyDir(tmp_path / "keys"))
    svc.add_files([("shot1.png", b"screenshot one"), ("page.html", b"<p>fake NIKE</p>")], "C-7", note="n")
    svc.add_files([("shot2.png", b"screenshot two")], "C-7", source_url="https://m.example/1")
    svc.record_decision("C-7", "takedown", [0, 2])
    return svc


def _stored(svc: EvidenceService) -> list[Path]:
    files = [p for p in svc.root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return sorted(p for p in files if p.name not in ("policy", "witness-sizes.json"))


def test_clean_log_audits_clean(service: EvidenceService) -> None:
    assert audit(service) == (4, [])


def test_every_flipped_byte_is_detected(service: EvidenceService) -> None:
    paths = _stored(service)
    kinds = {("files" if "files" in p.parts else p.relative_to(service.root / "log").parts[0]) for p in paths}
    assert kinds == {"files", "tile", "checkpoint"}
    checked = 0
    for path in paths:
        original = path.read_bytes()
        for pos in range(len(original)):
            for mask in (0x01 if pos % 2 else 0x80,):  # low and high bits, alternately
                damaged = bytearray(original)
                damaged[pos] ^= mask
                path.write_bytes(bytes(damaged))
                try:
                    _, findings = audit(service)
                except IpwardenError:
                    findings = ["raised"]  # type: ignore[list-item]
                assert findings, f"flip of bit {mask:#x} at byte {pos} of {path} went unnoticed"
                checked += 1
        path.write_bytes(original)
    assert checked > 800
    assert audit(service) == (4, [])


def test_findings_name_the_damaged_part(service: EvidenceService) -> None:
    item = service.file_path(service.show(1)["file"]["sha256"])
    item.write_bytes(b"<p>genuine</p>")
    tile = next((service.root / "log" / "tile" / "0").rglob("4"))
    raw = bytearray(tile.read_bytes())
    raw[40] ^= 1  # second hash: entry 1
    tile.write_bytes(bytes(raw))
    _, findings = audit(service)
    text = [str(f) for f in findings]
    assert any(t.startswith("item 1:") and "page.html" in t and "altered" in t for t in text)
    assert any("tile/0/000.p/4" in t and "entry 1" in t for t in text)


def test_every_flipped_byte_in_a_bundle_fails_verification(service: EvidenceService, tmp_path: Path) -> None:
    bundle = export_bundle(service, service.case_entries("C-7"), tmp_path / "b.zip")
    verify_bundle(bundle)
    with zipfile.ZipFile(bundle) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    evidence = [n for n in members if n != "README.txt"]
    checked = 0
    for name in evidence:
        data = members[name]
        for pos in range(0, len(data), max(1, len(data) // 40)):
            damaged = bytearray(data)
            damaged[pos] ^= 0x04
            rebuilt = tmp_path / "t.zip"
            with zipfile.ZipFile(rebuilt, "w") as zf:  # a consistent zip: only the content lies
                for n, d in members.items():
                    zf.writestr(n, bytes(damaged) if n == name else d)
            with pytest.raises(IpwardenError):
                verify_bundle(rebuilt)
                pytest.fail(
                    f"flip at byte {pos} of {name} went unnoticed: {bytes(damaged)[max(0, pos - 20) : pos + 20]!r}"
                )
            checked += 1
    assert checked > 100
