"""Anatomy of a Vietnamese syllable: tone, initial, vowels, final, and where the tone mark goes."""

from __future__ import annotations

import unicodedata

# The five tone marks as combining characters, numbered in dictionary order: none < huyền < hỏi <
# ngã < sắc < nặng (ba < bà < bả < bã < bá < bạ).
TONE_MARKS: dict[str, int] = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
TONE_COMBINING: dict[int, str] = {v: k for k, v in TONE_MARKS.items()}
ACUTE, DOT_BELOW = 4, 5

VOWELS = frozenset("aăâeêioôơuưy")
MARKED_VOWELS = frozenset("ăâêôơư")  # vowels whose own diacritic attracts the tone mark
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzăâđêôơư")

_INITIALS_TEXT = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"
# Letters and clusters of loanwords and minority place names (Krông Búk, Pleiku, Đắk Glong).
_FOREIGN_INITIALS_TEXT = "f j w z bl br dr gl gr kl kr pl pr hr"
INITIALS = frozenset(_INITIALS_TEXT.split()) | frozenset(_FOREIGN_INITIALS_TEXT.split())
FINALS = frozenset(("c", "ch", "k", "m", "n", "ng", "nh", "p", "t"))
STOPS = frozenset(("c", "ch", "p", "t"))  # a syllable ending in a stop takes only sắc or nặng

_RHYMES_TEXT = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êc êch êm ên êng ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
y ych yn ynh yp yt yêm yên yêng yêt yêu
o oc oi om on ong op ot oong ooc
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt
oe oec oen oeo oet
uâc uân uâng uât uây uê uêch uênh uy uya uych uyn uynh uyp uyt uyu uyên uyêt uơ
"""
# Final "k" is the minority-language spelling of "c" (Đắk Lắk, Búk); it also occurs without a tone.
RHYMES = frozenset(_RHYMES_TEXT.split()) | frozenset(
    r[:-1] + "k" for r in _RHYMES_TEXT.split() if r.endswith("c") and not r.endswith("ch")
)


def split_tone(word: str) -> tuple[str, int, int] | None:
    """Split a word into (toneless word, tone 0-5, index of the toned letter or -1).

    Case is kept. Returns None when the word carries more than one tone mark or a stray one.

    >>> split_tone("Hoà")
    ('Hoa', 1, 2)
    """
    letters: list[str] = []
    tone, where = 0, -1
    for ch in unicodedata.normalize("NFC", word):
        parts = unicodedata.normalize("NFD", ch)
        marks = [c for c in parts if c in TONE_MARKS]
        if not marks:
            letters.append(ch)
            continue
        if tone or len(marks) > 1:
            return None
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        if len(base) != 1:
            return None
        tone, where = TONE_MARKS[marks[0]], len(letters)
        letters.append(base)
    return "".join(letters), tone, where


def anatomy(toneless: str) -> tuple[str, str, str] | None:
    """(initial, vowels, final) of a lower-case toneless syllable, or None if it is not one.

    "qu" and "gi" (before another vowel) are initials: quý = qu + y, già = gi + a, gìn = g + in.

    >>> anatomy("quyên")
    ('qu', 'yê', 'n')
    """
    n = len(toneless)
    i = 0
    while i < n and toneless[i] not in VOWELS:
        i += 1
    if i + 1 < n and toneless[i + 1] in VOWELS and toneless[: i + 1] in ("qu", "gi"):
        i += 1
    j = i
    while j < n and toneless[j] in VOWELS:
        j += 1
    vowels, final = toneless[i:j], toneless[j:]
    if not vowels or any(c in VOWELS for c in final):
        return None
    return toneless[:i], vowels, final


def is_syllable(word: str) -> bool:
    """Whether a word (any case, NFC) is a well-formed Vietnamese syllable.

    Checks the letters, the initial, the rhyme, the gh/ngh/c/ng spelling rules, and that stops
    take only sắc or nặng.

    >>> is_syllable("Nguyễn"), is_syllable("Nguyeãn")
    (True, False)
    """
    parts = split_tone(word.lower())
    if parts is None:
        return False
    toneless, tone, _ = parts
    if not toneless or not set(toneless) <= LETTERS:
        return False
    shape = anatomy(toneless)
    if shape is None:
        return False
    initial, vowels, final = shape
    if initial and initial not in INITIALS:
        return False
    if final and final not in FINALS:
        return False
    # Spelling: gh, ngh only before e ê i y; c, ng never before them (k is free: Kon Tum, Ka Long).
    if initial in ("gh", "ngh") and vowels[0] not in "eêiy":
        return False
    if initial in ("c", "ng") and vowels[0] in "eêi":
        return False
    rhyme = vowels + final
    if rhyme not in RHYMES and not (initial == "gi" and "i" + rhyme in RHYMES):
        return False
    if final in STOPS and tone not in (ACUTE, DOT_BELOW):
        return False
    return not (final == "k" and tone not in (0, ACUTE, DOT_BELOW))


def tone_target(vowels: str, final: str, *, old_style: bool) -> int:
    """Index, within the vowels, of the vowel that carries the tone mark.

    A vowel with its own diacritic (the last one: ươ → ơ) wins; a closed syllable marks its last
    vowel; an open one its only vowel, the middle of three, or the first of two, except oa, oe, uy,
    which the old style marks on the second vowel (hoà, khoẻ, thuỷ) and the modern style on the
    first (hòa, khỏe, thủy).

    >>> tone_target("oa", "", old_style=True), tone_target("oa", "", old_style=False)
    (1, 0)
    """
    marked = [k for k, c in enumerate(vowels) if c in MARKED_VOWELS]
    if marked:
        return marked[-1]
    if final or len(vowels) == 1:
        return len(vowels) - 1
    if len(vowels) == 3:
        return 1
    if old_style and vowels in ("oa", "oe", "uy"):
        return 1
    return 0


def place_tone(word: str, *, old_style: bool) -> str:
    """The word with its tone mark moved to where the chosen style puts it; others unchanged.

    >>> place_tone("hoà", old_style=False), place_tone("qúy", old_style=False)
    ('hòa', 'quý')
    """
    if not is_syllable(word):
        return word
    parts = split_tone(word)
    assert parts is not None
    toneless, tone, where = parts
    if not tone:
        return word
    shape = anatomy(toneless.lower())
    assert shape is not None
    initial, vowels, final = shape
    k = len(initial) + tone_target(vowels, final, old_style=old_style)
    if k == where:
        return word
    toned = unicodedata.normalize("NFC", toneless[k] + TONE_COMBINING[tone])
    return toneless[:k] + toned + toneless[k + 1 :]
