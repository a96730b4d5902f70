"""A birth date cell: a whole date, a month and year, or a year alone (older nominees' records
often give no more), read into a BirthDate; a date without its day is said at the cell with what
the documents will print."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

from openpyxl.utils.datetime import to_excel

from pipeline.check.cells import CellReader
from pipeline.check.model import BirthDate, ReportType
from pipeline.check.workbook import RawCell
from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import DateParseError, parse_date, shown_in_excel

MIN_YEAR, MAX_YEAR = 1900, 2100  # the years parse_date reads; the age rules judge the rest
BIRTH_YEAR_ONLY = "birth-year-only"
BIRTH_MONTH_ONLY = "birth-month-only"
# "1968", "năm 1968", "sinh năm 1968", "năm sinh: 1968", a full stop after it.
_YEAR_TEXT = re.compile(r"(?:(?:sinh\s+)?năm(?:\s+sinh)?\s*:?\s*)?(\d{4})\.?")
# "03/1968", "3-1968", "tháng 3/1968", "tháng 3 năm 1968", "T3/1968", a full stop after it.
_MONTH_TEXT = re.compile(r"(?:(?:sinh\s+)?tháng\s*|t)?(\d{1,2})\s*(?:[-/.]|năm)\s*(\d{4})\.?")
# A day (and perhaps a month) written as unknown: "00", "0", "..", "…", "xx", "??".
_UNKNOWN_PARTS = re.compile(
    r"(?:0{1,2}|[.…x?]+)[-/.](?P<month>\d{1,2}|[.…x?]+)[-/.](?P<year>\d{4})\.?"
)
_DASHES = str.maketrans("‐‑‒–—―−⁄∕\\", "-------///")
# What a number format shows literally: quoted text, [colour] and [$-locale] parts, escaped signs.
_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def year_alone(value: object) -> tuple[int | None, dt.date | None]:
    """The year when a cell holds a year and nothing more, and the date Excel shows instead of
    it when the cell is formatted as a date (1968 shows as 21/05/1905); (None, None) otherwise."""
    if isinstance(value, dt.datetime):
        serial = to_excel(value)
        if isinstance(serial, float) and serial.is_integer() and MIN_YEAR <= serial <= MAX_YEAR:
            return int(serial), value.date()
        return None, None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = float(value)
        whole = number.is_integer() and MIN_YEAR <= number <= MAX_YEAR
        return (int(number), None) if whole else (None, None)
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFKC", value).lower().split())
        m = _YEAR_TEXT.fullmatch(text)
        if m and MIN_YEAR <= int(m[1]) <= MAX_YEAR:
            return int(m[1]), None
    return None, None


def month_alone(value: object, number_format: str) -> tuple[int, int] | None:
    """(year, month) when a cell holds a month and year and no day: typed as text ("03/1968",
    "tháng 3 năm 1968"), or the first of a month in a date cell whose format shows no day
    (Excel makes "3/1968" typed in a cell the date 01/03/1968 shown as "Mar-68")."""
    if isinstance(value, dt.datetime | dt.date):
        shown = _LITERAL.sub("", number_format).lower()
        if value.day == 1 and "d" not in shown and "m" in shown and "y" in shown:
            return value.year, value.month
        return None
    if not isinstance(value, str):
        return None
    text = " ".join(unicodedata.normalize("NFKC", value).lower().translate(_DASHES).split())
    m = _MONTH_TEXT.fullmatch(text)
    if m and 1 <= int(m[1]) <= 12 and MIN_YEAR <= int(m[2]) <= MAX_YEAR:
        return int(m[2]), int(m[1])
    return None


def _unknown_day(value: object) -> tuple[int, int | None] | None:
    """(year, month or None) of a date whose day, or day and month, are written as unknown, as
    personnel records write them: "00/03/1968", "../../1968", "xx/03/1968"."""
    if not isinstance(value, str):
        return None
    text = " ".join(unicodedata.normalize("NFKC", value).lower().translate(_DASHES).split())
    m = _UNKNOWN_PARTS.fullmatch(text.replace(" ", ""))
    if not m or not MIN_YEAR <= int(m["year"]) <= MAX_YEAR:
        return None
    month = m["month"]
    if not month.isdigit() or int(month) == 0:
        return int(m["year"]), None
    return (int(m["year"]), int(month)) if int(month) <= 12 else None


def read_birth(
    rd: CellReader, cell: RawCell | None, spec: FieldSpec, required: bool
) -> tuple[BirthDate | None, dt.date | None]:
    """The cell's birth date (None when empty or in error, said at the cell) and, for a year
    typed in a date-formatted cell, the date Excel shows there."""
    value = rd.value(cell, spec, required)
    if value is None:
        return None, None
    assert cell is not None
    year, shown = year_alone(value)
    if year is not None:
        return BirthDate(year), shown
    if month := month_alone(value, cell.number_format):
        return BirthDate(*month), None
    if known := _unknown_day(value):
        return BirthDate(*known), None
    try:
        return BirthDate.of(parse_date(value)), None
    except DateParseError as exc:
        rd.error(cell, f"“{spec.header}”: {exc}", "date")
        return None, None


def year_only_message(
    header: str, who: str, year: int, report_type: ReportType, shown: dt.date | None
) -> str:
    """What a year alone in the birth date cell means for the documents, said at the cell."""
    excel = (
        f"ô chứa số {year}, mà ô định dạng ngày nên Excel hiện thành {shown_in_excel(shown)} "
        "(hãy định dạng ô là Văn bản (Text) cho khỏi nhầm); hoso đọc là năm sinh. "
        if shown
        else ""
    )
    if report_type == "bao-cao-thanh-tich":
        printed = (
            "mẫu Báo cáo thành tích ghi đủ ngày, tháng, năm sinh, nhưng Báo cáo thành tích của "
            f"{who} sẽ chỉ in “Năm sinh: {year}” (danh sách vẫn in năm sinh như mọi người)"
        )
    else:
        printed = (
            "danh sách chỉ in năm sinh nên văn bản không đổi, nhưng hai người trùng tên sinh "
            "cùng năm sẽ không phân biệt được"
        )
    return (
        f"{excel}“{header}” của {who} chỉ có năm {year}: {printed}. Nếu biết ngày sinh, hãy ghi "
        "đủ ngày/tháng/năm."
    )


def month_only_message(
    header: str, who: str, birth: BirthDate, report_type: ReportType, cell: RawCell
) -> str:
    """What a month and year without a day in the birth date cell means for the documents,
    said at the cell; a date cell is named as the date Excel holds, so that no day is invented."""
    excel = (
        f"ô là ngày {cell.value:%d/%m/%Y} nhưng định dạng ô chỉ hiện tháng và năm, như khi gõ "
        f"“{birth}” vào Excel; hoso đọc là tháng và năm sinh, không in ngày 01. "
        if isinstance(cell.value, dt.date)
        else ""
    )
    if report_type == "bao-cao-thanh-tich":
        printed = (
            "mẫu Báo cáo thành tích ghi đủ ngày, tháng, năm sinh, nhưng Báo cáo thành tích của "
            f"{who} sẽ in “Tháng, năm sinh: {birth}” (danh sách vẫn in năm sinh như mọi người)"
        )
    else:
        printed = "danh sách chỉ in năm sinh nên văn bản không đổi"
    return (
        f"{excel}“{header}” của {who} chỉ có tháng và năm ({birth}): {printed}. Nếu biết ngày "
        "sinh, hãy ghi đủ ngày/tháng/năm."
    )
