"""Which unit a name or a file is: names compared as a reader compares them, and the file a
unit's workbook takes in don-vi/ when the office names none."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from pipeline.vietnamese import slug, tone_key

# Abbreviations clerks type for the words a period's list spells out (compared, never printed).
_SPELLED = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "tp": "thành phố"}


def unit_key(name: str) -> str:
    """A unit's name as compared: case, spaces, tone placement and "UBND" do not count."""
    return " ".join(_SPELLED.get(word, word) for word in tone_key(name).split())


def default_file(name: str, names: Iterable[str]) -> str:
    """The workbook file of a unit of the period (`names`) whose file the office did not name:
    its name in ASCII, with a short tag of the full name when another unit's name gives the same
    ASCII ("Tân Hòa", "Tân Hóa"), so that no unit's workbook ever replaces another's."""
    stem = slug(name) or "don-vi"
    key = unit_key(name)
    if any(slug(other) == stem and unit_key(other) != key for other in names):
        stem += "-" + hashlib.sha256(key.encode()).hexdigest()[:6]
    return f"{stem}.xlsx"
