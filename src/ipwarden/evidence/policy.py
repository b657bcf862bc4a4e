"""C2SP tlog-policy (c2sp.org/tlog-policy): which logs are trusted and which witnesses must cosign.

Lines: ``log <vkey> [url]``, ``witness <name> <vkey> [url]``, ``group <name> all|any|<k> <member>...``,
``quorum <name>`` (or ``quorum none``). Names must be defined before they are used. Fail closed: a policy
without a quorum line is rejected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ipwarden.evidence.errors import FormatError, SignatureError
from ipwarden.evidence.note import ALG_COSIGNATURE_V1, ALG_ED25519, Verifier, parse_vkey, verify_note

__all__ = ["Group", "Policy", "PolicyWitness"]


@dataclass(frozen=True, slots=True)
class PolicyWitness:
    name: str
    verifier: Verifier
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    threshold: int
    members: tuple[str, ...]


@dataclass(slots=True)
class Policy:
    logs: list[tuple[Verifier, str | None]] = field(default_factory=list)
    witnesses: dict[str, PolicyWitness] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    quorum: str = "none"

    @classmethod
    def parse(cls, text: str, source: str = "policy") -> Policy:
        pol = cls()
        quorum: str | None = None
        seen_keys: set[bytes] = set()
        for lineno, raw in enumerate(text.split("\n"), 1):
            line = raw.strip(" \t")
            if not line or line.startswith("#"):
                continue
            words = line.replace("\t", " ").split()
            where = f"{source}:{lineno}"
            kind, args = words[0], words[1:]
            if kind == "log" and len(args) in (1, 2):
                ver = _vkey(args[0], ALG_ED25519, where)
                if ver.public in seen_keys:
                    raise FormatError(f"{where}: duplicate log key {ver.name}")
                seen_keys.add(ver.public)
                pol.logs.append((ver, args[1] if len(args) == 2 else None))
            elif kind == "witness" and len(args) in (2, 3):
                name = args[0]
                pol._new_name(name, where)
                ver = _vkey(args[1], ALG_COSIGNATURE_V1, where)
                if ver.public in seen_keys:
                    raise FormatError(f"{where}: duplicate witness key for {name}")
                seen_keys.add(ver.public)
                pol.witnesses[name] = PolicyWitness(name, ver, args[2] if len(args) == 3 else None)
            elif kind == "group" and len(args) >= 3:
                name, k_s, members = args[0], args[1], tuple(args[2:])
                pol._new_name(name, where)
                for m in members:
                    if m not in pol.witnesses and m not in pol.groups:
                        raise FormatError(f"{where}: group {name} uses {m!r}, which is not defined above")
                if len(set(members)) != len(members):
                    raise FormatError(f"{where}: group {name} lists a member twice")
                n = len(members)
                k = {"all": n, "any": 1}.get(k_s)
                if k is None:
                    if not k_s.isdigit() or not 1 <= int(k_s) <= n:
                        raise FormatError(f"{where}: group threshold {k_s!r} must be all, any or 1..{n}")
                    k = int(k_s)
                pol.groups[name] = Group(name, k, members)
            elif kind == "quorum" and len(args) == 1:
                if quorum is not None:
                    raise FormatError(f"{where}: a policy must have exactly one quorum line")
                q = args[0]
                if q != "none" and q not in pol.witnesses and q not in pol.groups:
                    raise FormatError(f"{where}: quorum {q!r} is not a witness or group defined above")
                quorum = q
            else:
                raise FormatError(
                    f"{where}: cannot read {line[:60]!r}",
                    hint="expected log, witness, group or quorum lines (c2sp.org/tlog-policy)",
                )
        if quorum is None:
            raise FormatError(f"{source}: the policy has no quorum line", hint="add 'quorum none' or a group")
        pol.quorum = quorum
        return pol

    def _new_name(self, name: str, where: str) -> None:
        if name == "none" or name in self.witnesses or name in self.groups:
            raise FormatError(f"{where}: the name {name!r} is reserved or already defined")

    def to_text(self) -> str:
        out = []
        for ver, url in self.logs:
            out.append(f"log {ver.vkey}" + (f" {url}" if url else ""))
        for w in self.witnesses.values():
            out.append(f"witness {w.name} {w.verifier.vkey}" + (f" {w.url}" if w.url else ""))
        for g in self.groups.values():
            k = "all" if g.threshold == len(g.members) else str(g.threshold)
            out.append(f"group {g.name} {k} {' '.join(g.members)}")
        out.append(f"quorum {self.quorum}")
        return "\n".join(out) + "\n"

    def satisfied(self, cosigned: set[str]) -> bool:
        """Whether the witnesses named in ``cosigned`` meet the quorum."""
        return self._holds(self.quorum, cosigned)

    def _holds(self, name: str, cosigned: set[str]) -> bool:
        if name == "none":
            return True
        if name in self.witnesses:
            return name in cosigned
        g = self.groups[name]
        return sum(self._holds(m, cosigned) for m in g.members) >= g.threshold

    def verify_checkpoint(self, note: bytes) -> tuple[bytes, set[str], dict[str, int]]:
        """Check the log signature and the witness quorum of a cosigned checkpoint.

        Returns the checkpoint text, the witnesses whose cosignatures verified and their timestamps.
        """
        logs = [v for v, _ in self.logs]
        if not logs:
            raise SignatureError("the policy lists no log key; cannot check the log's signature")
        verified = verify_note(note, logs + [w.verifier for w in self.witnesses.values()])
        if not any(v.vkey in verified.verified for v in logs):
            raise SignatureError("the checkpoint is not signed by a log named in the policy")
        times = {
            w.name: ts
            for w in self.witnesses.values()
            if (ts := verified.verified.get(w.verifier.vkey)) is not None
        }
        ok = set(times)
        if not self.satisfied(ok):
            have = ", ".join(sorted(ok)) or "none"
            raise SignatureError(
                f"the checkpoint lacks the witness quorum {self.quorum!r} (valid cosignatures: {have})"
            )
        return verified.text, ok, times


def _vkey(text: str, alg: int, where: str) -> Verifier:
    try:
        ver = parse_vkey(text)
    except FormatError as exc:
        raise FormatError(f"{where}: {exc.message}") from exc
    if ver.alg != alg:
        raise FormatError(f"{where}: key {ver.name} has type 0x{ver.alg:02x}; expected 0x{alg:02x}")
    return ver
