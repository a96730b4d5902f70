"""What clerks do to the sheets and their header rows: copy a sheet, rename a tab, insert a title,
sort the header away, merge header cells, filter a table, save in the wrong format. Each habit is
run through the real `hoso check` and asserted on what the clerk reads at the cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.worksheet.filters import AutoFilter, FilterColumn, Filters
from openpyxl.worksheet.table import Table

from tests.conftest import cell_of, edit, label_row
from tests.test_clerk_habits import findings_at, section

INFO, COLL, IND, CRIT = "Thông tin chung", "Tập thể", "Cá nhân", "Chỉ tiêu"


def _copy(wb, title: str, name: str = "Nguyễn Văn Mới"):
    """A copy of the "Cá nhân" sheet under another tab name, its first person replaced."""
    ws = wb.copy_worksheet(wb[IND])
    ws.title = title
    ws[cell_of(ws, "Họ và tên", 2)] = name
    return ws


# 1. Sheets hoso does not read ------------------------------------------------------------------


def test_a_copied_sheet_with_people_is_named_as_unread(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        _copy(wb, "Cá nhân (2)")
        wb.create_sheet("Ghi chú")["C3"] = "Gọi lại cho phòng Nội vụ"
        wb.create_sheet("Trống")
    result = run_cli("check", path)
    (copy,) = findings_at(result.out, path, "Cá nhân (2)")
    assert "bản sao của sheet “Cá nhân”" in copy and "không được đọc" in copy
    assert "hãy chuyển chúng vào sheet “Cá nhân”" in copy
    (notes,) = findings_at(result.out, path, "Ghi chú")
    assert "có dữ liệu nhưng hoso không đọc sheet này" in notes
    assert not findings_at(result.out, path, "Trống")
    assert copy in section(result.out, "Cảnh báo")


def test_two_tabs_whose_names_read_the_same_are_an_error_naming_both(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        _copy(wb, "Cá  nhân")
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, "Cá  nhân")
    assert "có hai sheet “Cá nhân” và “Cá  nhân” trùng tên" in message
    assert message in section(result.out, "Lỗi")


# 2. Labels and headers written twice -----------------------------------------------------------


def test_a_second_label_of_the_form_is_an_error_naming_both_cells(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[INFO]
        first = label_row(ws, "Họ tên người ký")
        again = ws.max_row + 2
        ws[f"A{again}"], ws[f"B{again}"] = "Họ tên người ký", "Nguyễn Văn Mới"
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, INFO, f"A{again}")
    assert f"“Họ tên người ký” có ở cả A{first} và A{again}" in message
    assert f"giá trị ở B{again} bị bỏ qua" in message


def test_a_second_header_column_is_an_error_naming_both_cells(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        first = cell_of(ws, "Thành tích", 1)
        column = ws.cell(1, ws.max_column + 1).column_letter
        ws[f"{column}1"], ws[f"{column}2"] = "Thành tích", "Thành tích mới của năm nay."
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, f"{column}1")
    assert f"cột “Thành tích” có ở cả {first} và {column}1" in message
    assert f"dữ liệu cột {column} bị bỏ qua" in message


# 3. The header row elsewhere than row 1 --------------------------------------------------------


def test_a_title_row_above_the_headers_is_said_once(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[IND].insert_rows(1)
        wb[IND]["A1"] = "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, "A1")
    assert "tiêu đề cột ở dòng 2, không phải dòng 1: hãy xóa dòng 1" in message
    assert "thiếu cột" not in result.out


def test_a_sort_that_took_the_header_row_along_is_said_once(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
        for number, values in enumerate([*rows[1:4], rows[0], *rows[4:]], start=1):
            for column, value in enumerate(values, start=1):
                ws.cell(number, column, value)
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, "A4")
    assert "dòng tiêu đề đã bị sắp xếp xuống dòng 4" in message
    assert "Ctrl+Z" in message
    assert "thiếu cột" not in result.out


def test_a_long_text_in_a_header_cell_is_quoted_short(example, run_cli) -> None:
    path = example()
    long = "Thành tích đạt được trong năm\n- dòng hai của ô\n- dòng ba của ô\n- dòng bốn"
    with edit(path) as wb:
        coord = cell_of(wb[IND], "Thành tích", 1)
        wb[IND][coord] = long
    result = run_cli("check", path)
    (message,) = findings_at(result.out, path, IND, coord)
    assert "(ô này ghi “Thành tích đạt được trong năm…”)" in message
    assert "dòng hai" not in result.out


# 4. and 5. A sheet or key column that cannot be read: one error, with the likely tab named -----


def test_a_renamed_nominee_sheet_is_one_error_with_a_hint(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[COLL].title = "Tap the"
        wb[IND].title = "DS Cá nhân"
    result = run_cli("check", path)
    errors = section(result.out, "Lỗi")
    (coll,) = findings_at(result.out, path, COLL)
    assert "thiếu sheet “Tập thể” (có sheet “Tap the”: hãy đổi tên thành “Tập thể”)" in coll
    (ind,) = findings_at(result.out, path, IND)
    assert "(có sheet “DS Cá nhân”: hãy đổi tên thành “Cá nhân”)" in ind
    assert f"{CRIT}!" not in errors and "chưa có tập thể hay cá nhân" not in errors
    assert len(errors.splitlines()) == 2
    (skipped,) = findings_at(result.out, path, CRIT)
    assert "chưa đối chiếu được" in skipped


def test_a_changed_key_header_is_one_error_without_follow_ons(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        coord = cell_of(wb[COLL], "Tên tập thể", 1)
        wb[COLL][coord] = "Tên đơn vị"  # a note after the header ("(*)") would still be read
    result = run_cli("check", path)
    (message,) = findings_at(result.out, path, COLL, coord)
    assert "thiếu cột “Tên tập thể” (ô này ghi “Tên đơn vị”)" in message
    assert f"{path} › {CRIT}!" not in result.out
    assert section(result.out, "Lỗi").strip() == message


def test_a_sheet_name_in_capitals_is_read(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[IND].title = "tạm"  # openpyxl, like Excel, would see "CÁ NHÂN" as the same name
        wb["tạm"].title = "CÁ NHÂN"
    result = run_cli("check", path)
    assert result.code == 0, result.out


# 6. to 9. Formats and filters ------------------------------------------------------------------


def _strict(path: Path) -> None:
    """The workbook rewritten with the namespaces of Excel's "Strict Open XML" format."""
    data = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            data[info.filename] = zf.read(info.filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in data.items():
            if name.endswith(".xml"):
                content = re.sub(
                    rb"http://schemas\.openxmlformats\.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                    content,
                )
            zf.writestr(name, content)


def test_a_strict_open_xml_workbook_says_how_to_save_it(example, run_cli) -> None:
    path = example()
    _strict(path)
    result = run_cli("check", path)
    assert result.code == 2
    assert "“Strict Open XML Spreadsheet”" in result.out
    assert "“Excel Workbook (.xlsx)”" in result.out
    assert "thiếu sheet" not in result.out


def test_rows_hidden_by_a_table_filter_say_to_clear_that_filter(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        ref = f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        table = Table(displayName="CaNhan", ref=ref)
        table.autoFilter = AutoFilter(
            ref=ref, filterColumn=[FilterColumn(colId=2, filters=Filters(filter=["Nữ"]))]
        )
        ws.add_table(table)
        ws.row_dimensions[4].hidden = True
        name = cell_of(ws, "Họ và tên", 4)
    result = run_cli("check", path)
    (message,) = findings_at(result.out, path, IND, name)
    assert "bộ lọc của bảng" in message and "hãy xóa bộ lọc của bảng" in message
    assert "hãy bỏ ẩn dòng này" not in message


def test_merged_header_cells_are_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        left = cell_of(ws, "Ngày báo cáo", 1)
        right = cell_of(ws, "Địa danh báo cáo", 1)
        ws[right.replace("1", "2")] = "Phú Nghĩa"
        ws.merge_cells(f"{left}:{right}")
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, left)
    assert f"ô tiêu đề {left}:{right} bị gộp" in message and "bỏ gộp ô" in message
    assert "chưa có cột “Địa danh báo cáo”" not in result.out


def test_votes_merged_down_several_rows_are_one_error_naming_the_rows(example, run_cli) -> None:
    """The council gave three people the same votes: the clerk merged the cells. One error
    says which rows hoso reads as empty, not a "thiếu" under it at each of them."""
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        top, bottom = cell_of(ws, "Số phiếu đồng ý", 2), cell_of(ws, "Số phiếu đồng ý", 4)
        ws.merge_cells(f"{top}:{bottom}")
        beside = f"{cell_of(ws, 'Họ và tên', 5)}:{cell_of(ws, 'Giới tính', 5)}"
        ws.merge_cells(beside)
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, top)
    said = f"ô gộp {top}:{bottom}: mỗi dòng cần giá trị riêng; hoso chỉ thấy giá trị ở {top}, "
    assert said in message
    assert "các dòng 3–4 để trống. Hãy bỏ gộp ô và điền đủ từng dòng." in message
    first, last = beside.split(":")
    (message,) = findings_at(result.out, path, IND, first)
    assert (
        f"mỗi cột cần giá trị riêng; hoso chỉ thấy giá trị ở {first}, ô {last} để trống" in message
    )
    assert "thiếu “Số phiếu đồng ý”" not in result.out and "thiếu “Giới tính”" not in result.out


