"""Candidate keys: the short strings under which a mark is filed in the inverted index.

A mark is filed under its skeleton, its dominant element, its Latin sound keys, trigrams, its words, the
pinyin of its Chinese part (also as Latin sound keys, so a Latin query finds 耐克), Chinese character bigrams
and its English meanings. A query looks up the same kinds of key plus expansions that only make sense on the
query side (look-alike characters, split characters, every run of its words for containment).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import permutations, product

import numpy as np
import numpy.typing as npt

from ipwarden.similarity.chinese import (
    english_spelling,
    from_older_romanisation,
    fuzzy_syllable,
    pinyin_runs,
    read_as_pinyin,
    transliteration_key,
)
from ipwarden.similarity.forms import MarkForms, glued_to_generic, plain_meaning, prepare
from ipwarden.similarity.glued import dictionary_word, glued_pieces, worded_head
from ipwarden.similarity.meanings import canonical, english_compound, inflected_meanings, variants
from ipwarden.similarity.normalize import mark_skeleton, normalise, word_parts
from ipwarden.similarity.phonetics import (
    ear_key,
    ear_spelling,
    french_key,
    french_reading,
    glide_key,
    italian_key,
    labial_keys,
    latin_key,
    letters_said,
    liquid_keys,
    spelled_as_said,
    vowel_key,
)
from ipwarden.similarity.resources import (
    coined_word,
    glosses,
    glyph_neighbours,
    glyph_parts,
    ordinary_english,
    parts_index,
)
from ipwarden.similarity.rhymes import cadence_keys
from ipwarden.similarity.romanisation import older_fuzzy_readings
from ipwarden.similarity.transcriptions import cantonese_readings, chinese_onset_keys, latin_words, onset_keys
from ipwarden.similarity.transliteration import latin_shapes, written_keys, written_shapes

__all__ = ["GROUPS", "Probe", "hash_keys", "mark_keys", "query_probes"]

_NEIGHBOURS_PER_CHAR = 10
_MAX_RUN = 6
_MAX_LISTING_WORDS = 24  # a listing title's words probed in pairs: longer texts are not marks
_MAX_ENGLISH_WORDS = 3
_SHORT_OPENING = 3  # the longest first word of a mark filed under o: (its opening letters)
_LABIAL_MIN_LETTERS = 4  # as the sound aspect (BAT and VAT are other words)
_ONSETS = "BDFGHJKLMNPRSTVWX"  # the first consonants of vowel keys (C is K or S, Z is S, X is sh or ch)
_RHYME_MIN_LETTERS = 4


#: Candidate groups: each gets its own share of the exact-scoring slots, so that marks found only by sound,
#: by look-alike characters, by containment or by meaning are not crowded out by spelling neighbours;
#: "respelled" holds the sound keys of another spelling convention (a silent H, J read as Y), whose marks
#: would otherwise lose to the many marks with the query's own sound key; "onsets" the Latin marks whose
#: syllable onsets a Chinese query keeps (SKECHERS for 斯凯奇), many to one key, below the closer spellings;
#: "rhyme" the marks that differ from a one-word query in the first consonant only (DELEX ~ ROLEX);
#: "cadence" those said in as many syllables, ending alike (ALTOCOR ~ ADVICOR).
GROUPS: tuple[str, ...] = ("spelling", "sound", "chinese", "glyph", "containment", "meaning", "respelled")
GROUPS += ("onsets", "written", "rhyme", "cadence")
_GROUP_OF_KIND = {
    "s": "spelling",
    "c": "spelling",
    "g": "spelling",
    "t": "spelling",
    "wk": "respelled",
    "o": "containment",
    "k": "sound",
    "v": "sound",
    "kd": "sound",
    "fr": "sound",
    "tk": "sound",
    "tc": "chinese",
    "h": "chinese",
    "y": "chinese",
    "yb": "chinese",
    "m": "meaning",
    "mw": "meaning",
    "mx": "meaning",
}


#: The group of a transliteration probe by the query's own key kind: a Latin query (tk) looks for Chinese
#: marks, a Chinese query (tc) for Latin ones.
_CROSS_GROUP = {"tk": "chinese", "tc": "sound"}


@dataclass(frozen=True, slots=True)
class Probe:
    key: str
    weight: float
    exact: bool  # exact keys are always looked up; fuzzy ones are skipped when their postings are huge
    group: str = "spelling"


def _trigrams(text: str) -> set[str]:
    padded = f"^{text}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)} if len(text) >= 2 else set()


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) >= 2 else {text} if text else set()


def _deletions(key: str) -> set[str]:
    """The sound key with each symbol left out once: two keys one substitution, insertion or deletion apart
    share one of these (HRMS/ARMS share RMS, PPS/BPS share PS), so near sounds are found by lookup."""
    if len(key) < 3:  # a two-symbol key is only filed as itself, for three-symbol keys to reach it
        return {key} if len(key) == 2 else set()
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _sound_keys(spoken: str) -> set[str]:
    keys = {"k:" + latin_key(spoken), "v:" + vowel_key(spoken)}
    keys.update("kd:" + d for d in _deletions(latin_key(spoken)))
    keys.update(_transliteration_keys(latin_key(spoken), "tc:"))
    return keys


def _transliteration_keys(key: str, kind: str) -> set[str]:
    """The consonants as a Chinese transliteration keeps them (CALVIN KLEIN ~ 卡尔文克莱因), three or more.

    Latin marks are filed as ``tk:``, the pinyin of Chinese marks as ``tc:``: a query looks up the other
    script's kind only, so these loose keys never bring in marks of its own script.
    """
    folded = transliteration_key(key)
    return {kind + folded} if len(folded) >= 3 else set()


def mark_keys(f: MarkForms) -> set[str]:
    """Every key a mark is filed under."""
    keys: set[str] = set()
    core_skel = "".join(f.core_skel)
    if f.skeleton:
        keys.add("s:" + f.skeleton)
    if core_skel:
        keys.add("c:" + core_skel)
        keys.update("g:" + g for g in _trigrams(core_skel))
    if len(f.latin_key) >= 2:
        keys.add("k:" + f.latin_key)
        keys.add("v:" + f.vowel_key)
        keys.update("kd:" + d for d in _deletions(f.latin_key))
        keys.update(_transliteration_keys(f.latin_key, "tk:"))
        italian = italian_key(f.latin)
        if len(italian) >= 2:
            keys.add("k:" + italian)
        heard = ear_key(f.text)  # said as German, Dutch or Slavic spelling reads it (SCHWEPPES 'shveppes')
        if len(heard) >= 3:
            keys.add("k:" + heard)
        french = french_reading(f.text)  # said as French reads it (RENAULT 'reno')
        if len(french) >= 3:
            keys.add("fr:" + french_key(french))
    keys.update("t:" + w for w in f.core_skel if len(w) >= 2)
    if not f.cjk and 2 <= len(f.core) <= 4:  # a coined first or last word, for its respellings alone
        keys.update("wk:" + latin_key(w) for w in {f.core[0], f.core[-1]} if coined_word(w))
    if len(f.core_skel) >= 2 and 2 <= len(f.core_skel[0]) <= _SHORT_OPENING:
        # a mark that opens with a short word (HP INVENT, LG OLED), for a query of those letters alone:
        # the word's own t: key is shared with too many marks to be looked up
        keys.add("o:" + f.core_skel[0])
    # and under the marks a glued word may hold (GAPKIDS: gap, LEGOLAND: lego), for the shorter mark's query
    keys.update("t:" + mark_skeleton(p) for w in f.core for p in glued_pieces(w))
    if f.latin and not f.cjk:  # the syllable onsets a Chinese transliteration keeps (SKECHERS ~ 斯凯奇)
        keys.update("ta:" + k for k in onset_keys(latin_words(f.core)))
        # and a short mark's onsets with their vowels, for two- and three-syllable names (DOVE ~ 德芙)
        keys.update("tv:" + k for k in latin_shapes(" ".join(latin_words(f.core))))
    if f.cjk:
        keys.update("h:" + b for b in _bigrams(f.cjk))
        keys.add("y:" + " ".join(f.fuzzy))
        keys.update("yb:" + " ".join(f.fuzzy[i : i + 2]) for i in range(max(1, len(f.fuzzy) - 1)))
        spoken = f.pinyin_compact
        if len(spoken) >= 3:
            keys.update(_sound_keys(spoken))
            keys.update(_sound_keys(english_spelling(f.pinyin)))
    said = latin_key(letters_said(f.text))  # lone letters said as their names (B WEAR 'bee wear')
    if len(said) >= 3:
        keys.add("ls:" + said)
    keys.update(cadence_keys(f))
    keys.update("m:" + m for m in f.meanings)
    keys.update("mw:" + w for m in f.meanings for w in m.split(" ") if len(w) >= 3)
    # translated meanings once more on their own, so that an English query finds its equivalents in other
    # languages (PHOENIX ~ 凤凰) without the many marks that are the same English word
    keys.update("mx:" + m for m, why in f.meanings.items() if not plain_meaning(why))
    return keys


def _cjk_variants(text: str) -> set[str]:
    """The query's Chinese text with one character swapped for a look-alike, or split/joined characters."""
    out = {text}
    near = glyph_neighbours()
    for i, ch in enumerate(text):
        best = sorted(near.get(ch, {}).items(), key=lambda kv: -kv[1])[:_NEIGHBOURS_PER_CHAR]
        out.update(text[:i] + other + text[i + 1 :] for other, _ in best)
    if len(text) <= 3:  # short marks: every character may have been swapped (洽洽 written 治治)
        width = 10 if len(text) <= 2 else 5
        options = [
            [ch, *(o for o, _ in sorted(near.get(ch, {}).items(), key=lambda kv: -kv[1])[:width])]
            for ch in text
        ]
        out.update("".join(combo) for combo in product(*options))
    joined = parts_index()
    for i in range(len(text) - 1):
        for second in (text[i + 1], *near.get(text[i + 1], {})):
            whole = joined.get((text[i], second))
            if whole:
                out.add(text[:i] + whole + text[i + 2 :])
    parts = glyph_parts()
    for i, ch in enumerate(text):
        if ch in parts:
            out.add(text[:i] + "".join(parts[ch]) + text[i + 1 :])
    return out


