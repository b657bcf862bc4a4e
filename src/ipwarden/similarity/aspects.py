"""One small pure function per similarity aspect: (query forms, candidate forms) → an explained score.

Each returns an :class:`Aspect` (score in 0..1 with reasons a person can check) or ``None`` when the aspect
does not apply. Nothing here does I/O; the tables come from ``resources``. The aspects of words
(containment, meaning) live in ``word_aspects`` and are listed here with the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

from ipwarden.similarity.aspect_types import Aspect, AspectKind
from ipwarden.similarity.aspect_types import quoted as _q
from ipwarden.similarity.chinese import (
    english_spelling,
    from_older_romanisation,
    fuzzy_syllable,
    pinyin_runs,
    transliteration_key,
)
from ipwarden.similarity.forms import MarkForms
from ipwarden.similarity.glyph_aspects import glyph
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
    loose_key,
    one_labial,
    one_liquid,
    plural_key,
    silent_h,
    soft_g_key,
    spelled_as_said,
    vowel_key,
)
from ipwarden.similarity.resources import ordinary_english
from ipwarden.similarity.rhymes import rhyme, spelled_alike
from ipwarden.similarity.romanisation import older_fuzzy_readings
from ipwarden.similarity.spelling_aspects import lookalike, spelling
from ipwarden.similarity.transcriptions import latin_words, onset_score, read_otherwise
from ipwarden.similarity.transliteration import (
    latin_consonants,
    latin_shapes,
    transliteration_fit,
    written_shapes,
)
from ipwarden.similarity.word_aspects import (
    chinese_name,
    containment,
    meaning,
)

__all__ = [
    "ASPECTS",
    "Aspect",
    "AspectFn",
    "AspectKind",
    "containment",
    "cross_script",
    "glyph",
    "lookalike",
    "meaning",
    "rhyme",
    "sound_chinese",
    "sound_latin",
    "spelling",
]


def _read(f: MarkForms) -> bool:
    """Whether the mark's Latin form is a reading of another script (НАЙК read naik), not its letters."""
    return bool(f.latin) and not f.compact.isascii() and f.latin not in f.compact


def _said(f: MarkForms) -> str:
    """The mark as its sound key hears it: the reading of another script, or the words left once generic and
    goods words are set aside (MICHEAL KORS HANDBAG is heard as 'MICHEAL KORS')."""
    if _read(f):
        return f"{_q(f.text)} (read {_q(f.latin)})"
    if f.dropped and f.core:
        return f"{_q(' '.join(f.core).upper())} ({', '.join(f.dropped)} set aside)"
    return _q(f.text)


