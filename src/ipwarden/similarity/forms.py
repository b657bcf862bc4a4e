"""Every representation of a mark that the aspects compare, computed once per text and cached.

A :class:`MarkForms` holds the normalised spelling, the look-alike skeleton, the dominant element (the
words left once generic and descriptive words are set aside), the Latin sound keys, the pinyin of the
Chinese part and the English meanings, each with how it was obtained so that reasons can cite it.
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from itertools import product

from ipwarden.similarity.chinese import fuzzy_syllable, pinyin_syllables
from ipwarden.similarity.meanings import romaji
from ipwarden.similarity.normalize import is_cjk, mark_skeleton, normalise, tokens
from ipwarden.similarity.phonetics import latin_key, vowel_key
from ipwarden.similarity.readings import latin_reading
from ipwarden.similarity.resources import glosses, lexicon
from ipwarden.similarity.romanisation import without_tone_numbers
from ipwarden.similarity.transcriptions import same_sound_entry

__all__ = [
    "SAINT",
    "MarkForms",
    "by_characters",
    "forms_from_bytes",
    "forms_to_bytes",
    "glued_to_generic",
    "is_domain_name",
    "meanings_of",
    "plain_meaning",
    "prepare",
    "prepare_query",
    "segment_foreign",
    "without_brand",
]

_MAX_SEGMENTS = 4


@dataclass(frozen=True, slots=True)
class MarkForms:
    text: str
    norm: str
    compact: str
    skeleton: str
    tokens: tuple[str, ...]
    core: tuple[str, ...]  # dominant element: tokens without generic/descriptive words
    dropped: tuple[str, ...]  # the generic/descriptive words set aside
    core_compact: str
    core_skel: tuple[str, ...]  # skeleton of each core word, so N1KE STORE contains NIKE
    latin: str  # Latin letters and digits of the core, no spaces
    cjk: str  # Chinese characters of the core
    latin_key: str
    vowel_key: str
    pinyin: tuple[str, ...]
    pinyin_tones: tuple[str, ...]
    fuzzy: tuple[str, ...]
    meanings: dict[str, str] = field(default_factory=dict)  # English meaning key → how it was found

    @property
    def pinyin_compact(self) -> str:
        return "".join(self.pinyin)


def _has_cjk(word: str) -> bool:
    return not word.isascii() and any(is_cjk(ch) for ch in word)


def _strip_chinese_generic(token: str) -> tuple[str, list[str]]:
    dropped: list[str] = []
    for word in lexicon().generic_chinese:
        if word in token and token != word:
            token = token.replace(word, "")
            dropped.append(word)
    return token, dropped


def _strip_chinese_goods(token: str) -> tuple[str, list[str]]:
    """Goods words after a Chinese brand name in one run of characters (欧米茄手表 → 欧米茄 + 手表)."""
    words = sorted((w for w in lexicon().all_descriptive if _has_cjk(w)), key=len, reverse=True)
    dropped: list[str] = []
    stripped = True
    while stripped:
        stripped = False
        for word in words:
            if token.endswith(word) and len(token) > len(word) + 1:  # two characters at least stay
                token = token[: -len(word)]
                dropped.insert(0, word)
                stripped = True
                break
    return token, dropped


def _core(words: list[str], domain: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    lex = lexicon()
    ignored = lex.generic_latin | lex.all_descriptive
    if domain:  # a domain name's top-level domain says nothing of whose site it is
        ignored |= lex.top_level_domains
    core: list[str] = []
    dropped: list[str] = []
    for at, word in enumerate(words):
        if word in lex.leading and at == len(words) - 1:  # an article ends nothing: HAGEN DAS
            core.append(word)
        elif _has_cjk(word):
            stripped, gone = _strip_chinese_generic(word)
            stripped, goods = _strip_chinese_goods(stripped)
            dropped.extend(gone + goods)
            if stripped and stripped not in ignored:
                core.append(stripped)
            elif stripped:
                dropped.append(stripped)
        elif word in ignored:
            dropped.append(word)
        else:
            core.append(word)
    if not core:  # a mark made only of ordinary words is its own dominant element
        return tuple(words), ()
    return tuple(core), tuple(dropped)


@lru_cache(maxsize=65_536)
def glued_to_generic(word: str) -> tuple[str, ...]:
    """What is left of a word glued to generic or goods words before or after it (GAPKIDS → gap,
    NIKESTORE → nike, OFFICIALCOACH → coach, LOUISVUITTONOUTLETSTORE → louisvuitton): three letters at
    least, each word taken off four or more (a plural S on it too); nearer parts first."""
    if not word.isascii() or not word.isalpha() or len(word) < 7:
        return ()
    lex = lexicon()
    listed = lex.generic_latin | lex.all_descriptive
    out: list[str] = []
    parts = [word]
    for _ in range(3):  # up to three words taken off, from either end
        found: list[str] = []
        for part in parts:
            for cut in range(3, len(part) - 3):
                head, tail = part[:cut], part[cut:]
                if _listed(tail, listed) and head not in listed:
                    found.append(head)
                if len(head) >= 4 and head in listed and tail not in listed:
                    found.append(tail)
        parts = [f for f in dict.fromkeys(found) if f not in out]
        out += parts
    return tuple(out)


def _listed(word: str, listed: frozenset[str] | set[str]) -> bool:
    return len(word) >= 4 and (word in listed or (word.endswith("s") and word[:-1] in listed))


def segment_foreign(word: str) -> list[str] | None:
    """Split ``word`` into known foreign words (MARAZUL → mar + azul), or None if it cannot be.

    Only the curated words of ``lexicon.yaml`` are glued: with the tens of thousands of the induced table,
    almost any coined word would split into short foreign words by chance."""
    foreign = lexicon().curated_foreign
    if len(word) < 4 or len(word) > 24 or not word.isalpha():
        return None
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 10), end - 1):
            head = best[start]
            piece = word[start:end]
            if head is not None and piece in foreign and len(piece) >= 2 and len(head) < _MAX_SEGMENTS:
                candidate = [*head, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]


def _key(words: list[str]) -> str:
    ignored = lexicon().generic_latin
    kept = sorted({w for phrase in words for w in phrase.split(" ") if w and w not in ignored})
    return " ".join(kept)


def _short_glosses(word: str) -> list[str]:
    """Up to two one-word glosses of a word (or its first gloss when none is one word)."""
    senses = glosses(word)
    single = [g for g in senses if " " not in g][:2]
    return single or list(senses[:1])


def _without_measure_words(pieces: list[str]) -> list[str]:
    """A measure word after a numeral says nothing of the meaning (七匹狼: 七 'seven' + 狼 'wolf')."""
    lex = lexicon()
    return [
        p
        for at, p in enumerate(pieces)
        if not (at and p in lex.chinese_measure and pieces[at - 1][-1] in lex.chinese_numerals)
    ]


def _segment_chinese(text: str) -> list[str] | None:
    """Greedy longest-match split into CC-CEDICT words (蓝海 → 蓝 + 海); None if a piece is unknown."""
    pieces: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(4, len(text) - i), 0, -1):
            if size < len(text) and glosses(text[i : i + size]):
                pieces.append(text[i : i + size])
                i += size
                break
        else:
            return None
    return pieces


def without_brand(cjk: str) -> str:
    """Chinese text less a final word that says 'brand' (熊猫牌 → 熊猫), which adds nothing to its meaning."""
    suffix = next((s for s in lexicon().chinese_brand if cjk.endswith(s) and len(cjk) > len(s)), "")
    return cjk[: len(cjk) - len(suffix)]


def by_characters(cjk: str) -> bool:
    """Chinese text that is no dictionary word and whose meaning is only that of its characters one by one
    (斐乐 = 斐 'elegant' + 乐 'happy'): a brand name chosen for its sound, whose characters each have many
    senses, unlike 蓝月亮 = 蓝 'blue' + 月亮 'moon'."""
    if len(cjk) < 2 or glosses(cjk):
        return False
    pieces = _segment_chinese(cjk)
    return pieces is not None and all(len(p) == 1 for p in pieces)


def _foreign_parts(word: str) -> list[str] | None:
    return [word] if word in lexicon().foreign else segment_foreign(word)


def _foreign_units(words: list[str]) -> list[str]:
    """The words to translate: a phrase of the lexicon as one unit (BUENOS DIAS is 'good morning', not
    'good day'), and a joining particle between two foreign words set aside (KIN NO HOSHI: gold, star)."""
    lex = lexicon()
    units: list[str] = []
    at = 0
    while at < len(words):
        phrase = next(
            (" ".join(words[at : at + n]) for n in (3, 2) if " ".join(words[at : at + n]) in lex.foreign),
            None,
        )
        if phrase is not None and " " in phrase:
            units.append(phrase)
            at += phrase.count(" ") + 1
            continue
        word = words[at]
        if word in lex.particles and units and at + 1 < len(words):
            before, after = units[-1], words[at + 1]
            if _foreign_parts(before) and _foreign_parts(romaji(after) or after):
                at += 1
                continue
        units.append(word)
        at += 1
    return units


def plain_meaning(provenance: str) -> bool:
    """True for a meaning that is the mark's own words ("'blue sea'"), not a translation or a gloss."""
    return provenance.startswith("'") and provenance.endswith("'") and "' " not in provenance


