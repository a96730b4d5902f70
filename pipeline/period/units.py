"""Which unit a name or a file is: names compared as a reader compares them, the file a unit's
workbook takes in don-vi/ when the office names none, and whether the office sent it back."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.vietnamese import slug, tone_key

RETURNED_DIR = "tra-lai"  # <time>-<workbook stem>/: a unit's submission the office sent back
_STAMP = re.compile(r"\d{8}-\d{6}-")  # tra-lai/<YYYYmmdd-HHMMSS>-<stem>/, as the web app names it
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


def sent_back(period: Path, file: str) -> bool:
    """Whether a unit's workbook (`file`) lies among those the office sent back to be corrected
    (tra-lai/ of the `period` folder)."""
    try:
        kept = list((period / RETURNED_DIR).iterdir())
    except OSError:  # no folder: nothing was sent back
        return False
    stem = Path(file).stem
    return any(_STAMP.match(d.name) and d.name[16:] == stem and (d / file).is_file() for d in kept)
