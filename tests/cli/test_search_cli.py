"""``ipwarden search``, ``suggest`` and ``index build|check`` through the real root app on a real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]

MARKS = [
    {
        "id": "US-1",
        "mark": "NIKE",
        "owner": "Nike, Inc.",
        "owner_family": "nike",
        "office": "US",
        "classes": [25],
    },
    {
        "id": "CN-2",
        "mark": "耐克",
        "owner": "Nike, Inc.",
        "owner_family": "nike",
        "office": "CN",
        "classes": [25],
    },
    {"id": "US-3", "mark": "COACH", "owner": "Tapestry, Inc.", "office": "US", "classes": [18]},
    {"id": "CN-4", "mark": "老干妈", "owner": "Laoganma", "office": "CN", "classes": [30]},
    {"id": "US-5", "mark": "DYSON", "owner": "Dyson", "office": "US", "classes": [7]},
]


@pytest.fixture
def registry(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "marks.jsonl"
    path.write_text(
        "".join(json.dumps(m | {"status": "registered"}, ensure_ascii=False) + "\n" for m in MARKS),
        encoding="utf-8",
    )
    assert cli("registry", "import", str(path)).exit_code == 0
    return path


def test_search_text_and_json(cli: Cli, registry: Path) -> None:
    result = cli("search", "NAIKE", "--class", "25")
    assert result.exit_code == 0, result
    assert "耐克" in result.stdout and "HIGH" in result.stdout
    assert "sound: 'NAIKE' = pinyin of '耐克'" in result.stdout
    data = json.loads(cli("search", "Laoganma", "--json", "--office", "CN").stdout)
    hit = data["hits"][0]
    assert set(hit) >= {"id", "mark", "owner", "office", "classes", "status", "score", "risk", "reasons"}
    assert (hit["id"], hit["risk"]) == ("CN-4", "high") and 0 < hit["score"] <= 1


def test_search_goods_description_and_unrelated_goods(cli: Cli, registry: Path) -> None:
    data = json.loads(
        cli("search", "COACH", "--goods", "educational test preparation books", "--json").stdout
    )
    coach = next(h for h in data["hits"] if h["id"] == "US-3")
    assert data["query"]["goods_classes"], data["query"]
    assert coach["risk"] != "high"
    assert any("unrelated" in r for r in coach["reasons"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "   "], "the query is empty"),
        (["search", "N" * 10_000], "the limit is 200"),
        (["search", "NI\x01KE"], "control character"),
        (["search", "🙂"], "no letters or digits"),
        (["search", "NIKE", "--class", "0"], "is not a Nice class"),
        (["search", "NIKE", "--class", "46"], "is not a Nice class"),
        (["search", "NIKE", "--class", "abc"], "is not a Nice class"),
        (["search", "NIKE", "--office", "XX"], "unknown office code 'XX'"),
        (["suggest", "NIKE", "--office", "ZZ"], "unknown office code 'ZZ'"),
    ],
)
def test_bad_input_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_input_json_body(cli: Cli) -> None:
    result = cli("search", "", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "invalid_input"


def test_stale_index_exit_5_then_rebuild(cli: Cli, registry: Path) -> None:
    from ipwarden.config import Settings
    from ipwarden.registry.models import Party, Right, RightKind, Status
    from ipwarden.storage import open_store

    assert cli("index", "build").exit_code == 0
    assert "up to date" in cli("index", "check").stdout
    store = open_store(Settings.from_env().db_url)  # a change that bypasses ipwarden's import
    store.upsert_rights(
        [Right("US-9", RightKind.TRADEMARK, "US", "ZORBAQ", owner=Party("Z"), status=Status.REGISTERED)]
    )
    stale = cli("search", "ZORBAK")
    assert stale.exit_code == 5 and "stale" in stale.stderr and "ipwarden index build" in stale.stderr
    assert cli("index", "check").exit_code == 5
    assert cli("index", "build").exit_code == 0
    assert "ZORBAQ" in cli("search", "ZORBAK").stdout


def test_suggest(cli: Cli, registry: Path) -> None:
    result = cli("suggest", "DYSONE", "--class", "7", "--office", "US,EU,CN", "--json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["original"]["clear"] is False and data["original"]["closest"]["id"] == "US-5"
    assert data["suggestions"] and all(s["clear"] for s in data["suggestions"])
    assert data["offices"] == ["US", "EM", "CN"]
    text = cli("suggest", "DYSONE", "--class", "7").stdout
    assert "clear variants:" in text


@pytest.mark.postgres
def test_search_on_postgresql(cli: Cli, registry: Path, pg_url: str) -> None:
    assert cli("registry", "import", str(registry), "--db", pg_url).exit_code == 0
    result = cli("search", "DAISON", "--db", pg_url, "--json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["hits"][0]["id"] == "US-5"
