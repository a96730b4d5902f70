"""A council dated before its plan, or after the document its Biên bản must precede, is said in
the same words for a unit's sheet "Hội đồng" (`hoso check`) and the office's hoi-dong.xlsx
(`hoso period check`): one rule, one message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.conftest import edit
from tests.test_clerk_habits import put_form
from tests.test_period_issuer import change

COUNCIL, COUNCIL_FILE = "Hội đồng", "hoi-dong.xlsx"


def _said(out: str, path: Path, cell: str) -> list[str]:
    """The findings at path's "Hội đồng" cell, without their place (lines a terminal wrapped
    joined again), each up to its last full stop."""
    where = rf"{re.escape(str(path))} › {COUNCIL}!{cell}: "
    return re.findall(rf"{where}(.*?\.)(?= |$)", " ".join(out.split()))


def test_a_meeting_before_the_plan_is_said_alike_for_a_unit_and_the_office(
    example, period, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, COUNCIL, "Ngày họp", dt.datetime(2020, 1, 2))
    (unit,) = _said(run_cli("check", path).out, path, cell)
    assert unit.startswith("ngày họp Hội đồng (02/01/2020) trước ngày ban hành kế hoạch ("), unit
    assert unit.endswith("); hãy ghi đúng ngày họp."), unit

    folder = period()
    with edit(folder / COUNCIL_FILE) as wb:
        wb[COUNCIL]["B2"] = dt.datetime(2020, 1, 2)
    assert unit in _said(run_cli("period", "check", folder).out, folder / COUNCIL_FILE, "B2")


def test_a_meeting_after_the_to_trinh_is_said_alike_for_a_unit_and_the_office(
    example, period, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, COUNCIL, "Ngày họp", dt.datetime(2030, 1, 2))
        put_form(wb, "Thông tin chung", "Ngày tờ trình", dt.datetime(2030, 1, 1))
    (unit,) = _said(run_cli("check", path).out, path, cell)
    assert unit == (
        "ngày họp Hội đồng (02/01/2030) sau ngày Tờ trình (01/01/2030); Biên bản phải có trước "
        "Tờ trình."
    )

    folder = period()
    signer = 'signer_name = "Hà Kim Yến"\n'
    config = change(folder, (signer, signer + "date = 2030-01-01\n"))
    with edit(folder / COUNCIL_FILE) as wb:
        wb[COUNCIL]["B2"] = dt.datetime(2030, 1, 2)
    office = _said(run_cli("period", "check", folder).out, folder / COUNCIL_FILE, "B2")
    assert (
        f"ngày họp Hội đồng (02/01/2030) sau ngày Tờ trình tổng hợp (01/01/2030, {config.name} › "
        "office.date); Biên bản phải có trước Tờ trình tổng hợp."
    ) in office, office