def query_probes(f: MarkForms) -> list[Probe]:
    """Keys to look up for a query, with weights for ranking the candidates before exact scoring."""
    probes: dict[str, Probe] = {}

    def put(key: str, weight: float, exact: bool = True, group: str = "") -> None:
        old = probes.get(key)
        if old is None or old.weight < weight:
            kind = key.split(":", 1)[0]
            probes[key] = Probe(key, weight, exact, group or _GROUP_OF_KIND.get(kind, "spelling"))

    # the query's own Italian reading is left out: the earlier mark is the one read in Italian (GUCCI)
    # and its own translations (mx:) are what its translated meanings probe below, by m: and c: keys
    heard = ear_key(f.text)  # probed with the other spelling conventions (_latin_sound_probes)
    own = {k for k in mark_keys(f) if not k.startswith(("mx:", "ta:", "tv:", "o:", "wk:", "cd:", "ce:"))} - {
        "k:" + italian_key(f.latin),
        "k:" + heard,
    }
    # the query's own words as meaning keys find the same spelling again: they count for spelling, so
    # that the meaning group's slots go to marks that share a *translated* meaning
    plain = {k for k, why in f.meanings.items() if plain_meaning(why)}
    plain_words = {w for k in plain for w in k.split(" ")} - {
        w for k, why in f.meanings.items() if not plain_meaning(why) for w in k.split(" ")
    }
    for key in own:
        kind, _, value = key.partition(":")
        group = (
            "spelling" if (kind == "m" and value in plain) or (kind == "mw" and value in plain_words) else ""
        )
        if kind == "g":
            put(key, 1.0, exact=False)
        elif kind == "t" and len(f.core_skel) == 1:  # a one-word query: the marks holding it among others
            put(key, 2.0, exact=False, group="containment")  # (EAGLE ~ AMERICAN EAGLE), a share of their own
        elif kind in ("t", "h", "yb", "mw"):
            put(key, 2.0, exact=False, group=group)
        elif kind == "kd":
            put(key, 2.5, exact=False)
        elif kind in ("tk", "tc"):  # the other script's transliteration keys
            put(("tc:" if kind == "tk" else "tk:") + value, 2.5, exact=False, group=_CROSS_GROUP[kind])
        else:
            put(key, 6.0, group=group)
    for key in plain:  # an English query: the marks that translate it (PHOENIX ~ 凤凰, FENICE)
        for variant in variants(key):
            put("mx:" + variant, 6.0, group="meaning")
        for compound in english_compound(key):  # and its two words, when it is a compound (SEAHORSE ~ 海马)
            put("mx:" + compound, 6.0, group="meaning")
    # the same meaning in another English form (gold star / GOLDEN STAR) or through an inflected word
    translated = {k for k, why in f.meanings.items() if not plain_meaning(why)} | set(
        inflected_meanings(f.core)
    )
    for key in translated:
        for variant in variants(key):
            put("m:" + variant, 6.0, group="meaning")
        # the English words themselves as a mark (POMME -> APPLE, CHAT NOIR -> BLACK CAT): the equivalent a
        # buyer would make, ahead of other foreign words that mean the same
        english = key.split(" ")
        if 0 < len(english) <= _MAX_ENGLISH_WORDS:
            for order in permutations(english):
                put("c:" + "".join(mark_skeleton(w) for w in order), 6.0, group="meaning")
        for word in key.split(" "):
            if len(word) >= 3:
                put("mw:" + word, 2.0, exact=False, group="meaning")
    _head_noun_probes(f, translated, put)
    # containment: every run of the query's words (or Chinese characters) may be a whole earlier mark
    words = f.core
    for size in range(1, min(len(words), _MAX_RUN) + 1):
        for start in range(len(words) - size + 1):
            key = "c:" + "".join(f.core_skel[start : start + size])
            put(key, 5.0, group="spelling" if key in own else "containment")
    for size in range(2, min(len(f.cjk), 8) + 1):
        for start in range(len(f.cjk) - size + 1):
            key = "c:" + f.cjk[start : start + size]
            put(key, 5.0, group="spelling" if key in own else "containment")
    if len(f.core) == 1 and not f.cjk and coined_word(f.core[0]):  # FERAGAMMO ~ SALVATORE FERRAGAMO
        put("wk:" + latin_key(f.core[0]), 4.0, group="respelled")
    if len(f.core_skel) == 1 and 2 <= len(f.core_skel[0]) <= _SHORT_OPENING and f.core_compact.isalpha():
        put("o:" + f.core_skel[0], 5.0)  # the marks that open with the query's letters (HP ~ HP INVENT)
    _glued_probes(f, put)
    _listing_probes(f, put)
    for word in f.core:  # GAPKIDS: GAP glued to the goods word 'kids'
        for rest in glued_to_generic(word):
            put("c:" + mark_skeleton(rest), 5.0, group="containment")
    if f.cjk and len(f.cjk) <= 8:
        for variant in _cjk_variants(f.cjk) - {f.cjk}:
            put("c:" + variant, 5.0, group="glyph")
            for gram in _bigrams(variant):
                put("h:" + gram, 1.5, exact=False, group="glyph")
    if f.latin and len(f.latin) >= 3 and not f.cjk:  # a Latin query may be the pinyin of a Chinese mark
        put("v:" + vowel_key(f.latin), 4.0)
    if f.latin and not f.cjk:
        _latin_sound_probes(f, put)
        reading = letters_said(f.text)
        said = latin_key(reading or f.norm)  # the marks in letters it says (BEE WEAR ~ B WEAR)
        if len(said) >= 3:
            put("ls:" + said, 5.0, group="sound")
        if reading:  # and, a query in letters, the marks in the words it is said as (B WEAR ~ BEE WEAR)
            put("c:" + "".join(prepare(reading).core_skel), 5.0, group="sound")
    if f.cjk and not f.latin:  # a Chinese name of a Western mark, that keeps its syllable onsets only
        for key in chinese_onset_keys(f.pinyin):
            put("ta:" + key, 3.0, exact=False, group="onsets")
        # the Latin mark it may write, by its consonants: fillers and -n read or not, one coda left out
        spelled, edited = written_keys(f.pinyin)
        for key in edited:
            put("tk:" + key, 1.0, exact=False, group="written")
        for key in spelled:
            put("tk:" + key, 2.5, exact=False, group="written")
        for key in written_shapes(f.pinyin):
            put("tv:" + key, 2.5, exact=False, group="written")
    if len(f.latin_key) >= 3 and f.latin_key.endswith("S"):  # a plural or possessive S (SEYCOS ~ SEIKO)
        put("k:" + f.latin_key[:-1], 4.0)
        if f.vowel_key.endswith("S"):
            put("v:" + f.vowel_key[:-1], 4.0)
    return list(probes.values())


