"""A header or label typed with a note after its words ("Ngày sinh (dd/mm/yyyy)", "Họ và tên
(1)", "Số phiếu đồng ý *") is the same column: read as such, no error, the values read."""

from __future__ import annotations

from tests.conftest import cell_of, edit


def test_headers_with_a_note_added_are_the_known_columns(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        people = wb["Cá nhân"]
        birth = cell_of(people, "Ngày sinh", 1)
        people[birth].value = "Ngày sinh (dd/mm/yyyy)"
        people[cell_of(people, "Họ và tên", 1)].value = "Họ và tên (1)"
        people[cell_of(people, "Thành tích", 1)].value = "Thành tích\n(tóm tắt)"
        people[cell_of(people, "Số phiếu đồng ý", 1)].value = "Số phiếu đồng ý *"
        people[birth.replace("1", "2")].value = "31/02/1985"  # still read as a birth date
        info = wb["Thông tin chung"]
        label = next(c for c in info["A"] if c.value == "Ngày tờ trình")
        label.value = "Ngày tờ trình (ngày/tháng/năm)"
    result = run_cli("check", path)
    said = result.out
    assert "tiêu đề" not in said and "thiếu “" not in said, said
    assert (
        f"Cá nhân!{birth.replace('1', '2')}: “Ngày sinh”: ngày “31/02/1985” không tồn tại" in said
    )
    assert result.code == 1  # that one impossible date, nothing else


def test_a_header_with_other_words_is_still_missing(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        people = wb["Cá nhân"]
        people[cell_of(people, "Dân tộc", 1)].value = "Dân tộc thiểu số"
    result = run_cli("check", path)
    assert result.code == 1
    assert "“Dân tộc”" in result.out
