"""What a cell's value turns into on the way from the clerk's keyboard to the workbook: error
values of newer Excel, numbers that lost their leading zero, Excel's text apostrophe kept as a
character, and one value in error said once. Each habit runs through the real `hoso` command and
is asserted at its cell and, where it is printed, in the documents."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment

from tests.conftest import cell_of, edit
from tests.doctext import normalized_text
from tests.test_clerk_habits import COLL, CRIT, IND, INFO, docs, findings_at, put, section

# 1. Excel error values ------------------------------------------------------------------------


def _error_value(path: Path, sheet: str, coord: str, error: str) -> None:
    """Store an Excel error value in a cell, as Excel writes a formula that failed (t="e")."""
    index = openpyxl.load_workbook(path).sheetnames.index(sheet) + 1
    part = f"xl/worksheets/sheet{index}.xml"
    copy = path.with_suffix(".tmp")
    shutil.move(path, copy)
    with zipfile.ZipFile(copy) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                cell = re.compile(rf'<c r="{coord}"[^>]*?(/>|>.*?</c>)', re.S)
                new = f'<c r="{coord}" t="e"><f>X1</f><v>{error}</v></c>'
                text, count = cell.subn(new, data.decode(), count=1)
                assert count == 1, coord
                data = text.encode()
            zout.writestr(item, data)
    copy.unlink()


@pytest.mark.parametrize(
    ("error", "sheet", "header", "meaning"),
    [
        ("#SPILL!", IND, "Họ và tên", "bị chặn bởi ô bên cạnh"),
        ("#CALC!", IND, "Chức vụ", "không tính ra giá trị"),
        ("#BUSY!", COLL, "Điện thoại", "chưa tính xong"),
        ("#CONNECT!", COLL, "Địa chỉ", "không kết nối được"),
        ("#BLOCKED!", IND, "Thành tích", "bị chặn"),
        ("#PYTHON!", IND, "Số phiếu đồng ý", "Python"),
        ("#FIELD!", IND, "Ngày sinh", "kiểu dữ liệu liên kết"),
        ("#UNKNOWN!", COLL, "Ghi chú", "không biết"),
        ("#NUM!", IND, "Dân tộc", "số không hợp lệ"),
        ("#EXTERNAL!", IND, "Quê quán", "bên ngoài"),
        ("#GETTING_DATA", COLL, "Chức vụ thủ trưởng", "chưa tính xong"),
        ("#N/A", IND, "Dân tộc", "không tìm thấy"),
    ],
)
def test_any_excel_error_value_is_an_error_at_its_cell(
    example, run_cli, error: str, sheet: str, header: str, meaning: str
) -> None:
    path = example()
    coord = cell_of(openpyxl.load_workbook(path)[sheet], header, 3)
    _error_value(path, sheet, coord, error)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (message,) = findings_at(result.out, path, sheet, coord)
    assert f"“{header}”: ô có lỗi công thức ({error}" in message
    assert meaning in message
    assert "hãy sửa công thức" in message


def test_an_error_value_typed_in_a_text_cell_is_not_printed(example, run_cli, tmp_path) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, IND, "Chức vụ", 4, "#SPILL!")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 1
    assert findings_at(result.out, path, IND, coord)
    assert not (tmp_path / "out" / "hoso").exists()


# 2. Digits that are text: the phone number's leading zero ---------------------------------------


def _report(out: Path, stem: str) -> Path:
    """The Báo cáo thành tích whose file name starts with `stem` ("01-")."""
    (found,) = (docs(out) / "bao-cao").glob(f"{stem}*.docx")
    return found


def test_a_phone_number_excel_made_a_number_is_printed_with_its_zero(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, COLL, "Điện thoại", 2, 912345678)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (message,) = findings_at(result.out, path, COLL, coord)
    assert "Excel đã bỏ số 0 đầu; hoso in “0912345678”" in message
    assert "định dạng ô là Văn bản (Text)" in message
    text = normalized_text(_report(tmp_path / "out", "01-"))
    assert "0912345678" in text
    assert not re.search(r"(?<!0)912345678", text)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (2713712345, "Excel đã bỏ số 0 đầu; hoso in “02713712345”"),  # a landline 0271…
        (1693456789, "Excel đã bỏ số 0 đầu; hoso in “01693456789”"),  # an old 11-digit mobile
        (84912345678, "Excel đã bỏ dấu “+” đầu; hoso in “+84912345678”"),
        (3712345, "hoso in “3712345”, hãy kiểm tra lại"),  # not clear what was typed
        (1.2e9, "hoso in “01200000000”"),  # stored as 1.2E+9
    ],
)
def test_a_phone_number_stored_as_a_number_is_said_with_what_is_printed(
    example, run_cli, typed, said: str
) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, COLL, "Điện thoại", 3, typed)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (message,) = findings_at(result.out, path, COLL, coord)
    assert message.split(": ", 1)[1].startswith("“Điện thoại” là một số")
    assert said in message


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (912.345678, "là số thập phân hoặc số âm (“912,345678”)"),
        (9.12345678009877e19, "Excel chỉ giữ 15 chữ số, các chữ số sau đã mất"),
        (dt.date(2034, 12, 9), "Excel đã tự đổi chữ gõ vào thành ngày"),
    ],
)
def test_a_phone_number_excel_spoiled_is_an_error(example, run_cli, typed, said: str) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, COLL, "Điện thoại", 3, typed)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (message,) = findings_at(result.out, path, COLL, coord)
    assert said in message and "Văn bản (Text)" in message


def test_phone_column_is_text_so_excel_keeps_the_zero(example) -> None:
    ws = openpyxl.load_workbook(example())[COLL]
    coord = cell_of(ws, "Điện thoại", 2)
    column = re.sub(r"\d", "", coord)
    assert ws.column_dimensions[column].number_format == "@"  # rows the clerk will type in
    assert ws[coord].number_format == "@"  # the example's own rows
    assert ws[cell_of(ws, "Tên tập thể", 2)].number_format == "General"


def test_a_phone_number_typed_as_text_is_printed_as_typed(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, COLL, "Điện thoại", 2, "0912 345 678")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, COLL, coord)


# 3. Excel's text apostrophe kept as a character -----------------------------------------------


def test_a_kept_apostrophe_is_dropped_before_any_rule_and_from_every_document(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        name = put(wb, IND, "Họ và tên", 5, "'Lương Quang Minh")
        position = put(wb, IND, "Chức vụ", 5, "'Phó Giám đốc")
        leader = cell_of(wb[IND], "Lãnh đạo quản lý", 5)
        wb[IND][leader] = "Có"
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, name)
    assert "bắt đầu bằng dấu nháy “'”" in said and "hoso đã bỏ: “Lương Quang Minh”" in said
    (said,) = findings_at(result.out, path, IND, position)
    assert "hoso đã bỏ: “Phó Giám đốc”" in said
    assert not findings_at(result.out, path, IND, leader)  # a deputy director is a leader
    out = docs(tmp_path / "out")
    for doc in (
        out / "02-danh-sach.docx",
        out / "03-bien-ban.docx",
        _report(out.parent.parent, "09-"),
    ):
        text = normalized_text(doc)
        assert "Lương Quang Minh" in text and "'Lương" not in text, doc.name
    assert "Phó Giám đốc" in normalized_text(_report(out.parent.parent, "09-"))


@pytest.mark.parametrize(
    ("sheet", "header", "typed"),
    [
        (COLL, "Địa chỉ", "\u2018Thôn 1, xã Phú Nghĩa, huyện Bù Gia Mập"),  # Word's ‘
        (COLL, "Điện thoại", "'0912345678"),
        (IND, "Số phiếu đồng ý", "'7"),
        (IND, "Ngày sinh", "'15/03/1985"),
        (IND, "Giới tính", "\u2019Nữ"),
        (IND, "Thành tích", "'Năm 2023 hoàn thành xuất sắc nhiệm vụ.\n- Chiến sĩ thi đua cơ sở."),
    ],
)
def test_a_kept_apostrophe_is_dropped_from_any_value(
    example, run_cli, sheet: str, header: str, typed: str
) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, sheet, header, 3, typed)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, sheet, coord)
    assert f"bắt đầu bằng dấu nháy “{typed[0]}”" in said
    assert f"hoso đã bỏ: “{typed[1:].split(chr(10))[0][:20]}" in said


def test_an_error_about_a_value_quotes_it_without_the_dropped_apostrophe(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        (row,) = [r for r in ws.iter_rows() if r[0].value == "Số tờ trình"]
        row[1].value = "'123/TTr-VHTT"  # the number with another office's symbol: an error
    result = run_cli("check", path)
    said = findings_at(result.out, path, "Thông tin chung", row[1].coordinate)
    assert any("“Số tờ trình” ghi “123/TTr-VHTT”, có ký hiệu" in s for s in said), said


@pytest.mark.parametrize(
    "typed",
    [
        "'Cờ thi đua' của Ủy ban nhân dân tỉnh năm 2023.",  # a quotation, not Excel's mark
        "\u2018Cờ thi đua\u2019 của Ủy ban nhân dân tỉnh năm 2023.",
    ],
)
def test_a_quotation_at_the_start_of_a_text_is_kept(example, run_cli, tmp_path, typed) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, IND, "Thành tích", 2, typed)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, IND, coord)
    assert typed in normalized_text(_report(tmp_path / "out", "06-"))


def test_a_cell_of_only_an_apostrophe_is_empty(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, IND, "Chức vụ", 3, "'")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, coord)
    assert "thiếu “Chức vụ” (ô chỉ có dấu “'”)" in said


# 4. A value in error is said once -------------------------------------------------------------


def test_another_plan_chosen_says_one_thing_at_each_cell(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[INFO]["B2"] = "muong-khuong-cds-2022-2025"
    result = run_cli("check", path)
    assert result.code == 1
    for row in (2, 3, 6):  # groups of the other plan
        (said,) = findings_at(result.out, path, COLL, f"O{row}")
        assert "“Nhóm đối tượng” không hợp lệ" in said
    assert any(
        "không phải chỉ tiêu của kế hoạch" in line for line in findings_at(result.out, path, CRIT)
    )
    # The criteria of the rows in error are not also "missing" at the collective's name.
    assert not [line for line in findings_at(result.out, path, COLL) if "chưa có kết quả" in line]


@pytest.mark.parametrize(
    ("sheet", "header", "row", "typed"),
    [
        (IND, "Lãnh đạo quản lý", 5, "chưa rõ"),  # not “Không” for the leader's post rule
        (IND, "Giới tính", 2, "N"),  # no gender to clash with the middle name "Thị"
        (IND, "Số phiếu đồng ý", 9, "bốn"),
        (COLL, "Nhóm đối tượng", 2, "Nhóm khác"),
        (COLL, "Điện thoại", 2, "chưa có số, " * 12),  # too long, and no phone number
        (COLL, "Email", 2, "không có thư điện tử, " * 25),
    ],
)
def test_a_cell_in_error_gets_no_warning_that_follows_from_it(
    example, run_cli, sheet: str, header: str, row: int, typed
) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, sheet, header, row, typed)
        if header == "Nhóm đối tượng":  # nothing in "Chỉ tiêu" either: the group is all there is
            _drop_criteria_of(wb, wb[COLL][cell_of(wb[COLL], "Tên tập thể", row)].value)
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, sheet, coord)
    assert said.split(": ", 1)[1].startswith(f"“{header}”")  # the reading's own error
    elsewhere = [line for line in result.out.splitlines() if f"“{header}”" in line]
    assert elsewhere == [f"    {said}"]  # nor at another cell (the row's name)


def test_a_name_in_error_gets_no_warning_that_follows_from_it(example, run_cli) -> None:
    path = example()
    coord = cell_of(openpyxl.load_workbook(path)[COLL], "Tên tập thể", 3)
    _error_value(path, COLL, coord, "#GETTING_DATA")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, COLL, coord)
    assert "ô có lỗi công thức (#GETTING_DATA" in said


def _drop_criteria_of(wb, name: str) -> None:
    """Delete the rows of "Chỉ tiêu" that give a nominee's results."""
    ws = wb[CRIT]
    for row in range(ws.max_row, 1, -1):
        if ws.cell(row, 1).value == name:
            ws.delete_rows(row)


