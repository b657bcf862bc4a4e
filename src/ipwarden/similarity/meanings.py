"""Looser matching of English meanings: inflected foreign words and English word forms.

The index files a mark under its meanings as :func:`ipwarden.similarity.forms.meanings_of` finds them. Two
common gaps remain, and both are closed here at query and comparison time, so the index stays as built:

- a foreign word in an inflected form that the lexicon lists only in its base form (German SCHWARZE for
  schwarz, French NOIRE for noir, Italian plural GATTI for gatto): :func:`inflected_meanings` strips the
  usual endings and looks again;
- one English meaning written in two forms (GOLDEN STAR and 'gold star', STARS and STAR, WOLVES and WOLF):
  :func:`canonical` reduces both to one key, and :func:`variants` lists the forms a mark may be filed under.

:func:`romaji` reads a Japanese word written in kana (クロネコ) as the Hepburn romaji the lexicon lists
(kuroneko), so that Japanese marks in either writing meet their English meaning.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import permutations, product

from ipwarden.similarity.resources import lexicon, ordinary_english

__all__ = ["canonical", "english_compound", "glued_equivalent", "inflected_meanings", "romaji", "variants"]

#: Endings that inflect a base form in the lexicon's languages (gender, number, case), longest first.
_ENDINGS = ("en", "er", "es", "em", "e", "s", "n", "a", "o", "i")
#: Adjectives of material made with -en, whose meaning is the noun (GOLDEN STAR = gold star).
_MATERIAL = {"golden": "gold", "wooden": "wood", "silken": "silk", "woollen": "wool", "woolen": "wool",
             "oaken": "oak", "leaden": "lead", "earthen": "earth", "ashen": "ash"}  # fmt: skip
_MAX_VARIANTS = 8
#: English plurals not made with -s (SEVEN WOLVES = 七匹狼 'seven wolf').
_IRREGULAR = {"wolves": "wolf", "leaves": "leaf", "calves": "calf", "halves": "half", "elves": "elf",
              "loaves": "loaf", "thieves": "thief", "shelves": "shelf", "wives": "wife", "knives": "knife",
              "lives": "life", "scarves": "scarf", "hooves": "hoof", "men": "man", "women": "woman",
              "geese": "goose", "mice": "mouse", "feet": "foot", "teeth": "tooth", "children": "child",
              "oxen": "ox", "sheep": "sheep", "fish": "fish", "deer": "deer"}  # fmt: skip


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _base(word: str) -> str:
    return _MATERIAL.get(word) or _singular(word)


@lru_cache(maxsize=65_536)
def canonical(key: str) -> str:
    """One form per English meaning key: words singular, material adjectives as their noun, sorted."""
    ignored = lexicon().generic_latin
    return " ".join(sorted({_base(w) for w in key.split(" ") if w and w not in ignored}))


def _forms(word: str) -> set[str]:
    base = _base(word)
    out = {word, base, base + "s"}
    out.update(plural for plural, single in _IRREGULAR.items() if single == base)
    out.update(adj for adj, noun in _MATERIAL.items() if noun == base)
    return out


def variants(key: str) -> list[str]:
    """Meaning keys a mark with the same meaning as ``key`` may be filed under (``key`` first)."""
    words = [w for w in key.split(" ") if w]
    found = [key]
    for combo in product(*(sorted(_forms(w)) for w in words)):
        candidate = " ".join(sorted(combo))
        if candidate not in found:
            found.append(candidate)
        if len(found) >= _MAX_VARIANTS:
            break
    return found


def _lookup(word: str) -> str | None:
    """English senses of a foreign word in an inflected form, from its base form in the curated lexicon (the
    induced table lists inflected forms itself, and its many short words would meet English plurals: HORS
    is French, HORSES is not)."""
    lex = lexicon()
    for ending in _ENDINGS:
        stem = word[: -len(ending)]
        if len(stem) < 3 or not word.endswith(ending):
            continue
        for base in (stem, stem + "e", stem + "o", stem + "a"):
            senses = lex.foreign[base][1] if base in lex.curated_foreign and base != word else ""
            if senses and word not in senses.split("|"):  # BLUE is English, not Italian blu inflected
                return senses
    return None


_COMPOUND_PART = 3  # the shortest word a closed compound is read as made of (SEA + HORSE, not SE + AHORSE)
_MAX_COMPOUND_SPLITS = 2


@lru_cache(maxsize=65_536)
def english_compound(word: str) -> tuple[str, ...]:
    """The readings of a one-word mark as two ordinary English words written together (SEAHORSE 'sea horse',
    FOREVERMARK 'forever mark'), as meaning keys; none for a dictionary word itself (CARPET is not 'car
    pet') or a word that splits no such way."""
    if len(word) < 2 * _COMPOUND_PART or not word.isascii() or not word.isalpha() or ordinary_english(word):
        return ()
    found = [
        " ".join(sorted((word[:at], word[at:])))
        for at in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1)
        if ordinary_english(word[:at]) and ordinary_english(word[at:])
    ]
    return tuple(found[:_MAX_COMPOUND_SPLITS])


