"""Dates and times: NĐ 30 padding, the blank form, and reading cell values without guessing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import HosoError
from pipeline.vietnamese import (
    BLANK_GAP,
    DateParseError,
    TimeParseError,
    blank_date,
    format_date,
    format_short_date,
    format_time,
    parse_date,
    parse_time,
    place_and_date,
)


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (dt.date(2023, 10, 5), "ngày 05 tháng 10 năm 2023"),
        (dt.date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
        (dt.date(2025, 3, 15), "ngày 15 tháng 3 năm 2025"),
        (dt.date(2025, 1, 1), "ngày 01 tháng 01 năm 2025"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (dt.date(2025, 9, 10), "ngày 10 tháng 9 năm 2025"),
        (dt.datetime(2023, 10, 5, 14, 30), "ngày 05 tháng 10 năm 2023"),
    ],
)
def test_format_date_padding(d: dt.date, text: str) -> None:
    assert format_date(d) == text


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_format_date_rule_and_round_trip(d: dt.date) -> None:
    text = format_date(d)
    _, day, _, month, _, year = text.split()
    assert day == f"{d.day:02d}"
    assert month == (f"{d.month:02d}" if d.month <= 2 else str(d.month))
    assert year == str(d.year)
    assert parse_date(text) == d
    assert parse_date(format_short_date(d)) == d
    assert parse_date(d.isoformat()) == d


def test_place_and_date() -> None:
    assert (
        place_and_date("Bù Gia Mập", dt.date(2023, 10, 5))
        == "Bù Gia Mập, ngày 05 tháng 10 năm 2023"
    )
    assert (
        place_and_date("Bù Gia Mập", None, year=2023) == "Bù Gia Mập, ngày     tháng     năm 2023"
    )
    assert place_and_date(" Bù Gia Mập ", year=2023) == "Bù Gia Mập, " + blank_date(2023)
    with pytest.raises(ValueError, match="năm"):
        place_and_date("Bù Gia Mập")


def test_blank_date_uses_five_spaces() -> None:
    assert BLANK_GAP == " " * 5
    assert blank_date(2023) == "ngày     tháng     năm 2023"


def test_format_time_and_short_date() -> None:
    assert format_time(dt.time(14, 30)) == "14 giờ 30 phút"
    assert format_time(dt.time(8, 5)) == "08 giờ 05 phút"
    assert format_time(dt.time(0, 0)) == "00 giờ 00 phút"
    assert format_short_date(dt.date(2023, 10, 5)) == "05/10/2023"
    assert format_short_date(dt.datetime(2024, 2, 9, 7)) == "09/02/2024"


@pytest.mark.parametrize("month", range(1, 13))
def test_short_date_pads_as_the_long_date(month: int) -> None:
    """dd/mm/yyyy pads what "ngày … tháng … năm" pads (day < 10, months 1 and 2): a Căn cứ
    line reads "ngày 15/8/2024" beside "ngày 15/6/2022", never "15/08/2024"."""
    for day in (5, 15):
        d = dt.date(2024, month, day)
        long = format_date(d).split()
        assert format_short_date(d) == f"{long[1]}/{long[3]}/{long[5]}"
    assert format_short_date(dt.date(2024, 8, 15)) == "15/8/2024"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 10, 5), dt.date(2023, 10, 5)),
        (dt.datetime(2023, 10, 5, 14, 30), dt.date(2023, 10, 5)),
        (45204, dt.date(2023, 10, 5)),
        (45204.0, dt.date(2023, 10, 5)),
        (45204.604166, dt.date(2023, 10, 5)),
        (Decimal(45204), dt.date(2023, 10, 5)),
        (1, dt.date(1900, 1, 1)),
        (61, dt.date(1900, 3, 1)),
        ("5/10/2023", dt.date(2023, 10, 5)),
        ("05/10/2023", dt.date(2023, 10, 5)),
        ("05-10-2023", dt.date(2023, 10, 5)),
        ("05.10.2023", dt.date(2023, 10, 5)),
        (" 5/10/2023 ", dt.date(2023, 10, 5)),
        ("2023-10-05", dt.date(2023, 10, 5)),
        ("2023-10-05 00:00:00", dt.date(2023, 10, 5)),
        ("2023/10/05", dt.date(2023, 10, 5)),
        ("ngày 05 tháng 10 năm 2023", dt.date(2023, 10, 5)),
        ("Ngày 5 tháng 10 năm 2023", dt.date(2023, 10, 5)),
        ("5 tháng 10, năm 2023", dt.date(2023, 10, 5)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("13/12/2023", dt.date(2023, 12, 13)),
        ("15,3,1980", dt.date(1980, 3, 15)),
        ("15 3 1980", dt.date(1980, 3, 15)),
        ("Thứ Tư, ngày 15/11/2023", dt.date(2023, 11, 15)),
        ("thứ 4, 15/11/2023", dt.date(2023, 11, 15)),
        ("Chủ nhật, 19/11/2023", dt.date(2023, 11, 19)),
        ("Thứ Năm ngày 16 tháng 11 năm 2023", dt.date(2023, 11, 16)),
        (dt.datetime(1980, 6, 2), dt.date(1980, 6, 2)),
        ("Bù Gia Mập, ngày 20/11/2023", dt.date(2023, 11, 20)),
        ("Bù Gia Mập, ngày 20 tháng 11 năm 2023", dt.date(2023, 11, 20)),
    ],
)
def test_parse_date_accepts(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2023", "tháng 2 năm 2023 chỉ có 28 ngày"),
        ("29/02/2023", "không tồn tại"),
        ("31/04/2024", "tháng 4 năm 2024 chỉ có 30 ngày"),
        ("05/13/2023", "không có tháng 13"),
        ("0/10/2023", "không tồn tại"),
        ("10/05/23", "hai chữ số"),
        ("2023", "chỉ có năm"),
        ("10/2023", "thiếu ngày"),
        ("05/10-2023", "không đọc được ngày"),
        ("mùng năm tháng mười", "không đọc được ngày"),
        ("", "ô trống"),
        (None, "ô trống"),
        ("05/10/1850", "ngoài khoảng 1900–2100"),
        ("05/10/2150", "ngoài khoảng 1900–2100"),
        (2023, "giống một năm"),
        (0, "không ứng với ngày nào"),
        (-5, "không ứng với ngày nào"),
        (0.5, "không ứng với ngày nào"),
        (60, "29/02/1900"),
        (10**7, "không ứng với ngày nào"),
        (1e12, "không ứng với ngày nào"),
        (float("nan"), "không phải là ngày"),
        (True, "không phải là ngày"),
        ([2023, 10, 5], "không phải là ngày"),
        (dt.datetime(1905, 6, 2), "ô chứa số 1980, giống một năm hơn là một ngày, mà ô định dạng"),
        ("Năm 1980", "“Năm 1980” chỉ có năm, thiếu ngày và tháng"),
        ("sinh năm 1980", "chỉ có năm"),
        ("15/3/1980 (âm lịch)", "là ngày âm lịch; văn bản ghi ngày dương lịch"),
        ("15/3/1980 ÂL", "là ngày âm lịch"),
        ("Thứ Năm, 15/11/2023", "ngày 15/11/2023 là thứ Tư, không phải thứ Năm"),
        ("Thứ Năm", "không đọc được ngày"),
    ],
)
def test_parse_date_refuses(value: object, message: str) -> None:
    with pytest.raises(DateParseError, match=message) as info:
        parse_date(value)
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, HosoError)
    assert info.value.value == value or value != value  # NaN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.time(14, 30), dt.time(14, 30)),
        (dt.datetime(2023, 10, 5, 14, 30), dt.time(14, 30)),
        (0.5, dt.time(12, 0)),
        (14.5 / 24, dt.time(14, 30)),
        (0.604166666, dt.time(14, 30)),
        (0, dt.time(0, 0)),
        ("14:30", dt.time(14, 30)),
        ("8:05", dt.time(8, 5)),
        ("14:30:15", dt.time(14, 30, 15)),
        ("14h30", dt.time(14, 30)),
        ("14h", dt.time(14, 0)),
        ("14g30", dt.time(14, 30)),
        ("14 giờ 30 phút", dt.time(14, 30)),
        ("14 giờ 30", dt.time(14, 30)),
        ("7 giờ", dt.time(7, 0)),
        ("14.30", dt.time(14, 30)),
        ("2:00 PM", dt.time(14, 0)),
        ("2:30 CH", dt.time(14, 30)),
        ("8:00 SA", dt.time(8, 0)),
        ("12:00 AM", dt.time(0, 0)),
        ("8 giờ sáng", dt.time(8, 0)),
        ("2 giờ chiều", dt.time(14, 0)),
        ("14 giờ chiều", dt.time(14, 0)),
        ("1 giờ trưa", dt.time(13, 0)),
        ("7 giờ 30 tối", dt.time(19, 30)),
    ],
)
def test_parse_time_accepts(value: object, expected: dt.time) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("25:00", "không tồn tại"),
        ("14:75", "không tồn tại"),
        ("chiều", "không đọc được giờ"),
        ("", "không đọc được giờ"),
        (1.5, "không phải giờ trong ngày"),
        (-0.1, "không phải giờ trong ngày"),
        (0.9999999, "24 giờ"),
        (None, "không phải là giờ"),
        (True, "không phải là giờ"),
        (14, "số “14” không phải giờ trong ngày; nếu là 14 giờ, hãy ghi 14:00"),
        (dt.datetime(1900, 1, 14), "ô chứa số 14, mà ô định dạng giờ nên Excel hiện thành 00:00"),
        ("15 giờ sáng", "không tồn tại"),
    ],
)
def test_parse_time_refuses(value: object, message: str) -> None:
    with pytest.raises(TimeParseError, match=message) as info:
        parse_time(value)
    assert isinstance(info.value, ValueError)
