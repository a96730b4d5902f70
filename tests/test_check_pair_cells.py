"""A finding about two rows (perhaps the same person, a name twice, a half-filled row) is said
once, naming both places, and the web's drawn sheet marks every cell it concerns."""

from __future__ import annotations

import json

from pipeline.web.sheet import draw_sheets
from tests.conftest import cell_of, edit
from tests.test_check_half_filled import _findings

IND, NAME, BIRTH = "Cá nhân", "Họ và tên", "Ngày sinh"


def _marked(path, findings: list[dict], sheet: str) -> dict[str, tuple[str, ...]]:
    """cell → the messages the web's sheet shows at it."""
    (drawn,) = [s for s in draw_sheets(path, findings) if s.title == sheet]
    return {c.coordinate: c.messages for r in drawn.rows for c in r.cells if c.messages}


def test_perhaps_the_same_person_is_one_warning_marking_both_cells(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        name = ws[cell_of(ws, NAME, 2)].value
        first = cell_of(ws, BIRTH, 2)
        ws[cell_of(ws, NAME, 4)].value = name
        second = cell_of(ws, BIRTH, 4)
        ws[second].value = str(ws[first].value.year)
    result = run_cli("check", path)
    maybe = [ln for ln in result.out.splitlines() if "có thể là cùng một người" in ln]
    assert len(maybe) == 1, result.out
    assert f"{path} › {IND}!{second}: “{name}” sinh năm" in maybe[0]
    assert f"({first}, dòng 2)" in maybe[0]

    findings = _findings(json.loads(run_cli("check", "--json", path).out))
    marks = _marked(path, findings, IND)
    for cell in (first, second):
        assert any("có thể là cùng một người" in m for m in marks[cell]), (cell, marks)


def test_a_name_twice_marks_both_rows_and_a_half_filled_row_every_empty_cell(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        for header in (NAME, BIRTH):  # row 3 becomes a copy of row 2's person
            ws[cell_of(ws, header, 3)].value = ws[cell_of(ws, header, 2)].value
        row = ws.max_row + 1
        ws.cell(row, 2, "Trần Văn Bình")
        empty = [
            cell_of(ws, h, row - 1).replace(str(row - 1), str(row))
            for h in ("Dân tộc", "Thành tích")
        ]
    findings = _findings(json.loads(run_cli("check", "--json", path).out))
    marks = _marked(path, findings, IND)
    for cell in (cell_of(wb[IND], NAME, 2), cell_of(wb[IND], NAME, 3)):
        assert any("trùng với dòng 2" in m for m in marks[cell]), (cell, marks)
    for cell in empty:
        assert any("Trần Văn Bình: thiếu" in m for m in marks[cell]), (cell, marks)
