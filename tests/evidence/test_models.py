"""Canonical JSON of log entries: the fast path must equal RFC 8785 (the ``rfc8785`` package) exactly."""

from __future__ import annotations

from typing import Any

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from ipwarden.evidence.errors import FormatError
from ipwarden.evidence.models import canonical, file_ref, parse_entry

_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), _values, max_size=6))
def test_canonical_equals_rfc8785(record: dict[str, Any]) -> None:
    clean = {k: v for k, v in record.items() if v is not None}
    assert canonical(record) == rfc8785.dumps(clean)


def test_entries_must_be_canonical_and_typed() -> None:
    rec = {
        "type": "ipwarden.evidence.item/v1",
        "case": "C",
        "file": {"name": "a", "sha256": "0" * 64, "size": 1},
    }
    data = canonical(rec)
    assert parse_entry(data) == rec
    assert file_ref(rec) is not None
    with pytest.raises(FormatError, match="canonical"):
        parse_entry(data.replace(b'{"case"', b'{ "case"'))
    with pytest.raises(FormatError, match="type"):
        parse_entry(canonical({"type": "other"}))
    with pytest.raises(FormatError, match="sha256"):
        file_ref({"file": {"name": "a", "sha256": "XYZ", "size": 1}})
