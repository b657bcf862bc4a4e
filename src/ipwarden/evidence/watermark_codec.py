"""Error-correcting code and keyed tag for the 64-bit watermark payload.

A watermark is read back through JPEG noise and resampling, so single bits arrive as soft values in
[-1, 1], some of them wrong. The payload (64 bits) is followed by a 24-bit keyed tag (HMAC-SHA256 of the
payload, truncated) and protected by the standard K=7, rate-1/2 convolutional code (generators 171/133
octal, the one used by Voyager, 802.11 and DVB), decoded with soft-decision Viterbi. The tag decides
whether a watermark is present: an image without one (or read with the wrong key) matches it with
probability 2^-24 per attempt.
"""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import numpy.typing as npt

__all__ = [
    "CODED_BITS",
    "PAYLOAD_BITS",
    "TAG_BITS",
    "Decoded",
    "decode_payload",
    "encode_payload",
]

PAYLOAD_BITS = 64
TAG_BITS = 24
_K = 7
_STATES = 1 << (_K - 1)
_GENERATORS = (0o171, 0o133)
_INFO_BITS = PAYLOAD_BITS + TAG_BITS
CODED_BITS = (_INFO_BITS + _K - 1) * len(_GENERATORS)

Floats = npt.NDArray[np.float64]


def _parity(x: int) -> int:
    return bin(x).count("1") & 1


def _trellis() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Next state and expected +/-1 outputs for every (state, input bit)."""
    nxt = np.zeros((_STATES, 2), dtype=np.int64)
    out = np.zeros((_STATES, 2, len(_GENERATORS)), dtype=np.float64)
    for s in range(_STATES):
        for b in (0, 1):
            reg = (b << (_K - 1)) | s
            nxt[s, b] = reg >> 1
            for j, g in enumerate(_GENERATORS):
                out[s, b, j] = 1.0 if _parity(reg & g) else -1.0
    return nxt, out


_NEXT, _OUT = _trellis()


def _tag(key: bytes, payload: bytes) -> list[int]:
    digest = hmac.new(key, b"ipwarden.watermark.tag/v1" + payload, hashlib.sha256).digest()
    return _bits(digest[: TAG_BITS // 8])


def _bits(data: bytes) -> list[int]:
    return [(byte >> (7 - i)) & 1 for byte in data for i in range(8)]


def _bytes(bits: list[int]) -> bytes:
    return bytes(sum(b << (7 - i) for i, b in enumerate(bits[k : k + 8])) for k in range(0, len(bits), 8))


def _conv_encode(bits: list[int]) -> Floats:
    state = 0
    coded: list[float] = []
    for b in [*bits, *([0] * (_K - 1))]:
        coded.extend(_OUT[state, b])
        state = int(_NEXT[state, b])
    return np.asarray(coded, dtype=np.float64)


def encode_payload(payload: bytes, key: bytes) -> Floats:
    """The coded +/-1 sequence (length :data:`CODED_BITS`; +1 means a 1 bit) for an 8-byte payload."""
    if len(payload) != PAYLOAD_BITS // 8:
        raise ValueError(f"payload must be {PAYLOAD_BITS // 8} bytes, got {len(payload)}")
    return _conv_encode(_bits(payload) + _tag(key, payload))


def _viterbi(soft: Floats) -> list[int]:
    steps = len(soft) // len(_GENERATORS)
    r = soft.reshape(steps, len(_GENERATORS))
    metric = np.full(_STATES, -np.inf)
    metric[0] = 0.0
    ns = np.arange(_STATES)
    prev0 = (ns & (_STATES // 2 - 1)) << 1
    prev1 = prev0 | 1
    bit = ns >> (_K - 2)
    decisions = np.zeros((steps, _STATES), dtype=np.int8)
    for t in range(steps):
        m0 = metric[prev0] + _OUT[prev0, bit] @ r[t]
        m1 = metric[prev1] + _OUT[prev1, bit] @ r[t]
        choose1 = m1 > m0
        decisions[t] = choose1
        metric = np.where(choose1, m1, m0)
    state = 0  # the tail bits drive the encoder back to state 0
    out: list[int] = []
    for t in range(steps - 1, -1, -1):
        out.append(int(state >> (_K - 2)))
        state = int(prev1[state] if decisions[t, state] else prev0[state])
    out.reverse()
    return out[: steps - (_K - 1)]


class Decoded:
    """What the decoder read: the payload, whether its keyed tag matched, and how cleanly it was read."""

    __slots__ = ("agreement", "bit_errors", "payload", "tag_ok")

    def __init__(self, payload: bytes, tag_ok: bool, agreement: float, bit_errors: int) -> None:
        self.payload = payload
        self.tag_ok = tag_ok
        self.agreement = agreement  # mean of soft * re-encoded, in [-1, 1]
        self.bit_errors = bit_errors  # raw coded-bit errors before correction


def decode_payload(soft: Floats, key: bytes) -> Decoded:
    """Soft-decision Viterbi decode of :data:`CODED_BITS` soft values (positive means a 1 bit)."""
    if soft.shape != (CODED_BITS,):
        raise ValueError(f"expected {CODED_BITS} soft values, got {soft.shape}")
    clean = np.nan_to_num(np.clip(soft, -1.0, 1.0))
    bits = _viterbi(clean)
    payload = _bytes(bits[:PAYLOAD_BITS])
    tag_ok = bits[PAYLOAD_BITS:] == _tag(key, payload)
    recoded = _conv_encode(bits)
    agreement = float(np.mean(clean * recoded))
    bit_errors = int(np.sum(np.sign(clean) != recoded))
    return Decoded(payload, tag_ok, agreement, bit_errors)
