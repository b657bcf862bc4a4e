"""A mark glued to other words, either way round: the earlier mark opening or ending a word of the query
(CASIOTONE, LEGOLAND, MYNIKE), or the query inside a word of the earlier mark (GAP ~ GAPKIDS). Part of
:mod:`ipwarden.similarity.word_aspects`, which scores them as containment.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import permutations

from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.chinese import pinyin_table, read_as_pinyin
from ipwarden.similarity.forms import MarkForms, glued_to_generic
from ipwarden.similarity.resources import english_headwords, ordinary_english

__all__ = [
    "COINED_OPENING",
    "COMPOUND_ENDING",
    "COMPOUND_OPENING",
    "INSIDE_GLUED",
    "LEADING_WORD",
    "SHOP_PREFIXES",
    "beside_codes",
    "coined_ending",
    "coined_opening",
    "compound_ending",
    "compound_opening",
    "dictionary_word",
    "glued_pieces",
    "inside_earlier",
    "reordered",
    "worded_head",
    "worded_tail",
]


COINED_OPENING = 0.85  # CASIOTONE, GOOGLEDRIVE: the beginning counts most, and the name is coined


def coined_opening(q: MarkForms, c: MarkForms) -> str:
    """The query word that begins with the whole one-word earlier mark, a coined name of five letters or
    more, and goes on (CASIOTONE, GOOGLEDRIVE); "" if none. Buyers read a mark from its beginning (EUIPO
    Guidelines, Part C, Section 2, Chapter 4), and a coined name there is not read as part of another word;
    an ordinary word (TIDE in TIDEWATER) may well be."""
    mark = c.core_compact
    if c.cjk or len(c.core) != 1 or len(mark) < 5 or not mark.isalpha() or ordinary_english(mark):
        return ""
    return next((w for w in q.core if len(w) > len(mark) + 1 and w.startswith(mark)), "")


COMPOUND_OPENING = 0.75  # SKYKICK: an ordinary word opening a compound of two ordinary words, medium


def compound_opening(q: MarkForms, c: MarkForms) -> tuple[float, str] | None:
    """A query word, not itself a dictionary word, made of the whole one-word earlier mark and an ordinary
    English word after it (LEGOLAND, NIKEPLUS, SKYKICK): read as two words, the first of them the earlier
    mark (Sky v SkyKick [2024] UKSC 36). A coined mark there scores as a coined opening; an ordinary one
    as a part of the query, since two ordinary words glued may make a word of their own (PLAYSTATION)."""
    mark = c.core_compact
    if c.cjk or len(c.core) != 1 or len(mark) < 3 or not mark.isalpha():
        return None
    coined = not ordinary_english(mark)
    for word in q.core:
        rest = word[len(mark) :]
        if len(rest) < 3 or not word.startswith(mark) or not rest.isalpha() or ordinary_english(word):
            continue
        if ordinary_english(rest):
            return (COINED_OPENING if coined and len(mark) >= 4 else COMPOUND_OPENING), word
    return None


LEADING_WORD = 0.8  # MYNIKE, INIKE, AIRNIKE: a word before the coined mark, which stays the dominant element
SHOP_PREFIXES = frozenset(
    {"i", "e", "my", "the", "go", "get", "buy", "best", "top", "new", "real", "true", "pro"}
)
# words of the web glued after a name in a domain name (SIFFYNET, NIKEAPP): the name is what it is about
WEB_ENDINGS = ("net", "web", "app", "hub", "online", "site", "zone", "world", "club", "now", "tv")
_WEB_HEAD = 4


@lru_cache(maxsize=65_536)
def web_name(word: str) -> tuple[str, str] | None:
    """A glued word split before a word of the web it ends with (SIFFYNET: siffy, net), the name four letters
    or more and the whole no ordinary English word (CABINET is no CABI + net); None otherwise."""
    if not word.isascii() or not word.isalpha() or ordinary_english(word):
        return None
    for ending in WEB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _WEB_HEAD:
            return word[: -len(ending)], ending
    return None


_TAIL_WORD = 4  # the shortest ordinary English word read as glued after a name in a domain name
_TAIL_HEAD = 5  # and the shortest name before it


@lru_cache(maxsize=65_536)
def worded_tail(word: str) -> tuple[str, str] | None:
    """A glued word of a domain name split before the longest ordinary English word of four letters or more
    that ends it (ACADAMYOUTDOOR: acadamy, outdoor; a misspelt name with an added term, WIPO Overview 3.0,
    1.8 and 1.9), the name five letters or more and the whole no ordinary English word; None otherwise."""
    if not word.isascii() or not word.isalpha() or ordinary_english(word):
        return None
    for at in range(_TAIL_HEAD, len(word) - _TAIL_WORD + 1):
        if ordinary_english(word[at:]):
            return word[:at], word[at:]
    return None


def worded_head(head: str) -> bool:
    """Whether the opening of a compound is a word of its own: a prefix of domain and shop names or an
    ordinary English word of three letters or more."""
    return head in SHOP_PREFIXES or (len(head) >= 3 and ordinary_english(head))


def coined_ending(q: MarkForms, c: MarkForms) -> str:
    """A query word, not itself a dictionary word, that is the whole one-word earlier mark, a coined name of
    four letters or more, after a prefix of domain names and listings (i, e, my, the, get, buy...) or an
    ordinary English word (MYNIKE, INIKE, THENIKE, AIRNIKE): added words do not stop a mark that stays
    recognisable from being confusingly similar (WIPO Overview 3.0, 1.8)."""
    mark = c.core_compact
    if c.cjk or len(c.core) != 1 or len(mark) < 4 or not mark.isalpha() or ordinary_english(mark):
        return ""
    return _after_worded_head(q.core, mark, 1, ordinary_english)


COMPOUND_ENDING = 0.74  # PROCAT: as COMPOUND_OPENING, less a little, since the beginning counts most


def compound_ending(q: MarkForms, c: MarkForms) -> str:
    """A query word, not itself a dictionary word, made of an ordinary English word or a prefix of shop
    names and the whole one-word earlier mark after it, an ordinary word or a short one (PROCAT ~ CAT,
    Caterpillar Inc v Puma SE [2021] FCA 1014): the mirror of :func:`compound_opening`, medium and below
    it (CANONJET is CANON first, JET after); a coined mark of four letters or more there is a
    :func:`coined_ending`. "" if none."""
    mark = c.core_compact
    if c.cjk or len(c.core) != 1 or len(mark) < 3 or not mark.isalpha():
        return ""
    return _after_worded_head(q.core, mark, 2, dictionary_word)


def _after_worded_head(
    words: tuple[str, ...], mark: str, min_head: int, read_whole: Callable[[str], bool]
) -> str:
    """The first of ``words`` that is ``mark`` after a word of its own (:func:`worded_head`) of ``min_head``
    letters or more, unless ``read_whole`` reads the word as itself; "" if none."""
    for word in words:
        head = word[: len(word) - len(mark)]
        if len(head) < min_head or not word.endswith(mark) or not head.isalpha() or read_whole(word):
            continue
        if worded_head(head):
            return word
    return ""


def dictionary_word(word: str) -> bool:
    """An ordinary English word, or one an English gloss of the dictionary uses (WILDCAT, BOBCAT): read as
    itself, not as two words."""
    return ordinary_english(word) or english_headwords().get(word, 0) >= 1


@lru_cache(maxsize=65_536)
def glued_pieces(word: str) -> tuple[str, ...]:
    """The marks a one-word mark may be made of with another word glued to it: before generic or goods words
    (GAPKIDS: gap), before an ordinary English word of four letters or more (LEGOLAND: lego, NIKEPLUS:
    nike), after a prefix of domain and shop names of two letters or more (MYNIKE: nike; EVIAN is no e +
    VIAN); three letters at least. Marks are filed under these, so that the shorter mark's query finds the
    longer mark."""
    if not word.isascii() or not word.isalpha() or len(word) < 6 or ordinary_english(word):
        return ()
    out = list(glued_to_generic(word))
    out += [word[:cut] for cut in range(3, len(word) - 3) if ordinary_english(word[cut:])]
    out += [
        word[len(p) :]
        for p in SHOP_PREFIXES
        if len(p) >= 2 and word.startswith(p) and len(word) - len(p) >= 4
    ]
    out += _compound_endings(word)
    return tuple(dict.fromkeys(out))


_ENDING_HEADWORDS = 2  # the ending of a compound: an English word, if a rarer one than ordinary_english's


def _compound_endings(word: str) -> list[str]:
    """The English word, four letters at least, after an ordinary English word in a name glued from the two
    (RADIOSHACK: shack): a buyer who reads the name as two words may take the second for it (THE SHACK, the
    name RadioShack took for itself in 2009). The dictionary's English glosses hold Chinese surnames (Huang),
    so pinyin is left out."""
    if read_as_pinyin(word):  # a name in pinyin (JINXIANG) is no English compound
        return []
    headwords = english_headwords()
    return [
        word[cut:]
        for cut in range(3, len(word) - 3)
        if ordinary_english(word[:cut])
        and headwords.get(word[cut:], 0) >= _ENDING_HEADWORDS
        and word[cut:] not in pinyin_table()
    ]


INSIDE_GLUED = 0.85  # GAP ~ GAPKIDS, ROLEX ~ ROLEX 116610LN: the earlier mark is the query and no more matter
_INSIDE_COINED = 0.8  # LEGO ~ LEGOLAND: a coined query opening the earlier mark before an ordinary word
_INSIDE_PART = 0.75  # SKY ~ SKYKICK, NIKE ~ MYNIKE: the query as a part of the earlier mark, as other parts
_LESS_FIRST_LETTER = 0.78  # IKON ~ NIKON: all the earlier mark but its first letter; medium, never high alone


def inside_earlier(q: MarkForms, c: MarkForms) -> tuple[float, str] | None:
    """The query inside a word of the earlier mark, the other way round from :func:`containment`'s checks on
    glued words: the whole mark of one party in the mark of the other counts either way (TMEP
    1207.01(b)(iii)). Glued only to generic or goods words, the query is the earlier mark's dominant
    element; glued to an ordinary word or after a prefix (:func:`glued_pieces`), a part of it."""
    mark = q.core_compact
    if q.cjk or c.cjk or len(q.core) != 1 or len(mark) < 3 or not mark.isalpha():
        return None
    if _less_first_letter(mark, c):
        first = _q(c.core_compact[0].upper())
        why = f"the query is the earlier mark {_q(c.text)} less only its first letter {first}"
        return _LESS_FIRST_LETTER, why
    word = next((w for w in c.core if mark in w and mark != w and mark in glued_pieces(w)), "")
    if not word:
        return None
    earlier = _q(c.text)
    if mark in glued_to_generic(word):
        return INSIDE_GLUED, f"the earlier mark {earlier} is the query glued to generic or goods words"
    if word.startswith(mark):
        coined = not ordinary_english(mark) and len(mark) >= 4
        why = f"the earlier mark {earlier} begins with the whole query and an ordinary word after it"
        return (_INSIDE_COINED if coined else _INSIDE_PART), why
    head = word[: len(word) - len(mark)]
    after = "an ordinary word" if head not in SHOP_PREFIXES else "a prefix"
    return _INSIDE_PART, f"the earlier mark {earlier} ends with the whole query after {after}"


def _less_first_letter(mark: str, c: MarkForms) -> bool:
    """A query of four letters or more that is a one-word earlier mark less its first letter, a consonant
    (IKON for NIKON, Nikon Inc. v. Ikon Corp., 987 F.2d 91 (2d Cir. 1993)): the rest of the mark, its
    syllables all there, as a typosquatter drops a letter; not a vowel, which takes a syllable away (VIAN
    and EVIAN), nor where either is an ordinary English word (RANGE and ORANGE are two words)."""
    earlier = c.core_compact
    return (
        len(mark) >= 4
        and len(c.core) == 1
        and earlier[1:] == mark
        and earlier[:1].isalpha()
        and earlier[:1] not in "aeiouy"
        and not ordinary_english(mark)
        and not ordinary_english(earlier)
    )


def beside_codes(q: MarkForms, c: MarkForms) -> bool:
    """The earlier mark is the query's words and numbers or model codes only (ROLEX ~ ROLEX 116610LN)."""
    rest = list(c.core)
    for w in q.core:
        if w not in rest:
            return False
        rest.remove(w)
    return bool(rest) and all(any(ch.isdigit() for ch in w) for w in rest)


