"""What an aspect function returns: the kind of similarity, its score and the reasons a person can check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Aspect", "AspectKind", "quoted"]


class AspectKind(StrEnum):
    SPELLING = "spelling"
    LOOKALIKE = "look-alike"
    SOUND = "sound"
    RHYME = "rhyme"
    CHINESE_SOUND = "chinese-sound"
    CROSS_SCRIPT = "cross-script"
    GLYPH = "glyph"
    CONTAINMENT = "containment"
    MEANING = "meaning"
    FAMILY = "family"


@dataclass(frozen=True, slots=True)
class Aspect:
    kind: AspectKind
    score: float
    reasons: tuple[str, ...]


def quoted(text: str) -> str:
    return f"'{text}'"
