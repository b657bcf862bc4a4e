"""c2sp.org/tlog-policy parsing and k-of-n quorum evaluation."""

from __future__ import annotations

import pytest

from ipwarden.evidence.errors import FormatError, SignatureError
from ipwarden.evidence.note import ALG_COSIGNATURE_V1, Signer, sign_note
from ipwarden.evidence.policy import Policy

LOG = Signer("example.com/log", b"\x10" * 32)
W = [Signer(f"w{i}.example", bytes([0x20 + i]) * 32, ALG_COSIGNATURE_V1) for i in range(6)]


def _policy() -> str:
    lines = [f"log {LOG.verifier.vkey}", ""]
    lines += [f"witness X{i} {W[i].verifier.vkey}" for i in range(3)]
    lines += [
        "group X-witnesses 2 X1 X2 X0",
        "# Y group",
        *(f"witness Y{i} {W[3 + i].verifier.vkey}" for i in range(3)),
    ]
    lines += ["group Y-witnesses any Y0 Y1 Y2", "group X-and-Y all X-witnesses Y-witnesses", "quorum X-and-Y"]
    return "\n".join(lines) + "\n"


def test_two_level_quorum() -> None:
    pol = Policy.parse(_policy())
    assert pol.satisfied({"X0", "X2", "Y1"})
    assert not pol.satisfied({"X0", "Y1"})
    assert not pol.satisfied({"X0", "X1", "X2"})
    assert Policy.parse(pol.to_text()).satisfied({"X0", "X2", "Y1"})


def test_verify_checkpoint_counts_valid_cosignatures_only() -> None:
    pol = Policy.parse(_policy())
    text = b"example.com/log\n3\n" + b"A" * 43 + b"=\n"
    note = sign_note(text, [LOG])
    cos = [sign_note(text, [w], 1_700_000_000 + i).split(b"\n\n", 1)[1] for i, w in enumerate(W)]
    _, ok, times = pol.verify_checkpoint(note + cos[0] + cos[1] + cos[4])
    assert ok == {"X0", "X1", "Y1"} and times["Y1"] == 1_700_000_004
    with pytest.raises(SignatureError, match="quorum"):
        pol.verify_checkpoint(note + cos[0] + cos[4])
    with pytest.raises(SignatureError):
        pol.verify_checkpoint(sign_note(text, [W[0]], 5))  # no log signature


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("log x\n", "verifier key"),
        ("witness A {w}\n", "no quorum"),
        ("witness A {w}\nquorum B\n", "not a witness or group"),
        ("witness A {w}\ngroup G 2 A\nquorum G\n", "threshold"),
        ("witness A {w}\ngroup G any A A\nquorum G\n", "twice"),
        ("witness none {w}\nquorum none\n", "reserved"),
        ("quorum none\nquorum none\n", "exactly one"),
        ("witness A {l}\nquorum A\n", "type 0x01"),
        ("frobnicate\n", "cannot read"),
    ],
)
def test_bad_policies_name_the_line(text: str, message: str) -> None:
    body = text.format(w=W[0].verifier.vkey, l=LOG.verifier.vkey)
    with pytest.raises(FormatError, match=message):
        Policy.parse(body, "p.policy")
