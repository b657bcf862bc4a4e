"""The spelling aspects: edit distance on the normalised spelling, with more weight on the first letters, a
word of a longer query that is the earlier mark misspelt, and look-alike characters (UTS #39 skeletons).
Listed with the other aspects in :mod:`ipwarden.similarity.aspects`."""

from __future__ import annotations

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.forms import MarkForms, is_domain_name
from ipwarden.similarity.glued import web_name, worded_tail
from ipwarden.similarity.phonetics import latin_key
from ipwarden.similarity.resources import coined_word, given_names, ordinary_english

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


_SWAP_MIN_LETTERS = 5  # NIKE and KINE: in a shorter mark the two letters are half of it
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


def _swapped(a: str, b: str) -> tuple[str, str] | None:
    """The two letters that trade places across one other (DOGIVA ~ GODIVA), a slip of the eye as a
    transposition of neighbours is; the marks otherwise the same and five letters or more."""
    if len(a) != len(b) or len(a) < _SWAP_MIN_LETTERS:
        return None
    at = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(at) != 2 or at[1] - at[0] != 2 or a[at[0]] != b[at[1]] or a[at[1]] != b[at[0]]:
        return None
    return a[at[0]], a[at[1]]


def _edits(a: str, b: str, weight: float, note: str, floor: float) -> Aspect | None:
    swapped = _swapped(a, b)
    sim = 1.0 - 1.0 / len(a) if swapped else DamerauLevenshtein.normalized_similarity(a, b)
    prefix = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    head = min(prefix, 3) / min(3, len(a), len(b))
    score = round(weight * (0.85 * sim + 0.15 * head), 3)
    if score < floor:
        return None
    if swapped:
        why = (
            f"spelling: {_q(swapped[0])} and {_q(swapped[1])} trade places between {_q(a)} and {_q(b)}{note}"
        )
        return Aspect(AspectKind.SPELLING, score, (why,))
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
    """Each run of letters written for another, adjacent edits taken together ('rn' for 'm', not 'r')."""
    spans: list[tuple[int, int, int, int]] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        last = spans[-1] if spans else None
        if last is not None and last[1] == op.src_start and last[3] == op.dest_start:
            spans[-1] = (last[0], op.src_end, last[2], op.dest_end)
        else:
            spans.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    subs: list[str] = []
    for i, j, k, m in spans:
        if j - i == m - k:  # letter for letter ('0' for 'o' twice in G00GLE)
            subs.extend(f"{_q(x)} for {_q(y)}" for x, y in zip(a[i:j], b[k:m], strict=True) if x != y)
        elif i < j and k < m:
            subs.append(f"{_q(a[i:j])} for {_q(b[k:m])}")
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


MISSPELT_INSIDE = 0.78  # below high alone: a word of the query spelt or said like the whole earlier mark
_MISSPELT_NAME = 0.86  # MICHEAL KORS HANDBAG: a name of two words or more, spelt all but the same


def _misspelling(word: str, mark: str, mark_key: str) -> tuple[str, float]:
    """How ``word`` writes ``mark`` another way — "spelt" (similarity 0.8 or more), "said" (the same sound
    key ``mark_key``, similarity 0.6 or more) or "" — and their spelling similarity."""
    sim = DamerauLevenshtein.normalized_similarity(word, mark)
    if sim >= 0.8:
        return "spelt", sim
    said = len(mark_key) >= 3 and latin_key(word) == mark_key
    return ("said" if said and sim >= 0.6 else ""), sim


def misspelt_inside(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Words of a longer query that are the earlier mark misspelt, or said alike, with other words added
    (SAMSNG GALAXY ~ SAMSUNG, LOUIS VUITON HANDBAG ~ LOUIS VUITTON: typosquatting with added terms, WIPO
    Overview 3.0 s. 1.8 and 1.9); a spelling likeness, so a clear meaning of the query counters it."""
    size = len(c.core)
    split = web_name(q.core[0]) if len(q.core) == 1 else None
    if split is None and len(q.core) == 1 and is_domain_name(q.text):  # ACADAMYOUTDOOR.COM: acadamy outdoor
        split = worded_tail(q.core[0])
    query_words = split or q.core  # a word of the web glued after the name set apart (SIFFYNET)
    if c.cjk or not 1 <= size < len(query_words) or size > 4:
        return None
    mark = c.core_compact
    if len(mark) < 4 or not mark.isalpha():
        return None
    for start in range(len(query_words) - size + 1):
        words = query_words[start : start + size]
        joined = "".join(words)
        if len(joined) < 4 or not joined.isalpha() or joined == mark:
            continue
        if all(ordinary_english(w) for w in words):
            continue  # ordinary words (GALAXY) are not a misspelt mark (GALAXIA)
        how, sim = _misspelling(joined, mark, c.latin_key)
        if how:
            shown = " ".join(words).upper()
            why = f"spelling: contains {_q(shown)}, the earlier mark {_q(c.text)} {how} another way"
            # one word near another is often chance (KROS for KORS); a name of several words, not all of them
            # ordinary (BLUE MOOD is no BLUE MOON misspelt), is not
            several = size >= 2 and sim >= 0.8 and not all(ordinary_english(w) for w in c.core)
            return Aspect(AspectKind.SPELLING, _MISSPELT_NAME if several else MISSPELT_INSIDE, (why,))
    return None


MISSPELT_PART = 0.75  # below the part written as it is (KORS in MICHAEL KORS 0.79, HARLEY opening 0.85)


def misspelt_part(q: MarkForms, c: MarkForms) -> Aspect | None:
    """A one-word query spelt or said like the coined first or last word of a longer earlier mark, the
    first no given name (FERAGAMMO ~ SALVATORE FERRAGAMO, HARLY ~ HARLEY-DAVIDSON): the other way round from
    :func:`misspelt_inside`, as :func:`containment` takes a query that is such a word written as it is."""
    if q.cjk or c.cjk or len(q.core) != 1 or not 2 <= len(c.core) <= 4:
        return None
    word = q.core[0]
    if not coined_word(word) or word in given_names():
        return None
    for part in dict.fromkeys((c.core[-1], c.core[0])):
        if part == word or not coined_word(part):
            continue
        if part == c.core[0] and part in given_names():  # MICHAL is no misspelt MICHAEL KORS
            continue
        how, _ = _misspelling(word, part, latin_key(part))
        if how:
            shown, earlier = _q(part.upper()), _q(c.text)
            why = f"spelling: {_q(q.text)} is {shown} of the earlier mark {earlier} {how} another way"
            return Aspect(AspectKind.SPELLING, MISSPELT_PART, (why,))
    return None
