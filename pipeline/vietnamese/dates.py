"""Vietnamese dates and times: printed the NĐ 30 way, and read from spreadsheet cells."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal
from typing import Any

from openpyxl.utils.datetime import from_excel, to_excel

from pipeline.errors import HosoError

# The blank date of a document not yet dated: this many spaces stand for the day and for the month,
# as in NĐ 30's example "ngày     tháng     năm 2023" (room to write two digits by hand).
BLANK_GAP = " " * 5
MIN_YEAR, MAX_YEAR = 1900, 2100
_EXCEL_FAKE_LEAP_DAY = 60  # Excel's serial 60 is 29/02/1900, a day that never existed


class DateParseError(HosoError, ValueError):
    """A cell value that is not a date hoso can read without guessing (message in Vietnamese)."""

    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


class TimeParseError(HosoError, ValueError):
    """A cell value that is not a time of day hoso can read (message in Vietnamese)."""

    def __init__(self, message: str, value: Any = None) -> None:
        super().__init__(message)
        self.value = value


def _day(d: dt.date) -> dt.date:
    if isinstance(d, dt.datetime):
        return d.date()
    if not isinstance(d, dt.date):
        raise TypeError(f"cần một ngày, không phải “{d}”")  # a template author reads this
    return d


def _month(d: dt.date) -> str:
    """A month as NĐ 30 prints it: 1 and 2 with a leading 0 ("02"), the others without ("8")."""
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def format_date(d: dt.date) -> str:
    """The date as written in documents: day < 10 and months 1-2 get a leading zero.

    >>> format_date(dt.date(2024, 2, 9)), format_date(dt.date(2025, 3, 15))
    ('ngày 09 tháng 02 năm 2024', 'ngày 15 tháng 3 năm 2025')
    """
    d = _day(d)
    return f"ngày {d.day:02d} tháng {_month(d)} năm {d.year}"


def blank_date(year: int) -> str:
    """The date of a document not yet dated: five spaces for the day and for the month.

    >>> blank_date(2023)
    'ngày     tháng     năm 2023'
    """
    return f"ngày{BLANK_GAP}tháng{BLANK_GAP}năm {int(year)}"


def place_and_date(place: str, d: dt.date | None = None, *, year: int | None = None) -> str:
    """The place-and-date line; with d=None, the blank form for `year`.

    >>> place_and_date("Bù Gia Mập", dt.date(2023, 10, 5))
    'Bù Gia Mập, ngày 05 tháng 10 năm 2023'
    """
    if d is not None:
        when = format_date(d)
    elif year is not None:
        when = blank_date(year)
    else:
        raise ValueError("Cần ngày ký hoặc ít nhất năm (year=) để in dòng địa danh, ngày tháng.")
    place = unicodedata.normalize("NFC", place or "").strip()
    return f"{place}, {when}" if place else when


def format_time(t: dt.time) -> str:
    """A time in hours and minutes, both with two digits.

    >>> format_time(dt.time(14, 30)), format_time(dt.time(8, 5))
    ('14 giờ 30 phút', '08 giờ 05 phút')
    """
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def format_short_date(d: dt.date) -> str:
    """dd/mm/yyyy, padded as format_date pads: day < 10 and months 1 and 2 only.

    >>> format_short_date(dt.date(2023, 10, 5)), format_short_date(dt.date(2024, 8, 15))
    ('05/10/2023', '15/8/2024')
    >>> format_short_date(dt.date(2024, 2, 9))
    '09/02/2024'
    """
    d = _day(d)
    return f"{d.day:02d}/{_month(d)}/{d.year}"


def format_month_year(year: int, month: int) -> str:
    """A month and year without a day, padded as format_short_date pads its month.

    >>> format_month_year(1968, 3), format_month_year(1979, 2)
    ('3/1968', '02/1979')
    """
    return f"{_month(dt.date(year, month, 1))}/{year}"


def shown_in_excel(d: dt.date) -> str:
    """A date as a date cell of hoso's workbook shows it (DD/MM/YYYY, always padded): what the
    clerk sees in the cell, which a message quotes.

    >>> shown_in_excel(dt.date(1905, 7, 15))
    '15/07/1905'
    """
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME_SUFFIX)
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_WORDS = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})")
_HINT = "hãy ghi ngày/tháng/năm đủ bốn chữ số năm, ví dụ 05/10/2023"
# Dashes and slashes pasted from Word or a web page ("21–02–1979"), read as the keyboard's; full
# width digits and signs (an East Asian keyboard) and spaces around a separator the same.
_SEPARATORS = str.maketrans("‐‑‒–—―−⁄∕\\", "-------///")
_SPACED = re.compile(r"\s*([-/.])\s*")
# Day, month and year apart by a comma or a space only ("15,3,1980", "15 3 1980"): four digits
# of year leave nothing to guess.
_LOOSE = re.compile(r"(\d{1,2})\s*[,\s]\s*(\d{1,2})\s*[,\s]\s*(\d{4})")
# A weekday before the date, as meeting notices write it ("Thứ Tư, ngày 15/11/2023").
_WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "chủ nhật": 6}
_WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WEEKDAY = re.compile(r"(?:thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ\s+nhật|cn))\s*[,:\-–]?\s*")
_PLACE_BEFORE = re.compile(r"^[^\d,]+,\s*(?=ngày\s*\d)")
_LUNAR = re.compile(r"âm\s*lịch|(?<!\w)(?:âl|al)(?!\w)")
_YEAR_WORDS = re.compile(r"(?:(?:sinh\s+)?năm(?:\s+sinh)?\s*:?\s*)(\d{4})")


def _checked(text: str, year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(
            f"năm {year} trong “{text}” nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}.", text
        )
    if not 1 <= month <= 12:
        raise DateParseError(f"ngày “{text}” không tồn tại: không có tháng {month}.", text)
    last = calendar.monthrange(year, month)[1]
    if day < 1:
        raise DateParseError(f"ngày “{text}” không tồn tại: không có ngày {day}.", text)
    if day > last:
        raise DateParseError(
            f"ngày “{text}” không tồn tại: tháng {month} năm {year} chỉ có {last} ngày.", text
        )
    return dt.date(year, month, day)


def _parse_text(raw: str) -> dt.date:
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    low = _SPACED.sub(r"\1", unicodedata.normalize("NFKC", text).lower().translate(_SEPARATORS))
    if not _WEEKDAY.match(low):  # "Bù Gia Mập, ngày 20/11/2023": the place line pasted
        low = _PLACE_BEFORE.sub("", low)
    low = re.sub(r"^ngày\s*(?=\d{1,2}[-/.])", "", low).rstrip(".")  # "ngày 15/11/2023."
    if not text:
        raise DateParseError("ô trống, không có ngày.", raw)
    if _LUNAR.search(low):
        raise DateParseError(
            f"“{text}” là ngày âm lịch; văn bản ghi ngày dương lịch, như trên căn cước, hồ sơ "
            f"cán bộ: {_HINT}.",
            raw,
        )
    if (m := _WEEKDAY.match(low)) and re.match(r"ngày|\d", low[m.end() :]):
        return _on_weekday(text, raw, _parse_text(low[m.end() :]), m[1] or m[2])
    if m := _YEAR_FIRST.fullmatch(low):
        return _checked(text, int(m[1]), int(m[3]), int(m[4]))
    if m := _DAY_FIRST.fullmatch(low):
        return _checked(text, int(m[4]), int(m[3]), int(m[1]))
    if m := _WORDS.fullmatch(low):
        return _checked(text, int(m[3]), int(m[2]), int(m[1]))
    if m := _LOOSE.fullmatch(low):
        return _checked(text, int(m[3]), int(m[2]), int(m[1]))
    if _SHORT_YEAR.fullmatch(low):
        raise DateParseError(
            f"ngày “{text}” chỉ ghi năm bằng hai chữ số nên không rõ thế kỷ; {_HINT}.", raw
        )
    if re.fullmatch(r"\d{4}", low) or _YEAR_WORDS.fullmatch(low):
        raise DateParseError(f"“{text}” chỉ có năm, thiếu ngày và tháng; {_HINT}.", raw)
    if m := re.fullmatch(r"(\d{1,2})[-/.]\d{4}", low):
        if not 1 <= int(m[1]) <= 12:
            raise DateParseError(
                f"“{text}” không đọc được: không có tháng {int(m[1])}; {_HINT}.", raw
            )
        raise DateParseError(f"“{text}” chỉ có tháng và năm, thiếu ngày; {_HINT}.", raw)
    if (
        re.fullmatch(r"\d{5}", low)
        and MIN_YEAR <= (serial := from_excel(int(low))).year <= MAX_YEAR
    ):
        raise DateParseError(
            f"ô ghi số “{text}” chứ không phải ngày: Excel lưu ngày {format_short_date(serial)} "
            f"dưới dạng số này, và ô định dạng Văn bản (hoặc chữ dán vào) hiện nó ra; {_HINT}.",
            raw,
        )
    raise DateParseError(f"không đọc được ngày “{text}”; {_HINT}.", raw)


def _on_weekday(text: str, raw: str, day: dt.date, weekday: str) -> dt.date:
    """The date after a weekday, when that day is the weekday written before it."""
    said = int(weekday) - 2 if weekday.isdigit() else _WEEKDAYS.get(" ".join(weekday.split()), 6)
    if day.weekday() != said:
        raise DateParseError(
            f"“{text}”: ngày {format_short_date(day)} là {_WEEKDAY_NAMES[day.weekday()]}, không "
            f"phải {_WEEKDAY_NAMES[said]}; kiểm tra lại ngày, hoặc chỉ ghi ngày/tháng/năm.",
            raw,
        )
    return day


def _parse_serial(value: float | int | Decimal) -> dt.date:
    if isinstance(value, float) and not math.isfinite(value):
        raise DateParseError(f"giá trị “{value}” không phải là ngày.", value)
    number = float(value)
    if number.is_integer() and MIN_YEAR <= number <= MAX_YEAR:
        raise DateParseError(
            f"ô chứa số {int(number)}, giống một năm hơn là một ngày; {_HINT}.", value
        )
    if number == _EXCEL_FAKE_LEAP_DAY:
        raise DateParseError("ngày 29/02/1900 (số ngày 60 của Excel) không tồn tại.", value)
    try:
        moment = from_excel(number) if number >= 1 else None
    except (OverflowError, ValueError):
        moment = None
    if not isinstance(moment, dt.datetime) or not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise DateParseError(
            f"số {value} không ứng với ngày nào trong khoảng {MIN_YEAR}–{MAX_YEAR}; {_HINT}.", value
        )
    return moment.date()


def _year_shown_as_date(moment: dt.datetime) -> int | None:
    """The year a clerk typed in a date-formatted cell (1980, which Excel shows as 02/06/1905),
    or None: nobody's date in a workbook falls on those days of 1905."""
    serial = to_excel(moment)
    if isinstance(serial, float) and serial.is_integer() and MIN_YEAR <= serial <= MAX_YEAR:
        return int(serial)
    return None


