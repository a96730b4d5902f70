"""Dates an Excel set to the United States' order (month/day) may have swapped.

On a computer whose Windows region is English (United States), Excel reads "05/03/1980" typed in
a date cell as 3 May and keeps "15/03/1980" (no month 15) as text. Nothing in the file tells
which real date was typed that way, but a date cell holding such text shows the order the
computer reads: each real date whose day and month could be swapped is then said at its cell,
with the day hoso reads in words, so the clerk can tell which is right.

A date kept as text is no such sign when the clerk typed it after an apostrophe ("'15/03/1985",
text on purpose), or when another date cell holds a real date whose day is past 12 (typed
day-first on such a computer it would have stayed text too): a single date pasted as text into a
workbook of real dates. hoso reads that text as a person does (day/month/year), so nothing is said.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from openpyxl.styles.numbers import is_date_format

from pipeline.check.checking import Checking
from pipeline.check.findings import Source
from pipeline.check.workbook import RawCell, RawSheet
from pipeline.vietnamese import DateParseError, format_date, parse_date

_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")


def check_date_order(ctx: Checking) -> None:
    """Warn at each real date that may be day and month swapped, when a date cell shows that
    the workbook was typed on a computer reading month/day."""
    cells = [(sheet, cell) for sheet in ctx.raw.sheets.values() for cell in _date_cells(sheet)]
    shown = next(((s, c) for s, c in cells if _kept_as_text(c)), None)
    if shown is None or any(_day_past_twelve(c.value) for _, c in cells):
        return
    sheet, text = shown
    typed = _day_first(text)
    assert typed is not None
    for own, cell in cells:
        value = cell.value
        if _swappable(value):
            swapped = dt.date(value.year, value.day, value.month)
            where = f"ô {text.coord}" if own is sheet else f"ô {sheet.spec.name}!{text.coord}"
            ctx.findings.warning(
                Source(ctx.label, own.spec.name, cell.coord),
                f"hoso đọc ô này là {format_date(value)}, nhưng Excel có thể đã đổi ngày với "
                f"tháng: {where} ghi “{text.value}” thành chữ, không thành ngày, tức Excel trên "
                "máy điền tệp đọc ngày theo thứ tự tháng/ngày (kiểu Mỹ). Nếu đúng là "
                f"{format_date(swapped)}, hãy gõ lại ô này là {swapped.isoformat()} "
                f"(năm-tháng-ngày); khi mọi ngày đã đúng, gõ lại {where} là {typed.isoformat()} để hết "
                "cảnh báo này.",
                "date-order",
            )


def _day_past_twelve(value: object) -> bool:
    """A real date hoso reads whose day cannot be a month (20/11/2023): Excel read it day first."""
    return isinstance(value, dt.datetime) and value.day > 12 and _reads(value)


def _reads(value: dt.datetime) -> bool:
    """hoso reads the date as a date (not a year typed in a date cell, said at its cell already)."""
    try:
        parse_date(value)
    except DateParseError:
        return False
    return True


def _swappable(value: object) -> bool:
    """A real date (one hoso reads, not a year typed in a date cell) whose day could be a month."""
    if not isinstance(value, dt.datetime) or not value.day <= 12 or value.day == value.month:
        return False
    return _reads(value)


def _date_cells(sheet: RawSheet) -> Iterator[RawCell]:
    """The cells of a sheet's date fields, form values and table rows alike."""
    keys = {f.key for f in sheet.spec.fields if f.kind == "date"}
    yield from (cell for key, cell in sheet.form.items() if key in keys)
    for row in sheet.rows:
        yield from (cell for key, cell in row.cells.items() if key in keys)


def _kept_as_text(cell: RawCell) -> bool:
    """A date-formatted cell holding a day-first date as text that has no month/day reading
    ("15/03/1980"), not typed as text on purpose: Excel could not make it a date, reading the
    month first."""
    if not isinstance(cell.value, str) or cell.quoted or not is_date_format(cell.number_format):
        return False
    day = _day_first(cell)
    return day is not None and day.day > 12


def _day_first(cell: RawCell) -> dt.date | None:
    """The date a day-first text means ("15/03/1980"), None when it is none."""
    match = _DAY_FIRST.fullmatch(unicodedata.normalize("NFKC", str(cell.value)).strip())
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1])) if match else None
    except ValueError:
        return None