REORDERED = 0.9  # SPACE SMART ~ SMARTSPACE: every word of both marks, in another order


def reordered(q: MarkForms, c: MarkForms) -> str:
    """The query is the earlier mark's words, all of them and no others, in another order, written apart or
    glued (SPACE SMART and SMARTSPACE, In re Charger Ventures, 64 F.4th 1375 (Fed. Cir. 2023); BENZ MERCEDES),
    a word perhaps in another grammatical form (RUST BUSTER and BUST RUST: In re Nationwide Industries, 6
    USPQ2d 1882 (TTAB 1988)): the same words make the same impression, above a mark that is only one of them.
    Returns how the words differ ("" if they are not these). A goods word set aside from one mark's dominant
    element is still one of its words here (BEST JEWELRY and JEWELERS' BEST: In re Best Products, 231 USPQ
    988 (TTAB 1986))."""
    if q.cjk or c.cjk:
        return ""
    order = _in_other_order(q.core_skel, c.core_skel)
    if not order and (q.dropped or c.dropped):
        order = _in_other_order(q.tokens, c.tokens)
    return order


def _in_other_order(words: tuple[str, ...], earlier: tuple[str, ...]) -> str:
    if not 2 <= len(words) <= 3 or any(len(w) < 3 for w in words):
        return ""
    if len(earlier) > 1:
        if words == earlier:
            return ""
        if sorted(words) == sorted(earlier):
            return "in another order"
        stems = [_stem(w) for w in words]
        if stems != [_stem(w) for w in earlier] and sorted(stems) == sorted(map(_stem, earlier)):
            return "in another order, a plural, possessive, -er or -ry ending aside"
        return ""
    glued = "".join(earlier)
    glued_so = any("".join(order) == glued for order in permutations(words) if order != words)
    return "in another order" if glued_so else ""


def _stem(word: str) -> str:
    """The word without a plural, possessive, agent or trade ending (BUSTERS, BUSTER → BUST; JEWELERS,
    JEWELRY → JEWEL): four letters left."""
    for ending in ("ers", "er", "ry", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
