"""The stock page leads the office to what it came to print: the certificates of the period's
last run of its documents, and whether they still match the period."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.period.council import COUNCIL_FILE
from tests.webtools import as_read, as_real, finished_run, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/quyet-dinh/phoi/"
AWARD = "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập"


def _section(page: str) -> str:
    """The page's "In … trên phôi" section, as read (tags left out, spaces joined)."""
    part = page.split('<section id="in-phoi">')[1].split("</section>")[0]
    return as_read(part)


def test_before_any_run_the_stock_page_says_where_the_certificates_come_from(office) -> None:
    client, _ = office
    said = _section(client.get(PAGE).content.decode())
    assert said.startswith("In Giấy khen trên phôi "), said
    # After the example-data notice (the example units' rows), what to do first.
    assert said.split("trang đợt xét . ", 1)[1].startswith("Chưa có tệp để in:"), said
    assert "bấm “Tạo văn bản của đợt” ở trang đợt xét" in said
    # The period page says its stock link is also where the certificates are printed.
    period = " ".join(client.get("/dot-xet/quyet-dinh/").content.decode().split())
    assert (
        "Căn chỉnh phôi Giấy khen</a>: in thử, chỉnh cho chữ rơi đúng chỗ trên phôi của cơ quan, "
        "rồi in Giấy khen của lần tạo văn bản gần nhất."
    ) in period


@pytest.mark.libreoffice
def test_the_stock_page_links_the_last_runs_certificates_and_says_when_they_are_stale(
    data_dir: Path,
) -> None:
    _, _, run = finished_run(data_dir)
    office = office_login()
    page = office.get(PAGE).content.decode()
    said = _section(page)
    when = f"{run.at.astimezone():%d/%m/%Y}"
    assert f"Từ lần “Tạo văn bản của đợt” gần nhất ({when}" in said, said
    assert re.search(rf"{AWARD}: in trên phôi \(PDF, \d+ trang\)", said), said
    assert f"{AWARD}: bản xem trước trên khung phôi" in said
    assert "tỷ lệ 100% (kích thước thực" in said
    assert "Đợt xét đã thay đổi" not in said
    # The link opens the run's certificates, as many pages as it says.
    part = page.split('<section id="in-phoi">')[1].split("</section>")[0]
    href, pages = re.search(
        r'href="([^"]+)"[^>]*>[^<]*: in trên phôi</a> \(PDF, (\d+) trang', part
    ).groups()
    shown = office.get(href)
    assert shown["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(b"".join(shown.streaming_content))).pages) == int(pages)
    # A calibration saved after the run: the page says to make the documents again first.
    office.post(f"{PAGE}giay-khen/", _offset(office))
    said = _section(office.get(PAGE).content.decode())
    assert "Đợt xét đã thay đổi sau lần tạo văn bản này (căn chỉnh phôi)" in said, said
    assert "bấm “Tạo văn bản của đợt” ở trang đợt xét rồi mới in" in said


def _offset(office) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The calibration form as the page fills it, the printer moved 2 mm right."""
    page = office.get(PAGE).content.decode()
    form = page.split('action="/dot-xet/quyet-dinh/phoi/giay-khen/"')[1].split("</form>")[0]
    values = dict(re.findall(r'name="([\w-]+)" value="([^"]*)"', form))
    return values | {"offset_x": "2"}


def test_the_print_section_warns_of_example_data_as_the_period_page_does(office) -> None:
    client, folder = office
    said = _section(client.get(PAGE).content.decode())
    # Right under its heading, before anything to print: the period page's own notice.
    assert said.startswith(
        "In Giấy khen trên phôi ⚠ Đợt xét còn dữ liệu ví dụ (hư cấu) trong tệp của "
    ), said
    assert "Không in, ký hay gửi văn bản nào của đợt trước khi thay bằng dữ liệu thật." in said
    assert "Xem và xử lý ở trang đợt xét ." in said
    period = client.get("/dot-xet/quyet-dinh/").content.decode()
    notice = period.split('id="du-lieu-vi-du"')[1].split("</p>")[0]
    assert notice in _raw_section(client.get(PAGE).content.decode())
    # Once every workbook reads as real data, neither page warns.
    for workbook in [*(folder / "don-vi").glob("*.xlsx"), folder / COUNCIL_FILE]:
        if workbook.exists():
            as_real(workbook)
    assert "dữ liệu ví dụ" not in _section(client.get(PAGE).content.decode())
    assert 'id="du-lieu-vi-du"' not in client.get("/dot-xet/quyet-dinh/").content.decode()


def _raw_section(page: str) -> str:
    """The page's "In … trên phôi" section as served."""
    return page.split('<section id="in-phoi">')[1].split("</section>")[0]
