"""HTTP endpoints of the evidence ledger through an in-process client."""

from __future__ import annotations

from ipwarden.config import Settings
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.note import open_note
from ipwarden.evidence.tlogproof import TlogProof
from ipwarden.web.app import create_app


def test_add_proof_checkpoint_and_errors() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    client = TestClient(create_app(Settings.from_env()))
    r = client.post(
        "/v1/evidence/items?case=C-1&name=shot.png&source_url=https://x.example/1", content=b"png"
    )
    assert r.status_code == 201 and r.json()["index"] == 0
    r = client.post("/v1/evidence/items?case=C-1&name=two.png", content=b"two")
    assert r.json()["index"] == 1
    proof = TlogProof.from_bytes(client.get("/v1/evidence/items/1/proof").text.encode())
    assert proof.index == 1 and len(proof.proof) == 1
    cp = Checkpoint.from_text(open_note(client.get("/v1/evidence/checkpoint").text.encode())[0])
    assert cp.size == 2
    assert client.get("/v1/evidence/items/0").json()["source_url"] == "https://x.example/1"
    r = client.get("/v1/evidence/items/9/proof")
    assert r.status_code == 404 and r.json()["error"]["code"] == "evidence_not_found"
    r = client.post("/v1/evidence/items?case=C-1&name=empty.png", content=b"")
    assert r.status_code == 422 and "empty" in r.json()["error"]["message"]
    assert client.post("/v1/evidence/items?name=x", content=b"x").status_code == 422
