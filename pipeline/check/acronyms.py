"""Acronyms in a unit's name or a post written in full: spell_out's, and those clerks join or
shorten beyond its table ("VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện")."""

from __future__ import annotations

import re

from pipeline.vietnamese.authorities import spell_out

# "VP HĐND-UBND huyện" is "Văn phòng HĐND và UBND huyện" (spell_out leaves hyphenated acronyms
# alone, as in "QĐ-UBND", and has no "VP").
_JOINED = re.compile(r"(?<![\w-])HĐND\s*-\s*UBND(?![\w-])")
_OFFICE = re.compile(r"(?<![\w-])VP(?![\w-])")


def spell_all(text: str, *, post: bool) -> tuple[str, tuple[str, ...]]:
    """spell_out, after the joined "HĐND-UBND" and the "VP" of a Văn phòng clerks type."""
    hits = ((m.start(), m.group()) for rx in (_OFFICE, _JOINED) for m in rx.finditer(text))
    found = tuple(dict.fromkeys(re.sub(r"\s", "", typed) for _, typed in sorted(hits)))
    text = _OFFICE.sub("Văn phòng", _JOINED.sub("HĐND và UBND", text))
    full, acronyms = spell_out(text, post=post)
    if "HĐND-UBND" in found:  # the pair is said as typed, not again as its two parts
        acronyms = tuple(a for a in acronyms if a not in ("HĐND", "UBND"))
    return full, tuple(dict.fromkeys(found + acronyms))
