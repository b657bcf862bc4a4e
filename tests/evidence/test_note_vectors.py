"""Signed-note, checkpoint and cosignature vectors (Go's note package, C2SP, sum.golang.org, sigsum)
and the complete 15-entry tiled log of transparency-dev/tessera (testdata/log, Apache-2.0)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from ipwarden.evidence import merkle, note
from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.errors import FormatError, SignatureError
from ipwarden.evidence.tiles import TileReader, decode_bundle, entries_path, index_path, tile_path

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "vectors"
TESSERA = VECTORS / "transparency-dev-tessera" / "testdata" / "log"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / "signed_note_vectors.TRANSCRIBED.json").read_text())
    return data


@pytest.mark.parametrize("case", _data()["notes"], ids=lambda c: c["id"])
def test_signed_note_vectors(case: dict[str, Any]) -> None:
    ver = note.parse_vkey(case["vkey"])
    assert ver.vkey == case["vkey"]
    msg = case["note"].encode()
    if case["valid"]:
        result = note.verify_note(msg, [ver])
        assert case["vkey"] in result.verified
    else:
        with pytest.raises(SignatureError):
            note.verify_note(msg, [ver])


@pytest.mark.parametrize("case", _data()["resign"], ids=lambda c: c["id"])
def test_resign_byte_for_byte(case: dict[str, Any]) -> None:
    alg = note.ALG_COSIGNATURE_V1 if case["kind"] == "cosignature/v1" else note.ALG_ED25519
    signer = note.Signer(case["name"], bytes.fromhex(case["seed_hex"]), alg)
    sig = signer.sign(case["text"].encode(), case.get("timestamp"))
    blob = signer.verifier.key_id + sig
    assert base64.b64encode(blob).decode() == case["expect_sig_b64"]
    signed = note.sign_note(case["text"].encode(), [signer], case.get("timestamp"))
    assert signer.verifier.vkey in note.verify_note(signed, [signer.verifier]).verified


def test_go_skey_roundtrip() -> None:
    signer = note.parse_skey("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
    assert signer.verifier.vkey == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    data = _data()
    tessera = note.parse_skey(data["tessera_testdata_skey_TEST_ONLY"])
    assert tessera.verifier.vkey == data["tessera_testdata_vkey"]
    assert tessera.skey == data["tessera_testdata_skey_TEST_ONLY"]


def test_cosignature_timestamp_and_gosumdb_leaf() -> None:
    data = {c["id"]: c for c in _data()["other_hash_checks"]}
    blob = base64.b64decode(data["formats-cosigv1-timestamp"]["sig_b64"])
    assert int.from_bytes(blob[4:12], "big") == data["formats-cosigv1-timestamp"]["timestamp"]
    cp = Checkpoint.from_text(data["gosumdb-tlog-FormatTree"]["note_text"].encode())
    assert cp.size == 123456789012
    assert cp.root == merkle.leaf_hash(b"hello world")


def test_sum_golang_org_checkpoint_parses() -> None:
    case = next(c for c in _data()["notes"] if c["id"].startswith("sum.golang.org"))
    text = note.verify_note(case["note"].encode(), [note.parse_vkey(case["vkey"])]).text
    cp = Checkpoint.from_text(text)
    assert (cp.origin, cp.size) == ("go.sum database tree", 30055305)
    assert cp.to_text() == text


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "a\n",
        "a\n1\n",
        "a\n01\nAAAA\n",
        "a\n1\nAAAA\n",
        "\n1\n" + "A" * 43 + "=\n",
        "a\n-1\n" + "A" * 43 + "=\n",
    ],
)
def test_checkpoint_parser_is_strict(bad: str) -> None:
    with pytest.raises(FormatError):
        Checkpoint.from_text(bad.encode())


def test_bad_vkeys_are_rejected() -> None:
    good = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    for bad in [good.replace("c74f20a3", "c74f20a4"), good[:-2], "Peter Neumann+c74f20a3+AR", good + "+x"]:
        with pytest.raises(FormatError):
            note.parse_vkey(bad)


def test_tile_index_paths() -> None:
    assert index_path(1234067) == "x001/x234/067"
    assert index_path(0) == "000"
    assert tile_path(0, 0, 15) == "tile/0/000.p/15"
    assert tile_path(1, 1000) == "tile/1/x001/000"
    assert entries_path(3, 2) == "tile/entries/003.p/2"


def _tessera_fetch(path: str) -> bytes | None:
    p = TESSERA / path
    return p.read_bytes() if p.is_file() else None


def test_tessera_log_every_checkpoint_tile_and_bundle() -> None:
    data = _data()
    signer = note.parse_skey(data["tessera_testdata_skey_TEST_ONLY"])
    ver = signer.verifier
    entries = decode_bundle((TESSERA / "tile/entries/000.p/15").read_bytes())
    assert entries[:3] == [b"one", b"two", b"three"]
    assert len(entries) == 15
    hashes = [merkle.leaf_hash(e) for e in entries]
    for size in range(16):
        path = TESSERA / f"checkpoint.{size}"
        raw = path.read_bytes()
        cp = Checkpoint.from_text(note.verify_note(raw, [ver]).text)
        assert cp.size == size and cp.origin == "example.com/log/testdata"
        assert cp.root == merkle.root_hash(hashes[:size])
        # Re-signing with the published test key reproduces the checkpoint byte for byte (Ed25519 is
        # deterministic).
        assert note.sign_note(cp.to_text(), [signer]) == raw
        if size == 0:
            continue
        assert decode_bundle((TESSERA / f"tile/entries/000.p/{size}").read_bytes()) == entries[:size]
        tile = (TESSERA / f"tile/0/000.p/{size}").read_bytes()
        assert tile == b"".join(hashes[:size])
        reader = TileReader(_tessera_fetch, size)
        for i in range(size):
            proof = merkle.inclusion_proof(reader.node, i, size)
            merkle.verify_inclusion(i, size, hashes[i], proof, cp.root)
        for old in range(1, size + 1):
            proof = merkle.consistency_proof(reader.node, old, size)
            merkle.verify_consistency(old, size, proof, merkle.root_hash(hashes[:old]), cp.root)
    assert (TESSERA / "checkpoint").read_bytes() == (TESSERA / "checkpoint.15").read_bytes()
