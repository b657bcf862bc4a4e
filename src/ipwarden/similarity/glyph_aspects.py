"""The look of Chinese characters: characters that look alike (士/土) and a character written as its two
parts (周住 for 雕), aligned character by character. Part of :mod:`ipwarden.similarity.aspects`."""

from __future__ import annotations

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.chinese import pinyin_initial
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.resources import glosses, glyph_neighbours, glyph_parts

__all__ = ["glyph"]

_ONE_APART = 0.79  # just below a high risk for the same goods: a second likeness must make it high
_ONE_APART_MIN = 3  # characters: in a name of two, one character is half the mark
_FIRST_APART = 0.72  # ... the first character different in sound and look: the Guidelines' exception
_GLYPH_FLOOR = 0.6  # neighbour similarity below which two characters are simply different
_PART_MATCH = 0.75  # how close a written part must look to the real component of a split character


def _near(a: str, b: str) -> float:
    return 1.0 if a == b else glyph_neighbours().get(a, {}).get(b, 0.0)


def _split_match(x: str, y: str, whole: str) -> bool:
    parts = glyph_parts().get(whole)
    return parts is not None and _near(x, parts[0]) >= _PART_MATCH and _near(y, parts[1]) >= _PART_MATCH


def _glyph_step_exists(a: str, b: str) -> bool:
    """Whether any look-alike or split-character step exists between ``a`` and ``b``.

    Without one the alignment below can only use exact matches and plain edits, which give no reason and
    so no aspect: most candidate pairs are ruled out here without filling the alignment table.
    """
    near = glyph_neighbours()
    for x in a:
        options = near.get(x)
        if options and any(y != x and _GLYPH_FLOOR <= options.get(y, 0.0) < 1.0 for y in b):
            return True
    parts = glyph_parts()
    for whole, pieces in ((b, a), (a, b)):
        for ch in whole:
            if ch in parts and any(
                _split_match(pieces[i], pieces[i + 1], ch) for i in range(len(pieces) - 1)
            ):
                return True
    return False


def one_character_apart(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Two Chinese names of three characters or more, the same but for one character in the same place
    (于福记 ~ 徐福记): similar by the CNIPA's rule for Chinese word marks (Trademark Examination and
    Trial Guidelines 2021: 仅个别汉字不同, 整体无含义或者含义无明显区别), unless both are dictionary
    words, whose own meanings set them apart (大学生, 中学生). By the same rule's exception a first
    character clearly different in sound and in look sets the marks further apart (黄福记, 徐福记)."""
    a, b = q.core_compact, c.core_compact
    if not a or len(a) != len(b) or len(a) < _ONE_APART_MIN or a != q.cjk or b != c.cjk:
        return None
    apart = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(apart) != 1 or (glosses(a) and glosses(b)):
        return None
    at = apart[0]
    why = (
        f"written alike: {_q(a)} and {_q(b)} differ in one character of {len(a)}, "
        f"{_q(a[at])} for {_q(b[at])}, the others the same and in the same places"
    )
    if at == 0 and not _heard_or_seen_alike(a[0], b[0], q, c):
        return Aspect(
            AspectKind.GLYPH, _FIRST_APART, (f"{why}; the first character differs in sound and look",)
        )
    return Aspect(AspectKind.GLYPH, _ONE_APART, (why,))


def _heard_or_seen_alike(x: str, y: str, q: MarkForms, c: MarkForms) -> bool:
    """Characters that look alike, or whose syllables share their initial or their final (于 yu, 徐 xu)."""
    if _near(x, y) >= _GLYPH_FLOOR:
        return True
    if len(q.pinyin) != len(q.cjk) or len(c.pinyin) != len(c.cjk):
        return False
    sx, sy = q.pinyin[0], c.pinyin[0]
    ix, iy = pinyin_initial(sx), pinyin_initial(sy)
    return sx[len(ix) :] == sy[len(iy) :] or ix == iy != ""


def glyph(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Chinese characters that look alike (士/土), or a character written as its two parts (周住/雕); else
    two names one character apart."""
    shapes = _shapes(q, c)
    apart = one_character_apart(q, c) if shapes is None or shapes.score < _ONE_APART else None
    return apart or shapes


def _shapes(q: MarkForms, c: MarkForms) -> Aspect | None:
    a, b = q.cjk, c.cjk
    if not a or not b or a == b or abs(len(a) - len(b)) > 2 or not _glyph_step_exists(a, b):
        return None
    inf = float("inf")
    n, m = len(a), len(b)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    how: list[list[tuple[int, int, str] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            steps: list[tuple[int, int, float, str]] = [(i + 1, j, 1.0, ""), (i, j + 1, 1.0, "")]
            if i < n and j < m:
                near = _near(a[i], b[j])
                sub = 0.0 if near == 1.0 else (1.0 - near if near >= _GLYPH_FLOOR else 1.0)
                note = f"look-alike character {_q(a[i])} for {_q(b[j])}" if 0 < sub < 1 else ""
                steps.append((i + 1, j + 1, sub, note))
            if i + 1 < n and j < m and _split_match(a[i], a[i + 1], b[j]):
                steps.append(
                    (i + 2, j + 1, 0.15, f"split character: {_q(a[i : i + 2])} written for {_q(b[j])}")
                )
            if j + 1 < m and i < n and _split_match(b[j], b[j + 1], a[i]):
                steps.append((i + 1, j + 2, 0.15, f"split character: {_q(a[i])} for {_q(b[j : j + 2])}"))
            for ni, nj, step, note in steps:
                if ni <= n and nj <= m and here + step < cost[ni][nj]:
                    cost[ni][nj] = here + step
                    how[ni][nj] = (i, j, note)
    notes: list[str] = []
    i, j = n, m
    while (i, j) != (0, 0) and how[i][j] is not None:
        pi, pj, note = how[i][j]  # type: ignore[misc]
        if note:
            notes.append(note)
        i, j = pi, pj
    if not notes:
        return None
    score = 1.0 - cost[n][m] / max(n, m)
    if score < 0.5:
        return None
    return Aspect(AspectKind.GLYPH, round(min(score, 0.95), 3), tuple(dict.fromkeys(reversed(notes))))
