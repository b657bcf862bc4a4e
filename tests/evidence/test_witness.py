"""The witness protocol logic (c2sp.org/tlog-witness): cosign consistent checkpoints, refuse forks."""

from __future__ import annotations

import base64

from ipwarden.evidence import merkle
from ipwarden.evidence.blobstore import MemoryStorage
from ipwarden.evidence.log import TiledLog
from ipwarden.evidence.note import ALG_COSIGNATURE_V1, Signer, verify_note
from ipwarden.evidence.witness import MemoryWitnessState, Witness

LOG = Signer("example.com/log", b"\x01" * 32)
OTHER = Signer("example.com/log", b"\x02" * 32)
WIT = Signer("witness.example/w1", b"\x03" * 32, ALG_COSIGNATURE_V1)


def _request(old: int, proof: list[bytes], note: bytes) -> bytes:
    lines = [f"old {old}"] + [base64.b64encode(h).decode() for h in proof]
    return ("\n".join(lines) + "\n\n").encode() + note


def _setup() -> tuple[TiledLog, Witness]:
    log = TiledLog(MemoryStorage(), LOG.name, lambda: LOG, lambda: [LOG.verifier])
    witness = Witness(WIT, {LOG.name: [LOG.verifier]}, MemoryWitnessState(), clock=lambda: 1_700_000_000)
    return log, witness


def test_cosigns_first_and_consistent_checkpoints() -> None:
    log, witness = _setup()
    _, st = log.append([b"a", b"b", b"c"])
    reply = witness.add_checkpoint(_request(0, [], st.note))
    assert reply.status == 200
    cosigned = st.note + reply.body
    result = verify_note(cosigned, [LOG.verifier, WIT.verifier])
    assert result.verified[WIT.verifier.vkey] == 1_700_000_000
    _, st2 = log.append([b"d", b"e"])
    proof = log.consistency_proof(3, 5)
    assert witness.add_checkpoint(_request(3, proof, st2.note)).status == 200
    # The same checkpoint again is fine (old == size, same root).
    assert witness.add_checkpoint(_request(5, [], st2.note)).status == 200


def test_conflict_reports_the_witness_size() -> None:
    log, witness = _setup()
    _, st = log.append([b"a", b"b"])
    witness.add_checkpoint(_request(0, [], st.note))
    _, st2 = log.append([b"c"])
    reply = witness.add_checkpoint(_request(0, [], st2.note))
    assert (reply.status, reply.body, reply.content_type) == (409, b"2\n", "text/x.tlog.size")


def test_refuses_a_forked_log_and_says_so() -> None:
    log, witness = _setup()
    _, st = log.append([b"a", b"b"])
    assert witness.add_checkpoint(_request(0, [], st.note)).status == 200
    # A rewritten history: same origin and key, different second entry, one more entry.
    fork = TiledLog(MemoryStorage(), LOG.name, lambda: LOG, lambda: [LOG.verifier])
    _, fst = fork.append([b"a", b"B", b"c"])
    reply = witness.add_checkpoint(_request(2, fork.consistency_proof(2, 3), fst.note))
    assert reply.status == 422 and b"not consistent" in reply.body
    # Same size, different root.
    fork2 = TiledLog(MemoryStorage(), LOG.name, lambda: LOG, lambda: [LOG.verifier])
    _, f2 = fork2.append([b"a", b"X"])
    reply = witness.add_checkpoint(_request(2, [], f2.note))
    assert reply.status == 409 and b"forked" in reply.body
    # The witness state was not rolled forward by the refused requests.
    assert witness.state.get(LOG.name) == (2, st.root)


def test_unknown_log_bad_signature_and_bad_requests() -> None:
    log, witness = _setup()
    _, st = log.append([b"a"])
    stranger = TiledLog(MemoryStorage(), "example.com/other", lambda: OTHER, lambda: [OTHER.verifier])
    _stranger_log = stranger
    forged = TiledLog(MemoryStorage(), LOG.name, lambda: OTHER, lambda: [OTHER.verifier])
    _, fst = forged.append([b"a"])
    assert witness.add_checkpoint(_request(0, [], fst.note)).status == 403
    other_origin = Signer("example.com/other", b"\x04" * 32)
    ol = TiledLog(MemoryStorage(), other_origin.name, lambda: other_origin, lambda: [other_origin.verifier])
    _, ost = ol.append([b"a"])
    assert witness.add_checkpoint(_request(0, [], ost.note)).status == 404
    assert witness.add_checkpoint(b"old 5\n\n" + st.note).status == 400  # old size > checkpoint size
    assert witness.add_checkpoint(b"hello").status == 400
    assert witness.add_checkpoint(_request(0, [merkle.leaf_hash(b"x")], st.note)).status == 422
