"""A name that must be one of the plan's (a criterion, an award, a list's choice) typed not quite
as the plan writes it: the error at the cell asks "Có phải là …?" with the closest allowed name.
Run through the real `hoso check` on an example workbook edited in code.
"""

from __future__ import annotations

from tests.conftest import edit
from tests.test_clerk_habits import findings_at, put, put_form

INFO, COLL, CRIT = "Thông tin chung", "Tập thể", "Chỉ tiêu"
DISTRICT = "Hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ mật)"
COMMUNE = "Hồ sơ công việc cấp xã được xử lý trên môi trường mạng (trừ hồ sơ mật)"
TYPED = "Hồ sơ công việc xử lý trên môi trường mạng"


def test_a_criterion_typed_loosely_suggests_the_nominees_own(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        office = put(wb, CRIT, "Chỉ tiêu", 2, TYPED)  # Phòng Văn hóa…: a district office
        commune = put(wb, CRIT, "Chỉ tiêu", 10, TYPED)  # Ủy ban nhân dân xã Phú Nghĩa
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (said,) = findings_at(result.out, path, CRIT, office)
    assert said.endswith(
        f"không phải chỉ tiêu của kế hoạch; chọn trong danh sách thả xuống. Có phải là “{DISTRICT}”?"
    )
    (said,) = findings_at(result.out, path, CRIT, commune)
    assert said.endswith(f"Có phải là “{COMMUNE}”?")


def test_an_unlike_criterion_gets_no_guess(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, CRIT, "Chỉ tiêu", 2, "Số người dân cài đặt ứng dụng")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, CRIT, cell)
    assert "không phải chỉ tiêu của kế hoạch" in said and "Có phải là" not in said


def test_an_award_and_a_choice_typed_loosely_suggest_the_allowed_one(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        award = put_form(
            wb, INFO, "Hình thức khen thưởng", "Bằng khen Chủ tịch UBND tỉnh Bình Phước"
        )
        group = put(wb, COLL, "Nhóm đối tượng", 2, "Cơ quan ban ngành huyện")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, INFO, award)
    assert (
        "Có phải là “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước”? Kế hoạch có:" in said
    )
    (said,) = findings_at(result.out, path, COLL, group)
    assert said.endswith("Có phải là “Cơ quan, ban, ngành, đoàn thể huyện”?")


def test_a_nominee_named_loosely_in_the_criteria_suggests_the_row(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, CRIT, "Tập thể / Cá nhân", 10, "UBND Phú Nghĩa")
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (said,) = findings_at(result.out, path, CRIT, cell)
    assert said.endswith(
        "“UBND Phú Nghĩa” không có ở sheet “Tập thể” hoặc “Cá nhân”. "
        "Có phải là “Ủy ban nhân dân xã Phú Nghĩa”?"
    )


def test_a_nominee_named_by_its_acronym_in_the_criteria_is_found(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, CRIT, "Tập thể / Cá nhân", 10, "UBND xã Phú Nghĩa")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, CRIT, cell)


def test_a_nominee_named_with_a_full_stop_or_quotes_in_the_criteria_is_found(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        dotted = put(
            wb, CRIT, "Tập thể / Cá nhân", 2, "Phòng Văn hóa và Thông tin huyện Bù Gia Mập."
        )
        quoted = put(
            wb, CRIT, "Tập thể / Cá nhân", 3, "“Phòng Văn hóa và Thông tin huyện Bù Gia Mập”"
        )
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, CRIT, dotted)
    assert not findings_at(result.out, path, CRIT, quoted)
