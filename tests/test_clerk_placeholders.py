"""What clerks type to hold a place ("...", "-", "x", "đang cập nhật", "(ghi thành tích)") is not
a value: where the value is required it is missing, said at the cell; elsewhere the cell is
empty and nothing of it is printed. Each runs the real `hoso` command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import cell_of, edit
from tests.doctext import normalized_text
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

IND, COLL, MEMBERS = "Cá nhân", "Tập thể", "Thành viên HĐ"


@pytest.mark.parametrize(
    ("sheet", "header", "typed"),
    [
        (IND, "Thành tích", "..."),
        (IND, "Thành tích", "…"),
        (IND, "Thành tích", "Đang cập nhật."),
        (IND, "Thành tích", "(Ghi tóm tắt thành tích)"),
        (IND, "Dân tộc", "x"),
        (IND, "Quê quán", "-"),
        (IND, "Trình độ", "0"),
        (COLL, "Chức năng, nhiệm vụ", "– –"),
        (COLL, "Thủ trưởng", "chưa có"),
    ],
)
def test_a_place_held_in_a_required_cell_is_missing(
    example, run_cli, sheet: str, header: str, typed: str
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, sheet, header, 3, typed)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (said,) = findings_at(result.out, path, sheet, cell)
    assert said in section(result.out, "Lỗi")
    assert f"thiếu “{header}”: ô chỉ ghi “{typed}”, là dấu giữ chỗ chứ không phải nội dung" in said


def test_a_dash_in_an_optional_cell_is_empty_and_not_printed(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        note = put(wb, IND, "Ghi chú", 2, "-")
        email = put(wb, COLL, "Email", 2, "...")
        put(wb, MEMBERS, "Lý do vắng", 3, "-")  # a member present: no reason
        present = cell_of(wb[MEMBERS], "Có mặt", 3)
        place = put(wb, IND, "Địa danh báo cáo", 2, "x")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    for sheet, cell in ((IND, note), (COLL, email), (MEMBERS, present), (IND, place)):
        assert not findings_at(result.out, path, sheet, cell), result.out
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (report,) = (docs(tmp_path / "out") / "bao-cao").glob("*phong-van-hoa*.docx")
    text = normalized_text(report)
    assert "Thư điện tử" not in text and "..." not in text, text[:1200]
    (person,) = (docs(tmp_path / "out") / "bao-cao").glob("*ha-thi-lan.docx")
    assert "x, ngày" not in normalized_text(person)  # the report's place: the default one


def test_words_that_say_not_yet_in_an_optional_cell_are_said_and_not_printed(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, COLL, "Email", 2, "đang cập nhật")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, COLL, cell)
    assert "“Email” ghi “đang cập nhật”, tức là chưa có; hoso coi ô là để trống." in said


def test_a_value_with_dots_or_an_x_in_it_is_a_value(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        name = ws[cell_of(ws, "Họ và tên", 2)].value
        put(wb, IND, "Trình độ", 2, "Kỹ sư C.N.T.T.")
        put(wb, IND, "Dân tộc", 3, "X'Tiêng")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "giữ chỗ" not in result.out and name


def test_a_dash_where_nothing_need_be_chosen_is_nothing_chosen(example, run_cli) -> None:
    """ "-" in "Quyền hạn ký" (the head signs) or "Loại báo cáo" (the full report): as if empty,
    not an invalid choice; where a choice is required, "-" is still said to be none of them."""
    path = example()
    with edit(path) as wb:
        authority = put_form(wb, "Thông tin chung", "Quyền hạn ký", "-")
        put_form(wb, "Thông tin chung", "Chức vụ người ký", "Chủ tịch")
        report = put(wb, IND, "Loại báo cáo", 3, "–")
        gender = put(wb, IND, "Giới tính", 4, "-")
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert not findings_at(result.out, path, "Thông tin chung", authority), result.out
    assert not findings_at(result.out, path, IND, report), result.out
    (said,) = findings_at(result.out, path, IND, gender)
    assert "“Giới tính” không hợp lệ: “-”" in said
