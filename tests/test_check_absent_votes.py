"""More votes than members present while no absent member's written opinion is noted: the Biên
bản would say the absent members' opinions were sent in writing, so the check asks, at the votes
cell, naming the absent member's row."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.test_clerk_habits import findings_at

MEMBERS, IND = "Thành viên HĐ", "Cá nhân"


def _absent_reasons(wb) -> list[tuple[int, str]]:
    """The rows of the absent members and their reasons, as the example has them."""
    ws = wb[MEMBERS]
    return [
        (r, ws.cell(r, 6).value) for r in range(2, ws.max_row + 1) if ws.cell(r, 5).value == "Không"
    ]


def test_votes_of_absent_members_with_no_written_opinion_are_asked_about(
    example, run_cli, tmp_path: Path
) -> None:
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        ((row, reason),) = _absent_reasons(wb)
        assert "văn bản" in reason  # the example's absent member wrote an opinion
        wb[MEMBERS].cell(row, 6).value = "Đi công tác"
        name = wb[MEMBERS].cell(row, 2).value
        wb[IND]["M2"] = 9  # 9 of 9 members, 8 present
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, "M2")
    assert "9 phiếu đồng ý nhưng chỉ 8/9 thành viên có mặt" in said
    assert f"hãy ghi rõ ở “Lý do vắng” của {name} ({MEMBERS}!B{row};" in said
    assert "nếu không, số phiếu tối đa là 8" in said


def test_votes_of_absent_members_with_a_written_opinion_are_not_asked_about(
    example, run_cli
) -> None:
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        wb[IND]["M2"] = 9
    result = run_cli("check", path)
    assert "thành viên có mặt" not in result.out
