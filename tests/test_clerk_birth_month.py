"""A birth date known by its month and year, as personnel records of older nominees give it:
typed as text ("03/1968", "tháng 3 năm 1968", "00/03/1968") or typed into Excel, which keeps the
first of the month and shows "Mar-68". Each runs the real `hoso` command: accepted with a warning at the cell,
printed as "Tháng, năm sinh: 3/1968" in the Báo cáo thành tích (never an invented day 01), the
year in the danh sách, and told apart from a person of the same name born in another month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import cell_of, council_votes, edit
from tests.doctext import normalized_text
from tests.test_clerk_habits import docs, findings_at, put, section
from tests.test_period import IND, units

NAME, BIRTH = "Họ và tên", "Ngày sinh"


def _month_only(example, value: object, number_format: str | None = None) -> tuple[Path, str]:
    """The example workbook with row 3's birth date (Huỳnh Thị Linh's) replaced: (path, cell)."""
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, BIRTH, 3, value)
        if number_format:
            wb[IND][cell].number_format = number_format
    return path, cell


@pytest.mark.parametrize("value", ["03/1968", "3-1968", "tháng 3 năm 1968", "Tháng 3/1968"])
def test_a_month_and_year_typed_as_text_is_said_at_its_cell(example, run_cli, value) -> None:
    path, cell = _month_only(example, value)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, cell)
    assert said in section(result.out, "Cảnh báo")
    assert "“Ngày sinh” của Huỳnh Thị Linh chỉ có tháng và năm (3/1968)" in said
    assert "sẽ in “Tháng, năm sinh: 3/1968”" in said
    assert said.endswith("Nếu biết ngày sinh, hãy ghi đủ ngày/tháng/năm.")
    assert "ngày 01" not in said


@pytest.mark.parametrize("number_format", ["mmm-yy", "mm/yyyy", '[$-42A]mm"/"yyyy'])
def test_a_month_excel_keeps_as_its_first_day_is_not_printed_as_that_day(
    example, run_cli, tmp_path: Path, number_format: str
) -> None:
    path, cell = _month_only(example, dt.datetime(1968, 3, 1), number_format)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, cell)
    assert "ô là ngày 01/03/1968 nhưng định dạng ô chỉ hiện tháng và năm" in said
    assert "hoso đọc là tháng và năm sinh, không in ngày 01" in said
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (report,) = (docs(tmp_path / "out") / "bao-cao").glob("*huynh-thi-linh.docx")
    text = normalized_text(report)
    assert "- Họ và tên: Huỳnh Thị Linh.\n- Tháng, năm sinh: 3/1968.\n- Giới tính: Nữ." in text
    assert "01/03/1968" not in text and "1/3/1968" not in text
    listed = normalized_text(docs(tmp_path / "out") / "02-danh-sach.docx")
    assert "| Huỳnh Thị Linh | Nữ | 1968 |" in listed


def test_a_whole_date_shown_without_its_day_is_still_the_whole_date(example, run_cli) -> None:
    """A day other than the first was typed by someone: the format only hides it."""
    path, cell = _month_only(example, dt.datetime(1968, 3, 12), "mmm-yy")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, IND, cell)


def test_a_month_of_february_prints_with_its_zero(example, run_cli, tmp_path: Path) -> None:
    path, cell = _month_only(example, "2/1968")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, cell)
    assert "chỉ có tháng và năm (02/1968)" in said


def test_a_month_that_does_not_exist_is_an_error(example, run_cli) -> None:
    path, cell = _month_only(example, "13/1968")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, cell)
    assert "“13/1968” không đọc được: không có tháng 13" in said


def test_the_same_name_born_in_another_month_is_another_person(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        name = wb[IND][cell_of(wb[IND], NAME, 2)].value  # Hà Thị Lan, born 21/02/1979
        put(wb, IND, NAME, 3, name)
        cell = put(wb, IND, BIRTH, 3, "05/1979")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not [f for f in findings_at(result.out, path, IND, cell) if "cùng một người" in f]


def test_the_same_name_born_in_that_month_may_be_the_same_person(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        name = wb[IND][cell_of(wb[IND], NAME, 2)].value  # Hà Thị Lan, born 21/02/1979
        put(wb, IND, NAME, 3, name)
        cell = put(wb, IND, BIRTH, 3, "02/1979")
        first = cell_of(wb[IND], BIRTH, 2)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = [f for f in findings_at(result.out, path, IND, cell) if "cùng một người" in f]
    assert (
        f"“{name}” sinh tháng 02/1979 ({cell}) có thể là cùng một người với “{name}” sinh ngày "
        f"21/02/1979 ({first}, dòng 2): một dòng không ghi đủ ngày sinh"
    ) in said


def test_a_period_vote_row_finds_a_person_born_in_a_month(period, run_cli) -> None:
    """hoi-dong.xlsx writes the month and year as the unit typed it, and reads it back to the
    same person: her votes count, and the office's list prints her year."""
    folder = period()
    with edit(units(folder)[3]) as wb:  # a person new to the period, born in July 1981
        name = "Đoàn Thị Mến"
        put(wb, IND, NAME, 3, name)
        put(wb, IND, BIRTH, 3, dt.datetime(1981, 7, 1))
        wb[IND][cell_of(wb[IND], BIRTH, 3)].number_format = "mmm-yy"
    council_votes(folder)
    with edit(folder / "hoi-dong.xlsx") as wb:
        ws = wb["Biểu quyết"]
        names = ws[cell_of(ws, "Tên tập thể / Họ và tên", 2)].column_letter
        rows = [r for r in range(2, ws.max_row + 1) if ws[f"{names}{r}"].value == name]
        births = [ws[cell_of(ws, BIRTH, r)].value for r in rows]
    assert "7/1981" in births, births  # as typed, not 01/07/1981 nor the year alone
    result = run_cli("period", "check", folder)
    unmatched = [ln for ln in result.out.splitlines() if "không có trong hồ sơ hợp lệ" in ln]
    assert not [ln for ln in unmatched if f"“{name}”" in ln], unmatched


@pytest.mark.parametrize("value", ["00/03/1968", "xx/03/1968", "../03/1968", "0/3/1968"])
def test_a_day_written_as_unknown_is_a_month_and_year(example, run_cli, value) -> None:
    """Personnel records write an unknown day as "00" or dots: no day 0 to refuse, no day 01 to
    invent; the month and year are what is known."""
    path, cell = _month_only(example, value)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, cell)
    assert "“Ngày sinh” của Huỳnh Thị Linh chỉ có tháng và năm (3/1968)" in said


@pytest.mark.parametrize("value", ["00/00/1968", "…/…/1968", "xx/xx/1968"])
def test_a_day_and_month_written_as_unknown_is_a_year(example, run_cli, value) -> None:
    path, cell = _month_only(example, value)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, cell)
    assert "“Ngày sinh” của Huỳnh Thị Linh chỉ có năm 1968" in said


def test_the_workbook_says_what_to_type_when_the_day_is_not_known(example) -> None:
    ws = openpyxl.load_workbook(example())[IND]
    note = ws[cell_of(ws, BIRTH, 1)].comment.text
    assert "chưa rõ ngày thì ghi tháng/năm (03/1968) hoặc năm (1968)" in note
