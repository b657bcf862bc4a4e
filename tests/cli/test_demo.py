"""The README's main job: `ipwarden demo` on a fresh home, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_demo_runs_every_stage_on_a_fresh_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"IPWARDEN_HOME": str(home), "COLUMNS": "200", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-m", "ipwarden", "demo"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "rejected 0" in out
    assert "耐克" in out and "pinyin of '耐克'" in out  # cross-script hit for NAIKE
    assert "康师傅" in out
    results = [json.loads(line) for line in (home / "demo" / "screening-results.jsonl").open()]
    assert results, "no screening results written"
    flagged = [r for r in results if r["decision"] in ("review", "block")]
    allowed = [r for r in results if r["decision"] == "allow"]
    assert flagged and allowed  # the samples hold both infringing and clean listings
    assert all(r["reasons"] for r in flagged)
    assert (home / "demo" / "DEMO-CASE-1.zip").is_file()
    assert "verified offline" in out
    assert (home / "registry.db").is_file()
