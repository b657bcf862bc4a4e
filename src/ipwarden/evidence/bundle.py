"""Court bundles: one zip with the evidence files, their log entries, proofs, keys and instructions.

Contents: ``README.txt`` (plain-language instructions), ``manifest.json``, ``policy`` (c2sp.org/tlog-policy
with the log and witness keys), ``checkpoint`` (the cosigned checkpoint), ``keys/*.vkey``,
``entries/<index>.json`` (the exact logged bytes), ``proofs/<index>.tlog-proof`` and ``files/<sha256>``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from ipwarden.evidence.checkpoint import Checkpoint
from ipwarden.evidence.models import parse_entry
from ipwarden.evidence.note import open_note
from ipwarden.evidence.policy import PolicyWitness
from ipwarden.evidence.services import EvidenceService
from ipwarden.evidence.verify import manifest_bytes

__all__ = ["export_bundle"]

README = """EVIDENCE BUNDLE - HOW TO CHECK IT
==================================

This archive lets anyone check, without contacting us, that the files in it are exactly the files
that were recorded in a public, append-only evidence log, at the time stated, and that the log has
not been rewritten since.

What is inside
  files/<sha256>            the evidence files, each named by its SHA-256 fingerprint
  entries/<n>.json          the log entry for item n: case, file name, fingerprint, size, source URL,
                            capture method, operator, note and the UTC time of recording
  proofs/<n>.tlog-proof     a Merkle inclusion proof that entry n is in the log (c2sp.org/tlog-proof)
  checkpoint                the log's signed statement of its size and root hash, cosigned by
                            independent witnesses (c2sp.org/tlog-checkpoint, tlog-cosignature)
  policy                    the public keys of the log and the witnesses, and how many witnesses
                            must have cosigned (c2sp.org/tlog-policy)
  keys/                     the same public keys, one per file
  timestamp.tsr (optional)  an RFC 3161 timestamp over the checkpoint from a time-stamping authority,
                            with that authority's certificate chain in tsa-chain.pem
  manifest.json             the list of items

How to check it with ipwarden
  ipwarden evidence verify bundle.zip [--log-key KEY]
  It prints each check and ends with "OK" or names the first thing that does not match.
  Use --log-key with the log key published by the operator (from a source you trust, not this
  bundle) to make sure the bundle was not produced by a different log.

How to check it by hand (any programming language)
  1. Compute SHA-256 of each file in files/; it must equal its file name and the "sha256" in the entry.
  2. The leaf hash of an entry is SHA-256(0x00 || the exact bytes of entries/<n>.json).
  3. Combine it with the hashes in proofs/<n>.tlog-proof as described in RFC 9162 section 2.1.3.2;
     the result must equal the root hash on line 3 of the checkpoint (base64).
  4. Check the Ed25519 signature of the checkpoint with the log key in policy (c2sp.org/signed-note),
     and the witness cosignatures (c2sp.org/tlog-cosignature); enough witnesses must have signed
     to satisfy the "quorum" line of the policy.
  Witnesses are independent servers that only cosign a checkpoint if it extends every checkpoint
  they saw before; their cosignatures carry the time they saw it.
"""


def export_bundle(service: EvidenceService, indexes: Sequence[int], out: Path) -> Path:
    """Write the bundle for ``indexes``, all proved against one (preferably witnessed) checkpoint."""
    indexes = sorted(set(indexes))
    note = service.checkpoint_for(indexes)
    cp = Checkpoint.from_text(open_note(note)[0])
    policy = service.policy()
    # Offline verification needs keys and the quorum, not addresses: drop URLs so the bundle holds
    # nothing that could change without failing verification.
    policy.logs = [(v, None) for v, _ in policy.logs]
    policy.witnesses = {n: PolicyWitness(w.name, w.verifier) for n, w in policy.witnesses.items()}
    items = []
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", README)
        zf.writestr("policy", policy.to_text())
        zf.writestr("checkpoint", note)
        stamp = service.timestamp_for(note)
        if stamp is not None:
            zf.writestr("timestamp.tsr", stamp[0])
            zf.writestr("tsa-chain.pem", stamp[1])
        for ver, _ in policy.logs:
            zf.writestr(f"keys/log-{ver.key_id.hex()}.vkey", ver.vkey + "\n")
        for w in policy.witnesses.values():
            zf.writestr(f"keys/witness-{w.name}.vkey", w.verifier.vkey + "\n")
        written: set[str] = set()
        for i in indexes:
            entry = service.log.entry(i)
            record = parse_entry(entry, f"entry {i}")
            proof = service.proof(i, note)
            zf.writestr(f"entries/{i}.json", entry)
            zf.writestr(f"proofs/{i}.tlog-proof", proof.to_bytes())
            ref = record.get("file")
            if isinstance(ref, dict) and ref["sha256"] not in written:
                zf.write(service.file_path(ref["sha256"]), f"files/{ref['sha256']}")
                written.add(ref["sha256"])
            items.append(
                {
                    "index": i,
                    "entry": f"entries/{i}.json",
                    "proof": f"proofs/{i}.tlog-proof",
                    "type": record["type"],
                }
            )
        zf.writestr("manifest.json", manifest_bytes(cp.origin, cp.size, items))
    tmp.replace(out)
    return out