def test_formulas_without_values_are_said_once_per_column(example, run_cli) -> None:
    """A file written by a program that does not compute (a web export, a script): one error
    per column naming its rows, as one save in Excel or LibreOffice mends them all."""
    path = example()
    with edit(path) as wb:  # openpyxl writes formulas without their values
        ws = wb[IND]
        first = cell_of(ws, "Họ và tên", 2)
        for row in range(2, 10):
            ws[cell_of(ws, "Họ và tên", row)] = f'="Nguyễn Văn "&"An{row}"'
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, first)
    assert "ô có công thức nhưng chưa có giá trị đã tính; hãy mở tệp bằng Excel hoặc " in said
    assert "lưu lại (cùng vấn đề ở 7 ô khác của cột B: dòng 3–9)." in said
    assert section(result.out, "Lỗi").count("\n") == 1, result.out


def test_a_value_written_as_a_cell_note_is_named_with_the_missing_value(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        cell = cell_of(ws, "Họ và tên", 3)
        ws[cell] = None
        ws[cell].comment = Comment("Huỳnh Thị Linh", "Văn thư")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, cell)
    assert "thiếu “Họ và tên”. Ô này chỉ có ghi chú (comment) “Huỳnh Thị Linh”" in said
    assert "hoso không đọc ghi chú; nếu đó là giá trị, hãy ghi vào ô." in said
