"""A nominee's name mistyped in "Chỉ tiêu": the error at its row asks "Có phải là …?", and the
nominee it points to is not also told its criteria are missing (they are under the mistyped name).
Run through the real `hoso check` on an example workbook edited in code.
"""

from __future__ import annotations

from tests.conftest import cell_of, edit
from tests.test_clerk_habits import findings_at

COLL, CRIT = "Tập thể", "Chỉ tiêu"
UNIT = "Ủy ban nhân dân xã Phú Nghĩa"


def test_a_mistyped_nominee_is_asked_about_and_not_told_missing(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[CRIT]
        typed = []
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 1).value == UNIT:
                ws.cell(row, 1).value = "Ủy ban nhân dân xã Phú Nghỉa"
                typed.append(f"A{row}")
        column = cell_of(wb[COLL], "Tên tập thể", 2)[0]
        names = [c.value for c in wb[COLL][column]]
        where = f"{column}{names.index(UNIT) + 1}"
    result = run_cli("check", path)
    assert typed, "the example has criteria for the unit"
    # One error for the name, at its first row, naming the others (not one per criterion row).
    (said,) = findings_at(result.out, path, CRIT, typed[0])
    assert f"Có phải là “{UNIT}”? Tên này có ở {len(typed)} dòng" in said, said
    for coord in typed[1:]:
        assert not findings_at(result.out, path, CRIT, coord), result.out
    assert not findings_at(result.out, path, COLL, where), result.out


def test_a_collective_typed_twice_is_one_error_not_one_per_criterion(example, run_cli) -> None:
    """The duplicate row is the error; the criteria of that name are not said to be "in both
    sheets" (they are in one sheet, twice)."""
    path = example()
    with edit(path) as wb:
        ws = wb[COLL]
        column = cell_of(ws, "Tên tập thể", 2)[0]
        first = [c.value for c in ws[column]].index(UNIT) + 1
        again = f"{column}{ws.max_row}"
        ws[again] = "UBND xã Phú Nghĩa"  # the last collective's row, retyped as another
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = [f for f in findings_at(result.out, path, COLL, again) if "trùng" in f]
    assert said.endswith(f"“{UNIT}” trùng với dòng {first}.")
    assert "có ở cả hai sheet" not in result.out
    said = [f for f in findings_at(result.out, path, CRIT) if f"“{UNIT}”" in f]
    assert not said, said
