"""``ipwarden classes``: show a class, search a term, related classes, JSON output, bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest


def test_show_class_with_sample_and_all_terms(cli: Any) -> None:
    result = cli("classes", "25")
    assert result.exit_code == 0, result
    assert "Class 25 (goods): Clothing, footwear, headwear" in result.stdout
    assert "use --all" in result.stdout
    full = cli("classes", "25", "--all")
    assert full.exit_code == 0
    assert full.stdout.count("\n") > result.stdout.count("\n") + 100
    assert "football shoes" in full.stdout


def test_search_lists_classes_with_terms(cli: Any) -> None:
    result = cli("classes", "--search", "running shoes")
    assert result.exit_code == 0, result
    first = result.stdout.splitlines()[0]
    assert first.startswith("Class 25:")
    assert "shoes" in result.stdout


def test_search_json(cli: Any) -> None:
    result = cli("classes", "--search", "handbags", "--json")
    body = json.loads(result.stdout)
    assert body["classes"][0]["class"] == 18
    assert body["classes"][0]["terms"][0] == {"text": "handbags", "score": 1.0, "via": None}


def test_related_with_sources(cli: Any) -> None:
    result = cli("classes", "--related", "25")
    assert result.exit_code == 0, result
    assert "uspto.gov" in result.stdout and "[editorial]" in result.stdout
    body = json.loads(cli("classes", "--related", "25", "--json").stdout)
    assert {14, 18, 35} <= set(body["related"])
    assert all(r["source"] for r in body["relations"])


def test_show_json(cli: Any) -> None:
    body = json.loads(cli("classes", "9", "--json").stdout)
    assert body["class"] == 9 and body["kind"] == "good" and body["term_count"] > 800
    assert len(body["terms"]) == 15


@pytest.mark.parametrize("bad", ["0", "46", "abc"])
def test_bad_class_exits_2_with_message(cli: Any, bad: str) -> None:
    result = cli("classes", bad)
    assert result.exit_code == 2
    assert "is not a Nice class: expected a whole number from 1 to 45" in result.stderr
    assert "Traceback" not in result.stderr
    assert cli("classes", "--related", bad).exit_code == 2


def test_nothing_or_two_questions_is_a_usage_error(cli: Any) -> None:
    assert cli("classes").exit_code == 2
    both = cli("classes", "25", "--search", "shoes")
    assert both.exit_code == 2 and "exactly one of" in both.stderr


def test_search_names_the_everyday_word_that_led_to_a_term(cli: Any) -> None:
    result = cli("classes", "--search", "sneakers")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[:2] == [
        "Class 25: Clothing, footwear, headwear (score 1.00)",
        "    sports shoes  (for 'sneakers')",
    ]
