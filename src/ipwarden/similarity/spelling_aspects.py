"""The spelling aspects: edit distance on the normalised spelling, with more weight on the first letters, a
word of a longer query that is the earlier mark misspelt, and look-alike characters (UTS #39 skeletons).
Listed with the other aspects in :mod:`ipwarden.similarity.aspects`."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.word_aspects import MISSPELT_INSIDE, misspelt_inside, misspelt_part

__all__ = ["lookalike", "spelling"]


def spelling(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Edit distance with transpositions on the normalised spelling, more weight on the first letters; or a
    word of the query that is the earlier mark spelt another way."""
    whole = _whole_spelling(q, c)
    core = _core_spelling(q, c)
    if core is not None and (whole is None or core.score > whole.score):
        whole = core
    if whole is not None and whole.score >= MISSPELT_INSIDE:
        return whole
    inside = misspelt_inside(q, c) or misspelt_part(q, c)
    return inside if inside is not None else whole


def _whole_spelling(q: MarkForms, c: MarkForms) -> Aspect | None:
    a, b = q.compact, c.compact
    if not a or not b:
        return None
    if a == b:
        why = (
            "identical mark"
            if q.text == c.text
            else f"identical once case, accents and spacing are ignored ({_q(q.text)} = {_q(c.text)})"
        )
        return Aspect(AspectKind.SPELLING, 1.0, (why,))
    return _edits(a, b, 1.0, "", 0.55)


CORE_SPELLING = 0.97  # the parts set aside still differ a little
CORE_SPELLING_MIN = 0.8


def _core_spelling(q: MarkForms, c: MarkForms) -> Aspect | None:
    """A domain name's spelling once its www and top-level domain are set aside: PHONE4U.CO.UK is one letter
    from PHONES 4U (WIPO Overview 3.0, 1.11.1: the top-level domain is disregarded). Only a near spelling
    counts; other generic words (THE, OFFICIAL) stay in the spelling: sound and containment hear past them."""
    if "." not in q.text or not q.dropped or q.cjk or c.cjk or not q.core_compact or not c.compact:
        return None
    a = q.core_compact
    if a in {c.compact, c.core_compact}:
        return None  # the whole earlier mark: containment's
    return _edits(a, c.compact, CORE_SPELLING, f" ({', '.join(q.dropped)} set aside)", CORE_SPELLING_MIN)


def _edits(a: str, b: str, weight: float, note: str, floor: float) -> Aspect | None:
    sim = DamerauLevenshtein.normalized_similarity(a, b)
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    head = min(prefix, 3) / min(3, len(a), len(b))
    score = round(weight * (0.85 * sim + 0.15 * head), 3)
    if score < floor:
        return None
    edits = DamerauLevenshtein.distance(a, b)
    start = (
        f"same beginning {_q(a[:prefix])}"
        if prefix >= 2
        else "same first letter"
        if prefix
        else "different first letter"
    )
    return Aspect(
        AspectKind.SPELLING,
        score,
        (f"spelling: {edits} edit(s) between {_q(a)} and {_q(b)}{note}, {start}",),
    )


def _substitutions(a: str, b: str) -> list[str]:
    subs = []
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            subs.append(f"{_q(a[op.src_pos])} for {_q(b[op.dest_pos])}")
    return subs


def lookalike(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Same (or nearly the same) UTS #39 skeleton although the spellings differ: 0/O, 1/l, Cyrillic а."""
    if q.compact == c.compact or not q.skeleton or not c.skeleton:
        return None
    if q.skeleton == c.skeleton:
        subs = _substitutions(q.compact, c.compact) or [f"{_q(q.text)} for {_q(c.text)}"]
        return Aspect(AspectKind.LOOKALIKE, 0.95, tuple(dict.fromkeys(f"look-alike: {s}" for s in subs[:4])))
    sim = DamerauLevenshtein.normalized_similarity(q.skeleton, c.skeleton)
    plain = DamerauLevenshtein.normalized_similarity(q.compact, c.compact)
    if sim >= 0.8 and sim > plain + 0.05:
        subs = _substitutions(q.compact, c.compact)
        reasons = tuple(dict.fromkeys(f"look-alike: {s}" for s in subs[:4]))
        return Aspect(AspectKind.LOOKALIKE, round(0.9 * sim, 3), reasons)
    return None
