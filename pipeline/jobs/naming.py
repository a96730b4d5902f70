"""A period job's message names each unit's results as the office knows them: by the unit's name
in dot-xet.toml and its workbook's file, never by a "don-vi/<workbook>" path, which a clerk would
take for the period's own don-vi/ folder of the units' workbooks."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.period.check import PeriodCheck
from pipeline.period.config import UNITS_OUT
from pipeline.period.units import default_file

# A results path of a unit's folder ("don-vi/<stem>", "don-vi/<stem>/"), not one inside another
# folder ("cu/don-vi/<stem>/": where an outdated folder now is, a place to look in the download).
_ANY_UNIT = re.compile(rf"(?<![\w/.-]){UNITS_OUT}/([^/\s:;,)]+?)(?=[/\s:;,)]|\.|$)/?")


def unit_files(checked: PeriodCheck) -> dict[str, tuple[str, str]]:
    """Each unit's results folder (its workbook's stem) → (the unit's name, its workbook's file):
    the workbooks in don-vi/ now, then the expected units' files (a unit whose workbook left the
    period, say sent back, still named when its old folder is taken away)."""
    period = checked.period
    names = [u.name for u in period.config.units]
    found: dict[str, tuple[str, str]] = {}
    for unit in period.config.units:
        file = Path(unit.file).name if unit.file else default_file(unit.name, names)
        found[Path(file).stem] = (unit.name, file)
    for status in checked.units:
        if status.file is not None:
            found[status.file.stem] = (status.name, status.file.name)
    return found


def unit_named(checked: PeriodCheck, stem: str) -> str:
    """A unit's workbook as the office reads it: "Phòng … (tệp 01-….xlsx)"."""
    name, file = unit_files(checked).get(stem, ("", ""))
    return f"{name} (tệp {file})" if name else f"tệp “{stem}”"


def named_folders(text: str, checked: PeriodCheck) -> str:
    """The text with each unit's results folder named by its unit and workbook (one no longer in
    the period by the workbook's name)."""
    known = unit_files(checked)

    def folder(stem: str) -> str:
        if stem in known:
            name, file = known[stem]
            return f"thư mục văn bản của {name} (tệp {file})"
        return f"thư mục văn bản của tệp “{stem}” (không còn trong đợt)"

    # Known stems first, longest first: a stem may hold spaces ("01-… (1)") or be another's prefix.
    for stem in sorted(known, key=len, reverse=True):
        pattern = rf"(?<![\w/.-]){UNITS_OUT}/{re.escape(stem)}(?![^/\s:;,.)])/?"
        text = re.sub(pattern, lambda _, s=stem: folder(s), text)
    return _ANY_UNIT.sub(lambda m: folder(m.group(1)), text)


def named_in_error(error: str) -> str:
    """A build error's results path of a unit's folder said as a place in the results, without
    "don-vi/": the line it is on already names the unit and its workbook."""
    return _ANY_UNIT.sub(lambda m: f"“{m.group(1)}” (trong thư mục kết quả)", error)
