"""A council dated before its plan, or after the document its Biên bản must precede, is said in
the same words for a unit's sheet "Hội đồng" (`hoso check`) and the office's hoi-dong.xlsx
(`hoso period check`): one rule, one message."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import edit
from tests.test_clerk_habits import put_form
from tests.test_period_issuer import change

COUNCIL, COUNCIL_FILE = "Hội đồng", "hoi-dong.xlsx"


def _said(out: str, path: Path, cell: str) -> list[str]:
    """The findings at path's "Hội đồng" cell, without their place (lines a terminal wrapped
    joined again), each up to its last full stop."""
    where = rf"{re.escape(str(path))} › {COUNCIL}!{cell}: "
    return re.findall(rf"{where}(.*?\.)(?= |$)", " ".join(out.split()))


# Each case: the meeting's date, the Tờ trình's (None: left as the example has it), the unit's
# finding (a regular expression it matches whole), and the office's (`{unit}`: the unit's own words).
CASES = [
    pytest.param(
        dt.datetime(2020, 1, 2),
        None,
        r"ngày họp Hội đồng \(02/01/2020\) trước ngày ban hành kế hoạch \(.+\); "
        r"hãy ghi đúng ngày họp\.",
        "{unit}",
        id="before-the-plan",
    ),
    pytest.param(
        dt.datetime(2030, 1, 2),
        dt.datetime(2030, 1, 1),
        re.escape(
            "ngày họp Hội đồng (02/01/2030) sau ngày Tờ trình (01/01/2030); Biên bản phải có "
            "trước Tờ trình."
        ),
        "ngày họp Hội đồng (02/01/2030) sau ngày Tờ trình tổng hợp (01/01/2030, {config} › "
        "office.date); Biên bản phải có trước Tờ trình tổng hợp.",
        id="after-the-to-trinh",
    ),
]


@pytest.mark.parametrize(("meeting", "to_trinh", "unit_says", "office_says"), CASES)
def test_a_meeting_out_of_its_dates_is_said_alike_for_a_unit_and_the_office(
    example,
    period,
    run_cli,
    meeting: dt.datetime,
    to_trinh: dt.datetime | None,
    unit_says: str,
    office_says: str,
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, COUNCIL, "Ngày họp", meeting)
        if to_trinh:
            put_form(wb, "Thông tin chung", "Ngày tờ trình", to_trinh)
    (unit,) = _said(run_cli("check", path).out, path, cell)
    assert re.fullmatch(unit_says, unit), unit

    folder = period()
    config = folder / "dot-xet.toml"
    if to_trinh:
        signer = 'signer_name = "Hà Kim Yến"\n'
        config = change(folder, (signer, f"{signer}date = {to_trinh:%Y-%m-%d}\n"))
    with edit(folder / COUNCIL_FILE) as wb:
        wb[COUNCIL]["B2"] = meeting
    office = _said(run_cli("period", "check", folder).out, folder / COUNCIL_FILE, "B2")
    assert office_says.format(unit=unit, config=config.name) in office, office