def _glued_probes(f: MarkForms, put: Callable[..., None]) -> None:
    """A brand glued to other words (RAYBANSUNGLASSES): the heads and tails of each query word, as written
    and as their look-alike keys (AIRNIKE keys as AIMIKE, rn reading as m, yet holds NIKE)."""
    keyed: Callable[[str], str] = str  # the pieces of a look-alike key are keys already
    words = [(w, keyed) for w in f.core_skel]
    written = zip(f.core, f.core_skel, strict=False)
    words += [(w, mark_skeleton) for w, skel in written if w != skel and w.isascii()]
    for word, key in words:
        if len(f.core) > 1 and len(word) >= 5 and word.endswith("s") and word.isascii():
            put("c:" + key(word[:-1]), 5.0, group="containment")  # SAMSUNGS GALAXY: a plural S
        if len(word) >= 8 and word.isascii():
            for size in range(4, len(word) - 3):
                put("c:" + key(word[:size]), 4.0, group="containment")
                put("c:" + key(word[-size:]), 4.0, group="containment")
            if word.isalpha() and not ordinary_english(word):  # or to a short word (HONDAKIT: HONDA + kit)
                for size in range(max(4, len(word) - 3), len(word)):
                    put("c:" + key(word[:size]), 3.0, group="containment")
                    put("c:" + key(word[-size:]), 3.0, group="containment")
        elif len(word) >= 5 and word.isascii() and word.isalpha() and not ordinary_english(word):
            # or to a letter or two (SONYX), unless it is an ordinary word (GALAXY is no GALA + XY)
            for size in range(4, len(word)):
                put("c:" + key(word[:size]), 3.0, group="containment")
                put("c:" + key(word[-size:]), 3.0, group="containment")
        if len(word) >= 6 and word.isalpha() and ordinary_english(word[3:]) and not ordinary_english(word):
            put("c:" + word[:3], 3.0, group="containment")  # SKYKICK: a short word opening a compound
        if len(word) >= 5 and word.isalpha() and not dictionary_word(word) and worded_head(word[:-3]):
            put("c:" + word[-3:], 3.0, group="containment")  # PROCAT: a short word ending a compound


