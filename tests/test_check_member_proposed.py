"""A member of the emulation council who is also proposed: one warning at the nominee naming the
member's cell (both marked on the web's sheet), saying the member's own vote does not count."""

from __future__ import annotations

import json

from tests.conftest import cell_of, edit
from tests.test_check_half_filled import _findings
from tests.test_check_pair_cells import _marked

IND, MEMBERS = "Cá nhân", "Thành viên HĐ"


def test_a_council_member_proposed_is_warned_at_both_cells(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        members, people = wb[MEMBERS], wb[IND]
        member = cell_of(members, "Họ và tên", 4)
        name = members[member].value
        nominee = cell_of(people, "Họ và tên", 3)
        people[nominee].value = name
        people[cell_of(people, "Số phiếu đồng ý", 3)].value = 7  # every member, themselves too
        size = sum(1 for r in range(2, members.max_row + 1) if members.cell(r, 2).value)
    result = run_cli("check", path)
    said = [ln.strip() for ln in result.out.splitlines() if "thành viên Hội đồng (" in ln]
    assert len(said) == 1, result.out
    assert said[0].startswith(f"{path} › {IND}!{nominee}: “{name}” được đề nghị khen thưởng")
    assert f"({MEMBERS}!{member}, Ủy viên)" in said[0]
    assert f"Số phiếu đồng ý ghi 7/{size}, tức là có cả phiếu của chính người này" in said[0]
    assert result.code == 0  # perhaps two people of one name: a warning

    findings = _findings(json.loads(run_cli("check", "--json", path).out))
    for sheet, cell in ((IND, nominee), (MEMBERS, member)):
        marks = _marked(path, findings, sheet)
        assert any("cũng là thành viên Hội đồng" in m for m in marks[cell]), (sheet, marks)


def test_a_nominee_of_another_name_than_every_member_is_not_warned(example, run_cli) -> None:
    result = run_cli("check", example())
    assert "cũng là thành viên Hội đồng" not in result.out