def parse_date(value: object) -> dt.date:
    """A date from a cell value: a date or datetime, an Excel serial number (1900 bug handled), or
    day-first text ("5/10/2023", "05-10-2023", "05.10.2023", "ngày 05 tháng 10 năm 2023"; ISO
    "2023-10-05" is year-first). Raises DateParseError, never guesses: impossible dates, two-digit
    years, a year alone, and anything outside 1900–2100 are refused.

    >>> parse_date("5/10/2023")
    datetime.date(2023, 10, 5)
    """
    if isinstance(value, dt.datetime) and (year := _year_shown_as_date(value)):
        raise DateParseError(
            f"ô chứa số {year}, giống một năm hơn là một ngày, mà ô định dạng ngày nên Excel "
            f"hiện thành {shown_in_excel(value)}; {_HINT}.",
            value,
        )
    if isinstance(value, dt.date):  # a datetime too; said as the cell shows it, 25/12/1899
        return _checked(format_short_date(value), value.year, value.month, value.day)
    if value is None:
        raise DateParseError("ô trống, không có ngày.", value)
    if isinstance(value, bool):
        raise DateParseError(f"giá trị “{value}” không phải là ngày.", value)
    if isinstance(value, int | float | Decimal):
        return _parse_serial(value)
    if isinstance(value, str):
        return _parse_text(value)
    raise DateParseError(f"giá trị “{value}” không phải là ngày.", value)


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{2})")  # "14.30", as many write the hour
_SPOKEN = re.compile(r"(\d{1,2})\s*(?:giờ|h|g)\s*(?:(\d{1,2})\s*(?:phút|ph|p|')?)?")
# The part of the day after a time ("2 giờ chiều", "2:00 PM"; "CH" and "SA" are what Windows in
# Vietnamese shows for PM and AM): hours of a 12-hour clock made those of the 24-hour day.
_PART_OF_DAY = re.compile(r"(.*?)\s*(sáng|trưa|chiều|tối|đêm|am|pm|sa|ch|a\.m\.|p\.m\.)")
_AFTERNOON = {"sáng": False, "am": False, "sa": False, "a.m.": False}
_TIME_HINT = "hãy ghi dạng 14:30 hoặc 14 giờ 30 phút"