def _listing_probes(f: MarkForms, put: Callable[..., None]) -> None:
    """A mark joined to a model code or a possessive S (PLAYSTATION5), and two words of a mark in another
    order or one word apart (BENZ MERCEDES, CALVIN ... KLEIN), as listing titles write them."""
    parts = word_parts(f.core)
    if not f.latin or len(parts) > _MAX_LISTING_WORDS:
        return
    skel = [mark_skeleton(p) for p in parts]
    if tuple(skel) != f.core_skel:
        for size in range(1, min(len(skel), _MAX_RUN) + 1):
            for start in range(len(skel) - size + 1):
                put("c:" + "".join(skel[start : start + size]), 5.0, group="containment")
    for i in range(len(skel)):
        for j in (i + 1, i + 2):
            if j < len(skel) and len(skel[i]) >= 3 and len(skel[j]) >= 3:
                put("c:" + skel[j] + skel[i], 4.0, group="containment")
                if j == i + 2:
                    put("c:" + skel[i] + skel[j], 4.0, group="containment")


def _head_noun_probes(f: MarkForms, translated: set[str], put: Callable[..., None]) -> None:
    """The head noun of a Chinese word's English gloss as a whole mark (大熊猫 'giant panda' -> PANDA).

    A buyer keeps the noun; the two meet by a partial meaning (medium at most). Left out when the noun is a
    meaning of its own already (金星 'gold star' and 'stars'), whose probes find those marks.
    """
    if not f.cjk:
        return
    own = {canonical(k) for k in translated}
    for gloss in glosses(f.cjk)[:4]:
        words = normalise(gloss).split(" ")
        head = words[-1]
        if 1 < len(words) <= _MAX_ENGLISH_WORDS and len(head) >= 4 and canonical(head) not in own:
            put("c:" + mark_skeleton(head), 3.0, exact=False, group="meaning")


