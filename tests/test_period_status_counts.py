"""The period's status table counts what units propose to the office, as its statistics do: the
proposals of an award each unit decides itself are counted apart, in a column named so; their
receipt is not the "last receipt" the office's council and Tờ trình are dated after."""

from __future__ import annotations

import json

from tests.test_period import fix_broken_unit, units
from tests.test_period_unit_decided import OWN_UNIT, own_award


def _row(out: str, unit: str) -> list[str]:
    """A unit's line of the status table, split at its columns (two spaces or more)."""
    (line,) = [line for line in out.splitlines() if line.startswith(unit + "  ")]
    return [part.strip() for part in line[len(unit) :].split("  ") if part.strip()]


def test_unit_decided_proposals_are_counted_apart_in_the_status_table(period, run_cli) -> None:
    folder = period()
    own_award(folder)
    result = run_cli("period", "check", folder)
    (head,) = [line for line in result.out.splitlines() if line.startswith("Đơn vị  ")]
    assert head.rstrip().endswith("Cảnh báo  Đơn vị tự quyết định"), head
    assert _row(result.out, OWN_UNIT) == ["hợp lệ", "0", "0", "0", "5", "1 tập thể, 3 cá nhân"]
    assert (
        "Tập thể, Cá nhân: đề nghị cơ quan xét (như thống kê); “Đơn vị tự quyết định”: đề nghị "
        "do đơn vị tự quyết định khen thưởng, không tính vào số của cơ quan." in result.out
    )
    said = json.loads(run_cli("period", "check", "--json", folder).out)
    unit = next(u for u in said["units"] if u["name"] == OWN_UNIT)
    assert (unit["collectives"], unit["individuals"]) == (0, 0)
    assert unit["unit_decided"] == {"collectives": 1, "individuals": 3}
    # A unit that sent nothing: its counts are not known, in that column too ("–", as the page).
    missing = next(u["name"] for u in said["units"] if u["status"] == "chua-nop")
    assert _row(result.out, missing) == ["chưa nộp", "–", "–", "0", "0", "–"]


def test_without_unit_decided_proposals_the_table_has_no_column_for_them(period, run_cli) -> None:
    result = run_cli("period", "check", period())
    assert "tự quyết định" not in result.out
    assert _row(result.out, OWN_UNIT)[:3] == ["hợp lệ", "1", "3"]


def test_a_unit_decided_receipt_does_not_date_the_office_council(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    own_award(folder)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    # The unit deciding its own award sent its papers after the office's council met (29/11).
    config.write_text(text.replace("received = 2023-11-22", "received = 2023-12-01", 1))
    assert units(folder)[0].name.startswith("01-")
    result = run_cli("period", "check", folder)
    assert "trước ngày nhận hồ sơ cuối cùng" not in result.out, result.out
    # A unit the office examines (Phú Nghĩa) received after the meeting still is an error.
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("received = 2023-11-22", "received = 2023-12-01", 1))
    result = run_cli("period", "check", folder)
    assert "ngày họp Hội đồng (29/11/2023) trước ngày nhận hồ sơ cuối cùng" in result.out
