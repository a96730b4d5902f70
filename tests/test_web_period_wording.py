"""The office reads the period's findings in a browser: each names the field of the period's edit
page that changes it, never a key of dot-xet.toml (a file the office never sees); the CLI still
names the keys its user edits."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.demo import add_period
from tests.webtools import office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
KEYS = ("office.", "decision.", "authority =", "parent_body", "received =", "[[units]]", ".toml")


def _spoiled(data_dir: Path) -> Path:
    """The example period with what the office's settings can get wrong: a Chủ tịch of a Ủy ban
    signing without "TM.", a parent body above it, no place, a date before the units' Tờ trình,
    a receipt date to come."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    config = load_period(data_dir / period.folder).config_path
    text = config.read_text(encoding="utf-8")
    for old, new in (
        ('authority = "TM."', 'authority = ""'),  # the example's deputy signs TM. / KT.
        ('signer_title = "Phó Chủ tịch"', 'signer_title = "Chủ tịch"'),
        ('parent_body = ""', 'parent_body = "Ủy ban nhân dân tỉnh Bình Phước"'),
        ('place = "Bù Gia Mập"', 'place = ""'),
        ("[office]", "[office]\ndate = 2023-11-01"),
        ("received = 2023-11-28", "received = 2099-11-28"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    return config


def _findings(page: str) -> list[str]:
    """The period's general findings, as read on the page: unlike webtools.as_read (and
    test_web_office_number's _general), tags go with nothing in their place and white space is
    kept."""
    part = page.split('id="loi-chung"', 1)[1].split("<h2", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", part, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)) for item in items]


def test_the_periods_findings_name_the_edit_pages_fields_not_toml_keys(
    data_dir: Path, run_cli
) -> None:
    config = _spoiled(data_dir)
    office = office_login()
    page = office.get(PAGE).content.decode()
    said = _findings(page)
    assert not [f for f in said if any(key in f for key in KEYS)], said
    edit = "ở trang “Sửa thông tin đợt xét”"
    assert any(
        f.startswith("Ngày Tờ trình tổng hợp: ngày Tờ trình tổng hợp (01/11/2023) trước")
        and "hoặc để trống ô ngày đó để hoso tự chọn ngày" in f
        for f in said
    ), said
    assert any(f"chọn “TM.” ở mục “Thẩm quyền ký” {edit}" in f for f in said), said
    assert any(f.startswith("Địa danh ghi trước ngày tháng: chưa ghi địa danh") for f in said)
    assert any(f"hãy để trống mục “Cơ quan chủ quản” {edit}" in f for f in said), said
    assert any("ngày nhận hồ sơ (28/11/2099) chưa tới" in f for f in said), said
    # The Hội đồng's file says when it met against the office's date, named as its field.
    assert any(f"(01/11/2023, mục “Ngày Tờ trình tổng hợp” {edit})" in f for f in said), said
    received = "(28/11/2099, theo ngày nhận hồ sơ ghi trong thông tin đợt xét)"
    assert any(f"trước ngày nhận hồ sơ cuối cùng của các đơn vị {received}" in f for f in said)
    # Each finding at a field links to that field of the edit page.
    assert 'href="/dot-xet/vi-du/sua/#id_place">Sửa mục này</a>' in page
    assert 'id="id_place"' in office.get(f"{PAGE}sua/").content.decode()
    # The command line keeps the keys: its user edits the file.
    cli = run_cli("period", "check", config.parent).out
    assert 'ghi authority = "TM."' in cli and "office.date" in cli, cli


def test_the_place_and_parent_body_are_mended_on_the_edit_page(data_dir: Path) -> None:
    _spoiled(data_dir)
    office = office_login()
    form = office.get(f"{PAGE}sua/").content.decode()
    values = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    values.pop("csrfmiddlewaretoken")
    assert values["parent_body"] == "Ủy ban nhân dân tỉnh Bình Phước"
    typed = values | {"parent_body": "", "place": "Bù Gia Mập", "authority": "TM."}
    typed |= {"office_date": ""}
    done = office.post(f"{PAGE}sua/", typed, follow=True).content.decode()
    assert "Đã lưu thay đổi của đợt xét" in done
    said = _findings(done)
    assert not [f for f in said if "Địa danh" in f or "chủ quản" in f or "Thẩm quyền" in f], said