def _latin_sound_probes(f: MarkForms, put: Callable[..., None]) -> None:
    """Sound keys a Latin query may share with a mark spelled by other conventions.

    A silent initial H (ONDA ~ HONDA, ERMES ~ HERMES), an initial J read as Y (YAGUAR ~ JAGUAR), a Chinese
    name in an older romanisation (HSIAOMI ~ 小米 xiao mi), and each word of a longer query as the pinyin of
    a Chinese mark (KWEICHOW MOUTAI ~ 茅台).
    """
    key = f.latin_key
    if len(key) >= 3 and key[0] in "AH":
        put("k:" + ("H" if key[0] == "A" else "A") + key[1:], 4.0, group="respelled")
    glide = glide_key(f.latin)
    if glide:
        put("k:" + glide, 4.0, group="respelled")
    if len(f.latin) >= 3 and f.latin.isalpha():  # a French name written as heard (RENO ~ RENAULT 'reno')
        put("fr:" + french_key(spelled_as_said(f.latin)), 5.0, group="respelled")
    # b and v one sound (VEEP ~ BEEP); a two-symbol key is probed with its vowels, held by far fewer marks
    if len(f.latin) >= _LABIAL_MIN_LETTERS:
        kind, keyed = ("k:", key) if len(key) >= 3 else ("v:", f.vowel_key)
        for labial in labial_keys(keyed):
            put(kind + labial, 3.0, group="respelled")
    _rhyme_probes(f, put)
    for cadence in cadence_keys(f, spread=1):  # and the marks said in its cadence (ALTOCOR ~ ADVICOR)
        put(cadence, 1.5, exact=False, group="cadence")
    for liquid in liquid_keys(key) if len(key) >= 4 else ():  # l and r one sound (LOLEX ~ ROLEX); a
        put("k:" + liquid, 3.0, group="respelled")  # shorter key is shared by too many marks to probe
    heard = ear_key(f.text)  # a German, Dutch or Slavic spelling by ear (SCHELL, WODAFONE, ŠEVROLET)
    if len(heard) >= 2:
        put("k:" + heard, 6.0, group="respelled")
        put("v:" + vowel_key(ear_spelling(f.text)), 4.0, group="respelled")
    older = from_older_romanisation(f.latin)
    if older != f.latin:
        put("k:" + latin_key(older), 4.0, group="chinese")
        put("v:" + vowel_key(older), 4.0, group="chinese")
    for spelled in {f.latin, older}:  # written in pinyin: the Chinese marks' own fuzzy pinyin key
        syllables = read_as_pinyin(spelled)
        if syllables:
            put("y:" + " ".join(fuzzy_syllable(s) for s in syllables), 5.0, group="chinese")
    for run in pinyin_runs(f.core[0]) if len(f.core) == 1 else ():
        put("y:" + " ".join(map(fuzzy_syllable, run)), 4.0, group="chinese")  # HAOQIHAODONG holds 好奇
    # a Chinese mark's pinyin among other words, one syllable a word or more (LAO GAN MA CHILI CRISP)
    words = f.core
    for size in range(2, min(4, len(words) - 1) + 1) if len(words) <= _MAX_RUN else ():
        for start in range(len(words) - size + 1):
            syllables = read_as_pinyin("".join(words[start : start + size]))
            if len(syllables) >= 2:
                put("y:" + " ".join(fuzzy_syllable(s) for s in syllables), 4.5, group="chinese")
    # Wade-Giles writes several pinyin initials alike (CH'ÜAN CHÜ TE: quan ju de among its readings)
    for reading in older_fuzzy_readings(f.latin):
        put("y:" + " ".join(reading), 4.5, group="chinese")
    for reading in cantonese_readings(latin_words(f.tokens)):  # Hong Kong names (LEE KUM KEE ~ 李锦记)
        put("y:" + " ".join(reading), 4.5, group="chinese")
    if f.dropped and len(f.compact) > len(f.latin):  # a mark split into words, one of them ordinary
        whole = latin_key(f.compact)  # (WALL MART ~ WALMART): the sound of the words joined
        if len(whole) >= 4:
            put("k:" + whole, 4.0, group="respelled")
    folded = transliteration_key(key)
    if len(folded) >= 4:  # a Chinese transliteration drops a consonant (CHOW TAI FOOK ~ 周大福 zhou da fu)
        for i in range(len(folded)):
            put("tc:" + folded[:i] + folded[i + 1 :], 2.0, exact=False, group="chinese")
    if 1 < len(f.core) <= 4:
        for word in f.core:
            if len(word) >= 4 and word.isalpha():
                put("v:" + vowel_key(from_older_romanisation(word)), 3.0, exact=False, group="chinese")
                # a misspelt mark with words added (SAMSNG GALAXY, ROLLEX SUBMARINER): the word's sound,
                # unless the word is an ordinary English one (GALAXY), which names no mark
                if len(latin_key(word)) >= 3 and not ordinary_english(word):
                    put("k:" + latin_key(word), 4.0, exact=False, group="containment")


