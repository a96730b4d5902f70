"""The name a template's author meant: a near spelling ("kem_theo" for "kem_theo_ds"), or the name
typed with a Vietnamese input method left on (Unikey's Telex turns "text" into "tẽt", "last" into
"lát"): said as "có phải …?" in the pre-flight's and lint's messages."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection

# Telex's keys for each mark a letter got while a tag was typed.
_TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_SHAPES = {"\u0302": "", "\u0306": "w", "\u031b": "w"}  # â ê ô: doubled; ă: aw; ơ ư: ow, uw


def untelex(word: str) -> str:
    """The keys typed for a word in Telex ("tẽt" → "text", "endì" → "endif", "đ" → "dd")."""
    keys = []
    for char in word:
        if char in "đĐ":
            keys.append("dd")
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        shape = "".join(_SHAPES.get(m, "") or (base if m == "\u0302" else "") for m in marks)
        tone = "".join(_TONES.get(m, "") for m in marks)
        keys.append(base + shape + tone)
    return "".join(keys)


def nearest(name: str, names: Collection[str], *, quoted: bool = False) -> str:
    """ "có phải kem_theo? " for a name misspelt, "" when none is near; a name with Vietnamese
    marks is said to need none (and the name typed in Telex, or without marks, when it is one).
    `quoted`: the name in “ ”, as a part of a value is said."""
    if name.isascii():
        close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.75)
    else:  # only what the marks hide: "ho_ten" is not "dot_ten"
        close = [t for t in (untelex(name), _bare(name)) if t in names][:1]
    said = (f"có phải “{close[0]}”? " if quoted else f"có phải {close[0]}? ") if close else ""
    if not name.isascii():
        note = (
            "tên trong thẻ không có dấu tiếng Việt: bộ gõ như Unikey (kiểu Telex) tự thêm dấu "
            "khi gõ, hãy tắt bộ gõ khi gõ thẻ; "
        )
        said += note[0].upper() + note[1:] if said else note
    return said


def _bare(word: str) -> str:
    """A word without its Vietnamese marks ("họ_tên" → "ho_ten")."""
    word = word.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
