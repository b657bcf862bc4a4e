"""RFC 6962 / RFC 9162 Merkle tree hashing, proof generation and verification. Pure functions, no I/O.

Hashing (RFC 9162 §2.1.1): ``leaf = SHA-256(0x00 || entry)``, ``node = SHA-256(0x01 || left || right)``.
Verification follows the semantics of github.com/transparency-dev/merkle (``proof/verify.go``) so that
the public test vectors give the same verdicts: wrong-length leaf hashes and ``index >= size`` are
rejected, a consistency proof from size 0 is always an error, and equal sizes compare roots only.

Proof *generation* reads hashes of complete, aligned subtrees through a callback
(``node(level, index)``), which a tile store answers with O(log n) reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from ipwarden.evidence.errors import ProofError

__all__ = [
    "HASH_SIZE",
    "NodeReader",
    "consistency_proof",
    "empty_root",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_from_inclusion_proof",
    "root_hash",
    "subtree_hash",
    "verify_consistency",
    "verify_inclusion",
    "verify_subtree_consistency",
    "verify_subtree_inclusion",
]

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"

NodeReader = Callable[[int, int], bytes]
"""``node(level, index)``: hash of the complete subtree of 2**level leaves starting at leaf index << level."""


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def empty_root() -> bytes:
    """The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1)."""
    return hashlib.sha256(b"").digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root_hash(leaf_hashes: Sequence[bytes]) -> bytes:
    """Merkle tree hash of a list of leaf hashes (iterative, for in-memory trees and audits)."""
    if not leaf_hashes:
        return empty_root()
    level = list(leaf_hashes)
    # Combine complete pairs level by level; an odd last node is carried up unchanged, which yields
    # exactly the RFC 6962 split-at-largest-power-of-two tree.
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def subtree_hash(node: NodeReader, lo: int, hi: int) -> bytes:
    """Hash of the leaves [lo, hi) where ``lo`` is aligned to the largest power of two ≤ hi - lo."""
    n = hi - lo
    if n & (n - 1) == 0:
        level = n.bit_length() - 1
        return node(level, lo >> level)
    k = _split(n)
    return node_hash(subtree_hash(node, lo, lo + k), subtree_hash(node, lo + k, hi))


def inclusion_proof(node: NodeReader, index: int, size: int) -> list[bytes]:
    """Audit path for leaf ``index`` in the tree of ``size`` leaves (RFC 9162 §2.1.3.1)."""
    if not 0 <= index < size:
        raise ProofError(f"leaf index {index} is outside the tree of size {size}")
    proof: list[bytes] = []
    lo, hi = 0, size
    path: list[tuple[int, int]] = []
    while hi - lo > 1:
        k = _split(hi - lo)
        if index < lo + k:
            path.append((lo + k, hi))
            hi = lo + k
        else:
            path.append((lo, lo + k))
            lo = lo + k
    for a, b in reversed(path):
        proof.append(subtree_hash(node, a, b))
    return proof


def consistency_proof(node: NodeReader, size1: int, size2: int) -> list[bytes]:
    """Consistency proof between tree sizes (RFC 9162 §2.1.4.1); empty when the sizes are equal."""
    if not 0 < size1 <= size2:
        raise ProofError(f"no consistency proof exists from size {size1} to size {size2}")
    proof: list[bytes] = []
    lo, hi = 0, size2
    tail: list[bytes] = []
    while True:
        if size1 == hi:
            if lo != 0:
                proof.append(subtree_hash(node, lo, hi))
            break
        k = _split(hi - lo)
        if size1 <= lo + k:
            tail.append(subtree_hash(node, lo + k, hi))
            hi = lo + k
        else:
            tail.append(subtree_hash(node, lo, lo + k))
            lo = lo + k
    proof.extend(reversed(tail))
    return proof


# --- verification -------------------------------------------------------------------------------------


def _decomp(index: int, size: int) -> tuple[int, int]:
    inner = (index ^ (size - 1)).bit_length()
    border = bin(index >> inner).count("1")
    return inner, border


def _chain_inner(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    for i, h in enumerate(proof):
        seed = node_hash(seed, h) if (index >> i) & 1 == 0 else node_hash(h, seed)
    return seed


def _chain_inner_right(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    for i, h in enumerate(proof):
        if (index >> i) & 1 == 1:
            seed = node_hash(h, seed)
    return seed


def _chain_border_right(seed: bytes, proof: Sequence[bytes]) -> bytes:
    for h in proof:
        seed = node_hash(h, seed)
    return seed


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    """The root implied by an inclusion proof; raises :class:`ProofError` if it is malformed."""
    if index < 0 or size < 0 or index >= size:
        raise ProofError(f"leaf index {index} is not inside the tree of size {size}")
    if len(leaf) != HASH_SIZE:
        raise ProofError(f"leaf hash has {len(leaf)} bytes; expected {HASH_SIZE}")
    inner, border = _decomp(index, size)
    if len(proof) != inner + border:
        raise ProofError(f"inclusion proof has {len(proof)} hashes; expected {inner + border}")
    res = _chain_inner(leaf, proof[:inner], index)
    return _chain_border_right(res, proof[inner:])


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> None:
    """Raise :class:`ProofError` unless ``proof`` shows leaf hash ``leaf`` at ``index`` under ``root``."""
    calc = root_from_inclusion_proof(index, size, leaf, proof)
    if calc != root:
        raise ProofError(
            f"inclusion proof for leaf {index} does not lead to the root of the tree of size {size}"
        )


def verify_consistency(size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes) -> None:
    """Raise :class:`ProofError` unless the tree of ``size1``/``root1`` is a prefix of ``size2``/``root2``."""
    if size1 < 0 or size2 < size1:
        raise ProofError(f"tree size {size2} is smaller than the earlier size {size1}")
    if size1 == 0:
        raise ProofError("a consistency proof from the empty tree (size 0) is meaningless")
    if size1 == size2:
        if proof:
            raise ProofError("the sizes are equal but the consistency proof is not empty")
        if root1 != root2:
            raise ProofError(f"two different roots for the same tree size {size1}: the log has forked")
        return
    if not proof:
        raise ProofError("empty consistency proof between different tree sizes")
    inner, border = _decomp(size1 - 1, size2)
    shift = (size1 & -size1).bit_length() - 1
    inner -= shift
    seed, start = proof[0], 1
    if size1 == 1 << shift:
        seed, start = root1, 0
    if len(proof) != start + inner + border:
        raise ProofError(f"consistency proof has {len(proof)} hashes; expected {start + inner + border}")
    rest = proof[start:]
    mask = (size1 - 1) >> shift
    hash1 = _chain_border_right(_chain_inner_right(seed, rest[:inner], mask), rest[inner:])
    if hash1 != root1:
        raise ProofError(f"consistency proof does not match the root of the earlier tree (size {size1})")
    hash2 = _chain_border_right(_chain_inner(seed, rest[:inner], mask), rest[inner:])
    if hash2 != root2:
        raise ProofError(f"consistency proof does not match the root of the later tree (size {size2})")


# --- subtrees (draft-ietf-plants-merkle-tree-certs; semantics of transparency-dev/merkle) ----------------


def _check_subtree(start: int, end: int) -> None:
    """[start, end) must be non-empty and start a multiple of the smallest power of two ≥ its size."""
    if not 0 <= start < end:
        raise ProofError(f"[{start}, {end}) is not a non-empty subtree")
    width = 1 << (end - start - 1).bit_length()
    if start % width:
        raise ProofError(f"[{start}, {end}) is not a valid subtree: {start} is not a multiple of {width}")


def verify_subtree_inclusion(  # noqa: PLR0917 - mirrors the RFC/Go argument order
    index: int, start: int, end: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> None:
    """Inclusion of leaf ``index`` in the subtree [start, end) whose hash is ``root``."""
    _check_subtree(start, end)
    if not start <= index < end:
        raise ProofError(f"leaf index {index} is outside the subtree [{start}, {end})")
    if root_from_inclusion_proof(index - start, end - start, leaf, proof) != root:
        raise ProofError(f"inclusion proof for leaf {index} does not lead to the subtree hash")


def _popcount(n: int) -> int:
    return bin(n).count("1")


def verify_subtree_consistency(  # noqa: PLR0917 - mirrors the RFC/Go argument order
    start: int, end: int, size: int, proof: Sequence[bytes], sub_root: bytes, root: bytes
) -> None:
    """The subtree [start, end) with hash ``sub_root`` sits at those leaves of the tree of ``size``/``root``.

    An empty subtree (start == end) is consistent with any tree when its hash is the empty-tree hash and
    the proof is empty, as in transparency-dev/merkle.
    """
    if start == end and 0 <= start <= size:
        if proof or sub_root != empty_root():
            raise ProofError("an empty subtree needs the empty-tree hash and an empty proof")
        return
    _check_subtree(start, end)
    if size < end:
        raise ProofError(f"tree size {size} is smaller than the subtree end {end}")
    if start == 0 and size == end:
        if proof:
            raise ProofError("the subtree is the whole tree but the proof is not empty")
        calc = sub_root
    elif not proof:
        raise ProofError("empty subtree consistency proof")
    elif end == size:
        level = ((end - 1) ^ start).bit_length()
        if len(proof) != _popcount(start >> level):
            raise ProofError(f"subtree consistency proof has {len(proof)} hashes")
        calc = _chain_border_right(sub_root, proof)
    else:
        calc = _subtree_root(start, end, size, proof, sub_root)
    if calc != root:
        raise ProofError(f"subtree [{start}, {end}) is not consistent with the tree of size {size}")


def _subtree_root(start: int, end: int, size: int, proof: Sequence[bytes], sub_root: bytes) -> bytes:
    fork, border = _decomp(end - 1, size)
    shift = ((end - start) & -(end - start)).bit_length() - 1
    inner = fork - shift
    seed, first = proof[0], 1
    if end - start == 1 << shift:
        seed, first = sub_root, 0
    if len(proof) != first + inner + border:
        raise ProofError(
            f"subtree consistency proof has {len(proof)} hashes; expected {first + inner + border}"
        )
    rest = proof[first:]
    mask = (end - 1) >> shift
    if first == 1:
        height = ((end - 1) ^ start).bit_length()
        fork_level = ((end - 1) ^ (size - 1)).bit_length()
        sub_inner = min(height, fork_level) - shift
        sub_border = max(0, border - _popcount((end - 1) >> height))
        hash1 = _chain_inner_right(seed, rest[:sub_inner], mask)
        hash1 = _chain_border_right(hash1, rest[inner : inner + sub_border])
        if hash1 != sub_root:
            raise ProofError(f"subtree consistency proof does not match the hash of [{start}, {end})")
    return _chain_border_right(_chain_inner(seed, rest[:inner], mask), rest[inner:])