def meanings_of(core: tuple[str, ...]) -> dict[str, str]:
    """English meaning keys (sorted content words) of a dominant element, with their provenance."""
    found: dict[str, str] = {}
    latin = [w for w in core if not _has_cjk(w)]
    cjk = "".join(w for w in core if _has_cjk(w))
    cjk = without_brand(cjk)  # 熊猫牌 means what 熊猫 means: the 牌 says 'brand'
    if cjk:
        for gloss in glosses(cjk)[:4]:
            key = _key([normalise(gloss)])
            if key:
                found.setdefault(key, f"'{cjk}' means '{gloss}' (CC-CEDICT)")
        pieces = _segment_chinese(cjk) if len(cjk) > 1 else None
        if pieces and len(pieces) > 1:
            pieces = _without_measure_words(pieces)
            options = [_short_glosses(p) for p in pieces]
            for combo in list(product(*options))[:4]:
                key = _key([normalise(g) for g in combo])
                if key:
                    spelled = " + ".join(f"{p} '{g}'" for p, g in zip(pieces, combo, strict=True))
                    found.setdefault(key, f"'{cjk}' = {spelled} (CC-CEDICT)")
    if latin and not cjk:
        english: list[list[str]] = []  # per word, its English senses
        notes: list[str] = []
        foreign = lexicon().foreign
        for word in _foreign_units(latin):
            kana = romaji(word) if not word.isascii() else None  # クロネコ is read as kuroneko
            parts = _foreign_parts(kana or word)
            if parts:
                english.extend(foreign[p][1].split("|") for p in parts)
                shown = f"{word} = {kana}: " if kana else ""
                said = (f"{p} ({foreign[p][0]}) = {foreign[p][1].replace('|', ' or ')}" for p in parts)
                notes.append(shown + " + ".join(said))
            else:
                english.append([word])
        plain = _key(latin)
        if plain:
            found.setdefault(plain, f"'{' '.join(latin)}'")
        for combo in list(product(*english))[:4]:
            translated = _key(list(combo))
            if translated and translated != plain:
                found.setdefault(
                    translated, f"'{' '.join(latin)}' translates as '{translated}': {'; '.join(notes)}"
                )
    return found


