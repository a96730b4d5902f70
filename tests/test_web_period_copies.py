"""A unit's second copy of its workbook ("01-… (1).xlsx" beside "01-….xlsx") on the office's
period page: counted in no quota bar and no figure, its row named as `hoso period check` names
it, and no unit of its own in the summary."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.period.config import load_period
from pipeline.web.demo import add_period
from tests.test_web_period_counts import _table
from tests.webtools import office_login, read_between

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit, valid
COPY = f"{UNIT} (tệp thứ hai, không tính)"


def test_a_second_copy_of_a_workbook_counts_in_no_quota_bar_nor_figure(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    before = office.get(PAGE).content.decode()
    own = sorted(load_period(data_dir / period.folder).units_dir.glob("*.xlsx"))[0]
    shutil.copy(own, own.with_name(f"{own.stem} (1).xlsx"))
    page = office.get(PAGE).content.decode()
    quotas = ("Số lượng so với chỉ tiêu của đợt", "<h2")
    assert read_between(page, *quotas) == read_between(before, *quotas)
    assert re.search(r"\d+/\d+", read_between(page, *quotas))  # the bars are there
    table = _table(page)
    assert (table[COPY]["Tập thể"], table[COPY]["Cá nhân"]) == ("–", "–"), table[COPY]
    assert "Đơn vị tự quyết định" not in table[COPY]  # no unit proposes such an award
    assert (table[UNIT]["Tập thể"], table[UNIT]["Cá nhân"]) == ("1", "3")
    # The summary's units and proposals are those before the copy.
    said, was = (
        read_between(page, 'id="tom-tat"', "</div>"),
        read_between(before, 'id="tom-tat"', "</div>"),
    )
    assert said.split(":", 1)[0] == was.split(":", 1)[0]  # "5 đơn vị"
    proposed = re.compile(r"trong các tệp đã nộp: \d+ tập thể, \d+ cá nhân")
    assert proposed.search(said)[0] == proposed.search(was)[0]  # type: ignore[index]
    # The table the office downloads names it so too, and counts no one in it.
    got = office.get("/dot-xet/vi-du/tinh-trang.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True))
    (copied,) = [dict(zip(rows[0], r, strict=True)) for r in rows if r[1] == COPY]
    assert (copied["Tập thể"], copied["Cá nhân"]) == (None, None)


def test_a_second_copy_shows_its_own_file_s_date_not_its_unit_s_receipt(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    folder = load_period(data_dir / period.folder)
    recorded = next(u.received for u in folder.config.units if u.name == UNIT)
    assert recorded is not None and recorded != dt.date.today()  # the example's record
    own = sorted(folder.units_dir.glob("*.xlsx"))[0]
    copy = own.with_name(f"{own.stem} (1).xlsx")
    shutil.copy(own, copy)
    today = dt.date.today()
    table = _table(office.get(PAGE).content.decode())
    assert table[UNIT]["Ngày nhận"].startswith(f"{recorded:%d/%m/%Y}"), table[UNIT]
    assert table[COPY]["Ngày nhận"] == f"{today:%d/%m/%Y} (ngày của tệp)", table[COPY]
    got = office.get("/dot-xet/vi-du/tinh-trang.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(got.content)).active.iter_rows(values_only=True))
    (copied,) = [dict(zip(rows[0], r, strict=True)) for r in rows if r[1] == COPY]
    assert (copied["Ngày nhận"].date(), copied["Ngày nhận là"]) == (today, "ngày của tệp")
