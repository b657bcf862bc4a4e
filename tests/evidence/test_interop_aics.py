"""Our checkpoints, cosignatures, proofs and tiles verified by an independent implementation.

``aics-tlog`` (PyPI, needs Python >= 3.12) runs in its own virtual environment ``.venv-interop`` that the
test creates on first use (pip install at setup time; later runs reuse it).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path

import pytest

from ipwarden.evidence.keys import KeyDir
from ipwarden.evidence.note import ALG_COSIGNATURE_V1, Signer
from ipwarden.evidence.services import EvidenceService
from ipwarden.evidence.witness import MemoryWitnessState, Witness

pytestmark = pytest.mark.interop

AICS_VERSION = "0.2.1"
REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venv-interop"
PY312 = os.environ.get("IPWARDEN_PY312", "/root/.pyenv/versions/3.12.1/bin/python3.12")

CHECKER = r"""
import base64, json, sys
import aics_tlog as a
req = json.load(sys.stdin)
b = base64.b64decode
out = {"version": a.__version__}
log_key = a.parse_vkey(req["log_vkey"])
wkeys = [a.parse_vkey(v) for v in req["witness_vkeys"]]
note = a.parse_note(req["note"])
res = a.verify_checkpoint(note, log_key, wkeys, req["quorum"], expected_origin=req["origin"])
out["checkpoint_ok"], out["cosignatures"], out["error"] = res.ok, res.cosignature_count, res.error
size, root = res.size, res.root
reader = a.FileSystemTileReader(req["log_dir"])
out["tiles_root_ok"] = a.tree_root_from_tiles(reader, size) == root
out["audit"] = str(a.audit_tiles(reader, size, root))
incl = []
for item in req["items"]:
    i = item["index"]
    entry = a.read_entry(reader, i, size)
    theirs = a.inclusion_proof_from_tiles(reader, i, size)
    ours = [b(h) for h in item["proof"]]
    incl.append(entry == b(item["entry"]) and theirs == ours and a.verify_leaf_inclusion(entry, i, size, ours, root))
out["inclusion_ok"] = incl
cons = []
for c in req["consistency"]:
    ours = [b(h) for h in c["proof"]]
    theirs = a.consistency_proof_from_tiles(reader, c["old"], size)
    cons.append(theirs == ours and a.verify_consistency(c["old"], size, b(c["old_root"]), root, ours))
out["consistency_ok"] = cons
print(json.dumps(out))
"""


def _interop_python() -> Path:
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", f"import aics_tlog; assert aics_tlog.__version__ == '{AICS_VERSION}'"]
    if python.exists() and subprocess.run(probe, check=False, capture_output=True).returncode == 0:
        return python
    if not Path(PY312).exists():
        pytest.fail(f"Python 3.12 not found at {PY312}; set IPWARDEN_PY312 to a Python >= 3.12")
    subprocess.run([PY312, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", f"aics-tlog=={AICS_VERSION}"], check=True)
    return python


def test_aics_tlog_verifies_our_log(tmp_path: Path) -> None:
    python = _interop_python()
    svc = EvidenceService(tmp_path / "evidence", KeyDir(tmp_path / "keys"))
    log_vkey = svc.ensure_key()
    sizes: list[tuple[int, bytes]] = []
    for batch in (1, 2, 300, 17, 1):
        svc.add_files([(f"f{i}.txt", f"file {len(sizes)} {i}".encode()) for i in range(batch)], "CASE-I")
        st = svc.state()
        sizes.append((st.size, st.root))
    st = svc.state()
    witnesses = [Signer(f"w{i}.example", bytes([0x40 + i]) * 32, ALG_COSIGNATURE_V1) for i in range(2)]
    cosigs = b""
    for w in witnesses:
        reply = Witness(w, {svc.origin: [log_vkey]}, MemoryWitnessState()).add_checkpoint(
            b"old 0\n\n" + st.note
        )
        assert reply.status == 200
        cosigs += reply.body
    items = []
    for index in (0, 1, 2, 255, 256, st.size - 1):
        proof = svc.proof(index, st.note)
        items.append(
            {
                "index": index,
                "entry": base64.b64encode(svc.log.entry(index)).decode(),
                "proof": [base64.b64encode(h).decode() for h in proof.proof],
            }
        )
    consistency = [
        {
            "old": size,
            "old_root": base64.b64encode(root).decode(),
            "proof": [base64.b64encode(h).decode() for h in svc.log.consistency_proof(size, st.size)],
        }
        for size, root in sizes[:-1]
    ]
    request = {
        "log_vkey": log_vkey.vkey,
        "origin": svc.origin,
        "note": (st.note + cosigs).decode(),
        "witness_vkeys": [w.verifier.vkey for w in witnesses],
        "quorum": 2,
        "log_dir": str(svc.root / "log"),
        "items": items,
        "consistency": consistency,
    }
    run = subprocess.run(
        [str(python), "-c", CHECKER], check=False, input=json.dumps(request), capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["version"] == AICS_VERSION
    assert out["checkpoint_ok"] and out["cosignatures"] == 2, out["error"]
    assert out["tiles_root_ok"] and "size=321" in out["audit"]
    assert out["inclusion_ok"] == [True] * len(items)
    assert out["consistency_ok"] == [True] * len(consistency)
