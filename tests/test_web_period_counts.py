"""The period page's units' table counts proposals as `hoso period check` does: "–" for a
workbook with errors (no one in it is proposed yet), and an award each unit decides itself in a
column of its own, with the legend the command prints under its table."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.cli.period_texts import status_table
from pipeline.period.check import UnitStatus, check_period
from pipeline.period.config import load_period
from pipeline.resources import PLANS_DIR
from pipeline.web import periods
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.conftest import edit
from tests.webtools import PASSWORD, as_read, login, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
ERRING = "Ủy ban nhân dân xã Phú Nghĩa"  # the example's unit with an error in its workbook
NOT_SENT = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"
OWN = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
OWN_UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit
LATE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"


def _table(page: str) -> dict[str, dict[str, str]]:
    """The units' table as read: each unit's cells by the column headers."""
    table = page.split('id="don-vi"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)
    heads = [as_read(h) for h in re.findall(r"<th>(.*?)</th>", rows[0], flags=re.S)]
    found = {}
    for row in rows[1:]:
        cells = [as_read(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        if cells:
            found[cells[0]] = dict(zip(heads, cells, strict=False))
    return found


def _own_award(data_dir: Path) -> None:
    """The example's first unit proposes the award its own head decides."""
    period = periods.Period.objects.get(slug="vi-du")
    folder = load_period(data_dir / period.folder)
    with edit(sorted(folder.units_dir.glob("*.xlsx"))[0]) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"


def test_a_workbook_with_errors_counts_no_one_proposed_as_the_cli_says() -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get(PAGE).content.decode()
    row = _table(page)[ERRING]
    assert row["Tình trạng"] == "đã nộp có lỗi" and row["Lỗi"] == "1"
    assert (row["Tập thể"], row["Cá nhân"]) == ("–", "–"), row
    assert (_table(page)[LATE]["Tập thể"], _table(page)[LATE]["Cá nhân"]) != ("–", "–")
    legend = as_read(page.split("</table>", 1)[1].split("</p>", 1)[0])
    assert "ở cột Tập thể, Cá nhân của đơn vị đã nộp: tệp có lỗi" in legend


def test_the_units_table_counts_an_award_each_unit_decides_in_its_own_column(
    data_dir: Path,
) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    _own_award(data_dir)
    page = office.get(PAGE).content.decode()
    table = _table(page)
    row = table[OWN_UNIT]
    assert (row["Tập thể"], row["Cá nhân"], row["Đơn vị tự quyết định"]) == (
        "0",
        "0",
        "1 tập thể, 3 cá nhân",
    ), row
    assert table[LATE]["Đơn vị tự quyết định"] == ""  # valid, none of its own award
    assert table[ERRING]["Đơn vị tự quyết định"] == "–"
    assert table[NOT_SENT]["Đơn vị tự quyết định"] == "–"
    # The same legend as under `hoso period check`'s table.
    cli = status_table((UnitStatus("X", "hop-le", own_collectives=1),))
    legend = next(line for line in cli if line.startswith("Tập thể, Cá nhân:"))
    assert legend in as_read(page.split("</table>", 1)[1].split("<h2", 1)[0])
    # The total row still lines up: one cell per column.
    total = page.split('id="cong"', 1)[1].split("</tr>", 1)[0]
    spans = sum(int(n) for n in re.findall(r'colspan="(\d+)"', total))
    assert total.count("<th") - len(re.findall("colspan", total)) + spans == len(
        next(iter(table.values()))
    )


def test_the_column_is_there_when_a_unit_proposes_such_an_award_as_the_cli_decides(
    data_dir: Path,
) -> None:
    # The example's plan has an award each unit decides; no unit proposes it yet.
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()

    def seen() -> tuple[bool, bool, bool]:
        """Whether the page, tinh-trang.xlsx and `hoso period check` have the column."""
        page = office.get(PAGE).content.decode()
        got = office.get("/dot-xet/vi-du/tinh-trang.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(got.content)).active
        heads = next(sheet.iter_rows(values_only=True))
        folder = load_period(data_dir / periods.Period.objects.get(slug="vi-du").folder)
        cli = status_table(check_period(folder).units)
        return (
            "Đơn vị tự quyết định" in next(iter(_table(page).values())),
            "Đơn vị tự quyết định" in heads,
            "Đơn vị tự quyết định" in cli[0],
        )

    assert seen() == (False, False, False)
    assert "Đơn vị tự quyết định" not in office.get(PAGE).content.decode()  # nor its legend
    _own_award(data_dir)
    assert seen() == (True, True, True)


def test_no_such_column_when_the_plan_has_no_award_each_unit_decides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    plan = plans / "bu-gia-map-cds-2022-2025.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"decided_by_unit = true.*\n", "", text), encoding="utf-8")
    monkeypatch.setattr(periods, "load_period", lambda folder: load_period(folder, plans))
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get(PAGE).content.decode()
    assert "Đơn vị tự quyết định" not in page
    assert "Cá nhân" in _table(page)[LATE]
