"""The watermark service: evidence link, register of originals, keys, and reading with the original."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ipwarden.errors import InputError, NotFoundError
from ipwarden.evidence.models import canonical
from ipwarden.evidence.watermark_service import (
    JsonlOriginals,
    MemoryEntries,
    MemoryOriginals,
    WatermarkService,
    entry_payload,
    load_key,
    parse_payload,
)

KEY = b"service-test-key-0123456789"
ENTRY = canonical(
    {
        "type": "ipwarden.evidence.item/v1",
        "case": "C-1",
        "recorded_at": "2026-11-22T00:00:00Z",
        "file": {"name": "shoe.png", "sha256": "00" * 32, "size": 1},
    }
)


def _photo(path: Path, seed: int = 7, size: tuple[int, int] = (300, 240)) -> Path:
    rng = np.random.default_rng(seed)
    w, h = size
    small = rng.integers(0, 255, (h // 8, w // 8, 3)).astype(np.uint8)
    img = Image.fromarray(small).resize((w, h), Image.Resampling.BICUBIC)
    canvas = Image.new("RGB", (w * 2, h * 2), (255, 255, 255))
    canvas.paste(img, (w // 2, h // 2))
    canvas.save(path)
    return path


def _service(entries: list[bytes] | None = None) -> WatermarkService:
    return WatermarkService(
        KEY, MemoryOriginals(), MemoryEntries(entries if entries is not None else [ENTRY])
    )


def test_payload_links_to_the_evidence_entry(tmp_path: Path) -> None:
    svc = _service([b"{}", ENTRY])
    report = svc.embed(_photo(tmp_path / "shoe.png"), tmp_path / "shoe.marked.png", entry=1)
    assert report.verified and report.psnr_db >= 38.0
    assert report.entry_matches_image is False  # ENTRY records another file
    assert report.payload == (1).to_bytes(4, "big").hex() + hashlib.sha256(ENTRY).hexdigest()[:8]
    found = svc.detect(tmp_path / "shoe.marked.png")
    assert found.found and found.payload == report.payload and found.mode == "blind"
    assert found.link is not None and found.link["status"] == "verified" and found.link["case"] == "C-1"
    assert found.copy_matches and found.copy_matches[0]["match"] and found.copy_matches[0]["entry"] == 1


def test_link_from_another_log_is_not_verified(tmp_path: Path) -> None:
    marker = _service([b"{}", ENTRY])
    marker.embed(_photo(tmp_path / "a.png"), tmp_path / "a.marked.png", entry=1)
    other = WatermarkService(KEY, MemoryOriginals(), MemoryEntries([b"{}", b"different entry"]))
    link = other.detect(tmp_path / "a.marked.png").link
    assert (
        link is not None
        and link["entry"] == 1
        and link["status"].startswith("entry exists but its hash differs")
    )
    empty = WatermarkService(KEY, MemoryOriginals(), MemoryEntries([]))
    link = empty.detect(tmp_path / "a.marked.png").link
    assert link is not None and link["status"] == "no such entry in this evidence log"


def test_missing_entry_and_bad_payloads_are_refused(tmp_path: Path) -> None:
    svc = _service()
    img = _photo(tmp_path / "x.png")
    with pytest.raises(NotFoundError, match="evidence entry 5 does not exist"):
        svc.embed(img, tmp_path / "out.png", entry=5)
    with pytest.raises(InputError, match="exactly one of a payload or an evidence entry"):
        svc.embed(img, tmp_path / "out.png")
    with pytest.raises(InputError, match="is the input image"):
        svc.embed(img, img, payload=b"\0" * 8)
    with pytest.raises(InputError, match="not 16 hexadecimal digits"):
        parse_payload("xyz")
    assert parse_payload("00000007a1b2c3d4") == bytes.fromhex("00000007a1b2c3d4")
    with pytest.raises(InputError, match="limit 2"):
        entry_payload(2**32, ENTRY)


def test_crop_is_read_with_the_original_only(tmp_path: Path) -> None:
    svc = _service()
    original = _photo(tmp_path / "orig.png", seed=8)
    svc.embed(original, tmp_path / "marked.png", payload=bytes.fromhex("1122334455667788"))
    img = Image.open(tmp_path / "marked.png")
    w, h = img.size
    img.crop((w // 8, h // 8, w - w // 8, h - h // 8)).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(
        tmp_path / "copy.jpg", quality=85
    )
    blind = svc.detect(tmp_path / "copy.jpg")
    assert not blind.found and blind.payload is None and blind.confidence == 0.0
    aligned = svc.detect(tmp_path / "copy.jpg", original=original)
    assert aligned.found and aligned.payload == "1122334455667788" and aligned.mode == "aligned to original"
    assert aligned.alignment is not None and aligned.alignment["mirrored"]
    assert aligned.false_alarm_probability < 1e-6 and aligned.confidence > 0.999999


def test_unmarked_copy_is_still_recognised_by_perceptual_hash(tmp_path: Path) -> None:
    svc = _service()
    original = _photo(tmp_path / "p.png", seed=9)
    svc.embed(original, tmp_path / "p.marked.png", payload=bytes(8))
    # The copier re-photographs the unmarked original: no watermark, same picture.
    Image.open(original).resize((300, 240)).save(tmp_path / "resized.jpg", quality=70)
    report = svc.detect(tmp_path / "resized.jpg")
    assert not report.found
    assert [m["name"] for m in report.copy_matches if m["match"]] == ["p.png"]
    other = svc.detect(_photo(tmp_path / "other.png", seed=10))
    assert other.copy_matches == []


def test_register_file_round_trips_and_names_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "watermark" / "originals.jsonl"
    svc = WatermarkService(KEY, JsonlOriginals(path), MemoryEntries([ENTRY]))
    svc.embed(_photo(tmp_path / "r.png"), tmp_path / "r.marked.png", entry=0)
    records = JsonlOriginals(path).records()
    assert svc.embed(tmp_path / "r.png", tmp_path / "r2.png", payload=bytes(8)).entry_matches_image is None
    assert len(records) == 1 and records[0].entry == 0 and records[0].name == "r.png"
    assert (
        json.loads(path.read_text().splitlines()[0])["sha256"]
        == hashlib.sha256((tmp_path / "r.png").read_bytes()).hexdigest()
    )
    with open(path, "a") as fh:
        fh.write("{not json\n")
    with pytest.raises(InputError, match=r"originals\.jsonl, line 3: not a register record"):
        JsonlOriginals(path).records()


def test_key_file_is_created_private_and_required_for_detection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IPWARDEN_WATERMARK_KEY", raising=False)
    path = tmp_path / "keys" / "watermark.key"
    with pytest.raises(NotFoundError, match="no watermark key"):
        load_key(path, create=False)
    key = load_key(path, create=True)
    assert len(key) == 64 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(path, create=False) == key
    path.write_bytes(b"short")
    with pytest.raises(InputError, match="holds 5 bytes; at least 16"):
        load_key(path, create=False)
    monkeypatch.setenv("IPWARDEN_WATERMARK_KEY", "from-the-environment")
    assert load_key(path, create=False) == b"from-the-environment"


def test_original_itself_and_unmarked_copies_read_as_unmarked(tmp_path: Path) -> None:
    svc = _service()
    original = _photo(tmp_path / "o.png", seed=11)
    Image.open(original).crop((20, 20, 560, 440)).save(tmp_path / "crop.jpg", quality=80)
    for suspect in (original, tmp_path / "crop.jpg"):
        report = svc.detect(suspect, original=original)
        assert not report.found and report.payload is None and report.link is None
