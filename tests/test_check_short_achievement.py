"""An achievement of a word or two ("5", "Tốt", "như trên") is no achievement: `hoso check` warns at
its cell and says what the cell should hold; real achievements, and every plan's example, pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.inputs.plans import all_plans
from tests.conftest import cell_of, edit
from tests.test_clerk_habits import findings_at, put, put_form

ACH, NAME = "Thành tích", "Họ và tên"
SAID = "quá ngắn để là thành tích"


@pytest.mark.parametrize("typed", ["5", "Tốt", "như trên", "  Xuất   sắc\n", "Đạt 5/5 chỉ tiêu"])
def test_an_achievement_of_a_word_or_two_is_warned_at_its_cell(example, run_cli, typed) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, "Cá nhân", ACH, 3, typed)
        name = wb["Cá nhân"][cell_of(wb["Cá nhân"], NAME, 3)].value
    result = run_cli("check", path)
    assert result.code == 0, result.out  # a warning: the documents can still be made
    (line,) = [ln.strip() for ln in result.out.splitlines() if SAID in ln]
    shown = " ".join(typed.split())
    assert line.startswith(f"{path} › Cá nhân!{cell}: “Thành tích” của {name} chỉ ghi “{shown}”: ")
    assert "ô này được in nguyên vào Báo cáo thành tích" in line
    assert "mỗi thành tích một dòng" in line and "ví dụ “Hoàn thành xuất sắc nhiệm vụ" in line


def test_a_collectives_short_achievement_is_warned_too(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, "Tập thể", ACH, 2, 5)  # the number 5, as Excel keeps it
    result = run_cli("check", path)
    (line,) = [ln.strip() for ln in result.out.splitlines() if SAID in ln]
    assert line.startswith(f"{path} › Tập thể!{cell}: “Thành tích” của "), line
    assert "chỉ ghi “5”" in line


def test_a_short_but_real_achievement_passes(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        put(wb, "Cá nhân", ACH, 3, "Hoàn thành xuất sắc nhiệm vụ năm 2025")
        put(wb, "Cá nhân", ACH, 4, "- Chiến sĩ thi đua cơ sở\n- Giấy khen năm 2024")
    result = run_cli("check", path)
    assert SAID not in result.out, result.out


@pytest.mark.parametrize("plan", [p.id for p in all_plans()])
def test_no_plans_example_has_a_short_achievement(run_cli, tmp_path: Path, plan: str) -> None:
    path = tmp_path / "hoso.xlsx"
    assert run_cli("init", "--plan", plan, "--example", path).code == 0
    result = run_cli("check", path)
    assert SAID not in result.out, result.out


def test_a_short_achievement_is_said_beside_an_error_that_stops_the_batch_rules(
    example, run_cli
) -> None:
    """A Tờ trình date that is no date keeps the rules across rows from running (they need it):
    the achievement's warning needs only its row, and is said with the error, all at once."""
    path = example()
    with edit(path) as wb:
        date = put_form(wb, "Thông tin chung", "Ngày tờ trình", "31/02/2025")
        cell = put(wb, "Cá nhân", ACH, 3, "Tốt")
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert findings_at(result.out, path, "Thông tin chung", date), result.out
    (line,) = findings_at(result.out, path, "Cá nhân", cell)
    assert SAID in line, line