def test_a_web_page_saved_as_xls_says_how_to_save_it(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "xuat-excel.xls"
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        "<body><table><tr><td>STT</td><td>Họ và tên</td></tr></table></body></html>",
        encoding="utf-8",
    )
    result = run_cli("check", path)
    assert result.code == 2
    assert "trang web (HTML)" in result.out
    assert "Lưu thành…, kiểu tệp “Excel Workbook (.xlsx)”" in result.out


def test_a_council_size_that_disagrees_with_its_members_is_said_once(example, run_cli) -> None:
    """A member deleted from the list: the size's error, not a share "dưới mức" or "lớn hơn"
    at every nominee computed on a size in error."""
    path = example()
    with edit(path) as wb:
        wb["Thành viên HĐ"].delete_rows(4)
        size = f"B{label_row(wb['Hội đồng'], 'Tổng số thành viên')}"
        wb["Hội đồng"][size] = 5
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, "Hội đồng", size)
    assert "Tổng số thành viên là 5 nhưng sheet “Thành viên HĐ” có 6 người" in said
    assert "hoso chỉ tính khi hai số khớp nhau" in said
    assert section(result.out, "Lỗi").count("\n") == 1, result.out
    assert "lớn hơn tổng số thành viên" not in result.out and "dưới mức" not in result.out
