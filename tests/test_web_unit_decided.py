"""The office's period page says, as `hoso period check` does, which proposals are of an award
each unit's own head decides (decided_by_unit in the plan): the office does not consolidate them."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.resources import PLANS_DIR
from pipeline.web import periods
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.conftest import edit
from tests.webtools import PASSWORD, login, office_login, read_between

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

OWN = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
OWN_UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit


def _summary(page: str) -> str:
    """The summary box at the top of the period page, as read."""
    return read_between(page, 'id="tom-tat"', "</div>")


def test_the_period_page_says_which_proposals_each_unit_decides_itself(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    office = office_login()
    assert "ℹ" not in _summary(office.get("/dot-xet/vi-du/").content.decode())
    folder = load_period(data_dir / period.folder)
    with edit(sorted(folder.units_dir.glob("*.xlsx"))[0]) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    said = _summary(office.get("/dot-xet/vi-du/").content.decode())
    assert (
        f"ℹ {OWN}: do Thủ trưởng từng đơn vị quyết định, không trình lên cơ quan; đề nghị của "
        f"{OWN_UNIT} không có trong văn bản, tệp Hội đồng và số lượng cả đợt của cơ quan; thống "
        "kê ghi riêng một dòng “do đơn vị tự quyết định khen thưởng”."
    ) in said, said
    assert said.count("ℹ") == 1
    # Its figures are said apart from the period's quotas, not as an award the plan forgot.
    page = html.unescape(office.get("/dot-xet/vi-du/").content.decode())
    own = re.sub(r"<[^>]+>", "", page.split(f'<p class="quota">{OWN}:', 1)[1].split("</p>")[0])
    assert own.strip() == (
        "1 tập thể, 3 cá nhân (do Thủ trưởng từng đơn vị quyết định, không tính vào số lượng "
        "của đợt)"
    ), own


def _quota_section(page: str) -> str:
    """The section "Số lượng so với chỉ tiêu của đợt" of the period page, as read."""
    return read_between(page, "Số lượng so với chỉ tiêu của đợt", "<h2")


def test_quota_bars_leave_out_an_award_each_unit_decides(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    plan = plans / "bu-gia-map-cds-2022-2025.toml"
    quota = 'quotas = [{ review = "so-ket-2023", tap_the = 1, ca_nhan = 1 }]\n'
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("decided_by_unit = true", f"decided_by_unit = true\n{quota}", 1))
    monkeypatch.setattr(periods, "load_period", lambda folder: load_period(folder, plans))
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    folder = load_period(data_dir / period.folder, plans)
    with edit(sorted(folder.units_dir.glob("*.xlsx"))[0]) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    said = _quota_section(login("office").get("/dot-xet/vi-du/").content.decode())
    # As hoso period check: each unit's head keeps its own count, the period's quota is not his.
    assert f"{OWN}, cá nhân" not in said and "vượt số lượng của đợt" not in said, said
    assert (
        f"{OWN}: 1 tập thể, 3 cá nhân (do Thủ trưởng từng đơn vị quyết định, không tính vào số "
        "lượng của đợt)"
    ) in said, said
