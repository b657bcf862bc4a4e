"""Signing keys of the log and of witnesses, kept apart from the data they sign.

Keys live in their own directory (``IPWARDEN_HOME/keys`` unless ``IPWARDEN_KEY_DIR`` says otherwise),
mode 0700, each private key a PKCS#8 PEM file with mode 0600, encrypted when a passphrase is given
(``IPWARDEN_KEY_PASSPHRASE``). ``keyring.json`` lists every public key the log has used, so checkpoints
signed before a rotation stay verifiable.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ipwarden.evidence.errors import FormatError
from ipwarden.evidence.note import ALG_COSIGNATURE_V1, ALG_ED25519, Signer, Verifier, parse_vkey

__all__ = ["KeyDir", "KeyRecord"]


@dataclass(frozen=True, slots=True)
class KeyRecord:
    vkey: str
    created: str
    retired: str | None = None


class KeyDir:
    """A directory of private keys, one ``keyring.json`` per role (``log`` or ``witness``)."""

    def __init__(self, root: Path, passphrase: str | None = None) -> None:
        self.root = root
        self.passphrase = passphrase

    def _ensure(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)

    def _ring_path(self, role: str) -> Path:
        return self.root / f"{role}.keyring.json"

    def ring(self, role: str) -> list[KeyRecord]:
        path = self._ring_path(role)
        if not path.exists():
            return []
        try:
            data = json.loads(path.read_text())
            return [KeyRecord(r["vkey"], r["created"], r.get("retired")) for r in data["keys"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise FormatError(f"{path}: cannot read the key ring ({exc})") from exc

    def verifiers(self, role: str) -> list[Verifier]:
        return [parse_vkey(r.vkey) for r in self.ring(role)]

    def signer(self, role: str) -> Signer | None:
        """The active (newest, not retired) key of ``role``, or None when there is none yet."""
        active = [r for r in self.ring(role) if r.retired is None]
        if not active:
            return None
        ver = parse_vkey(active[-1].vkey)
        pem_path = self.root / f"{role}-{ver.key_id.hex()}.pem"
        try:
            pem = pem_path.read_bytes()
        except FileNotFoundError as exc:
            raise FormatError(f"private key {pem_path} is missing", hint="restore it from backup") from exc
        pw = self.passphrase.encode() if self.passphrase else None
        try:
            key = serialization.load_pem_private_key(pem, password=pw)
        except (ValueError, TypeError) as exc:
            raise FormatError(
                f"cannot open private key {pem_path}: wrong or missing passphrase",
                hint="set IPWARDEN_KEY_PASSPHRASE to the passphrase the key was created with",
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise FormatError(f"{pem_path} is not an Ed25519 key")
        return Signer(ver.name, key.private_bytes_raw(), ver.alg)

    def create(self, role: str, name: str, now: datetime | None = None) -> Signer:
        """Generate and activate a new key for ``role``; the previous key is retired, never deleted."""
        signer = self.new_key(role, name)
        self.activate(role, signer, now)
        return signer

    def new_key(self, role: str, name: str) -> Signer:
        """Generate a key and write its private half (0600); it is not used until :meth:`activate`."""
        self._ensure()
        alg = ALG_COSIGNATURE_V1 if role.startswith("witness") else ALG_ED25519
        key = Ed25519PrivateKey.generate()
        signer = Signer(name, key.private_bytes_raw(), alg)
        enc: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(self.passphrase.encode())
            if self.passphrase
            else serialization.NoEncryption()
        )
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
        pem_path = self.root / f"{role}-{signer.verifier.key_id.hex()}.pem"
        fd = os.open(pem_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(pem_path, 0o600)
        return signer

    def activate(self, role: str, signer: Signer, now: datetime | None = None) -> None:
        stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        ring = [KeyRecord(r.vkey, r.created, r.retired or stamp) for r in self.ring(role)]
        ring.append(KeyRecord(signer.verifier.vkey, stamp))
        body = {"keys": [{"vkey": r.vkey, "created": r.created, "retired": r.retired} for r in ring]}
        tmp = self._ring_path(role).with_suffix(".tmp")
        tmp.write_text(json.dumps(body, indent=2) + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self._ring_path(role))
