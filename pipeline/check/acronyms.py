"""Acronyms in a unit's name or a post written in full: spell_out's, and those clerks join or
shorten beyond its table ("VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện")."""

from __future__ import annotations

import re

from pipeline.vietnamese.authorities import spell_out

# "VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện" (spell_out leaves hyphenated acronyms
# alone, as in "QĐ-UBND", and has no "VP").
_JOINED = re.compile(r"(?<![\w-])HĐND\s*-\s*UBND(?![\w-])")
_OFFICE = re.compile(r"(?<![\w-])VP(?![\w-])")
# A place's level shortened before its name ("h. Na Rì", "TP. Bắc Kạn"), read in places only: a
# report prints Quê quán, Nơi ở and Địa chỉ in its text, where NĐ 30 writes them in full.
_LEVELS = {"h": "huyện", "x": "xã", "p": "phường", "q": "quận", "tp": "thành phố", "tx": "thị xã",
           "tt": "thị trấn"}  # fmt: skip
_PLACES = ("hometown", "residence", "address")
_LEVEL = re.compile(r"(?<![\w.])(tp|tx|tt|h|x|p|q)\.\s*(?=[^\W\d_])", re.IGNORECASE)


def spell_all(text: str, *, post: bool, field: str = "") -> tuple[str, tuple[str, ...]]:
    """spell_out, after the joined "HĐND-UBND" and the "VP" of a Văn phòng clerks type, and in a
    place field (Quê quán, Nơi ở, Địa chỉ) its levels ("h. Na Rì" → "huyện Na Rì")."""
    if field in _PLACES:
        levels = tuple(dict.fromkeys(m.group(1) + "." for m in _LEVEL.finditer(text)))
        text = _LEVEL.sub(lambda m: _LEVELS[m.group(1).lower()] + " ", text)
        full, acronyms = spell_all(text, post=post)
        return full, levels + acronyms
    hits = ((m.start(), m.group()) for rx in (_OFFICE, _JOINED) for m in rx.finditer(text))
    found = tuple(dict.fromkeys(re.sub(r"\s", "", typed) for _, typed in sorted(hits)))
    text = _OFFICE.sub("Văn phòng", _JOINED.sub("HĐND và UBND", text))
    full, acronyms = spell_out(text, post=post)
    if "HĐND-UBND" in found:  # the pair is said as typed, not again as its two parts
        acronyms = tuple(a for a in acronyms if a not in ("HĐND", "UBND"))
    return full, tuple(dict.fromkeys(found + acronyms))
