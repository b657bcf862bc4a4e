"""Kill -9 during appends loses no acknowledged entry and shows no partial one; processes append concurrently."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ipwarden.evidence.audit import audit
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.services import EvidenceService

WRITER = """
import sys
from pathlib import Path
from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.services import EvidenceService
root, tag, batches, per = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
svc = EvidenceService(root / "evidence", KeyDir(root / "keys"))
for b in range(batches):
    files = [(f"{tag}-{b}-{i}.txt", f"{tag} {b} {i}".encode()) for i in range(per)]
    receipts = svc.add_files(files, "CASE", note=f"{tag}-{b}")
    print(receipts[0].index, len(receipts), tag, b, flush=True)
"""


def _writer(root: Path, tag: str, batches: int, per: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), tag, str(batches), str(per)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _service(root: Path) -> EvidenceService:
    return EvidenceService(root / "evidence", KeyDir(root / "keys"))


def test_kill_9_mid_stream(tmp_path: Path) -> None:
    _service(tmp_path).ensure_key()
    acked: dict[int, str] = {}
    for round_ in range(2):
        proc = _writer(tmp_path, f"r{round_}", 10_000, 40)
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        lines = 0
        while lines < 5 + 3 * round_ and time.monotonic() < deadline:
            line = proc.stdout.readline()
            first, count, tag, batch = line.split()
            for i in range(int(count)):
                acked[int(first) + i] = f"{tag}-{batch}"
            lines += 1
        time.sleep(0.003 * round_)  # land the kill at different points of a commit
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        for line in proc.stdout:  # acknowledged just before the kill
            first, count, tag, batch = line.split()
            for i in range(int(count)):
                acked[int(first) + i] = f"{tag}-{batch}"
        proc.stdout.close()
        assert proc.stderr is not None
        proc.stderr.close()
        svc = _service(tmp_path)
        with svc.storage.lock():
            state = svc.log.recover()
        assert state.size >= max(acked) + 1
        assert state.size % 40 == 0  # whole batches only: no partial batch is visible
        for index, note in acked.items():
            assert svc.show(index)["note"] == note
        size, findings = audit(svc)
        assert findings == [] and size == state.size
    receipts = _service(tmp_path).add_files([("after.txt", b"after restart")], "CASE")
    assert receipts[0].index == _service(tmp_path).state().size - 1


def test_concurrent_processes_get_distinct_contiguous_indexes(tmp_path: Path) -> None:
    _service(tmp_path).ensure_key()
    procs = [_writer(tmp_path, f"p{k}", 15, 4) for k in range(4)]
    for p in procs:
        _out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    svc = _service(tmp_path)
    size = svc.state().size
    assert size == 4 * 15 * 4
    seen = set()
    for i in range(size):
        name = svc.show(i)["file"]["name"]
        assert name not in seen
        seen.add(name)
    assert seen == {f"p{k}-{b}-{i}.txt" for k in range(4) for b in range(15) for i in range(4)}
    assert audit(svc) == (size, [])
    assert json.loads(json.dumps(svc.show(0)))["case"] == "CASE"
