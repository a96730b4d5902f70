"""The demo's clerks: each belongs to a unit of one of the demo's periods, is offered that period
first, and the example workbook of that period, uploaded as it comes, names no body the period's
review no longer knows (a district's body after the 2025 reform)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from pipeline.web.demo import PASSWORD, make_demo
from tests.webtools import upload_file

pytestmark = [pytest.mark.django_db]

GONE = "thuộc cấp huyện, không còn"


def _login(name: str) -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": name, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def _own_example(clerk: Client, tmp_path: Path) -> str:
    """Start a proposal for the period the clerk is offered first, upload that period's example
    workbook as downloaded from the proposal's page: the page the clerk then reads."""
    listing = clerk.get("/de-nghi/").content.decode()
    chosen = re.search(r'<option value="([^"]+)" selected>', listing)
    assert chosen, listing
    created = clerk.post("/de-nghi/", {"plan_review": chosen.group(1)})
    page = clerk.get(created.url).content.decode()
    link = re.search(r'href="([^"]+vi-du\.xlsx)"', page)
    assert link, page
    workbook = tmp_path / "vi-du.xlsx"
    workbook.write_bytes(clerk.get(link.group(1)).content)
    shown = clerk.post(f"{created.url}tai-len/", {"file": upload_file(workbook)}, follow=True)
    return shown.content.decode()


@pytest.mark.usefixtures("data_dir")
def test_each_demo_clerk_fills_the_example_of_its_own_period_without_a_gone_body(
    tmp_path: Path,
) -> None:
    logins = {d.name: d for d in make_demo() if d.role == "van-thu"}
    assert set(logins) == {"vanthu", "vanthu2", "vanthu3"}
    assert "huyện" in logins["vanthu"].unit  # the 2023 period: a district's bodies
    assert logins["vanthu3"].unit == "Trường Trung học cơ sở Bù Gia Mập"  # 2026: a commune's
    for name in ("vanthu", "vanthu3"):
        page = _own_example(_login(name), tmp_path)
        assert "không có lỗi" in page and logins[name].unit in page
        assert GONE not in page, name
    offered = _login("vanthu3").get("/de-nghi/").content.decode()
    assert re.search(r"selected>UBND xã Bù Gia Mập: Năm 2026[^<]*đợt đang nhận hồ sơ", offered)


@pytest.mark.usefixtures("data_dir")
def test_a_later_start_lists_each_clerk_with_the_unit_of_the_account() -> None:
    from pipeline.period.config import load_period
    from pipeline.web.models import Period

    first = {d.name: d.unit for d in make_demo()}
    # The first period's waiting unit sends its workbook: it waits no more.
    period = load_period(Path(settings.DATA_DIR) / Period.objects.get(slug="vi-du").folder)
    sent = next(u for u in period.config.units if u.name == first["vanthu"])
    example = next(period.units_dir.glob("*.xlsx"))
    shutil.copy(example, period.units_dir / sent.file)
    again = {d.name: d.unit for d in make_demo()}
    assert again == first  # the account's unit, not the next unit still waiting
