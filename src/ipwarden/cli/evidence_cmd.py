"""CLI commands: ``ipwarden evidence …`` (the evidence ledger) and ``ipwarden witness …``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ipwarden import __version__
from ipwarden.cli._common import JsonOption
from ipwarden.config import Settings
from ipwarden.errors import InputError, IntegrityError

if TYPE_CHECKING:
    from ipwarden.evidence.services import EvidenceService

__all__ = ["open_service", "register"]

evidence_app = typer.Typer(
    help="Tamper-evident evidence log: add, prove, export and verify.", no_args_is_help=True
)
key_app = typer.Typer(help="The log's signing key.", no_args_is_help=True)
witness_app = typer.Typer(help="Run a witness that cosigns evidence log checkpoints.", no_args_is_help=True)
evidence_app.add_typer(key_app, name="key")


def _key_dir(settings: Settings) -> Path:
    return Path(os.environ.get("IPWARDEN_KEY_DIR") or settings.home / "keys")


def open_service(settings: Settings | None = None) -> EvidenceService:
    """The evidence service of IPWARDEN_HOME (keys: IPWARDEN_KEY_DIR, IPWARDEN_KEY_PASSPHRASE)."""
    from ipwarden.evidence.keys import KeyDir
    from ipwarden.evidence.services import EvidenceService

    settings = settings or Settings.from_env()
    keys = KeyDir(_key_dir(settings), os.environ.get("IPWARDEN_KEY_PASSPHRASE") or None)
    return EvidenceService(settings.evidence_dir, keys, origin=os.environ.get("IPWARDEN_LOG_ORIGIN") or None)


def _service() -> EvidenceService:
    return open_service()


def _item(value: str) -> int:
    if not value.isdigit():
        raise InputError(
            f"item {value!r} is not an entry number", hint="use the number printed by 'evidence add'"
        )
    return int(value)


@evidence_app.command("add")
def add(  # noqa: PLR0917 - Typer maps parameters to options
    files: Annotated[list[Path], typer.Argument(help="Evidence files (captures, screenshots, documents).")],
    case: Annotated[str, typer.Option("--case", help="Case reference the evidence belongs to.")],
    note: Annotated[
        str | None, typer.Option("--note", help="Free-text note recorded with each item.")
    ] = None,
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="Where the content was captured.")
    ] = None,
    operator: Annotated[
        str | None, typer.Option("--operator", help="Person who captured the evidence.")
    ] = None,
    submitter: Annotated[str | None, typer.Option("--submitter", help="Party submitting it.")] = None,
    capture_method: Annotated[
        str, typer.Option("--capture-method", help="e.g. screenshot, web-archive.")
    ] = "file",
    tool_version: Annotated[str | None, typer.Option("--tool-version", help="Capture tool version.")] = None,
    cosign: Annotated[bool, typer.Option("--cosign/--no-cosign", help="Ask the policy's witnesses.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Store files content-addressed and record one log entry per file."""
    svc = _service()
    receipts = svc.add_files(
        files,
        case,
        note=note,
        source_url=source_url,
        operator=operator,
        submitter=submitter,
        capture_method=capture_method,
        tool_version=tool_version or f"ipwarden {__version__}",
    )
    report = svc.cosign() if cosign and any(w.url for w in svc.policy().witnesses.values()) else None
    if as_json:
        out: dict[str, object] = {"items": [_receipt(r) for r in receipts]}
        if report:
            out["witnesses"] = report.results
        typer.echo(json.dumps(out))
        return
    for r in receipts:
        typer.echo(f"item {r.index}: {r.name} sha256:{r.sha256} ({r.size} bytes)")
    if report:
        for name, res in sorted(report.results.items()):
            typer.echo(f"witness {name}: {res}")


def _receipt(r: object) -> dict[str, object]:
    return {k: getattr(r, k) for k in ("index", "name", "sha256", "size")}


