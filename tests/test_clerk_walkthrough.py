"""What a fresh clerk does to the example workbook, each said once at its cell with a fix: a row
begun without its name, a column deleted, a collective's criteria rows left behind, a typo in
a member's attendance (no warning inferred from the wrong value)."""

from __future__ import annotations

from tests.conftest import cell_of, edit
from tests.test_clerk_habits import findings_at

IND, COLL, CRIT, MEMBERS = "Cá nhân", "Tập thể", "Chỉ tiêu", "Thành viên HĐ"


def test_a_row_begun_without_its_name_is_one_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        row = ws.max_row + 1
        ws.cell(row, 1, 9)
        ws[cell_of(ws, "Giới tính", row - 1).replace(str(row - 1), str(row))] = "Nam"
        name = cell_of(ws, "Họ và tên", row - 1).replace(str(row - 1), str(row))
    result = run_cli("check", path)
    said = findings_at(result.out, path, IND)
    mine = [s for s in said if f"{row}" in s.split("›")[1].split(":")[0]]
    assert len(mine) == 1, said
    assert mine[0].startswith(f"{path} › {IND}!{name}: thiếu “Họ và tên”, “Ngày sinh”")
    assert mine[0].endswith("; hãy điền đủ dòng này.")


def test_a_deleted_column_says_to_insert_it_again(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        column = ws[cell_of(ws, "Dân tộc", 1)].column
        ws.delete_cols(column)
        cell = cell_of(ws, "Quê quán", 1)
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, cell)
    assert (
        "thiếu cột “Dân tộc” (ô này là tiêu đề cột “Quê quán”: có lẽ cột “Dân tộc” đã bị xóa)"
        in said
    )
    assert said.endswith("hãy chèn lại một cột có tiêu đề “Dân tộc” (ở đâu cũng được) và điền.")


def test_criteria_rows_of_a_removed_collective_are_one_error_per_name(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        groups, crit = wb[COLL], wb[CRIT]
        name = groups[cell_of(groups, "Tên tập thể", 2)].value
        groups.delete_rows(2)
        rows = [r for r in range(2, crit.max_row + 1) if crit.cell(r, 1).value == name]
    assert len(rows) > 1
    result = run_cli("check", path)
    said = [s for s in findings_at(result.out, path, CRIT) if f"“{name}” không có" in s]
    assert len(said) == 1, result.out
    assert said[0].startswith(f"{path} › {CRIT}!A{rows[0]}: “{name}” không có ở sheet")
    assert f"Tên này có ở {len(rows)} dòng (dòng {rows[0]}–{rows[-1]}): hãy sửa tên" in said[0]
    assert said[0].endswith("hoặc xóa chúng nếu đã bỏ tên này khỏi đề nghị.")


def test_an_attendance_typo_is_said_once_without_an_absence_warning(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[MEMBERS]
        cell = cell_of(ws, "Có mặt", 3)
        ws[cell] = "co"
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, MEMBERS, cell)
    assert "“Có mặt” không hợp lệ: “co”" in said and "Có phải là “Có”?" in said
    assert "Lý do vắng" not in result.out


def test_a_share_typed_as_a_fraction_is_said_once(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[CRIT]
        cell = cell_of(ws, "Đạt được (%)", 3)
        ws[cell] = 0.955
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, CRIT, cell)
    assert "“Đạt được (%)” ghi “0,955”, tức 0,96%; nếu ý là 95,5% hãy ghi 95,5." in said


def test_a_column_inserted_before_a_forms_labels_is_one_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb["Thông tin chung"].insert_cols(1)
    result = run_cli("check", path)
    said = findings_at(result.out, path, "Thông tin chung")
    assert said == [
        f"{path} › Thông tin chung!B2: các nhãn (“Kế hoạch”, “Đợt xét”…) ở cột B, không ở cột A: "
        "có lẽ đã chèn thêm cột vào bên trái; hãy xóa cột A để nhãn ở cột A và giá trị ở cột B "
        "như mẫu."
    ], result.out
    assert "thiếu dòng" not in result.out


def test_a_member_row_with_only_a_name_is_one_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[MEMBERS]
        row = max(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value) + 1
        name = cell_of(ws, "Họ và tên", row)
        ws[name] = "Nguyễn Văn Tư"
        first = cell_of(ws, "Chức vụ", row)
    result = run_cli("check", path)
    said = [s for s in findings_at(result.out, path, MEMBERS) if "Nguyễn Văn Tư" in s]
    assert said == [
        f"{path} › {MEMBERS}!{first}: Nguyễn Văn Tư: thiếu “Chức vụ”, “Vai trò”, “Có mặt” "
        f"(ô {first}–{cell_of(ws, 'Có mặt', row)}); hãy điền đủ dòng này."
    ], result.out


def test_a_count_grouped_with_commas_says_what_to_type(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[COLL]
        cell = cell_of(ws, "Số cán bộ", 2)
        ws[cell] = "1,234"
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, COLL, cell)
    assert "“Số cán bộ” phải là số nguyên (ô ghi “1,234”). Nếu là 1234, hãy ghi 1234" in said