SAINT = {"st": "saint", "ste": "sainte"}  # the abbreviations read as words before a name


def _saint(words: list[str]) -> list[str]:
    """ST. or STE. before a name read as the word it abbreviates (ST. REMY is SAINT REMY, as spoken): a
    mark is compared as it is said, and two letters alone would match every mark that opens with them."""
    if len(words) >= 2 and words[0] in SAINT and len(words[1]) >= 3 and words[1].isalpha():
        return [SAINT[words[0]], *words[1:]]
    return words


_DOMAIN_NAME = re.compile(r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}/?")
_WWW = "www"


def is_domain_name(text: str) -> bool:
    """Whether the text is written as a domain name (name.org, www.name.com, https://name.cn/)."""
    return bool(_DOMAIN_NAME.fullmatch(text.strip().casefold()))


def _domain_name(text: str, words: list[str]) -> tuple[list[str], bool]:
    """Whether the text is a domain name, and its words with a www glued before the name split off (a
    dot left out: wwwups.org is www.ups.org), so that the name is compared, not the slip."""
    if not is_domain_name(text) or len(words) < 2:
        return words, False
    first = words[0]
    if first.startswith(_WWW) and len(first) >= len(_WWW) + 3 and first.isascii():
        return [_WWW, first[len(_WWW) :], *words[1:]], True
    return words, True


