"""The aspects of words rather than letters: an earlier mark inside the query (or the query inside it), and
a shared meaning (translations, synonyms, a meaning in part). Part of :mod:`ipwarden.similarity.aspects`.
"""

from __future__ import annotations

from functools import lru_cache

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.chinese_parts import (
    LESS_FIRST,
    NAME_OPENING,
    PLACED,
    PREFIXED,
    less_first,
    name_opening,
    placed,
    prefixed,
    word_across,
)
from ipwarden.similarity.forms import (
    MarkForms,
    by_characters,
    glued_to_generic,
    plain_meaning,
    without_brand,
)
from ipwarden.similarity.glued import (
    COINED_OPENING,
    COMPOUND_ENDING,
    INSIDE_GLUED,
    LEADING_WORD,
    REORDERED,
    beside_codes,
    coined_ending,
    coined_opening,
    compound_ending,
    compound_opening,
    inside_earlier,
    reordered,
)
from ipwarden.similarity.meanings import canonical, glued_equivalent, inflected_meanings
from ipwarden.similarity.normalize import mark_skeleton, normalise, word_parts
from ipwarden.similarity.resources import given_names, glosses, ordinary_english
from ipwarden.similarity.shared_words import dominant_word, same_dominant_element, shared_word
from ipwarden.similarity.typosquats import typed_readings

__all__ = ["chinese_name", "containment", "meaning"]

_DIRECT_BONUS = 0.03  # a meaning shared with the English words themselves, over one met through English


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    k = len(inner)
    return 0 < k < len(outer) and any(outer[i : i + k] == inner for i in range(len(outer) - k + 1))


_DISTINCTIVE_ENDING = 0.79  # KORS in MICHAEL KORS: above other parts of a mark, never high alone


def _distinctive_ending(q: MarkForms, c: MarkForms) -> bool:
    """The query is the last words of a longer Latin earlier mark and none of them is an ordinary word:
    the surname of a personal name (ZEGNA, KORS), which buyers take for the whole mark."""
    k = len(q.core_skel)
    return (
        not q.cjk
        and len(q.core_compact) >= 4
        and c.core_skel[-k:] == q.core_skel
        and not any(ordinary_english(w) for w in q.core)
    )


