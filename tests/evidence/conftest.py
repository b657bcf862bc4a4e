"""Fixtures for the evidence tests: the public test vectors beside the repository (../shared/vectors)."""

from __future__ import annotations

from pathlib import Path

import pytest

VECTORS = Path(__file__).resolve().parents[2].parent / "shared" / "vectors"


@pytest.fixture(scope="session")
def vectors() -> Path:
    if not VECTORS.is_dir():
        pytest.fail(f"test vectors not found at {VECTORS}; the repository must sit beside shared/")
    return VECTORS