def _time(text: str, hour: int, minute: int, second: int = 0) -> dt.time:
    if hour > 23 or minute > 59 or second > 59:
        raise TimeParseError(f"giờ “{text}” không tồn tại; {_TIME_HINT}.", text)
    return dt.time(hour, minute, second)


def parse_time(value: object) -> dt.time:
    """A time of day from a cell value: a time or datetime, an Excel fraction of a day (0.5 is
    12:00, rounded to the second), or text "14:30", "14h30", "14g", "14 giờ 30 phút". Raises
    TimeParseError.

    >>> parse_time("14h30"), parse_time(0.5)
    (datetime.time(14, 30), datetime.time(12, 0))
    """
    if isinstance(value, dt.datetime):
        if value < dt.datetime(1900, 3, 1):  # a number of days (14) in a time-formatted cell
            number = to_excel(value)
            raise TimeParseError(
                f"ô chứa số {_shown(number)}, mà ô định dạng giờ nên Excel hiện thành "
                f"{value:%H:%M}; {_hour_hint(number)}.",
                value,
            )
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = float(value)
        if not (math.isfinite(number) and 0 <= number < 1):
            raise TimeParseError(
                f"số “{_shown(number)}” không phải giờ trong ngày; {_hour_hint(number)}.",
                value,
            )
        seconds = round(number * 86400)
        if seconds >= 86400:
            raise TimeParseError(f"số “{value}” làm tròn thành 24 giờ; {_TIME_HINT}.", value)
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        low = text.lower()
        if (m := _PART_OF_DAY.fullmatch(low)) and (clock := _clock(text, m[1])):
            return _of_day(text, clock, m[2])
        if clock := _clock(text, low):
            return clock
        raise TimeParseError(f"không đọc được giờ “{text}”; {_TIME_HINT}.", value)
    raise TimeParseError(f"giá trị “{value}” không phải là giờ; {_TIME_HINT}.", value)


