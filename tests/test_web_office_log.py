"""The audit log as each role reads it: the office its periods' actions (all, or one period's),
reached from its own pages; the administrator everything; a clerk or a stranger nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pipeline.web.demo import DECIDED_PLAN, add_period
from pipeline.web.limits import file_size
from pipeline.web.models import Upload
from tests.webtools import make_people, new_proposal, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _rows(page: str) -> list[str]:
    """The log table's rows (its header left out); [] when the page has no table."""
    if 'id="nhat-ky"' not in page:
        return []
    return page.split('id="nhat-ky"')[1].split("</table>")[0].split("</tr>")[1:-1]


def test_the_office_reads_its_periods_log_and_no_clerk_reaches_it_by_url(example) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_period("quyet-dinh", DECIDED_PLAN, None, example=True)
    people = make_people()
    pk = new_proposal(
        people.clerk_a
    )  # unit A is one of vi-du's units: the proposal is the period's
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    people.office.get("/dot-xet/vi-du/tinh-trang.xlsx")
    people.office.get("/dot-xet/quyet-dinh/tinh-trang.xlsx")
    # The office finds the log from its list of periods and from a period's page.
    assert 'href="/nhat-ky/"' in people.office.get("/dot-xet/").content.decode()
    assert 'href="/nhat-ky/?dot=vi-du"' in people.office.get("/dot-xet/vi-du/").content.decode()
    every = people.office.get("/nhat-ky/")
    assert every.status_code == 200
    rows = _rows(every.content.decode())
    assert any(">Tải lên tệp Excel</td>" in r and f"đề nghị {pk}," in r for r in rows)
    assert sum(">Tải bảng tình trạng các đơn vị</td>" in r for r in rows) == 2
    # Each entry names its period by its title, a link to that period's log.
    upload = next(r for r in rows if ">Tải lên tệp Excel</td>" in r)
    assert '<a href="?dot=vi-du">Sơ kết năm 2023: Ủy ban nhân dân huyện Bù Gia Mập</a>' in upload
    # Log-ins and accounts are the administrator's.
    assert rows and not any(">Đăng nhập</td>" in r or "Thêm tài khoản" in r for r in rows)
    one = _rows(people.office.get("/nhat-ky/?dot=vi-du").content.decode())
    assert any("đợt vi-du" in r for r in one) and not any("đợt quyet-dinh" in r for r in one)
    assert any(f"đề nghị {pk}," in r for r in one)
    other = _rows(people.office.get("/nhat-ky/?dot=quyet-dinh").content.decode())
    assert other and not any(f"đề nghị {pk}," in r or "đợt vi-du" in r for r in other)
    assert people.office.get("/nhat-ky/?dot=khong-co").status_code == 404
    # The administrator reads everything.
    admin = _rows(people.admin.get("/nhat-ky/").content.decode())
    assert any(">Đăng nhập</td>" in r for r in admin) and len(admin) > len(rows)
    # A clerk, of that unit or another, and anyone not logged in: nothing, by any address.
    for address in ("/nhat-ky/", "/nhat-ky/?dot=vi-du", "/nhat-ky/?dot=quyet-dinh"):
        for clerk in (people.clerk_a, people.clerk_b):
            assert clerk.get(address).status_code == 404, address
        stranger = Client().get(address)
        assert stranger.status_code == 302 and stranger["Location"].startswith("/dang-nhap/")


def test_the_office_s_log_page_leads_back_to_its_periods(data_dir: Path) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    people = make_people()
    page = people.office.get("/nhat-ky/?dot=vi-du").content.decode()
    assert "Nhật ký của đợt “Sơ kết năm 2023: Ủy ban nhân dân huyện Bù Gia Mập”" in page
    assert 'href="/dot-xet/vi-du/"' in page and "Quản lý tài khoản" not in page
    assert "Chưa có việc nào được ghi." in page


def test_an_uploads_size_and_digest_read_as_a_person_reads_them(example) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    council = b"".join(people.office.get("/dot-xet/vi-du/hoi-dong.xlsx").streaming_content)
    people.office.post("/dot-xet/vi-du/hoi-dong/", {"tep": upload_file_bytes(council)})
    rows = _rows(people.office.get("/nhat-ky/?dot=vi-du").content.decode())
    sent = next(r for r in rows if ">Tải lên tệp Excel</td>" in r)
    digest = Upload.objects.get().sha256
    shown = sent.split('class="chi-tiet"')[1].split(">", 1)[1].split("</td>")[0]
    assert f"sha256 {digest[:12]}…," in shown and digest not in shown, shown
    assert f'title="đề nghị {pk}, phiên bản 1 · de-nghi.xlsx, sha256 {digest},' in sent  # whole
    kb = f"{len(council) / 1024:.1f}".replace(".", ",")
    upload = next(r for r in rows if "tai-len-hoi-dong" in r)
    assert re.search(rf'class="chi-tiet"[^>]*>{kb} KB</td>', upload), upload
    assert " byte" not in upload.split('class="chi-tiet"')[1].split(">", 1)[1]


def upload_file_bytes(data: bytes) -> SimpleUploadedFile:
    """The council's workbook as a browser sends it."""
    return SimpleUploadedFile("hoi-dong.xlsx", data)


@pytest.mark.parametrize(
    ("size", "said"),
    [(850, "850 byte"), (17544, "17,1 KB"), (204_800, "200 KB"), (2_621_440, "2,5 MB")],
)
def test_a_size_is_said_in_the_unit_a_person_reads(size: int, said: str) -> None:
    assert file_size(size) == said