@evidence_app.command("decide")
def decide(
    case: Annotated[str, typer.Argument(help="Case reference.")],
    decision: Annotated[str, typer.Option("--decision", help="e.g. takedown, rejected, restored.")],
    items: Annotated[
        list[int] | None, typer.Option("--item", help="Evidence items the decision rests on.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    operator: Annotated[str | None, typer.Option("--operator")] = None,
) -> None:
    """Record a case decision as a log entry."""
    index = _service().record_decision(case, decision, items or [], note=note, operator=operator)
    typer.echo(f"decision recorded as entry {index}")


@evidence_app.command("show")
def show(item: Annotated[str, typer.Argument(help="Entry number.")], as_json: JsonOption = False) -> None:
    """Print a log entry."""
    record = _service().show(_item(item))
    if as_json:
        typer.echo(json.dumps(record, ensure_ascii=False))
        return
    for key, value in record.items():
        typer.echo(
            f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value}"
        )


@evidence_app.command("proof")
def proof(
    item: Annotated[str, typer.Argument(help="Entry number.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the .tlog-proof here.")] = None,
) -> None:
    """Print the C2SP tlog-proof of an entry (inclusion proof and checkpoint)."""
    data = _service().proof(_item(item)).to_bytes()
    if out:
        out.write_bytes(data)
        typer.echo(f"wrote {out}")
    else:
        sys.stdout.write(data.decode())


@evidence_app.command("checkpoint")
def checkpoint(
    cosign: Annotated[bool, typer.Option("--cosign", help="Collect witness cosignatures first.")] = False,
    tsa: Annotated[str | None, typer.Option("--tsa", help="RFC 3161 time-stamping authority URL.")] = None,
    tsa_chain: Annotated[
        Path | None, typer.Option("--tsa-chain", help="The TSA's certificate chain (PEM).")
    ] = None,
) -> None:
    """Print the latest signed checkpoint (the witnessed one with --cosign); optionally timestamp it."""
    svc = _service()
    if tsa:
        if tsa_chain is None:
            raise InputError("--tsa needs --tsa-chain with the authority's certificate chain (PEM)")
        if cosign:
            svc.cosign()
        typer.echo(f"RFC 3161 timestamp: {svc.timestamp(tsa, tsa_chain.read_bytes())}", err=True)
    if cosign:
        report = svc.cosign()
        for name, res in sorted(report.results.items()):
            typer.echo(f"witness {name}: {res}", err=True)
        typer.echo(f"quorum {'met' if report.quorum_met else 'NOT met'}", err=True)
        sys.stdout.write(report.note.decode())
        if not report.quorum_met:
            raise typer.Exit(IntegrityError.exit_code)
        return
    sys.stdout.write(svc.state().note.decode())


@evidence_app.command("policy")
def policy(
    set_file: Annotated[Path | None, typer.Option("--set", help="Install this tlog-policy file.")] = None,
) -> None:
    """Show or set the witness policy (c2sp.org/tlog-policy)."""
    from ipwarden.evidence.policy import Policy

    svc = _service()
    if set_file:
        text = set_file.read_text()
        Policy.parse(text, str(set_file))
        svc.root.mkdir(parents=True, exist_ok=True)
        (svc.root / "policy").write_text(text)
    typer.echo(svc.policy().to_text(), nl=False)


@evidence_app.command("export")
def export(
    target: Annotated[str, typer.Argument(help="Entry number or case reference.")],
    out: Annotated[Path, typer.Option("--out", help="Bundle to write (zip).")],
) -> None:
    """Write a self-contained court bundle for one item or a whole case."""
    from ipwarden.evidence.bundle import export_bundle

    svc = _service()
    indexes = [int(target)] if target.isdigit() else svc.case_entries(target)
    if target.isdigit():
        svc.show(indexes[0])
    export_bundle(svc, indexes, out)
    typer.echo(f"wrote {out} ({len(indexes)} entries)")


@evidence_app.command("verify")
def verify(
    bundle: Annotated[Path, typer.Argument(help="Bundle zip to verify offline.")],
    log_key: Annotated[list[str] | None, typer.Option("--log-key", help="Log key (vkey) you trust.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Verify a bundle offline: file hashes, inclusion, log signature and witness quorum."""
    from ipwarden.evidence.verify import verify_bundle

    if not bundle.exists():
        raise InputError(f"bundle {bundle} does not exist")
    report = verify_bundle(bundle, log_key or [])
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ok": True,
                    "origin": report.origin,
                    "size": report.size,
                    "witnesses": report.witnesses,
                    "items": report.items,
                }
            )
        )
        return
    for line in report.checks:
        typer.echo(f"ok: {line}")
    for item in report.items:
        f = item.get("file") or {}
        typer.echo(
            f"ok: entry {item['index']} case {item.get('case')} {f.get('name', '')} {f.get('sha256', '')}"
        )
    typer.echo("OK")


@evidence_app.command("audit")
def audit_cmd(as_json: JsonOption = False) -> None:
    """Recompute every stored file, entry, tile and checkpoint; report what does not match."""
    from ipwarden.evidence.audit import audit

    size, findings = audit(_service())
    if as_json:
        typer.echo(json.dumps({"size": size, "findings": [str(f) for f in findings]}))
    else:
        for f in findings:
            typer.echo(f"TAMPERED {f}")
        typer.echo(f"audited {size} entries: {'OK' if not findings else f'{len(findings)} problems'}")
    if findings:
        raise typer.Exit(IntegrityError.exit_code)


@key_app.command("rotate")
def key_rotate(operator: Annotated[str | None, typer.Option("--operator")] = None) -> None:
    """Start signing with a new log key; the rotation is recorded in the log."""
    old, new = _service().rotate_key(operator)
    typer.echo(f"retired {old}\nactive  {new}")


@key_app.command("show")
def key_show() -> None:
    """Print the log's public keys (all ever used; the last is active)."""
    svc = _service()
    svc.ensure_key()
    for ver in svc.log_verifiers():
        typer.echo(ver.vkey)


@witness_app.command("keygen")
def witness_keygen(
    name: Annotated[str, typer.Option("--name", help="Witness name, e.g. witness.example.org.")],
    key_dir: Annotated[
        Path | None, typer.Option("--key-dir", help="Key folder (default IPWARDEN_HOME/keys).")
    ] = None,
) -> None:
    """Create the witness's cosigning key and print its public key (vkey)."""
    from ipwarden.evidence.keys import KeyDir

    kd = KeyDir(key_dir or _key_dir(Settings.from_env()), os.environ.get("IPWARDEN_KEY_PASSPHRASE") or None)
    signer = kd.create("witness", name)
    typer.echo(signer.verifier.vkey)


@witness_app.command("serve")
def witness_serve(  # noqa: PLR0917 - Typer maps parameters to options
    log: Annotated[list[str], typer.Option("--log", help="Verifier key (vkey) of a log to witness.")],
    name: Annotated[str | None, typer.Option("--name", help="Witness name (creates a key if none).")] = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="0 picks a free port.")] = 0,
    key_dir: Annotated[Path | None, typer.Option("--key-dir")] = None,
    state: Annotated[
        Path | None, typer.Option("--state", help="State file (latest checkpoint per log).")
    ] = None,
) -> None:
    """Serve the C2SP tlog-witness protocol (POST /add-checkpoint) until interrupted."""
    from ipwarden.evidence.keys import KeyDir
    from ipwarden.evidence.note import Verifier, parse_vkey
    from ipwarden.evidence.witness import FileWitnessState, Witness
    from ipwarden.evidence.witness_http import make_server

    settings = Settings.from_env()
    kd = KeyDir(key_dir or _key_dir(settings), os.environ.get("IPWARDEN_KEY_PASSPHRASE") or None)
    signer = kd.signer("witness")
    if signer is None:
        if not name:
            raise InputError(
                "this witness has no key yet", hint="pass --name or run 'ipwarden witness keygen'"
            )
        signer = kd.create("witness", name)
    logs: dict[str, list[Verifier]] = {}
    for vkey in log:
        ver = parse_vkey(vkey)
        logs.setdefault(ver.name, []).append(ver)
    st = FileWitnessState(state or settings.home / "witness" / "state.json")
    server = make_server(Witness(signer, logs, st), host, port)
    h, p = server.server_address[:2]
    typer.echo(f"witness {signer.name} listening on http://{h!s}:{p}")
    typer.echo(f"vkey {signer.verifier.vkey}")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(evidence_app, name="evidence")
    app.add_typer(witness_app, name="witness")