def glued_equivalent(key: str, compact: str) -> str:
    """The English meaning ``key`` in the order that, its two or three words glued, writes a mark of one
    word (``compact``): 'sea horse' for 海马 and SEAHORSE, 'red bull' for 红牛 and REDBULL; "" when none
    does, or when the word is a dictionary word of its own (CARPET is not 'car pet')."""
    words = key.split(" ")
    if not 2 <= len(words) <= 3 or sum(map(len, words)) != len(compact) or ordinary_english(compact):
        return ""
    return next((" ".join(order) for order in permutations(words) if "".join(order) == compact), "")


@lru_cache(maxsize=65_536)
def inflected_meanings(core: tuple[str, ...]) -> dict[str, str]:
    """Meaning keys of an all-Latin dominant element whose inflected foreign words the lexicon lacks.

    Empty unless at least one word is found only through its base form (so the plain meanings, which
    :func:`~ipwarden.similarity.forms.meanings_of` already gives, are not repeated).
    """
    if not core or any(not w.isascii() or not w.isalpha() for w in core):
        return {}
    foreign = lexicon().foreign
    senses: list[list[str]] = []
    notes: list[str] = []
    for word in core:
        if word in foreign:
            senses.append(foreign[word][1].split("|"))
            continue
        found = _lookup(word)
        if found is None:
            senses.append([word])
            continue
        senses.append(found.split("|"))
        notes.append(f"{word} = {found.replace('|', ' or ')} (inflected form)")
    if not notes:
        return {}
    out: dict[str, str] = {}
    ignored = lexicon().generic_latin
    for combo in list(product(*senses))[:4]:
        key = " ".join(sorted({w for phrase in combo for w in phrase.split(" ") if w and w not in ignored}))
        if key:
            out.setdefault(key, f"'{' '.join(core)}' translates as '{key}': {'; '.join(notes)}")
    return out


#: Katakana in Hepburn romaji (hiragana are read through katakana); two-kana sounds (キャ kya) first.
_KANA_PAIRS = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "チャ": "cha",
    "チュ": "chu", "チョ": "cho", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo", "ヒャ": "hya", "ヒュ": "hyu",
    "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "リャ": "rya", "リュ": "ryu", "リョ": "ryo",
    "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo", "ジャ": "ja", "ジュ": "ju", "ジョ": "jo", "ビャ": "bya",
    "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu", "ピョ": "pyo",
    # the sounds of foreign words and names (アディダス adidasu, フィラ fira, ヴィトン viton)
    "ディ": "di", "ティ": "ti", "デュ": "dyu", "トゥ": "tu", "ドゥ": "du", "ファ": "fa", "フィ": "fi",
    "フェ": "fe", "フォ": "fo", "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi",
    "ヴェ": "ve", "ヴォ": "vo", "シェ": "she", "ジェ": "je", "チェ": "che", "ツァ": "tsa",
}  # fmt: skip
_ROMAJI = [
    "a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi", "tsu",
    "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu", "me", "mo",
    "ya",
    "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "o", "n", "ga", "gi", "gu", "ge", "go", "za", "ji", "zu",
    "ze", "zo", "da", "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po",
]  # fmt: skip
_KANA = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
        _ROMAJI,
        strict=True,
    )
)


_KANA.update({"ヴ": "vu", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"})  # small vowels alone


def _katakana(word: str) -> str:
    return "".join(chr(ord(ch) + 0x60) if "\u3041" <= ch <= "\u3096" else ch for ch in word)


def romaji(word: str) -> str | None:
    """Hepburn romaji of a word written in kana (クロネコ, くろねこ → kuroneko), None for any other word.

    A long-vowel mark doubles the vowel before it (ラーメン → raamen) and a small tsu doubles the next
    consonant (ニッポン → nippon), the forms the lexicon's romaji list uses.
    """
    text = _katakana(word)
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        pair = _KANA_PAIRS.get(text[i : i + 2])
        sound = pair or _KANA.get(text[i])
        if text[i] == "ッ":
            double, i = True, i + 1
            continue
        if text[i] == "ー" and out:
            out.append(out[-1][-1])
            i += 1
            continue
        if sound is None:
            return None
        out.append(sound[0] + sound if double and sound[0] not in "aiueon" else sound)
        double = False
        i += 2 if pair else 1
    return "".join(out) or None
