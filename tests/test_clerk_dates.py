"""Dates and times as clerks type them in the hoso workbook: a weekday before the meeting's date,
"2 giờ chiều", a year typed into a date-formatted cell (Excel shows 15/07/1905), an hour typed
as a number into a time-formatted cell (Excel shows 0:00), a lunar birth date. Each runs the
real `hoso` command: read as a person reads it and printed, or an error at its cell that says
what Excel did and what to type.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import cell_of, edit
from tests.doctext import normalized_text
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

COUNCIL, IND = "Hội đồng", "Cá nhân"


def test_a_weekday_and_a_time_of_the_afternoon_are_read_and_printed(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, COUNCIL, "Ngày họp", "Thứ Tư, ngày 15/11/2023")
        put_form(wb, COUNCIL, "Giờ bắt đầu", "2 giờ chiều")
        put_form(wb, COUNCIL, "Giờ kết thúc", "4:30 CH")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, COUNCIL)
    minutes = normalized_text(docs(tmp_path / "out") / "03-bien-ban.docx")
    assert "14 giờ 00 phút, ngày 15 tháng 11 năm 2023" in minutes, minutes[:600]
    assert "16 giờ 30 phút" in minutes


def test_a_weekday_that_is_not_the_dates_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, COUNCIL, "Ngày họp", "Thứ Năm, ngày 15/11/2023")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, COUNCIL, cell)
    assert "ngày 15/11/2023 là thứ Tư, không phải thứ Năm" in said
    assert said in section(result.out, "Lỗi")


def test_a_year_typed_in_a_date_cell_is_an_error_not_a_day_in_1905(example, run_cli) -> None:
    # A report's date needs its day; a birth date may be a year alone (test_clerk_birth_year.py).
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Ngày báo cáo", 3, 2023)
        assert "yy" in wb[IND][cell].number_format.lower()  # the column is formatted as dates
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, cell)
    assert "ô chứa số 2023, giống một năm hơn là một ngày" in said
    assert "Excel hiện thành 15/07/1905" in said


def test_an_hour_typed_as_a_number_in_a_time_cell_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, COUNCIL, "Giờ bắt đầu", 14)
        assert "h" in wb[COUNCIL][cell].number_format.lower()  # the cell is formatted as a time
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, COUNCIL, cell)
    assert "ô chứa số 14, mà ô định dạng giờ nên Excel hiện thành 00:00" in said
    assert "nếu là 14 giờ, hãy ghi 14:00" in said
    assert "ngoài giờ làm việc" not in result.out


def test_a_lunar_birth_date_is_said_to_be_lunar(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Ngày sinh", 3, "15/3/1980 (âm lịch)")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, cell)
    assert "là ngày âm lịch; văn bản ghi ngày dương lịch" in said


def _typed_month_first(wb, quoted: bool = False) -> None:
    """Every real date whose day is past 12 made the text Excel keeps when such a date is typed
    day-first where it reads the month first (or, `quoted`, typed after an apostrophe)."""
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, dt.datetime) and cell.value.day > 12:
                    cell.value = cell.value.strftime("%d/%m/%Y")
                    cell.quotePrefix = quoted


def test_dates_typed_where_excel_reads_month_first_are_said_with_both_readings(
    example, run_cli
) -> None:
    """On an Excel set to English (United States), "22/10/1987" stays text (no month 22), as
    every date past the 12th does, and "06/12/1990" became 12 June: each real date that can be
    read both ways is said."""
    path = example()
    with edit(path) as wb:
        _typed_month_first(wb)
        text = put(wb, IND, "Ngày sinh", 3, "22/10/1987")
        swapped = put(wb, IND, "Ngày sinh", 6, dt.datetime(1990, 6, 12))
        either = put(wb, IND, "Ngày sinh", 2, dt.datetime(1979, 5, 5))  # the same both ways
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, swapped)
    assert "hoso đọc ô này là ngày 12 tháng 6 năm 1990, nhưng Excel có thể đã đổi" in said
    assert "ô Thông tin chung!B10 ghi “20/11/2023” thành chữ" in said
    assert "Nếu đúng là ngày 06 tháng 12 năm 1990, hãy gõ lại ô này là 1990-12-06" in said
    assert "gõ lại ô Thông tin chung!B10 là 2023-11-20 để hết cảnh báo này" in said
    assert not findings_at(result.out, path, IND, either)
    assert not findings_at(result.out, path, IND, text)


def test_one_birth_date_pasted_as_text_among_real_dates_says_nothing_of_the_order(
    example, run_cli, tmp_path: Path
) -> None:
    """ "15/03/1985" kept as text in a column of real dates (21/02/1979, 20/09/1976…: Excel read
    them day first) is no sign of a month-first Excel: no cell is said to be swapped, the text
    cell says nothing, and the report prints the date the clerk typed."""
    path = example()
    with edit(path) as wb:
        text = put(wb, IND, "Ngày sinh", 4, "15/03/1985")
        assert isinstance(wb[IND][cell_of(wb[IND], "Ngày sinh", 6)].value, dt.datetime)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "đổi ngày với tháng" not in result.out
    assert not findings_at(result.out, path, IND, text)
    (report,) = (docs(tmp_path / "out") / "bao-cao").glob("*-dinh-cong-son.docx")
    assert "- Ngày, tháng, năm sinh: 15/3/1985." in normalized_text(report)


def test_dates_typed_as_text_after_an_apostrophe_say_nothing_of_the_order(example, run_cli) -> None:
    """ "'22/10/1987" is text the clerk typed on purpose (Excel's quote prefix), not a date Excel
    could not read: with 12 June 1990 a real date, nothing is said to be swapped."""
    path = example()
    with edit(path) as wb:
        _typed_month_first(wb, quoted=True)
        swapped = put(wb, IND, "Ngày sinh", 6, dt.datetime(1990, 6, 12))
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "đổi ngày với tháng" not in result.out
    assert not findings_at(result.out, path, IND, swapped)


def test_dates_typed_as_text_in_a_text_column_say_nothing_of_the_order(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Ngày sinh", 3, "22/10/1987")
        wb[IND][cell].number_format = "@"
    result = run_cli("check", path)
    assert "đổi ngày với tháng" not in result.out


def test_a_proposal_date_without_its_day_says_the_day_may_be_planned(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, "Thông tin chung", "Ngày tờ trình", "11/2023")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, "Thông tin chung", cell)
    assert "“11/2023” chỉ có tháng và năm, thiếu ngày" in said
    assert "Chưa có số Tờ trình thì văn bản vẫn in để trống ngày và tháng" in said
