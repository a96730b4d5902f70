"""The period page's contents line: a link to each of its sections, each to an id on the page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.web.accounts import add_user
from tests.webtools import PASSWORD, finished_run, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _contents(page: str) -> list[str]:
    """The contents line's links as the office reads them, each checked to land on the page."""
    line = page.split('<nav id="muc-luc"')[1].split("</nav>")[0]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', line)
    for anchor, _ in links:
        assert page.count(f'id="{anchor}"') == 1, anchor
    return [html.unescape(label) for _, label in links]


def test_the_period_page_starts_with_a_link_to_each_of_its_sections(office) -> None:
    client, _ = office
    page = client.get("/dot-xet/quyet-dinh/").content.decode()
    assert page.index('id="muc-luc"') < page.index('id="muc-don-vi"')
    assert _contents(page) == [
        "Các đơn vị",
        "Số lượng so với chỉ tiêu",
        "Đề nghị hai lần",
        "Lỗi, cảnh báo chung",
        "Hội đồng",
        "Văn bản của đợt",
        "Phôi, in Giấy khen",
    ]
    # Each link lands on its section's heading.
    assert '<h2 id="muc-hoi-dong">Hội đồng Thi đua - Khen thưởng của cơ quan</h2>' in page
    assert '<h2 id="muc-don-vi">Các đơn vị</h2>' in page


@pytest.mark.libreoffice
def test_a_finished_run_adds_its_chart_to_the_contents(data_dir: Path) -> None:
    finished_run(data_dir)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/quyet-dinh/").content.decode()
    assert _contents(page)[-2:] == ["Thống kê", "Ký số văn bản của cơ quan"]
    chart = page.split('id="thong-ke"')[1].split("</div>")[0]
    assert '<figure class="chart">' in chart
