"""``ipwarden evidence …`` end to end through the real CLI: add, show, proof, export, verify, audit, rotate."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from ipwarden.errors import ExitCode


def test_add_show_proof_export_verify_audit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shot = tmp_path / "listing.png"
    shot.write_bytes(b"\x89PNG capture of a listing")
    page = tmp_path / "listing.html"
    page.write_text("<html>NIKE AIR 9.99</html>")
    r = cli(
        "evidence",
        "add",
        str(shot),
        str(page),
        "--case",
        "C-42",
        "--note",
        "test purchase",
        "--source-url",
        "https://shop.example/item/1",
        "--operator",
        "alice",
        "--json",
    )
    assert r.exit_code == 0, r
    items = json.loads(r.stdout)["items"]
    assert [i["index"] for i in items] == [0, 1]
    r = cli("evidence", "show", "1", "--json")
    rec = json.loads(r.stdout)
    assert rec["case"] == "C-42" and rec["operator"] == "alice" and rec["file"]["name"] == "listing.html"
    assert rec["source_url"] == "https://shop.example/item/1" and rec["recorded_at"].endswith("Z")
    r = cli("evidence", "proof", "0")
    assert r.stdout.startswith("c2sp.org/tlog-proof@v1\nindex 0\n")
    assert cli("evidence", "decide", "C-42", "--decision", "takedown", "--item", "0").exit_code == 0
    bundle = tmp_path / "bundle.zip"
    r = cli("evidence", "export", "C-42", "--out", str(bundle))
    assert r.exit_code == 0 and "3 entries" in r.stdout
    r = cli("evidence", "verify", str(bundle))
    assert r.exit_code == 0 and r.stdout.strip().endswith("OK")
    assert cli("evidence", "audit").exit_code == 0
    key = cli("evidence", "key", "show").stdout.split()[-1]
    assert cli("evidence", "verify", str(bundle), "--log-key", key).exit_code == 0


def test_tampering_is_reported_with_exit_code(cli, tmp_path: Path, _isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("original")
    cli("evidence", "add", str(f), "--case", "C-1")
    stored = next(p for p in (_isolated_home / "evidence" / "files").rglob("*") if p.is_file())
    stored.write_text("forged!!")
    r = cli("evidence", "audit")
    assert r.exit_code == ExitCode.INTEGRITY
    assert "TAMPERED item 0: file a.txt" in r.stdout


def test_rotation_keeps_old_bundles_verifiable(cli, tmp_path: Path, _isolated_home: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "a.txt"
    f.write_text("one")
    cli("evidence", "add", str(f), "--case", "C-1")
    cli("evidence", "export", "0", "--out", str(tmp_path / "old.zip"))
    r = cli("evidence", "key", "rotate", "--operator", "bob")
    assert r.exit_code == 0 and "active" in r.stdout
    assert json.loads(cli("evidence", "show", "1", "--json").stdout)["type"] == "ipwarden.log.key_rotation/v1"
    cli("evidence", "add", str(f), "--case", "C-1")
    assert cli("evidence", "verify", str(tmp_path / "old.zip")).exit_code == 0
    cli("evidence", "export", "C-1", "--out", str(tmp_path / "new.zip"))
    assert cli("evidence", "verify", str(tmp_path / "new.zip")).exit_code == 0
    assert cli("evidence", "audit").exit_code == 0
    keys = _isolated_home / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    pems = list(keys.glob("*.pem"))
    assert len(pems) == 2 and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in pems)
    assert not list((_isolated_home / "evidence").rglob("*.pem"))


def test_passphrase_protected_key(cli, tmp_path: Path, _isolated_home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPWARDEN_KEY_PASSPHRASE", "correct horse")
    f = tmp_path / "a.txt"
    f.write_text("x")
    assert cli("evidence", "add", str(f), "--case", "C").exit_code == 0
    pem = next((_isolated_home / "keys").glob("*.pem")).read_text()
    assert "ENCRYPTED" in pem
    monkeypatch.setenv("IPWARDEN_KEY_PASSPHRASE", "wrong")
    r = cli("evidence", "add", str(f), "--case", "C")
    assert r.exit_code == ExitCode.USAGE and "passphrase" in r.stderr


def test_user_errors_are_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("evidence", "show", "7")
    assert r.exit_code == ExitCode.NOT_FOUND and "no evidence entry 7" in r.stderr
    r = cli("evidence", "add", str(tmp_path / "missing.png"), "--case", "C")
    assert r.exit_code == ExitCode.USAGE and "missing.png" in r.stderr
    r = cli("evidence", "verify", str(tmp_path / "nope.zip"))
    assert r.exit_code == ExitCode.USAGE
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    r = cli("evidence", "verify", str(bad))
    assert r.exit_code == ExitCode.INTEGRITY and "not a readable zip" in r.stderr
    r = cli("evidence", "export", "NO-SUCH-CASE", "--out", str(tmp_path / "x.zip"))
    assert r.exit_code == ExitCode.NOT_FOUND


def test_witness_keygen_and_policy(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ipwarden.evidence.note import ALG_COSIGNATURE_V1, parse_vkey

    r = cli("witness", "keygen", "--name", "witness.example/w1", "--key-dir", str(tmp_path / "wkeys"))
    assert r.exit_code == 0
    vkey = r.stdout.strip()
    assert parse_vkey(vkey).alg == ALG_COSIGNATURE_V1
    policy = tmp_path / "p.policy"
    policy.write_text(f"witness W1 {vkey} http://127.0.0.1:9/\nquorum W1\n")
    r = cli("evidence", "policy", "--set", str(policy))
    assert r.exit_code == 0 and f"witness W1 {vkey}" in r.stdout and "quorum W1" in r.stdout
    policy.write_text(f"witness W1 {vkey}\ngroup G 3 W1\nquorum G\n")
    r = cli("evidence", "policy", "--set", str(policy))
    assert r.exit_code == ExitCode.USAGE and "p.policy:2" in r.stderr
    # With an unreachable witness, adding still works and the outcome is reported, not hidden.
    f = tmp_path / "a.txt"
    f.write_text("x")
    r = cli("evidence", "add", str(f), "--case", "C")
    assert r.exit_code == 0 and "witness W1: unreachable" in r.stdout
    r = cli("evidence", "checkpoint", "--cosign")
    assert r.exit_code == ExitCode.INTEGRITY and "quorum NOT met" in r.stderr
