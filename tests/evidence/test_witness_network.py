"""Real witness servers on 127.0.0.1: the log collects cosignatures, a 2-of-3 policy decides, forks are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipwarden.evidence.bundle import export_bundle
from ipwarden.evidence.errors import SignatureError
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.services import EvidenceService
from ipwarden.evidence.verify import verify_bundle


class WitnessProcess:
    def __init__(self, tmp: Path, name: str, log_vkey: str) -> None:
        env = dict(os.environ, IPWARDEN_HOME=str(tmp / name))
        self.name = name
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ipwarden",
                "witness",
                "serve",
                "--log",
                log_vkey,
                "--name",
                name,
                "--port",
                "0",
                "--key-dir",
                str(tmp / name / "keys"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )

    def wait_ready(self) -> None:
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()
        if "listening on" not in first:
            self.proc.kill()
            raise AssertionError(
                f"witness did not start: {first!r} {self.proc.stderr.read() if self.proc.stderr else ''}"
            )
        self.url = first.rsplit(" ", 1)[1].strip()
        self.vkey = self.proc.stdout.readline().split(" ", 1)[1].strip()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


@pytest.fixture
def service(tmp_path: Path) -> EvidenceService:
    return EvidenceService(tmp_path / "evidence", KeyDir(tmp_path / "keys"))


@pytest.fixture
def witnesses(tmp_path: Path, service: EvidenceService) -> Iterator[list[WitnessProcess]]:
    log_vkey = service.ensure_key().vkey
    procs = [WitnessProcess(tmp_path, f"w{i}.example", log_vkey) for i in range(3)]
    for p in procs:  # started together, so the three interpreters load in parallel
        p.wait_ready()
    lines = [f"witness W{i} {p.vkey} {p.url}" for i, p in enumerate(procs)]
    (service.root / "policy").write_text(
        "\n".join([*lines, "group two-of-three 2 W0 W1 W2", "quorum two-of-three"]) + "\n"
    )
    yield procs
    for p in procs:
        if p.proc.poll() is None:
            p.stop()


def test_quorum_bundle_and_witness_outage(
    tmp_path: Path, service: EvidenceService, witnesses: list[WitnessProcess]
) -> None:
    f = tmp_path / "capture.png"
    f.write_bytes(b"\x89PNG fake capture")
    service.add_files([f], "CASE-1")
    report = service.cosign()
    assert report.results == {"W0": "cosigned", "W1": "cosigned", "W2": "cosigned"} and report.quorum_met
    service.add_files([f], "CASE-1", note="second capture")
    witnesses[0].stop()
    report = service.cosign()  # consistency proof from size 1 to 2 goes to the two live witnesses
    assert report.results["W1"] == report.results["W2"] == "cosigned"
    assert report.results["W0"].startswith("unreachable") and report.quorum_met
    out = export_bundle(service, [0, 1], tmp_path / "bundle.zip")
    result = verify_bundle(out)
    assert set(result.witnesses) == {"W1", "W2"} and result.size == 2
    witnesses[1].stop()
    service.add_files([f], "CASE-1", note="third")
    report = service.cosign()
    assert not report.quorum_met
    # Item 2 is not covered by the witnessed checkpoint: its bundle carries only the log's signature.
    with pytest.raises(SignatureError, match="quorum"):
        verify_bundle(export_bundle(service, [2], tmp_path / "b2.zip"))


def test_witness_refuses_a_rewritten_log(
    tmp_path: Path, service: EvidenceService, witnesses: list[WitnessProcess]
) -> None:
    service.add_files([("a.txt", b"original a"), ("b.txt", b"original b")], "CASE-2")
    assert service.cosign().quorum_met
    # Same key, different history: somebody rebuilt the log with a changed second item.
    fork = EvidenceService(tmp_path / "forged", service.keys)
    (fork.root).mkdir(parents=True, exist_ok=True)
    (fork.root / "policy").write_text((service.root / "policy").read_text())
    fork.add_files([("a.txt", b"original a"), ("b.txt", b"CHANGED b"), ("c.txt", b"c")], "CASE-2")
    report = fork.cosign()
    assert not report.quorum_met
    for res in report.results.values():
        assert res.startswith("refused (422)") and "not consistent" in res