_HYPHENATED_HEAD = 3  # the longest head of a name hyphenated to a generic word (WAL-MART, K-MART)


def _hyphenated_name(
    text: str, core: tuple[str, ...], dropped: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A short head hyphenated to a generic word is one name (WAL-MART is WALMART, not WAL): what a buyer
    reads as the mark, and what a domain name writes glued (walmartcanadasucks.com)."""
    if len(core) != 1 or not dropped or len(core[0]) > _HYPHENATED_HEAD or not core[0].isalpha():
        return core, dropped
    lowered = text.casefold()
    for at, word in enumerate(dropped):
        if f"{core[0]}-{word}" in lowered:
            return (core[0] + word,), dropped[:at] + dropped[at + 1 :]
    return core, dropped


@lru_cache(maxsize=200_000)
def prepare(text: str) -> MarkForms:
    """All forms of one mark text (cached: the same text is prepared once)."""
    norm = normalise(text)
    words = _saint(without_tone_numbers(tokens(text, join_initials=True)))  # XIAO3 MI3 is pinyin xiao mi
    words, domain = _domain_name(text, words)
    core, dropped = _core(words, domain)
    core, dropped = _hyphenated_name(text, core, dropped)
    joined = "".join(core)
    if joined.isascii():
        cjk, latin = "", joined
    else:
        cjk = "".join(ch for ch in joined if is_cjk(ch))
        latin = "".join(ch for ch in joined if not is_cjk(ch))
        if not latin.isascii():  # Cyrillic, Greek, kana or hangul: the mark as it is read (НАЙК naik)
            latin = latin_reading("".join(ch for ch in text if not is_cjk(ch))) or latin
    syllables = tuple(pinyin_syllables(cjk)) if cjk else ()
    return MarkForms(
        text=text,
        norm=norm,
        compact=norm.replace(" ", ""),
        skeleton=mark_skeleton(text),
        tokens=tuple(words),
        core=core,
        dropped=dropped,
        core_compact="".join(core),
        core_skel=tuple(mark_skeleton(w) for w in core),
        latin=latin,
        cjk=cjk,
        latin_key=latin_key(latin) if latin else "",
        vowel_key=vowel_key(latin) if latin else "",
        pinyin=syllables,
        pinyin_tones=tuple(pinyin_syllables(cjk, tones=True)) if cjk else (),
        fuzzy=tuple(fuzzy_syllable(s) for s in syllables),
        meanings=meanings_of(core),
    )


@lru_cache(maxsize=4_096)
def prepare_query(text: str) -> MarkForms:
    """The forms of a query, with the meanings of the dictionary name it sounds like when one of its
    characters is swapped for another of the same sound (劳立士 is heard as 劳力士 'rolex').

    The query's side only: the earlier marks are filed by their own meanings, and a buyer hears the query.
    """
    forms = prepare(text)
    found = same_sound_entry(forms.cjk, forms.fuzzy) if forms.cjk else None
    if found is None:
        return forms
    word, senses = found
    heard = {
        _key([normalise(s)]): f"'{forms.cjk}' sounds as '{word}', meaning '{s}' (CC-CEDICT)" for s in senses
    }
    return replace(forms, meanings=heard | forms.meanings)


_FIELDS = tuple(f.name for f in fields(MarkForms))


def forms_to_bytes(forms: MarkForms) -> bytes:
    """Compact serialisation for the index (``marshal`` of plain str/tuple/dict values: no code, fast)."""
    return marshal.dumps(tuple(getattr(forms, name) for name in _FIELDS))


def forms_from_bytes(data: bytes) -> MarkForms:
    return MarkForms(*marshal.loads(data))