def _clock(text: str, low: str) -> dt.time | None:
    """A time typed "14:30", "14.30", "14h30" or "14 giờ 30 phút"; None for other text."""
    if m := _CLOCK.fullmatch(low):
        return _time(text, int(m[1]), int(m[2]), int(m[3] or 0))
    if m := _DOTTED.fullmatch(low) or _SPOKEN.fullmatch(low):
        return _time(text, int(m[1]), int(m[2] or 0))
    return None


def _of_day(text: str, clock: dt.time, part: str) -> dt.time:
    """A 12-hour clock's time in the part of the day written after it, on the 24-hour clock."""
    hour = clock.hour
    if part in _AFTERNOON:
        if hour > 12:
            raise TimeParseError(f"giờ “{text}” không tồn tại; {_TIME_HINT}.", text)
        hour = 0 if hour == 12 and part != "sáng" else hour  # 12 AM is midnight, 12 sáng noon
    elif part == "trưa":
        hour = hour + 12 if hour < 10 else hour
    elif part == "đêm":
        hour = hour + 12 if 6 <= hour < 12 else hour
    elif hour < 12:  # chiều, tối, pm, ch
        hour += 12
    return clock.replace(hour=hour)


def _shown(number: float) -> str:
    """A number as a Vietnamese cell shows it: 14, 14,5."""
    if math.isfinite(number) and float(number).is_integer():
        return str(int(number))
    return f"{number:g}".replace(".", ",")


def _hour_hint(number: float) -> str:
    """What to type instead of a number: its hour when it is a whole one ("14" for 14:00)."""
    if math.isfinite(number) and float(number).is_integer() and 0 < number < 24:
        return f"nếu là {int(number)} giờ, hãy ghi {int(number)}:00"
    return _TIME_HINT
