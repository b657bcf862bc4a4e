"""Conceptual difference: a query that is an ordinary word, with a meaning the earlier mark lacks.

A clear and specific meaning that the public grasps at once can counteract a similarity of sound or
spelling (Ruiz-Picasso v OHIM, C-361/04 P; Phillips-Van Heusen v OHIM (BASS/PASH), T-292/01). Only the query's
meaning is used: a misspelling of a word mark (APPEL for APPLE) evokes the mark's own meaning, so the
earlier mark's meaning alone never counts. Pure functions; the tables come from ``resources``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rapidfuzz.distance import DamerauLevenshtein

from ipwarden.similarity.aspects import Aspect, AspectKind
from ipwarden.similarity.forms import MarkForms, plain_meaning
from ipwarden.similarity.meanings import canonical
from ipwarden.similarity.phonetics import latin_key
from ipwarden.similarity.resources import english_headwords, glosses

__all__ = [
    "COUNTERED",
    "clear_meaning",
    "common_surname",
    "conceptual_difference",
    "descriptive_earlier_mark",
    "shared_descriptive_opening",
    "short_marks",
    "weak_earlier_mark",
]

#: Aspects a clear meaning can counteract: how the marks sound or are spelled or written, nothing more.
COUNTERED = frozenset(
    {AspectKind.SPELLING, AspectKind.SOUND, AspectKind.RHYME, AspectKind.CHINESE_SOUND, AspectKind.GLYPH}
)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def clear_meaning(f: MarkForms, min_headwords: int) -> str | None:
    """Why the dominant element is an ordinary word with a dictionary meaning, or None.

    Chinese: the whole element is a CC-CEDICT headword. Latin: every word is an English word that at least
    ``min_headwords`` CC-CEDICT headwords are translated by (a coined brand name translates only its own
    transliteration). Foreign words do not count: a buyer who does not speak the language hears only the
    sound (ONDA, Italian 'wave', against HONDA).
    """
    if f.cjk and not f.latin:
        senses = glosses(f.cjk)
        return f"'{f.cjk}' is a word meaning '{senses[0]}' (CC-CEDICT)" if senses else None
    if not f.latin or f.cjk or not f.core:
        return None
    counts = english_headwords()
    for word in f.core:
        if not word.isalpha() or max(counts.get(word, 0), counts.get(_singular(word), 0)) < min_headwords:
            return None
    words = " ".join(f.core)
    return f"'{words}' is an ordinary word" if len(f.core) == 1 else f"'{words}' is made of ordinary words"


def conceptual_difference(
    q: MarkForms, c: MarkForms, aspects: Iterable[Aspect], min_headwords: int
) -> str | None:
    """The reason a clear meaning of the query sets it apart from the earlier mark, or None.

    Applies only when every aspect that fired is one of :data:`COUNTERED` (no look-alike characters, no
    containment, no shared meaning, no translation) and the marks differ in spelling and in meaning key.
    """
    kinds = {a.kind for a in aspects}
    if not kinds or not kinds <= COUNTERED or q.compact == c.compact:
        return None
    if {canonical(k) for k in q.meanings} & {canonical(k) for k in c.meanings}:
        return None  # the same word in another form (APPLES, APPLE)
    why = clear_meaning(q, min_headwords)
    if why is not None:
        return (
            f"conceptual difference: {why}, a meaning that the earlier mark '{c.text}' does not share and "
            "that sets the marks apart in the buyer's mind, so at most medium risk"
        )
    # the earlier mark's clear meaning counts as well ("at least one of the two signs", C-361/04 P), where
    # the query does not read as that word misspelt (APPEL for APPLE evokes the apple)
    # (Latin earlier marks only: a Chinese brand name is a dictionary headword too, 雪碧 'Sprite')
    theirs = clear_meaning(c, min_headwords) if not c.cjk else None
    if theirs is None or _looks_like(q, c) or _has_meaning(q):
        return None
    return (
        f"conceptual difference: {theirs}, a meaning that the query '{q.text}' does not have and that sets "
        "the marks apart in the buyer's mind, so at most medium risk"
    )


_MISSPELT = 0.75  # spelling similarity from which a query reads as the earlier mark's word misspelt


def _looks_like(q: MarkForms, c: MarkForms) -> bool:
    """The query reads as the earlier mark misspelt, as written or once goods and shop words are set aside
    (NORTH FASE JACKET for THE NORTH FACE)."""
    return any(
        DamerauLevenshtein.normalized_similarity(a, b) >= _MISSPELT
        for a, b in ((q.compact, c.compact), (q.core_compact, c.core_compact))
        if a and b
    )


def _has_meaning(f: MarkForms) -> bool:
    """A foreign or coined word that still means something (a translation in the lexicon)."""
    return any(not plain_meaning(why) for why in f.meanings.values())


def _dominant_words(c: MarkForms) -> list[str]:
    return [c.cjk] if c.cjk and not c.latin else list(c.core)


def weak_earlier_mark(c: MarkForms, weak_words: frozenset[str]) -> str | None:
    """Why the earlier mark is weak: its dominant element is made only of laudatory words, or None.

    Laudatory words (PLUS, TREAT, PREMIUM, 优质) praise any goods and are free for all traders to use
    (TMEP 1209.03(k); EUIPO Guidelines, Part B, Section 4, Chapter 4, laudatory terms), so a mark made of
    them is protected only against the same mark for the same goods (Plus Products v. Plus Discount Foods,
    722 F.2d 999 (2d Cir. 1983); British Sugar v James Robertson (TREAT) [1996] RPC 281).
    """
    words = _dominant_words(c)
    if not words or not all(w.casefold() in weak_words for w in words):
        return None
    return (
        f"weak earlier mark: '{c.text}' is made of laudatory words that any trader may use, protected only "
        "against the same mark for the same goods, so at most medium"
    )


def short_marks(q: MarkForms, c: MarkForms, aspects: Iterable[Aspect], max_letters: int) -> str | None:
    """Why two short Latin marks that differ are only alike within the same goods, or None.

    In a short sign each letter counts: the public perceives all of it, and one letter more or less may
    give a different overall impression (EUIPO Guidelines, Part C, Section 2, Chapter 4, short signs; BP
    and BT, UPS and UBS coexist). With interdependence (C-39/97 Canon), such a similarity does not offset
    goods that are merely related: high only for the same goods. Both marks must be short (the longer at
    most one letter longer), and a query that contains the whole earlier mark (NIKEE) is not counted.
    """
    a, b = q.latin or q.compact, c.latin or c.compact
    if q.cjk or c.cjk or a == b or not a.isalnum() or not b.isalnum():
        return None
    if min(len(a), len(b)) > max_letters or max(len(a), len(b)) > max_letters + 1:
        return None
    if any(x.kind is AspectKind.CONTAINMENT for x in aspects):
        return None
    return (
        f"short marks: '{q.text}' and '{c.text}' differ in a mark of {min(len(a), len(b))} letters, where "
        "each letter counts, so high only for the same goods"
    )


def _described(word: str, vocabulary: frozenset[str]) -> bool:
    """A descriptive word, its singular or plural, or two joined, perhaps by o (THERMOSCAN, INDUCTOTHERM)."""
    if word in vocabulary or _singular(word) in vocabulary or word + "s" in vocabulary:
        return True
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if head in vocabulary and (tail in vocabulary or (tail[0] == "o" and tail[1:] in vocabulary)):
            return True
    return False


_VOCABULARIES: dict[tuple[int, tuple[int, ...]], tuple[Mapping[int, frozenset[str]], frozenset[str]]] = {}


def _vocabulary(words_by_class: Mapping[int, frozenset[str]], classes: tuple[int, ...]) -> frozenset[str]:
    """The words of these classes, kept per word list and classes: a search asks for them once per hit."""
    key = (id(words_by_class), classes)
    found = _VOCABULARIES.get(key)
    if found is not None and found[0] is words_by_class:
        return found[1]
    vocabulary = frozenset().union(*(words_by_class.get(k, frozenset()) for k in classes))
    if len(_VOCABULARIES) > 4096:
        _VOCABULARIES.clear()
    _VOCABULARIES[key] = (words_by_class, vocabulary)
    return vocabulary


def descriptive_earlier_mark(
    c: MarkForms,
    classes: Iterable[int],
    words_by_class: Mapping[int, frozenset[str]],
    beside: frozenset[str] = frozenset(),
) -> str | None:
    """Why the earlier mark is weak: its dominant element only describes its own goods or buyers, perhaps
    with words ``beside`` them that praise the goods or name a place (GRAND HOTEL for hotels, FLORIDA
    INTERNATIONAL UNIVERSITY for a university), or None.

    A descriptive mark, or one whose shared element describes the goods, has a narrow scope of protection
    (TMEP 1207.01(b)(viii) and (ix); Juice Generation v. GS Enters., 794 F.3d 1334 (Fed. Cir. 2015); EUIPO
    Guidelines, Part C, Section 2, Chapter 4, descriptive elements): TEEN for magazines (Time v. Petersen,
    173 F.3d 113 (2d Cir. 1999)), GATEWAY for computers (T-434/05), THERMO and SCAN for thermometers
    (Therma-Scan v. Thermoscan, 295 F.3d 623 (6th Cir. 2002)). A laudatory word beside them adds nothing a
    trader could own (In re Hartz Hotel Services, 102 USPQ2d 1150 (TTAB 2012): GRAND HOTEL). The words are
    those listed for the earlier mark's own classes.
    """
    words = _dominant_words(c)
    if not words:
        return None
    vocabulary = _vocabulary(words_by_class, tuple(classes))
    if not vocabulary:
        return None
    described = [_described(w, vocabulary) for w in words]
    if not any(described) or not all(
        d or w.casefold() in beside for w, d in zip(words, described, strict=True)
    ):
        return None
    what = (
        "only describes its goods or their buyers"
        if all(described)
        else "only describes its goods beside words that praise them or name a place"
    )
    return (
        f"weak earlier mark: '{c.text}' {what}, so it is protected only "
        "against the same mark for the same goods, at most medium otherwise"
    )


def common_surname(c: MarkForms, surnames: frozenset[str]) -> str | None:
    """Why the earlier mark is weak: its dominant element is only a common surname, or None.

    A surname is not inherently distinctive (Lanham Act 2(e)(4), TMEP 1211), and a common one is shared by
    many traders, so its distinctiveness is low (EUIPO Guidelines, Part C, Section 2, Chapter 4, names;
    T-185/03 Fusco): REED for an agency against REED BUSINESS INFORMATION for publishing (Reed Executive v
    Reed Business Information [2004] EWCA Civ 159), SCOTT paper against SCOTT'S LIQUID GOLD (589 F.2d 1225).
    """
    words = _dominant_words(c)
    if len(words) != 1 or words[0] not in surnames:
        return None
    return (
        f"weak earlier mark: '{c.text}' is a common surname, which many traders bear, protected only "
        "against the same mark for the same goods, so at most medium"
    )


def shared_descriptive_opening(
    q: MarkForms,
    c: MarkForms,
    mark_classes: Iterable[int],
    openings_by_class: Mapping[int, frozenset[str]],
    aspects: Iterable[Aspect],
) -> str | None:
    """Why two one-word marks that share only an opening common in the trade for the earlier mark's goods
    (NUTRI-, VITA-, PHARMA-), the rest differing from its first letter and in sound, are alike in a part
    that says what the goods are, not who makes them (NUTRAVITE and NUTRILITE: Alticor v. Nutravite, 2004 FC
    235); None if they are not. Forms of one opening (NUTRA-, NUTRI-) count as one."""
    if q.cjk or c.cjk or len(q.core) != 1 or len(c.core) != 1:
        return None
    if any(a.kind is AspectKind.CONTAINMENT for a in aspects):
        return None
    openings = _vocabulary(openings_by_class, tuple(sorted(set(mark_classes))))
    if not openings:
        return None
    a, b = q.core_compact, c.core_compact
    pa, pb = _opening(a, openings), _opening(b, openings)
    if not pa or not pb or pa[:3] != pb[:3]:
        return None
    ra, rb = a[len(pa) :], b[len(pb) :]
    if ra[0] == rb[0] or latin_key(ra) == latin_key(rb):
        return None
    shared = f"{pa.upper()}- opens" if pa == pb else f"{pa.upper()}- and {pb.upper()}- open"
    return (
        f"shared opening: {shared} many marks for these goods, and the rest differs ({ra.upper()}, "
        f"{rb.upper()}), so the likeness rests on a part that describes the goods: medium at most"
    )


def _opening(word: str, openings: frozenset[str]) -> str:
    """The longest listed opening of ``word`` that leaves three letters or more after it ("" if none)."""
    if not word.isalpha():
        return ""
    return max((p for p in openings if word.startswith(p) and len(word) - len(p) >= 3), key=len, default="")