def sound_latin(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Same or close Latin sound key (ph/f, c/k/q, x/ks, doubled letters, vowel changes), or the two marks
    said alike once letters are read as their names, whichever is closer."""
    found = _sound_latin(q, c)
    said = _letters_said_alike(q, c) if q.compact != c.compact else None
    return said if said is not None and (found is None or said.score > found.score) else found


_SAID_ALIKE = 0.92  # B WEAR said 'bee wear': the same words to the ear, if not to the eye
_SAID_MIN_SIMILARITY = 0.75


def _letters_said_alike(q: MarkForms, c: MarkForms) -> Aspect | None:
    """A mark with lone letters (or digits) said as their names sounds as another written out in words
    (BEE WEAR ~ B WEAR, PHONES FOR YOU ~ PHONES 4U, ENERGY ~ NRG, TRUONE ~ TRUE1): scaled by how close the
    two read."""
    q_said = letters_said(q.text, numbers=True) if _may_spell(q) else ""
    c_said = letters_said(c.text, numbers=True) if _may_spell(c) else ""
    if not q_said and not c_said:
        return None
    ours, theirs = q_said or q.norm, c_said or c.norm
    key = latin_key(ours)
    if len(key) < 3 or key != latin_key(theirs):
        return None
    close = DamerauLevenshtein.normalized_similarity(ours.replace(" ", ""), theirs.replace(" ", ""))
    if close < _SAID_MIN_SIMILARITY:
        return None
    spelled = (q_said and letters_said(q.text)) or (c_said and letters_said(c.text))
    how = "letters read as names" if spelled else "digits read as words"
    why = f"sound: {_q(q.text)} and {_q(c.text)} are said alike ('{ours}' ~ '{theirs}'), {how}"
    return Aspect(AspectKind.SOUND, round(_SAID_ALIKE * (0.8 + 0.2 * close), 3), (why,))


_SPELLED_WORD = 3
_LABIAL_MIN_LETTERS = 4  # BAT and VAT, BET and VET: in the shortest words b and v make other words
_LABIAL_MIN_SPELLED = 0.75


def _may_spell(f: MarkForms) -> bool:
    """Whether a mark may have letters said as names: a short word or one with a digit (most marks have
    neither, and are not read again for each candidate)."""
    return any(len(t) <= _SPELLED_WORD or not t.isalpha() for t in f.tokens)


def _sound_latin(q: MarkForms, c: MarkForms) -> Aspect | None:
    ka, kb = q.latin_key, c.latin_key
    if not ka or not kb:
        return None
    if q.latin == c.latin:  # the same letters: a spelling, unless one mark is read from another script
        if _read(q) == _read(c):
            return None
        return Aspect(AspectKind.SOUND, 0.95, (f"sound: {_said(q)} is said as {_said(c)} (both {ka})",))
    if ka == kb:
        # the key is coarse (RAYBAN and ROBIN are both RBN): how far apart the spellings are still counts
        spelled = spelled_alike(q.latin, c.latin)
        score = (0.95 if q.vowel_key == c.vowel_key else 0.88) * (0.75 + 0.25 * spelled)
        why = f"sound: {_said(q)} sounds like {_said(c)} (both {ka})"
    elif plural_key(ka) == kb or ka == plural_key(kb):
        # a plural or possessive S does not make another mark (SEYCOS ~ SEIKO, LEGOS ~ LEGO)
        spelled = DamerauLevenshtein.normalized_similarity(q.latin, c.latin)
        same_vowels = plural_key(q.vowel_key) == c.vowel_key or q.vowel_key == plural_key(c.vowel_key)
        score = (0.92 if same_vowels else 0.85) * (0.85 + 0.15 * spelled)
        why = f"sound: {_said(q)} sounds like {_said(c)} with a plural or possessive S ({ka} ~ {kb})"
    elif silent_h(q.latin, c.latin) or silent_h(c.latin, q.latin):
        # H is silent in Spanish, French and Italian: ONDA ~ HONDA, ERMES ~ HERMES
        spelled = DamerauLevenshtein.normalized_similarity(q.latin, c.latin)
        score = 0.95 * (0.85 + 0.15 * spelled)
        why = f"sound: {_said(q)} sounds like {_said(c)} (a silent initial H)"
    elif ka == italian_key(c.latin):
        score = 0.85
        why = f"sound: {_said(q)} sounds like {_said(c)} in Italian spelling (c, g before e, i; ch; gn)"
    elif kb == soft_g_key(q.latin) or ka == soft_g_key(c.latin):
        score = 0.85
        why = f"sound: {_said(q)} sounds like {_said(c)} (g before e, i or y said as j)"
    elif _heard_alike(q, c):
        # a German, Dutch, Scandinavian or Slavic spelling by ear (PAUERADE, WODAFONE, ŠEVROLET)
        said = DamerauLevenshtein.normalized_similarity(
            spelled_as_said(ear_spelling(q.text) or q.latin), spelled_as_said(ear_spelling(c.text) or c.latin)
        )
        score = 0.92 * (0.85 + 0.15 * said)
        why = (
            f"sound: {_said(q)} sounds like {_said(c)} as German, Dutch or Slavic spelling reads it "
            "(au ow, w v, v f, sch sh, tsch ch, ij i, oe oo, š sh, č ch)"
        )
    elif kb == glide_key(q.latin) or ka == glide_key(c.latin):
        # an initial J read as Y (Spanish, German and Dutch JAGUAR is 'yaguar') and the other way round
        score = 0.85
        why = f"sound: {_said(q)} sounds like {_said(c)} (initial J and Y sound alike in many languages)"
    elif kb in liquid_keys(ka):
        # l and r are one sound in Japanese and Korean (ROLEX and LOLEX are both ロレックス)
        spelled = DamerauLevenshtein.normalized_similarity(one_liquid(q.latin), one_liquid(c.latin))
        score = 0.9 * (0.85 + 0.15 * spelled)
        why = (
            f"sound: {_said(q)} sounds like {_said(c)} where l and r are one sound "
            f"(Japanese, Korean: {ka} ~ {kb})"
        )
    elif (labial := _labial_spelling(q, c)) is not None:
        # b and v are one sound in Spanish and close in Greek and Portuguese (VEEP ~ BEEP)
        score = 0.9 * (0.85 + 0.15 * labial)
        why = f"sound: {_said(q)} sounds like {_said(c)} where b and v are one sound (Spanish: {ka} ~ {kb})"
    elif len(ka) >= 3 and loose_key(ka) == loose_key(kb):
        score = 0.85 * (0.85 + 0.15 * spelled_alike(q.latin, c.latin))
        why = f"sound: {_said(q)} sounds like {_said(c)} ({ka} ~ {kb}: voiced/unvoiced or silent letter)"
    elif french := _said_in_french(q, c):  # tempered by the reading already, not by the spelling
        return Aspect(AspectKind.SOUND, french[0], (french[1],))
    else:
        ks = max(
            Levenshtein.normalized_similarity(ka, kb),
            Levenshtein.normalized_similarity(q.vowel_key, c.vowel_key),
        )
        if ks < 0.75 or min(len(ka), len(kb)) < 2 or max(len(ka), len(kb)) < 3:
            return None
        score = 0.8 * ks
        why = f"sound: {_said(q)} sounds close to {_said(c)} ({ka} ~ {kb})"
    if len(ka) <= 2:  # short keys collide easily; let the spelling temper them
        score *= 0.75 + 0.25 * spelled_alike(q.latin, c.latin)
    return Aspect(AspectKind.SOUND, round(score, 3), (why,))


def _labial_spelling(q: MarkForms, c: MarkForms) -> float | None:
    """How alike two marks are spelt once v is written b, when b and v are all that parts their sound keys;
    only for marks spelt nearly alike that way (BYE DOO and VIDO share BD and VD, but little else)."""
    if _read(q) or _read(c) or min(len(q.latin), len(c.latin)) < _LABIAL_MIN_LETTERS:
        return None
    if c.latin_key not in labial_keys(q.latin_key):
        return None
    spelled = DamerauLevenshtein.normalized_similarity(one_labial(q.latin), one_labial(c.latin))
    return spelled if spelled >= _LABIAL_MIN_SPELLED else None


def _said_in_french(q: MarkForms, c: MarkForms) -> tuple[float, str] | None:
    """One mark written as the other is said in French (RENO ~ RENAULT 'reno', PUJO ~ PEUGEOT 'pujo'),
    scaled by how close the spelling is to that reading; none below 0.75 of it."""
    for heard, read in ((q, c), (c, q)):
        reading = french_reading(read.text)
        if len(reading) < 3 or not heard.latin.isalpha():
            continue
        spelled = spelled_as_said(heard.latin)
        if french_key(spelled) != french_key(reading):
            continue
        close = DamerauLevenshtein.normalized_similarity(spelled, reading)
        if close >= 0.75:
            why = f"sound: {_said(q)} sounds like {_said(c)} as French reads {_q(read.text)} ('{reading}')"
            return round(0.9 * close, 3), why
    return None


def _heard_alike(q: MarkForms, c: MarkForms) -> bool:
    """One mark's reading by ear (:func:`ear_key`) is the other's sound key or its reading by ear."""
    qe, ce = ear_key(q.text), ear_key(c.text)
    return (bool(qe) and qe in (c.latin_key, ce)) or (bool(ce) and ce == q.latin_key)


def sound_chinese(q: MarkForms, c: MarkForms) -> Aspect | None:
    """Homophones in Chinese: pinyin with tones, without tones, then fuzzy initials/finals."""
    if not q.pinyin or not c.pinyin or q.cjk == c.cjk:
        return None
    pair = f"{_q(q.cjk)} and {_q(c.cjk)}"
    if q.pinyin_tones == c.pinyin_tones:
        return Aspect(
            AspectKind.CHINESE_SOUND,
            0.95,
            (f"sound: {pair} are both pronounced '{' '.join(q.pinyin_tones)}'",),
        )
    if q.pinyin == c.pinyin:
        return Aspect(
            AspectKind.CHINESE_SOUND, 0.9, (f"sound: {pair} are both '{' '.join(q.pinyin)}' (tones differ)",)
        )
    if q.fuzzy == c.fuzzy:
        why = f"sound: {pair} sound alike with fuzzy pinyin ('{' '.join(q.pinyin)}' ~ '{' '.join(c.pinyin)}')"
        return Aspect(AspectKind.CHINESE_SOUND, 0.85, (why,))
    sim = Levenshtein.normalized_similarity(q.fuzzy, c.fuzzy)
    if sim >= 0.6 and min(len(q.fuzzy), len(c.fuzzy)) >= 2:
        why = f"sound: {pair} share syllables ('{' '.join(q.pinyin)}' ~ '{' '.join(c.pinyin)}')"
        return Aspect(AspectKind.CHINESE_SOUND, round(0.8 * sim, 3), (why,))
    return None


def _cross_spelled(lat: str, cjk_side: MarkForms) -> tuple[float, str] | None:
    py = cjk_side.pinyin_compact
    spoken = f"pinyin of {_q(cjk_side.cjk)} ('{' '.join(cjk_side.pinyin)}')"
    if lat == py:
        return 0.95, f"sound: {_q(lat.upper())} = {spoken}"
    heard = english_spelling(cjk_side.pinyin)  # xiao mi as heard: shiaomi
    spellings = (py, heard) if heard != py else (py,)
    if any(latin_key(lat) == latin_key(s) and vowel_key(lat) == vowel_key(s) for s in spellings):
        return 0.9, f"sound: {_q(lat.upper())} sounds like {spoken}"
    sim = max(Levenshtein.normalized_similarity(lat, s) for s in spellings)
    if sim >= 0.75:
        return round(0.85 * sim, 3), f"sound: {_q(lat.upper())} is close to {spoken}"
    key = latin_key(lat)
    if len(key) >= 3 and any(key == latin_key(s) for s in spellings):
        return 0.78, f"sound: {_q(lat.upper())} has the consonants of {spoken} ({key})"
    return _transliterated(lat, key, cjk_side, spellings, spoken)


def _transliterated(
    lat: str, key: str, cjk_side: MarkForms, spellings: tuple[str, ...], spoken: str
) -> tuple[float, str] | None:
    """A Chinese name that transliterates a Western mark keeps its consonants only loosely (PHILIPS ~ 飞利浦,
    GUCCI ~ 古驰) and drops some (KODAK ~ 柯达 ke da): loose evidence, so it scores below the pinyin matches
    and below a whole word contained (VUITTON in LOUIS VUITTON, 0.75), and is never high on its own."""
    western = transliteration_key(key)
    for spelled in spellings:
        chinese = transliteration_key(latin_key(spelled))
        if len(chinese) < 2 or len(western) < 2:
            continue
        if chinese == western:
            return 0.7, f"sound: {_q(cjk_side.cjk)} transliterates {_q(lat.upper())} ({spoken})"
        if len(western) == len(chinese) + 1 and any(
            western[:i] + western[i + 1 :] == chinese for i in range(len(western))
        ):
            why = f"sound: {_q(cjk_side.cjk)} transliterates {_q(lat.upper())} less one consonant ({spoken})"
            return 0.66, why
    return None


def _cross_text(lat: str, cjk_side: MarkForms) -> tuple[float, str] | None:
    found = _cross_spelled(lat, cjk_side)
    older = from_older_romanisation(lat)
    if older != lat and (found is None or found[0] < 0.9):
        again = _cross_spelled(older, cjk_side)
        if again and (found is None or again[0] * 0.97 > found[0]):
            found = round(again[0] * 0.97, 3), f"{again[1]}, in an older romanisation ({_q(lat.upper())})"
    if (found is None or found[0] < 0.9) and cjk_side.fuzzy in older_fuzzy_readings(lat):
        spoken = f"{_q(cjk_side.cjk)} ('{' '.join(cjk_side.pinyin)}')"
        found = 0.9, f"sound: {_q(lat.upper())} spells {spoken} in Wade-Giles or the postal romanisation"
    return found


def _cross(latin_side: MarkForms, cjk_side: MarkForms) -> tuple[float, str] | None:
    lat = latin_side.latin
    if len(lat) < 3 or not cjk_side.pinyin_compact:
        return None
    found = _cross_text(lat, cjk_side)
    if found is None or found[0] < 0.88:  # Cantonese, English by ear, a character's other reading
        other = read_otherwise(latin_words(latin_side.tokens), cjk_side.cjk, cjk_side.pinyin, cjk_side.fuzzy)
        found = other if other and (found is None or other[0] > found[0]) else found
    onsets = onset_score(latin_side.core, cjk_side.pinyin) if found is None or found[0] < 0.84 else None
    if onsets and (found is None or onsets > found[0]):
        spoken = f"{_q(cjk_side.cjk)} ('{' '.join(cjk_side.pinyin)}')"
        found = onsets, f"sound: {spoken} keeps the syllable onsets of {_q(lat.upper())}"
    if (found is None or found[0] < _GLUED_OPENING) and len(latin_side.core) == 1:
        held = _glued_pinyin(latin_side.core[0], cjk_side)
        found = held if held and (found is None or held[0] > found[0]) else found
    if (found is None or found[0] < 0.86) and 1 < len(latin_side.core) <= 6:
        # the Chinese mark's pinyin as words of the query (KWEICHOW MOUTAI ~ 茅台, LAO GAN MA CHILI CRISP)
        part = _pinyin_among_words(latin_side.core, cjk_side)
        if part and (found is None or part[0] > found[0]):
            found = part
    if found is None or found[0] < _SHAPE_SCORE:
        written = _written_as(latin_side, cjk_side)
        if written and (found is None or written[0] > found[0]):
            return written
    return found


def _pinyin_among_words(words: tuple[str, ...], cjk_side: MarkForms) -> tuple[float, str] | None:
    for span in _pinyin_spans(words):
        joined = "".join(span)
        part = _cross_text(joined, cjk_side)
        if part and part[0] >= 0.78:
            score = part[0] * 0.9 * (1.0 if _spelled_as_pinyin(joined, cjk_side) >= 0.65 else 0.85)
            return round(score, 3), f"contains {_q(' '.join(span).upper())}: {part[1]}"
    return None


_GLUED_OPENING = round(0.95 * 0.9, 3)  # as a word of a longer query that is the pinyin itself
_GLUED_INSIDE = 0.8  # further in: the beginning counts most


def _glued_pinyin(word: str, cjk_side: MarkForms) -> tuple[float, str] | None:
    """A word in glued pinyin that holds the Chinese mark's pinyin (HAOQIHAODONG ~ 好奇 hao qi): at its
    opening as a word of a longer query that writes it is (:func:`_pinyin_among_words`), further in less."""
    for run in pinyin_runs(word):
        if tuple(map(fuzzy_syllable, run)) == cjk_side.fuzzy:
            spoken = f"the pinyin of {_q(cjk_side.cjk)} ('{' '.join(cjk_side.pinyin)}')"
            opening = word.startswith("".join(run))
            where, score = ("opens with", _GLUED_OPENING) if opening else ("contains", _GLUED_INSIDE)
            return score, f"sound: {where} {_q(''.join(run).upper())}, {spoken}"
    return None


def _pinyin_spans(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Words of a longer query that may write a Chinese mark's pinyin: two or three in a row (YUNNAN
    BAIYAO for 云南白药), then one alone; an ordinary English word alone is read as itself."""
    spans = [
        words[i : i + size] for size in (3, 2) if size < len(words) for i in range(len(words) - size + 1)
    ]
    spans += [(w,) for w in words if not ordinary_english(w)]
    return [s for s in spans if _pinyin_like("".join(s))]


def _pinyin_like(text: str) -> bool:
    return len(text) >= 3 and text.isascii() and text.isalpha()


def _spelled_as_pinyin(word: str, cjk_side: MarkForms) -> float:
    """How closely a word of a longer query is spelt as the Chinese mark's pinyin (MOUTAI, in the postal
    romanisation, as maotai): among other words, a sound key met by chance (BAIYAO and 北爱 bei ai) must
    not weigh as much as the name written out."""
    spoken = (cjk_side.pinyin_compact, english_spelling(cjk_side.pinyin))
    return max(
        DamerauLevenshtein.normalized_similarity(w, s)
        for w in {word, from_older_romanisation(word)}
        for s in spoken
    )


_FIT_SCORE = (
    0.66  # a transliteration that keeps every consonant: loose evidence, below the other sound matches
)
_SHAPE_SCORE = 0.78  # the syllables write the onsets' vowels too (德芙 de fu, DOVE do-ve): still never high
_MIN_FIT = 0.75
# a name of four syllables or more that writes five consonants or more in order is no chance likeness, as
# two syllables may be: it is as telling as a short name written syllable by syllable (_SHAPE_SCORE)
_LONG_NAME = 4


def _written_as(latin_side: MarkForms, cjk_side: MarkForms) -> tuple[float, str] | None:
    """The Chinese name as a transliteration of the Latin mark, or of one word of it (宾士 for the BENZ of
    MERCEDES-BENZ), by :func:`transliteration_fit`; never high on its own."""
    words = latin_words(latin_side.core)
    if not words or not 1 <= len(cjk_side.pinyin) <= 8:
        return None
    options = [(transliteration_fit(" ".join(words), cjk_side.pinyin), " ".join(words))]
    if 1 < len(words) <= 4:
        options += [
            (0.95 * transliteration_fit(w, cjk_side.pinyin), w)
            for w in words
            if len(w) >= 3 and not ordinary_english(w)
        ]
    fit, word = max(options)
    if fit < _MIN_FIT:
        return None
    spoken = f"{_q(cjk_side.cjk)} ('{' '.join(cjk_side.pinyin)}')"
    if latin_shapes(word) & written_shapes(cjk_side.pinyin):
        why = (
            f"sound: {spoken} can be written for {_q(word.upper())}, syllable by syllable with its vowels "
            f"(fit {fit:.2f})"
        )
        return round(_SHAPE_SCORE - 0.3 * (1.0 - fit), 3), why
    why = f"sound: {spoken} can be written for {_q(word.upper())}, syllable by consonant (fit {fit:.2f})"
    if len(cjk_side.pinyin) >= _LONG_NAME and len(latin_consonants(word)) >= _LONG_NAME + 1:
        return round(_SHAPE_SCORE - 0.3 * (1.0 - fit), 3), why  # 丽思卡尔顿 li si ka er dun, RITZ CARLTON
    return round(_FIT_SCORE - 0.3 * (1.0 - fit), 3), why


_NAME_SCORE = 0.9  # the brand's own Chinese name, as the dictionary gives it


def cross_script(q: MarkForms, c: MarkForms) -> Aspect | None:
    """A Latin mark against the pinyin of a Chinese one, either way round (NAIKE ~ 耐克)."""
    found = [
        r
        for r in (
            _cross(q, c) if c.cjk and not q.cjk else None,
            _cross(c, q) if q.cjk and not c.cjk else None,
        )
        if r
    ]
    named = (q, c) if q.cjk else (c, q)
    if chinese_name(*named):
        why = f"{_q(named[0].cjk)} is the Chinese name CC-CEDICT gives for {_q(named[1].text)}"
        found.append((_NAME_SCORE, why))
    if not found:
        return None
    score, why = max(found)
    reader = c if q.cjk else q  # the Latin side
    latin = reader.latin
    if _read(reader):  # ナイキ read naiki: say so before the sound is compared
        why = f"{_q(reader.text)} is read {_q(reader.latin)}; {why}"
    # short keys collide easily (GUCHI, 贵楚意): let the spelling temper them, above the transliterations
    # (below _SHAPE_SCORE) whose syllables and vowels were matched one by one
    if len(latin_key(latin)) <= 2 and score > _SHAPE_SCORE:
        side = c if not q.cjk else q
        spelled = max(
            DamerauLevenshtein.normalized_similarity(latin, spoken)
            for spoken in (side.pinyin_compact, english_spelling(side.pinyin))
        )
        score *= 0.75 + 0.25 * spelled
    return Aspect(AspectKind.CROSS_SCRIPT, round(score, 3), (why,))


AspectFn = Callable[[MarkForms, MarkForms], Aspect | None]

#: The text aspects in the order their reasons are listed.
ASPECTS: tuple[AspectFn, ...] = (
    spelling,
    lookalike,
    sound_latin,
    rhyme,
    sound_chinese,
    cross_script,
    glyph,
    containment,
    meaning,
)
