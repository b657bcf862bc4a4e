"""Counterfeit words disguised to slip past word filters: letters spelled apart, digits for letters."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ipwarden.screening.cues import fold, plain_spelling
from ipwarden.screening.models import Family, ScreeningResult

Screen = Callable[..., ScreeningResult]


def test_plain_text_needs_no_second_pass() -> None:
    assert plain_spelling(fold("Running shoes for men, size 42")) is None


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("r.e.p.l.i.c.a bag", "replica bag"),
        ("f-a-k-e watch", "fake watch"),
        ("r3plica bag", "replica bag"),
        ("rep1ica bag", "replica bag"),
        ("f4ke", "fake"),
    ],
)
def test_disguises_are_undone_with_offsets_into_the_text(text: str, plain: str) -> None:
    folded = fold(text)
    result = plain_spelling(folded)
    assert result is not None
    respelled, offsets = result
    assert respelled == plain
    assert len(offsets) == len(respelled)
    assert all(folded[o].lower() in (c, "1", "3", "4") for c, o in zip(respelled, offsets, strict=True))


def test_only_digits_between_letters_are_read_as_letters() -> None:
    result = plain_spelling(fold("Galaxy S24 f4ke 1phone"))
    assert result is not None
    assert result[0] == "galaxy s24 fake 1phone"


@pytest.mark.parametrize("title", ["Nike sneakers r.e.p.l.i.c.a", "Nike sneakers r3plica top quality"])
def test_disguised_counterfeit_words_are_flagged(screen: Screen, title: str) -> None:
    result = screen(title=title, category="shoes", market="US")
    assert Family.COUNTERFEIT_CUE in result.families, [r.signal for r in result.reasons]
    assert result.flagged


def test_evidence_span_points_at_the_disguised_word(screen: Screen) -> None:
    title = "Nike sneakers r.e.p.l.i.c.a"
    result = screen(title=title, category="shoes", market="US")
    cue = next(r for r in result.reasons if r.family is Family.COUNTERFEIT_CUE)
    assert cue.evidence == "r.e.p.l.i.c.a"
    assert cue.span is not None
    assert title[cue.span[0] : cue.span[1]] == "r.e.p.l.i.c.a"


def test_undisguised_title_without_cue_is_not_a_counterfeit_cue(screen: Screen) -> None:
    result = screen(title="Nike sneakers r1 running", category="shoes", market="US")
    assert Family.COUNTERFEIT_CUE not in result.families
