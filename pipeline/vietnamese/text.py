"""Vietnamese text hygiene: NFC, tone-mark placement, comparison keys, names and file-name slugs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from pipeline.vietnamese._syllables import place_tone

ToneStyle = Literal["keep", "modern", "old"]

_WORD = re.compile(r"[^\W\d_]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SLUG_FALLBACK = "khong-ten"


def nfc(s: str) -> str:
    """The text in Unicode NFC (composed) form.

    >>> nfc("Nguye\u0302\u0303n") == "Nguyễn"
    True
    """
    return unicodedata.normalize("NFC", s)


@lru_cache(maxsize=1 << 16)
def _place(word: str, old_style: bool) -> str:
    # Workbooks repeat the same few thousand words; analysing each syllable once keeps a
    # 10,000-row sheet fast.
    return place_tone(word, old_style=old_style)


_SPLIT_WORDS = re.compile(r"([^\W\d_]+)")


def _retone(s: str, *, old_style: bool) -> str:
    # Split once in C and look each word up in the cache: a 10,000-row sheet has a few hundred
    # thousand words but only a few thousand distinct ones.
    if s.isascii():
        return s  # no tone marks at all: codes, numbers, e-mail addresses
    parts = _SPLIT_WORDS.split(nfc(s))
    parts[1::2] = [_place(w, old_style) for w in parts[1::2]]
    return "".join(parts)


def modern_tones(s: str) -> str:
    """The text with every syllable's tone mark in the modern place (hòa, thủy, khỏe, quý).

    Words that are not Vietnamese syllables are left as they are; case is kept.

    >>> modern_tones("Hoà Thuỷ qúy")
    'Hòa Thủy quý'
    """
    return _retone(s, old_style=False)


def old_tones(s: str) -> str:
    """The text with every syllable's tone mark in the old place (hoà, thuỷ, khoẻ, quý).

    >>> old_tones("Hòa Thủy")
    'Hoà Thuỷ'
    """
    return _retone(s, old_style=True)


def tone_key(s: str) -> str:
    """Key to compare texts (names) typed by different clerks: NFC, modern tones, lower case,
    whitespace collapsed. It stays readable: it is the text itself in a canonical form.

    >>> tone_key("  HOÀ  Bình ") == tone_key("hòa bình") == "hòa bình"
    True
    """
    return " ".join(modern_tones(s.translate(_INVISIBLE)).lower().split())


def normalize_name(s: str, *, tones: ToneStyle = "keep") -> str:
    """A person's (or unit's) name: NFC, invisible characters removed, spaces collapsed and trimmed,
    and each word capitalised when the whole name was typed all lower or all upper case; otherwise
    the clerk's capitalisation is kept. `tones` may also move tone marks ("modern" or "old").

    >>> normalize_name("  nguyễn   văn an "), normalize_name("Nguyễn văn An")
    ('Nguyễn Văn An', 'Nguyễn văn An')
    """
    name = " ".join(nfc(s).translate(_INVISIBLE).split())
    if name and (name == name.lower() or name == name.upper()):
        name = " ".join("-".join(_capitalise(p) for p in w.split("-")) for w in name.split(" "))
    if tones == "modern":
        return modern_tones(name)
    if tones == "old":
        return old_tones(name)
    return name


def _capitalise(word: str) -> str:
    # An Ê Đê, Gia Rai or K'Ho name keeps the capital after its apostrophe: H'Hen, K'Bình.
    if word[1:2] in ("'", "’") and word[2:]:
        return word[:1].upper() + word[1] + word[2:3].upper() + word[3:].lower()
    return word[:1].upper() + word[1:].lower()


def capitalise_name(s: str) -> str:
    """A person's name with each word typed all in lower or all in upper case capitalised, the
    others kept as typed (a person's name capitalises every word).

    >>> capitalise_name("Nguyễn thị Hoa"), capitalise_name("HUỲNH Thị Linh"), capitalise_name("H'HEN Niê")
    ('Nguyễn Thị Hoa', 'Huỳnh Thị Linh', "H'Hen Niê")
    """
    words = []
    for word in s.split(" "):
        letters = [ch for ch in word if ch.isalpha()]
        one_case = word == word.lower() or (len(letters) > 1 and word == word.upper())
        words.append("-".join(map(_capitalise, word.split("-"))) if one_case else word)
    return " ".join(words)


def strip_diacritics(s: str) -> str:
    """The text without any diacritics, đ/Đ becoming d/D.

    >>> strip_diacritics("Đắk Lắk")
    'Dak Lak'
    """
    s = nfc(s).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def slug(s: str, max_length: int = 60) -> str:
    """A safe file-name stem: ASCII lower-case letters, digits and single hyphens, never empty
    (fallback "khong-ten"), at most `max_length` characters, nothing that can leave a folder.

    >>> slug("Nguyễn Văn Đức"), slug("../../etc/passwd"), slug("///")
    ('nguyen-van-duc', 'etc-passwd', 'khong-ten')
    """
    text = re.sub(r"[^a-z0-9]+", "-", strip_diacritics(s).lower()).strip("-")
    if len(text) > max_length:
        cut = text[:max_length]
        if text[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        text = cut.strip("-")
    return text or _SLUG_FALLBACK
