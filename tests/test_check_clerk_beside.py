"""A form sheet's value typed in the cell beside its own (over the guidance in column C, or
further right): hoso reads only column B, so the finding at the empty cell names the cell the
value seems to be in. Run through the real `hoso check` on an example workbook edited in code.
"""

from __future__ import annotations

from tests.conftest import edit, label_row
from tests.test_clerk_habits import findings_at, section

INFO, COUNCIL = "Thông tin chung", "Hội đồng"
UNIT = "Ủy ban nhân dân huyện Bù Gia Mập"


def test_a_required_value_typed_over_its_guidance_is_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Cơ quan trình khen")
        wb[INFO][f"B{row}"], wb[INFO][f"C{row}"] = None, UNIT
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert findings_at(result.out, path, INFO, f"B{row}") == [
        f"{path} › {INFO}!B{row}: thiếu “Cơ quan trình khen”. Có vẻ giá trị (“{UNIT}”) đã ghi "
        f"ở ô C{row} bên cạnh, nhưng hoso chỉ đọc cột “Giá trị”; hãy chuyển sang ô B{row}."
    ]


def test_a_choice_typed_further_right_is_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Đợt xét")
        wb[INFO][f"B{row}"], wb[INFO][f"D{row}"] = None, "Sơ kết năm 2023"
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, INFO, f"B{row}")
    assert f"thiếu “Đợt xét”. Có vẻ giá trị (“Sơ kết năm 2023”) đã ghi ở ô D{row} bên" in said


def test_an_optional_value_typed_beside_is_a_warning(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Số tờ trình")
        wb[INFO][f"C{row}"] = 15  # the Tờ trình would print no number
        members = label_row(wb[COUNCIL], "Tổng số thành viên")
        wb[COUNCIL][f"B{members}"], wb[COUNCIL][f"D{members}"] = None, 7
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, INFO, f"B{row}")
    assert said in section(result.out, "Cảnh báo")
    assert f"“Số tờ trình” để trống. Có vẻ giá trị (“15”) đã ghi ở ô C{row} bên cạnh" in said
    (said,) = findings_at(result.out, path, COUNCIL, f"B{members}")
    assert f"thiếu “Tổng số thành viên”. Có vẻ giá trị (“7”) đã ghi ở ô D{members}" in said


def test_guidance_left_or_reworded_is_not_a_value(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Cơ quan chủ quản")  # optional, empty in the example
        wb[INFO][f"C{row}"] = "Cơ quan cấp trên trực tiếp, in ở dòng đầu (có thể để trống)."
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, INFO, f"B{row}"), result.out


def test_a_value_typed_after_its_label_is_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Cơ quan trình khen")
        wb[INFO][f"A{row}"], wb[INFO][f"B{row}"] = f"Cơ quan trình khen: {UNIT}", None
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert findings_at(result.out, path, INFO, f"B{row}") == [
        f"{path} › {INFO}!B{row}: thiếu “Cơ quan trình khen”. Có vẻ giá trị (“{UNIT}”) đã ghi "
        f"ở ô A{row}, cùng ô với tên dòng, nhưng hoso chỉ đọc cột “Giá trị”; hãy chuyển sang "
        f"ô B{row}."
    ]
    assert not findings_at(result.out, path, INFO, f"A{row}"), result.out


def test_a_value_after_its_label_differing_from_its_cell_is_named_at_the_label(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Số tờ trình")
        wb[INFO][f"A{row}"], wb[INFO][f"B{row}"] = "Số tờ trình: 15", "16/TTr-UBND"
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, INFO, f"A{row}")
    assert said in section(result.out, "Cảnh báo")
    assert (
        f"“Số tờ trình” ghi hai giá trị khác nhau: “15” sau tên dòng ở ô A{row} và "
        f"“16/TTr-UBND” ở ô B{row}; hoso chỉ đọc cột “Giá trị” nên in “16/TTr-UBND”." in said
    )


def test_a_value_after_its_label_same_as_its_cell_is_not_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        row = label_row(wb[INFO], "Số tờ trình")
        wb[INFO][f"A{row}"], wb[INFO][f"B{row}"] = "Số tờ trình:  015/ttr-ubnd", "15/TTr-UBND"
    result = run_cli("check", path)
    assert not findings_at(result.out, path, INFO, f"A{row}"), result.out
