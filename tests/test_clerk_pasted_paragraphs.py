"""A text of several paragraphs pasted from Word into a cell that was not being edited: Excel puts
each paragraph into a cell of its own, one row below another, under the cell the clerk meant.
The real `hoso check` says so once, at the first of those rows, naming the cell they belong to,
instead of a dozen "thiếu …" for every row; nothing of them is a nominee.
"""

from __future__ import annotations

from tests.conftest import cell_of, edit
from tests.test_clerk_habits import findings_at, put, section

IND, COLL = "Cá nhân", "Tập thể"
PARAGRAPHS = (
    "- Hướng dẫn 300 người dân cài đặt, kích hoạt tài khoản định danh điện tử.",
    "- Xử lý 500 hồ sơ công việc trên môi trường mạng, đúng hạn 100%.",
    None,  # an empty paragraph between two: an empty row
    "Đồng chí luôn gương mẫu, đoàn kết với đồng nghiệp.",
)


def _paste_below(wb, sheet: str, header: str, row: int) -> list[str]:
    """The paragraphs in the rows under a cell, as Excel pastes them; their cells."""
    return [put(wb, sheet, header, row + 1 + i, text) for i, text in enumerate(PARAGRAPHS)]


def test_paragraphs_pasted_into_the_rows_below_are_one_error_naming_their_cell(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        last = wb[IND].max_row  # the last person's row
        head = cell_of(wb[IND], "Thành tích", last)
        cells = _paste_below(wb, IND, "Thành tích", last)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (said,) = findings_at(result.out, path, IND, cells[0])
    assert said in section(result.out, "Lỗi")
    rows = f"{last + 1}, {last + 2}, {last + 4}"
    assert f"dòng {rows} chỉ có “Thành tích”, không có cá nhân nào" in said
    assert f"đó là 3 đoạn tiếp theo của ô {head}" in said
    assert "Excel tách văn bản dán từ Word thành mỗi đoạn một dòng" in said
    assert f"Hãy gộp vào ô {head}: bấm đúp vào ô (hoặc nhấn F2) rồi mới dán" in said
    assert "thiếu" not in result.out  # no "thiếu “Họ và tên”" for each row
    assert len(section(result.out, "Lỗi").splitlines()) == 1


def test_a_collectives_pasted_tasks_name_their_cell(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        head = cell_of(wb[COLL], "Chức năng, nhiệm vụ", wb[COLL].max_row)
        cells = _paste_below(wb, COLL, "Chức năng, nhiệm vụ", wb[COLL].max_row)
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, COLL, cells[0])
    assert (
        f"chỉ có “Chức năng, nhiệm vụ”, không có tập thể nào: đó là 3 đoạn tiếp theo của ô {head}"
        in said
    )


def test_a_new_person_with_a_name_under_a_person_is_a_person(example, run_cli) -> None:
    """Only rows with nothing but the paragraphs' column are paragraphs: a name makes a row a
    nominee, said missing what it misses."""
    path = example()
    with edit(path) as wb:
        row = wb[IND].max_row + 1
        put(wb, IND, "Thành tích", row, PARAGRAPHS[0])
        name = put(wb, IND, "Họ và tên", row, "Trần Văn Tư")
    result = run_cli("check", path)
    assert "đoạn tiếp theo" not in result.out
    # One error for the row, at its first empty cell, naming every missing field.
    said = [f for f in findings_at(result.out, path, IND) if "Trần Văn Tư: thiếu" in f]
    assert len(said) == 1 and "“Ngày sinh”" in said[0], result.out
    assert name