@lru_cache(maxsize=4096)
def _part_skeletons(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(mark_skeleton(p) for p in word_parts(words))


def _listed_words(q: MarkForms, c: MarkForms) -> tuple[float, tuple[str, ...]] | None:
    """The earlier mark's words in a query that joins it to a model code or a possessive S (PLAYSTATION5,
    ROLEX-116610LN, BARBIE'S), that writes it without its own possessive S (KELLOGG CORN FLAKES for
    KELLOGG'S), or that holds all of them in another order or apart (BENZ MERCEDES)."""
    if c.cjk or len(c.core_compact) < 4 or not q.core:
        return None
    parts = _part_skeletons(q.core)
    earlier = " ".join(c.core).upper()
    if parts != q.core_skel and (parts == c.core_skel or _contains(parts, c.core_skel)):
        why = f"contains the whole earlier mark {_q(earlier)} beside a number, a model code or a possessive S"
        return 0.88, (why,)
    own = _part_skeletons(c.core)
    if own != c.core_skel and _contains(parts, own):  # MCDONALD BURGER: the mark less its possessive S
        return 0.88, (f"contains the whole earlier mark {_q(c.text)} but for its possessive S",)
    words = c.core_skel
    if len(words) >= 2 and all(len(w) >= 3 for w in words) and not _contains(parts, words):
        left = list(parts)
        for w in words:
            if w not in left:
                return None
            left.remove(w)
        return 0.85, (f"contains every word of the earlier mark {_q(earlier)}, in another order or apart",)
    return None


_PER_WORD = 0.01  # each further word of an earlier mark contained whole: more of the query, a closer conflict
_LOOKALIKE_GAP = 0.02  # N1KE STORE holds NIKE in look-alike characters: just below the mark written as it is
_SHORT_LEADING = 0.8  # a mark of two or three letters that opens the query as a word of its own (BMW M3)
_ONE_LETTER = 0.6  # K+ in K+EFF: one letter is in countless marks (In re Electrolyte Labs, 929 F.2d 645)


def _whole_weight(q: MarkForms, c: MarkForms) -> float:
    """How much an earlier mark contained whole in the query says: a word of four letters or more, or two
    Chinese characters, is the query's dominant element; a shorter one only when it opens the query
    (BMW M3 COUPE, LG OLED TV), where a brand name stands, and is made of letters only: elsewhere, or with
    a digit (M2), a short word is often a model code. One letter alone says next to nothing."""
    if len(c.core_compact) >= 4 or len(c.cjk) >= 2:
        return 0.88
    if len(c.core_compact) < 2 and not c.cjk:
        return _ONE_LETTER
    if c.core_compact.isalpha() and _opens_with(q.core_skel, "".join(c.core_skel)):
        return _SHORT_LEADING
    return 0.7


@lru_cache(maxsize=4096)
def _bounds(words: tuple[str, ...]) -> frozenset[int]:
    """Where the words begin and end in the words written together."""
    bounds, at = {0}, 0
    for w in words:
        at += len(w)
        bounds.add(at)
    return frozenset(bounds)


def _opens_with(words: tuple[str, ...], inner: str) -> bool:
    """``words`` written together begin with ``inner``, which ends where one of them ends."""
    return bool(inner) and "".join(words).startswith(inner) and len(inner) in _bounds(words)


def _within_words(words: tuple[str, ...], inner: str) -> bool:
    """``inner`` runs from the start of one of ``words`` to the end of a later one, but is not all of
    them: an earlier mark written with other spacing or punctuation (COCACOLA ZERO for COCA-COLA, LEVIS
    501 for LEVI'S, M&MS PEANUT for M&M'S)."""
    if len(words) < 2 or not inner:
        return False
    joined = "".join(words)
    if len(inner) >= len(joined):
        return False
    bounds = _bounds(words)
    at = joined.find(inner)
    while at >= 0:
        if at in bounds and at + len(inner) in bounds:
            return True
        at = joined.find(inner, at + 1)
    return False


_SPACED_SINGULAR = 0.85  # SPEC SAVER for SPECSAVERS (Specsavers v Asda [2012] EWCA Civ 24)


def _spaced_singular(q: MarkForms, c: MarkForms) -> bool:
    """A one-word earlier mark of six letters or more ending in a plural S whose other letters the query
    writes as two words or more (SPEC SAVER for SPECSAVERS); one word less an S is another mark (VARGA GIRL
    and VARGAS, In re Hearst)."""
    word = c.core_skel[0] if len(c.core_skel) == 1 else ""
    return (
        len(word) >= 6
        and word.endswith("s")
        and not word.endswith("ss")
        and word[:-1] not in q.core_skel
        and _within_words(q.core_skel, word[:-1])
    )


def _across_goods_word(q: MarkForms, c: MarkForms) -> bool:
    """The Chinese earlier mark runs from the end of the query's dominant element into the goods word set
    aside after it: 青花汾酒 keeps 青花汾 once 酒 'liquor' is set aside, yet holds 汾酒 whole."""
    return bool(q.cjk) and any(
        q.cjk.endswith(c.cjk[:k]) and q.cjk + c.cjk[k:] in q.compact for k in range(1, len(c.cjk))
    )


_NAME_INSIDE = 0.85  # 古驰手袋: the brand's Chinese name, as a dictionary gives it, with goods words added


def _chinese_name_inside(q: MarkForms, c: MarkForms) -> str:
    """The word of a longer Chinese query that CC-CEDICT glosses as the Latin earlier mark, a coined name
    (古驰 'Gucci' in 古驰手袋, 路易威登 in 路易威登包); "" if none. An ordinary word's translation
    (苹果 'apple') is a shared meaning, not the mark's name, and is judged as such."""
    if not q.cjk or c.cjk or len(c.core_compact) < 3:
        return ""
    word = _coined_names_within(q.cjk).get(c.core_compact, "")
    return word if word != q.cjk else ""


def chinese_name(cjk_side: MarkForms, latin_side: MarkForms) -> bool:
    """Whether the Chinese mark is, as a whole, the name CC-CEDICT gives for the coined Latin mark (劳力士
    'Rolex'): the brand's own name in the other script, not a translation of ordinary words."""
    core = cjk_side.core_compact
    return (
        bool(core)
        and core == cjk_side.cjk
        and not latin_side.cjk
        and len(latin_side.core_compact) >= 3
        and latin_side.core_compact in _coined_names(core)
    )


@lru_cache(maxsize=16_384)
def _coined_names(word: str) -> frozenset[str]:
    """The coined names (letters only, joined) among CC-CEDICT's glosses of ``word``."""
    names = (normalise(gloss).split() for gloss in glosses(word))
    return frozenset("".join(n) for n in names if n and any(not ordinary_english(w) for w in n))


@lru_cache(maxsize=4096)
def _coined_names_within(cjk: str) -> dict[str, str]:
    """Coined names glossed by the dictionary words inside ``cjk`` → the word, longer words first."""
    found: dict[str, str] = {}
    for size in range(min(len(cjk), 6), 1, -1):
        for start in range(len(cjk) - size + 1):
            word = cjk[start : start + size]
            for name in _coined_names(word):
                found.setdefault(name, word)
    return found


_COINED_LEADING = 0.85  # HARLEY ~ HARLEY-DAVIDSON: a coined word, as GAP glued to goods words (GAPKIDS)
_LETTERS_LEADING = 0.8  # JBL ~ JBL CHARGE: letters, as the earlier mark BMW opening the query BMW M3


def _coined_leading(q: MarkForms, c: MarkForms) -> bool:
    """The query is the first words of a longer Latin earlier mark, letters only and none of them an
    ordinary word: the beginning of a mark counts most, and a coined name or a string of letters there is
    what buyers remember (the forward case is :data:`_SHORT_LEADING` and the whole-mark weight). A common
    given name alone is not such a name: in a personal name, the surname is what buyers take for the mark
    (MICHAEL against MICHAEL KORS; EUIPO Guidelines, Part C, Section 2, Chapter 4, on names)."""
    k = len(q.core_skel)
    return (
        not q.cjk
        and not c.cjk
        and len(q.core_compact) >= 2
        and q.core_compact.isalpha()
        and c.core_skel[:k] == q.core_skel
        and not any(ordinary_english(w) for w in q.core)
        and not (k == 1 and q.core[0] in given_names())
    )


def containment(q: MarkForms, c: MarkForms) -> Aspect | None:
    """The earlier mark is the dominant element of the query (or the other way round), generic words aside;
    or it is so once look-alike digits or letters are read as the letters they stand for, just below."""
    found = _containment(q, c)
    if found is not None or c.cjk:
        return found
    for read, what in typed_readings(q.text, q.norm):
        found = _containment(read, c)
        if found is not None:
            why = f"{found.reasons[0]}, once look-alike {what} ({_q(q.core_compact)})"
            return Aspect(AspectKind.CONTAINMENT, round(found.score - _LOOKALIKE_GAP, 3), (why,))
    return None


def _containment(q: MarkForms, c: MarkForms) -> Aspect | None:
    if q.compact == c.compact:
        return None
    earlier = " ".join(c.core).upper()
    if q.core_skel == c.core_skel or "".join(q.core_skel) == "".join(c.core_skel):
        why = same_dominant_element(q, c)
        return Aspect(AspectKind.CONTAINMENT, 0.93, (why,))
    weight = _whole_weight(q, c)
    if _contains(q.core_skel, c.core_skel):
        weight = round(weight + _PER_WORD * min(len(c.core) - 1, 2), 3)  # LION CAPITAL above LION alone
        if _contains(q.core, c.core):
            return Aspect(AspectKind.CONTAINMENT, weight, (f"contains the whole earlier mark {_q(earlier)}",))
        at = next(i for i in range(len(q.core)) if q.core_skel[i : i + len(c.core)] == c.core_skel)
        shown = " ".join(q.core[at : at + len(c.core)]).upper()
        why = f"contains {_q(shown)}, the whole earlier mark {_q(earlier)} in look-alike characters"
        return Aspect(AspectKind.CONTAINMENT, round(weight - _LOOKALIKE_GAP, 3), (why,))
    if len(q.core) > 1 and len(c.core) == 1 and len(c.core_compact) >= 4 and c.core[0] + "s" in q.core:
        why = f"contains the whole earlier mark {_q(earlier)} with a plural or possessive S"
        return Aspect(AspectKind.CONTAINMENT, weight, (why,))
    if _within_words(q.core_skel, "".join(c.core_skel)):
        why = f"contains the whole earlier mark {_q(c.text)}, spaced or joined another way"
        return Aspect(AspectKind.CONTAINMENT, weight, (why,))
    if _spaced_singular(q, c):
        why = f"contains the whole earlier mark {_q(c.text)}, spaced another way and without its plural S"
        return Aspect(AspectKind.CONTAINMENT, _SPACED_SINGULAR, (why,))
    if c.cjk and len(c.cjk) >= 2 and c.cjk != q.cjk and (c.cjk in q.cjk or _across_goods_word(q, c)):
        across = word_across(q.cjk if c.cjk in q.cjk else q.compact, c.cjk)
        if across:  # 白象牙 'white ivory' is 白 + 象牙, not 白象 + 牙
            why = f"holds the characters of the earlier mark {_q(c.cjk)}, but across the word {_q(across)}"
            return Aspect(AspectKind.CONTAINMENT, 0.75, (why,))
        return Aspect(AspectKind.CONTAINMENT, 0.88, (f"contains the whole earlier mark {_q(c.cjk)}",))
    named = _chinese_name_inside(q, c)
    if named:
        why = f"contains {_q(named)}, the Chinese name CC-CEDICT gives for the earlier mark {_q(c.text)}"
        return Aspect(AspectKind.CONTAINMENT, _NAME_INSIDE, (why,))
    order = reordered(q, c)
    if order:
        why = f"the words of the earlier mark {_q(c.text)}, all of them and no others, {order}"
        return Aspect(AspectKind.CONTAINMENT, REORDERED, (why,))
    listed = _listed_words(q, c)
    if listed:
        return Aspect(AspectKind.CONTAINMENT, *listed)
    prefix = prefixed(q, c)
    if prefix:
        return Aspect(AspectKind.CONTAINMENT, PREFIXED, (prefix,))
    place = placed(q, c)
    if place:
        return Aspect(AspectKind.CONTAINMENT, PLACED, (place,))
    if _contains(c.core_skel, q.core_skel) or (
        q.cjk and len(q.cjk) >= 2 and q.cjk != c.cjk and q.cjk in c.cjk
    ):
        if len(q.core_compact) >= 4 and beside_codes(q, c):
            why = f"the earlier mark {_q(c.text)} is the query beside a number or a model code"
            return Aspect(AspectKind.CONTAINMENT, INSIDE_GLUED, (why,))
        if _distinctive_ending(q, c):
            why = f"the earlier mark {_q(c.text)} ends with the query, a word of no ordinary meaning"
            return Aspect(AspectKind.CONTAINMENT, _DISTINCTIVE_ENDING, (why,))
        if _coined_leading(q, c):
            coined = len(q.core_compact) >= 4
            what = "a name of no ordinary meaning" if coined else "letters of no ordinary meaning"
            why = f"the earlier mark {_q(c.text)} opens with the whole query, {what}"
            return Aspect(AspectKind.CONTAINMENT, _COINED_LEADING if coined else _LETTERS_LEADING, (why,))
        if name_opening(q, c):
            why = f"the earlier mark {_q(c.text)} opens with the whole query, a name of no ordinary meaning"
            return Aspect(AspectKind.CONTAINMENT, NAME_OPENING, (why,))
        if less_first(q, c):
            why = f"the query is the earlier mark {_q(c.cjk)} less only its first character {_q(c.cjk[0])}"
            return Aspect(AspectKind.CONTAINMENT, LESS_FIRST, (why,))
        return Aspect(
            AspectKind.CONTAINMENT, 0.75, (f"the earlier mark {_q(c.text)} contains the query as a whole",)
        )
    glued = next((w for w in q.core if c.core_compact in glued_to_generic(w) and not ordinary_english(w)), "")
    if glued and len(c.core_compact) >= 3:
        why = f"contains the whole earlier mark {_q(c.text)} glued to generic or goods words: {_q(glued)}"
        return Aspect(AspectKind.CONTAINMENT, 0.88, (why,))
    opening = coined_opening(q, c)
    if opening:
        why = (
            f"begins with the whole earlier mark {_q(earlier)}, a name of no ordinary meaning: {_q(opening)}"
        )
        return Aspect(AspectKind.CONTAINMENT, COINED_OPENING, (why,))
    compound = compound_opening(q, c)
    if compound:
        after = _q(compound[1])
        why = f"begins with the whole earlier mark {_q(earlier)} and an ordinary word after it: {after}"
        return Aspect(AspectKind.CONTAINMENT, compound[0], (why,))
    ending = coined_ending(q, c)
    if ending:
        why = f"ends with the whole earlier mark {_q(earlier)}, a name of no ordinary meaning: {_q(ending)}"
        return Aspect(AspectKind.CONTAINMENT, LEADING_WORD, (why,))
    ending = compound_ending(q, c)
    if ending:
        head = _q(ending[: len(ending) - len(c.core_compact)].upper())
        why = f"ends with the whole earlier mark {_q(earlier)} after {head}, a word of its own: {_q(ending)}"
        return Aspect(AspectKind.CONTAINMENT, COMPOUND_ENDING, (why,))
    inside = inside_earlier(q, c)
    if inside:
        return Aspect(AspectKind.CONTAINMENT, inside[0], (inside[1],))
    if len(c.core_compact) >= 4 and c.core_compact in q.core_compact:
        return Aspect(
            AspectKind.CONTAINMENT,
            0.75 * weight / 0.88,
            (f"contains {_q(c.core_compact)} inside {_q(q.core_compact)}",),
        )
    shared = shared_word(q, c) or dominant_word(q, c)
    if shared:
        return Aspect(AspectKind.CONTAINMENT, shared[0], (shared[1],))
    return None


def meaning(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Same meaning across languages: Chinese glosses (CC-CEDICT) and foreign-word equivalents."""
    if q.compact == c.compact:
        return None
    q_means, c_means = _all_meanings(q), _all_meanings(c)
    shared = sorted(set(q_means) & set(c_means))
    if not shared:
        return _glued_meaning(q, c, q_means, c_means) or _partial_meaning(q, c)
    key = shared[0]
    q_why, c_why = q_means[key], c_means[key]
    if plain_meaning(q_why) and plain_meaning(c_why):
        return None  # plain same words: spelling says it already
    why = f"meaning: {q_why}; {c_why}"
    if _by_characters_only(q, c):
        return Aspect(
            AspectKind.MEANING, _CHARACTERS_ONLY, (f"meaning (character by character only): {why[9:]}",)
        )
    # a whole phrase translated word for word (GATO NEGRO / BLACK CAT) says more than one shared word
    score = 0.9 if " " in key else 0.85
    if plain_meaning(q_why) or plain_meaning(c_why):
        # one mark is the other's English equivalent (POMME / APPLE): the translation a buyer makes, closer
        # than two foreign words that meet only through English (POMME / APFEL)
        score += _DIRECT_BONUS
    return Aspect(AspectKind.MEANING, round(score, 3), (why,))


def _glued_meaning(
    q: MarkForms, c: MarkForms, q_means: dict[str, str], c_means: dict[str, str]
) -> Aspect | None:
    """One mark is the other's English meaning written as one word (海马 'sea horse' ~ SEAHORSE)."""
    for side, means in ((q, c_means), (c, q_means)):
        if len(side.core) != 1 or not side.core_compact.isascii() or not side.core_compact.isalpha():
            continue
        for key, why in means.items():
            glued = "" if plain_meaning(why) else glued_equivalent(key, side.core_compact)
            if glued:
                shown = f"'{side.core_compact.upper()}' is '{glued}' written as one word"
                return Aspect(AspectKind.MEANING, 0.9 + _DIRECT_BONUS, (f"meaning: {why}; {shown}",))
    return None


_CHARACTERS_ONLY = 0.72  # 斐乐 ~ 雅欣: two Chinese names that meet only through their characters' senses


def _by_characters_only(q: MarkForms, c: MarkForms) -> bool:
    """Both marks are Chinese names meaning only what their characters mean one by one: one sense among many
    of each character is thin ground for one meaning in the buyer's mind."""
    return (
        q.core_compact == q.cjk
        and c.core_compact == c.cjk
        and by_characters(without_brand(q.cjk))
        and by_characters(without_brand(c.cjk))
    )


_MEANINGS: dict[str, dict[str, str]] = {}  # text → its meanings by canonical key (the query's, reused)


def _all_meanings(f: MarkForms) -> dict[str, str]:
    """Meanings by canonical key (GOLDEN STAR and 'gold star' meet), inflected foreign words included."""
    out = _MEANINGS.get(f.text)
    if out is None:
        out = {}
        for key, why in (f.meanings | inflected_meanings(f.core)).items():
            out.setdefault(canonical(key), why)
        if len(_MEANINGS) >= 50_000:
            _MEANINGS.clear()
        _MEANINGS[f.text] = out
    return out


_WORDS: dict[str, frozenset[str]] = {}  # text → the words of its meanings


def _meaning_words(f: MarkForms) -> frozenset[str]:
    words = _WORDS.get(f.text)
    if words is None:
        words = frozenset(w for k in f.meanings for w in k.split())
        if len(_WORDS) >= 50_000:
            _WORDS.clear()
        _WORDS[f.text] = words
    return words


def _partial_meaning(q: MarkForms, c: MarkForms) -> Aspect | None:
    """One meaning is the other's plus more words (皇冠 'crown', CROWN JEWEL); kept below corroboration."""
    q_words = _meaning_words(q)
    if not q_words or q_words.isdisjoint(_meaning_words(c)):
        return None
    for qk, q_why in q.meanings.items():
        for ck, c_why in c.meanings.items():
            small, big = sorted((set(qk.split()), set(ck.split())), key=len)
            if small and small < big and any(len(w) >= 3 for w in small):
                if q_why == f"'{qk}'" and c_why == f"'{ck}'":
                    continue  # plain shared words: containment and spelling judge those
                why = f"meaning (in part): {q_why}; {c_why}"
                return Aspect(AspectKind.MEANING, 0.68, (why,))
    return None
