"""A row the clerk began (a name, a gender) and left half-filled is one error at its first empty
cell naming every missing field, not a wall of one error per cell; the web's sheet still marks
each empty cell (the finding carries them)."""

from __future__ import annotations

import json

from tests.conftest import cell_of, edit


def test_a_half_filled_row_is_one_error_naming_every_missing_field(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        people = wb["Cá nhân"]
        row = people.max_row + 1
        people.cell(row, 1, 9)
        people.cell(row, 2, "Trần Văn Bình")
        people.cell(row, 3, "Nam")
        birth = cell_of(people, "Ngày sinh", row - 1).replace(str(row - 1), str(row))
        votes = cell_of(people, "Số phiếu đồng ý", row - 1).replace(str(row - 1), str(row))
    result = run_cli("check", path)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "Trần Văn Bình" in line]
    assert len(lines) == 1, result.out
    assert f"{path} › Cá nhân!{birth}: Trần Văn Bình: thiếu “Ngày sinh”, “Dân tộc”" in lines[0]
    assert "“Thành tích”, “Số phiếu đồng ý”" in lines[0]
    assert f"(ô {birth}–{votes}); hãy điền đủ dòng này." in lines[0]

    found = json.loads(run_cli("check", "--json", path).out)
    (finding,) = [f for f in _findings(found) if "Trần Văn Bình" in f["message"]]
    assert finding["cell"] == birth and votes in finding["also"]


def test_one_missing_field_keeps_its_own_message(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        people = wb["Cá nhân"]
        person = people[cell_of(people, "Họ và tên", 2)].value
        position = cell_of(people, "Chức vụ", 2)
        people[position].value = None
        people[cell_of(people, "Thành tích", 2)].value = "..."  # a placeholder: said apart
    result = run_cli("check", path)
    assert f"Cá nhân!{position}: {person}: thiếu “Chức vụ”." in result.out
    assert "thiếu “Thành tích”: ô chỉ ghi “...”" in result.out


def _findings(report: dict) -> list[dict]:
    """Every finding of a `hoso check --json` report, whatever its nesting."""
    out: list[dict] = []
    stack: list = [report]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "severity" in item and "message" in item:
                out.append(item)
            else:
                stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return out
