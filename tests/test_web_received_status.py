"""The units' table the office downloads (tinh-trang.xlsx) says when each dossier was received and
whether that is the office's record or the file's date; its Tập thể / Cá nhân count what units
propose to the office, an award each unit decides itself apart."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from pipeline.period.config import load_period
from pipeline.web.demo import add_period
from tests.conftest import edit
from tests.test_web_received import LATE, NOT_SENT
from tests.webtools import office_login, unit_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

OWN = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
OWN_UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit


def _table(office) -> dict[str, dict[str, object]]:
    """The downloaded table: each unit's row by its column headers."""
    got = office.get("/dot-xet/vi-du/tinh-trang.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True))
    return {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_the_status_workbook_has_the_receipt_date_and_counts_unit_decided_awards_apart(
    data_dir: Path,
) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    table = _table(office)
    assert "Đơn vị tự quyết định" not in table[LATE]
    assert table[LATE]["Ngày nhận"] == dt.datetime(2023, 11, 28)
    assert table[LATE]["Ngày nhận là"] == "ngày cơ quan ghi nhận"
    assert (table[NOT_SENT]["Ngày nhận"], table[NOT_SENT]["Ngày nhận là"]) == (None, None)
    assert (table[OWN_UNIT]["Tập thể"], table[OWN_UNIT]["Cá nhân"]) == (1, 3)
    folder = load_period(data_dir / period.folder)
    with edit(sorted(folder.units_dir.glob("*.xlsx"))[0]) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    config = folder.config_path
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("received = 2023-11-22\n", "", 1), encoding="utf-8")
    table = _table(office)
    row = table[OWN_UNIT]
    assert (row["Tập thể"], row["Cá nhân"]) == (0, 0)
    assert row["Đơn vị tự quyết định"] == "1 tập thể, 3 cá nhân"
    assert row["Ngày nhận là"] == "ngày của tệp" and row["Ngày nhận"] is not None
    assert table[LATE]["Đơn vị tự quyết định"] is None
    # The period page's table agrees: no proposal of the unit's own award among the office's.
    page = unit_row(office.get("/dot-xet/vi-du/").content.decode(), OWN_UNIT)
    # errors, warnings, 0, 0, then its own award's proposals in their column
    assert page.split(" Excel ", 1)[0].endswith(" 0 0 1 tập thể, 3 cá nhân"), page
