"""RFC 6962 inclusion/consistency and MTC subtree probes from transparency-dev/merkle (testdata/, Apache-2.0)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipwarden.evidence import merkle
from ipwarden.evidence.errors import ProofError

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "vectors"

_DATA = VECTORS / "transparency-dev-merkle" / "testdata"


def _cases(kind: str) -> list[Path]:
    return sorted((_DATA / kind).rglob("*.json"))


def _b(v: str | None) -> bytes:
    return base64.b64decode(v or "")


def _proof(v: list[str] | None) -> list[bytes]:
    return [_b(h) for h in v or []]


def test_vector_counts() -> None:
    assert len(_cases("inclusion")) >= 90
    assert len(_cases("consistency")) >= 90
    total = sum(
        len(_cases(k)) for k in ("inclusion", "consistency", "subtreeinclusion", "subtreeconsistency")
    )
    assert total == len(list(_DATA.rglob("*.json")))  # every probe in the vector set is exercised


@pytest.mark.parametrize("path", _cases("inclusion"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_inclusion_vectors(path: Path) -> None:
    c = json.loads(path.read_text())
    args = (c["leafIdx"], c["treeSize"], _b(c["leafHash"]), _proof(c["proof"]), _b(c["root"]))
    if c["wantErr"]:
        with pytest.raises(ProofError):
            merkle.verify_inclusion(*args)
    else:
        merkle.verify_inclusion(*args)


@pytest.mark.parametrize("path", _cases("consistency"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_consistency_vectors(path: Path) -> None:
    c = json.loads(path.read_text())
    args = (c["size1"], c["size2"], _proof(c["proof"]), _b(c["root1"]), _b(c["root2"]))
    if c["wantErr"]:
        with pytest.raises(ProofError):
            merkle.verify_consistency(*args)
    else:
        merkle.verify_consistency(*args)


@pytest.mark.parametrize("path", _cases("subtreeinclusion"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_subtree_inclusion_vectors(path: Path) -> None:
    c = json.loads(path.read_text())
    args = (c["leafIdx"], c["start"], c["end"], _b(c["leafHash"]), _proof(c["proof"]), _b(c["root"]))
    if c["wantErr"]:
        with pytest.raises(ProofError):
            merkle.verify_subtree_inclusion(*args)
    else:
        merkle.verify_subtree_inclusion(*args)


@pytest.mark.parametrize("path", _cases("subtreeconsistency"), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_subtree_consistency_vectors(path: Path) -> None:
    c = json.loads(path.read_text())
    args = (c["start"], c["end"], c["size"], _proof(c["proof"]), _b(c["root1"]), _b(c["root2"]))
    if c["wantErr"]:
        with pytest.raises(ProofError):
            merkle.verify_subtree_consistency(*args)
    else:
        merkle.verify_subtree_consistency(*args)


def _reference() -> dict[str, object]:
    data = json.loads((VECTORS / "signed_note_vectors.TRANSCRIBED.json").read_text())
    ref: dict[str, object] = data["rfc6962_reference_tree"]
    return ref


def test_reference_roots_and_hasher() -> None:
    ref = _reference()
    leaves = [bytes.fromhex(h) for h in ref["leaf_inputs_hex"]]  # type: ignore[attr-defined]
    hashes = [merkle.leaf_hash(x) for x in leaves]
    for size, want in enumerate(ref["root_by_size_hex"]):  # type: ignore[arg-type]
        assert merkle.root_hash(hashes[:size]).hex() == want
    hasher = ref["hasher"]
    assert merkle.leaf_hash(b"L123456").hex() == hasher["leaf('L123456')"]  # type: ignore[index]
    assert merkle.node_hash(b"N123", b"N456").hex() == hasher["node('N123','N456') (raw bytes, not hashes)"]  # type: ignore[index]


def _reader(hashes: list[bytes]) -> merkle.NodeReader:
    def node(level: int, index: int) -> bytes:
        return merkle.root_hash(hashes[index << level : (index + 1) << level])

    return node


@given(st.integers(1, 300), st.data())
def test_generated_proofs_verify(size: int, data: st.DataObject) -> None:
    hashes = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(size)]
    node = _reader(hashes)
    root = merkle.root_hash(hashes)
    index = data.draw(st.integers(0, size - 1))
    merkle.verify_inclusion(index, size, hashes[index], merkle.inclusion_proof(node, index, size), root)
    size1 = data.draw(st.integers(1, size))
    proof = merkle.consistency_proof(node, size1, size)
    merkle.verify_consistency(size1, size, proof, merkle.root_hash(hashes[:size1]), root)
    if size1 < size:
        with pytest.raises(ProofError):
            merkle.verify_consistency(size1, size, proof, merkle.leaf_hash(b"x"), root)
