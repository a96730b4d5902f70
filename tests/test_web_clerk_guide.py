"""The workbook's "Hướng dẫn" sheet speaks to its reader: a clerk who downloaded it from the web
app is told the page's steps and buttons, never a command; `hoso init`'s keeps the commands."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.test import Client

from pipeline.web.demo import DEMO_PLAN, add_period
from tests.webtools import make_people, new_proposal, office_login, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

TEMPLATES = Path(__file__).parent.parent / "pipeline" / "web" / "templates" / "web"
COMMANDS = ("hoso init", "hoso check", "hoso build", "--example", "output/")


def _guide(data: bytes | Path) -> str:
    """The guide sheet's text, line by line, as the clerk reads it in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return "\n".join(str(c.value) for c in wb["Hướng dẫn"]["A"] if c.value)


def _download(client: Client, kind: str) -> bytes:
    response = client.get(f"/mau/bu-gia-map-cds-2022-2025/so-ket-2023/{kind}.xlsx")
    assert response.status_code == 200
    return response.content


def test_the_web_workbooks_give_the_page_s_steps_and_no_command(tmp_path: Path) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = people.clerk_a.get(f"/de-nghi/{pk}/").content.decode()
    for kind in ("trong", "vi-du"):
        guide = _guide(_download(people.clerk_a, kind))
        assert not [c for c in COMMANDS if c in guide], guide
        assert "Tải lên và kiểm tra" in guide and "Nộp phiên bản" in guide, guide
        assert "3. Tải lên tệp đã điền" in page  # the section the guide sends the clerk to
        assert ("TỆP VÍ DỤ" in guide) == (kind == "vi-du"), guide
    # Every page, section and button the guide quotes is one the web app shows by that name.
    shown = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    lines = guide.split("\n")
    steps = guide.split("Kiểm tra, tạo hồ sơ và nộp trên trang web\n", 1)[1]
    quoted = re.findall(r"“([^”]+)”", lines[1] + steps)  # the example's notice, the steps
    assert "Tạo hồ sơ từ phiên bản …" in quoted and "Tệp Excel trống" in quoted, quoted
    for words in quoted:
        assert all(part.strip() in shown for part in words.split("…")), words


def test_the_web_example_says_it_is_fictional_and_how_to_go_on_in_the_web(
    tmp_path: Path,
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    example = _download(people.clerk_a, "vi-du")
    notice = _guide(example).split("\n")[1]  # right under the title
    assert notice.startswith("TỆP VÍ DỤ: mọi người, đơn vị, thành tích và số liệu"), notice
    assert "“Tệp Excel trống” ở mục 2 của trang đề nghị" in notice, notice
    # What it promises: the example uploaded as it is comes back with its rows pointed out.
    path = tmp_path / "vi-du.xlsx"
    path.write_bytes(example)
    response = people.clerk_a.post(
        f"/de-nghi/{pk}/tai-len/", {"file": upload_file(path)}, follow=True
    )
    page = response.content.decode()
    assert "Tệp Excel trống" in page and "Kết quả kiểm tra" in page
    assert "là dữ liệu ví dụ (hư cấu)" in page.split("Kết quả kiểm tra", 1)[1], page


def test_the_command_line_workbook_keeps_its_commands(run_cli, tmp_path: Path) -> None:
    for example in (False, True):
        path = tmp_path / f"de-nghi-{example}.xlsx"
        extra = ("--example",) if example else ()
        assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", *extra, path).code == 0
        guide = _guide(path)
        assert "hoso check <tệp>.xlsx" in guide and "hoso build <tệp>.xlsx" in guide, guide
        assert "Tải lên và kiểm tra" not in guide, guide
        assert ("hoso init không có --example" in guide) == example, guide


def test_a_units_workbook_the_office_downloads_from_the_period_page_speaks_to_it() -> None:
    # The demo's units' workbooks lie in the period's don-vi/ as if sent: the office opens one
    # from the period page, which is no proposal page it was downloaded from.
    add_period("vi-du", DEMO_PLAN, None, example=True)
    office = office_login()
    page = html.unescape(office.get("/dot-xet/vi-du/").content.decode())
    links = re.findall(r'href="(/dot-xet/vi-du/don-vi/[^"]+)">Excel<', page)
    assert links, page
    guide = _guide(office.get(links[0]).getvalue())
    assert "trang đã tải tệp này" not in guide and "trang đề nghị đã tải" not in guide, guide
    assert "Tệp Excel trống" not in guide, guide  # no section 2 of a page the office never has
    notice = guide.split("\n")[1]
    assert notice.startswith("TỆP VÍ DỤ:") and "đơn vị ví dụ trong đợt xét ví dụ" in notice, guide
    steps = guide.split("Nộp và xét trên trang web\n", 1)[1]
    assert "Văn thư đơn vị:" in steps and "Thường trực thi đua: trên trang đợt xét" in steps
    shown = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    quoted = re.findall(r"“([^”]+)”", steps)
    assert "Trả lại để sửa" in quoted and "Tạo văn bản của đợt" in quoted, quoted
    assert all(words in shown for words in quoted), quoted
