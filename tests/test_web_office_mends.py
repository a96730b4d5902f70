"""Small mends of the office's pages, as a new head of office reads them."""

from __future__ import annotations

import html
import re

import pytest

from pipeline.web.demo import DECIDED_PLAN, add_period
from tests.webtools import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_the_list_of_periods_names_plans_and_reviews_in_words_newest_first() -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_period("quyet-dinh", DECIDED_PLAN, None, example=True)
    page = html.unescape(make_people().office.get("/dot-xet/").content.decode())
    items = re.findall(r"<li>(.*?)</li>", page)
    assert [re.search(r'href="/dot-xet/([^/]+)/"', i)[1] for i in items] == ["quyet-dinh", "vi-du"]  # type: ignore[index]
    assert "(kế hoạch năm 2023 của UBND huyện Bù Gia Mập, đợt “Sơ kết năm 2023”)" in items[1]
    assert "(kế hoạch năm 2026 của UBND xã Bù Gia Mập, đợt “Năm 2026”)" in items[0]
    assert "bu-gia-map-cds-2022-2025" not in page and "so-ket-2023" not in page
    # Each period's deadline and units at a glance, before opening it.
    assert re.search(r"hạn nộp 25/11/2023 \(đã qua [\d.]+ ngày\), 5 đơn vị phải nộp", items[1])


def test_the_period_s_own_findings_are_said_without_its_settings_file_name() -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    page = html.unescape(make_people().office.get("/dot-xet/vi-du/").content.decode())
    general = page.split('id="loi-chung"', 1)[1].split("<h2", 1)[0]
    said = re.findall(r'<li class="finding warning" data-n="1">([^<]+)</li>', general)
    missing = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập: chưa nộp hồ sơ."
    assert missing in said, said
    assert "dot-xet.toml" not in general
    assert any(s.startswith("hoi-dong.xlsx › Thành viên HĐ!B2: ") for s in said)  # a file to open


def test_the_edit_page_speaks_of_the_period_not_of_its_settings_file() -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    page = html.unescape(make_people().office.get("/dot-xet/vi-du/sua/").content.decode())
    assert "Thay đổi được lưu vào thông tin của đợt; bản trước khi sửa được giữ lại." in page
    assert "dot-xet.toml" not in page
