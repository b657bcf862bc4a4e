"""Which of a query's candidate marks are scored exactly: each candidate group keeps its own share.

A query's probes fall in groups (spelling, sound, look-alike characters, containment, meaning …, see
``keys.GROUPS``). Ranked by their summed probe weights alone, one aspect's many neighbours would crowd out
the marks only another aspect finds, so each group first takes the best of its own marks, then the rest of
the places go by total weight.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from ipwarden.similarity.keys import GROUPS

__all__ = ["CADENCE", "GROUP_SHARE", "RHYME", "RHYME_SHARE", "WRITTEN", "Distinct", "choose"]

GROUP_SHARE = 0.15  # share of the candidate slots reserved for the best marks of each candidate group
WRITTEN = GROUPS.index("written")  # the candidate group whose places come on top of the cap
RHYME = GROUPS.index("rhyme")
RHYME_SHARE = 0.05  # the rhyme group's places, on top of the cap like the written group's
CADENCE = GROUPS.index("cadence")  # as many places as the rhymes, also on top of the cap
_FLAGS_FROM = 48  # postings are made distinct by flags when the index has fewer than 48 marks per posting


class Distinct:
    """``np.unique(ords, return_inverse=True)`` for a query's postings, by flagging a table of every mark
    when the postings are many for the index's size (sorting 30,000 numbers costs more than a pass over a
    million flags); the tables are reused, so one instance serves one thread at a time."""

    def __init__(self) -> None:
        self._flags = np.zeros(0, dtype=bool)
        self._slots = np.zeros(0, dtype=np.int32)

    def of(self, ords: npt.NDArray[Any], size: int) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """The distinct mark numbers among ``ords`` (all below ``size``), sorted, and where each falls."""
        if size > _FLAGS_FROM * len(ords):
            return np.unique(ords, return_inverse=True)
        if len(self._flags) < size:
            self._flags, self._slots = np.zeros(size, dtype=bool), np.zeros(size, dtype=np.int32)
        self._flags[ords] = True
        unique = np.flatnonzero(self._flags)
        self._flags[unique] = False
        self._slots[unique] = np.arange(len(unique), dtype=np.int32)
        return unique.astype(ords.dtype), self._slots[ords]


def tie_order(ords: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """A value in [0, 1) per mark number, from a multiplicative hash: which of equally weighted candidates
    are kept must not follow where in the index a mark was filed (``np.argpartition`` keeps the last of
    equals, which would favour the marks filed last)."""
    mixed = ords.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(11)).astype(np.float64) / float(1 << 53)


_TIE = 1e-9  # far below any difference of weight, which is a sum of probe weights times rarities


def choose(
    per_group: npt.NDArray[Any],
    keep: npt.NDArray[np.bool_],
    groups: set[int],
    cap: int,
    ties: npt.NDArray[np.float64] | None = None,
) -> npt.NDArray[np.intp]:
    """Row numbers of the chosen candidates, best total weight first.

    ``per_group``: each candidate's probe weight per group (row: candidate, column: group); ``keep``: the
    candidates the filters let through; ``groups``: the groups the query probed; ``ties``: each candidate's
    :func:`tie_order`, which decides among equal weights.
    """
    rows_total = len(per_group)
    tie_scale = 1.0 + _TIE * ties if ties is not None else np.ones(rows_total)
    columns = np.ascontiguousarray(per_group.T)  # one group's weights in a row of their own: read once each
    total = columns.sum(axis=0)
    if len(columns) > CADENCE:  # a rhyme or cadence finds marks in its own places only: it adds none to the
        total -= columns[RHYME] + columns[CADENCE]  # others
    score = total * tie_scale
    if rows_total <= cap:
        chosen = np.flatnonzero(keep)
    else:
        chosen_mask = np.zeros(rows_total, dtype=bool)
        open_rows = keep.copy()  # let through and not yet chosen
        quota = max(1, int(cap * GROUP_SHARE))
        rhymes = max(1, int(cap * RHYME_SHARE))
        for column in sorted(groups):
            weights = columns[column]
            rows = np.flatnonzero(weights > 0)
            rows = rows[open_rows[rows]]
            count = rhymes if column in (RHYME, CADENCE) else quota
            if len(rows) > count:
                by_group, theirs = weights[rows], score[rows]
                # marks an earlier group already took do not use this group's slots a second time, and
                # among equals the group prefers marks the other groups explain least: those only it finds
                # (the score leaves the rhymes and cadences out)
                others = theirs if column in (RHYME, CADENCE) else theirs - by_group
                if column == CADENCE:  # many marks share a cadence: the best are alike in other ways too
                    value = (others + 1e-3 * by_group) * tie_scale[rows]
                else:
                    value = by_group / (1.0 + 1e-4 * others) * tie_scale[rows]
                rows = rows[np.argpartition(-value, count)[:count]]
            chosen_mask[rows] = True
            open_rows[rows] = False
        rest = np.where(open_rows, score, -1.0)
        # the written and rhyme groups' places come on top of the cap: their loose keys must not take the
        # others' (a rhyme is never high alone)
        bonus = (quota if WRITTEN in groups else 0) + rhymes * len(groups & {RHYME, CADENCE})
        _take_best(rest, max(0, cap + bonus - int(chosen_mask.sum())), chosen_mask)
        chosen = np.flatnonzero(chosen_mask)
    return chosen[np.argsort(-score[chosen], kind="stable")]


def _take_best(values: npt.NDArray[Any], count: int, mask: npt.NDArray[np.bool_]) -> None:
    """Mark in ``mask`` the ``count`` best entries of ``values`` that are not negative."""
    eligible = int((values >= 0).sum())
    if count <= 0 or not eligible:
        return
    if eligible <= count:
        mask |= values >= 0
        return
    top = np.argpartition(-values, count)[:count]
    mask[top] = True
