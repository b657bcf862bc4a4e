"""``ipwarden watermark embed`` / ``detect`` through the real root app, with a real evidence log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def product_png(tmp_path: Path) -> Path:
    """A product-style photo: a textured object on a white page (white is about 75 % of the area)."""
    rng = np.random.default_rng(3)
    obj = Image.fromarray(rng.integers(0, 255, (30, 40, 3)).astype(np.uint8)).resize(
        (240, 180), Image.Resampling.BICUBIC
    )
    page = Image.new("RGB", (480, 360), (255, 255, 255))
    page.paste(obj, (120, 90))
    path = tmp_path / "shoe.png"
    page.save(path)
    return path


def test_embed_logs_the_original_and_detect_links_back(cli: Any, product_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "shoe.marked.png"
    res = cli("watermark", "embed", str(product_png), "--out", str(out), "--case", "ACME-7")
    assert res.exit_code == 0, res
    assert "original logged as evidence entry 0" in res.stdout and "read back: ok" in res.stdout
    assert "records a different file" not in res.stdout
    Image.open(out).resize((240, 180)).save(tmp_path / "copy.jpg", quality=75)
    res = cli("watermark", "detect", str(tmp_path / "copy.jpg"), "--json")
    assert res.exit_code == 0, res
    body = json.loads(res.stdout)
    assert body["found"] and body["mode"] == "blind" and body["payload"].startswith("00000000")
    assert body["link"]["status"] == "verified" and body["link"]["case"] == "ACME-7"
    assert body["link"]["file"]["name"] == "shoe.png"
    res = cli("evidence", "show", "0", "--json")
    assert res.exit_code == 0 and "shoe.png" in res.stdout


def test_explicit_payload_and_crop_with_original(cli: Any, product_png: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.png"
    res = cli(
        "watermark", "embed", str(product_png), "--out", str(out), "--payload", "0123456789abcdef", "--json"
    )
    assert res.exit_code == 0, res
    assert json.loads(res.stdout)["payload"] == "0123456789abcdef"
    Image.open(out).crop((60, 45, 420, 315)).save(tmp_path / "crop.png")
    res = cli("watermark", "detect", str(tmp_path / "crop.png"))
    assert res.exit_code == 0 and "no watermark found (blind" in res.stdout
    res = cli("watermark", "detect", str(tmp_path / "crop.png"), "--original", str(product_png))
    assert res.exit_code == 0, res
    assert "watermark found (aligned to original)" in res.stdout and "0123456789abcdef" in res.stdout
    assert "no evidence log available" in res.stdout or "no such entry" in res.stdout


def test_user_mistakes_are_reported_not_raised(cli: Any, product_png: Path, tmp_path: Path) -> None:
    res = cli("watermark", "detect", str(product_png), "--json")
    assert res.exit_code == 4 and json.loads(res.stdout)["error"]["message"].startswith("no watermark key")
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    res = cli("watermark", "embed", str(broken), "--out", str(tmp_path / "o.png"))
    assert res.exit_code == 2 and "error: " in res.stderr and "broken.png is not an image" in res.stderr
    res = cli("watermark", "embed", str(product_png), "--out", str(tmp_path / "o.gif"), "--payload", "00" * 8)
    assert res.exit_code == 2 and "unsupported output format '.gif'" in res.stderr
    res = cli(
        "watermark",
        "embed",
        str(product_png),
        "--out",
        str(tmp_path / "o.png"),
        "--payload",
        "00",
        "--entry",
        "1",
    )
    assert res.exit_code == 2 and "either --payload or --entry" in res.stderr
    res = cli("watermark", "embed", str(product_png), "--out", str(tmp_path / "o.png"), "--entry", "3")
    assert res.exit_code == 4 and "evidence entry 3 does not exist" in res.stderr
    assert not (tmp_path / "o.png").exists()


def test_unmarked_image_reports_no_watermark(cli: Any, product_png: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.png"
    Image.fromarray(np.random.default_rng(5).integers(0, 255, (200, 200, 3)).astype(np.uint8)).save(other)
    assert (
        cli(
            "watermark", "embed", str(other), "--out", str(tmp_path / "x.png"), "--payload", "ff" * 8
        ).exit_code
        == 0
    )
    res = cli("watermark", "detect", str(product_png), "--json")
    body = json.loads(res.stdout)
    assert res.exit_code == 0 and not body["found"] and body["payload"] is None and body["copy_matches"] == []
