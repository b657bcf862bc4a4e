"""``ipwarden registry …`` through the real root app: exit codes, messages, export round trip."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]


def test_import_show_stats_export_round_trip(
    cli: Cli, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(p) for p in sorted((shared_data / "st66").glob("*-ST66.xml"))]
    result = cli(
        "registry", "import", *files, str(shared_data / "uspto" / "status-only-60000001.xml"), "--json"
    )
    assert result.exit_code == 0, result
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["stored"], summary["rejected"]) == (4, 4, 0)
    shown = cli("registry", "show", "US-78002299", "--json")
    assert json.loads(shown.stdout)["owner"]["name"] == "MySQL AB"
    stats = json.loads(cli("registry", "stats", "--json").stdout)
    assert stats["rights"] == 4 and stats["by_status"]["expired"] == 1
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"export.{fmt}"
        assert cli("registry", "export", "--format", fmt, "--out", str(out)).exit_code == 0
        monkeypatch.setenv("IPWARDEN_HOME", str(tmp_path / f"fresh-{fmt}"))
        assert cli("registry", "import", str(out)).exit_code == 0
        again = tmp_path / f"again.{fmt}"
        cli("registry", "export", "--format", fmt, "--out", str(again))
        assert again.read_text() == out.read_text()
        monkeypatch.setenv("IPWARDEN_HOME", str(tmp_path / "ipwarden-home"))


def test_rejects_exit_3_and_rejects_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "US-1", "mark": "A"}\n{"id": "US-2", "mark": "B", "classes": [0]}\n')
    rejects = tmp_path / "rej.jsonl"
    result = cli("registry", "import", str(path), "--rejects", str(rejects))
    assert result.exit_code == 3, result
    assert f"{path}: line 2: field 'classes'" in result.stdout and "rejected 1" in result.stdout
    assert json.loads(rejects.read_text())["record"]["id"] == "US-2"


def test_unusable_file_exit_2_names_file(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "cut.xml"
    bad.write_text("<?xml version='1.0'?>\n<trademark-applications-daily><case-file><serial-number>1")
    result = cli("registry", "import", str(bad))
    assert result.exit_code == 2 and str(bad) in result.stderr and "truncated XML" in result.stderr
    unknown = cli("registry", "import", str(bad), "--format", "pdf")
    assert unknown.exit_code == 2 and "unknown format" in unknown.stderr


def test_show_missing_exit_4(cli: Cli) -> None:
    result = cli("registry", "show", "US-404")
    assert result.exit_code == 4 and "US-404" in result.stderr


def test_missing_file_exit_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("registry", "import", str(tmp_path / "nowhere.jsonl"), "--format", "jsonl")
    assert result.exit_code == 2 and "nowhere.jsonl: no such file" in result.stderr


def test_import_says_how_many_stored_rights_a_family_declaration_relinked(cli: Cli, tmp_path: Path) -> None:
    rights = tmp_path / "rights.jsonl"
    rights.write_text(
        json.dumps({"id": "CN-2", "mark": "耐克", "office": "CN", "owner": "耐克"}, ensure_ascii=False) + "\n"
    )
    families = tmp_path / "families.jsonl"
    families.write_text(
        json.dumps({"record": "owner_family", "id": "nike", "name": "Nike, Inc.", "aliases": ["耐克"]}) + "\n"
    )
    first = cli("registry", "import", str(rights))
    assert first.exit_code == 0, first
    assert "relinked" not in first.stdout
    second = cli("registry", "import", str(families))
    assert second.exit_code == 0, second
    assert "relinked 1 stored rights to owner families declared in this import" in second.stdout
    shown = json.loads(cli("registry", "show", "CN-2", "--json").stdout)
    assert shown["owner_family"] == "nike"