def _rhyme_probes(f: MarkForms, put: Callable[..., None]) -> None:
    """A one-word query's rhymes: its vowel key after each other first consonant (DELEX: RALAKS for ROLEX)
    or after none, for the rhyme aspect, which is never high alone; so only a few places of their own."""
    vkey = f.vowel_key
    if len(f.core) != 1 or len(f.latin) < _RHYME_MIN_LETTERS or not f.latin.isalpha() or len(vkey) < 3:
        return
    if vkey[0] not in _ONSETS or vkey[1] != "A" or f.latin[0] in "aeiouy":
        return
    for onset in _ONSETS.replace(vkey[0], ""):
        put("v:" + onset + vkey[1:], 1.5, exact=False, group="rhyme")
    if len(f.latin) > _RHYME_MIN_LETTERS:  # and the mark without its first sound (TEXON ~ EXXON)
        put("v:" + vowel_key(f.latin[1:]), 1.5, exact=False, group="rhyme")


def _hash(data: bytes) -> int:
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


def hash_keys(keys: Iterable[str]) -> npt.NDArray[np.uint64]:
    """Stable 64-bit key hashes (CRC-32 and Adler-32 side by side), the same in every process.

    A rare collision only adds a candidate, which exact scoring then rejects.
    """
    return np.array([_hash(k.encode("utf-8")) for k in keys], dtype=np.uint64)
