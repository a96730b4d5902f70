"""The office's period documents as a queue job: queued with no worker, built by a real one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from pipeline.web.accounts import add_user
from pipeline.web.builds import queue
from pipeline.web.demo import add_period
from pipeline.web.models import PeriodRun
from tests.webtools import PASSWORD, login
from tests.workers import workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.libreoffice]


def _status(page: str) -> str:
    return page.split('data-status="')[1].split('"')[0]


@pytest.fixture
def vi_du_office(data_dir: Path) -> Client:
    """The office of the example period "vi-du", logged in (the conftest's `office` decides
    another period)."""
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    return login("office")


def test_a_period_run_waits_on_the_queue_for_a_worker_then_its_zip_has_the_documents(
    vi_du_office: Client, data_dir: Path, tmp_path: Path
) -> None:
    office = vi_du_office
    # No worker yet (a server just restarted, say): the run waits on the queue, on disk.
    started = office.post("/dot-xet/vi-du/van-ban/", follow=True).content.decode()
    assert "Đã bắt đầu tạo văn bản của đợt; tiến độ và tệp tải về ở mục" in started
    run = PeriodRun.objects.get()
    assert run.job_id
    live = office.get("/dot-xet/vi-du/van-ban/tien-do/").content.decode()
    assert _status(live) == "queued" and "chờ đến lượt" in live and "hx-trigger" in live
    polled = office.get("/dot-xet/vi-du/van-ban/tien-do/", HTTP_HX_REQUEST="true")
    assert not polled.has_header("HX-Refresh")  # still waiting: only the part is redrawn
    again = office.post("/dot-xet/vi-du/van-ban/", follow=True).content.decode()
    assert "Văn bản của đợt đang được tạo; hãy chờ lần trước xong." in again
    assert PeriodRun.objects.count() == 1
    with workers(data_dir, None, 1, tmp_path / "logs"):
        status = queue().wait(run.job_id, timeout=900)
    assert status.status == "done", status.message
    # The page's poll that sees the run ended redraws the whole page (its units' dossier links).
    polled = office.get("/dot-xet/vi-du/van-ban/tien-do/", HTTP_HX_REQUEST="true")
    assert polled["HX-Refresh"] == "true"
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert _status(page) == "done" and "hx-trigger" not in page.split('id="van-ban-dot-xet"')[1]
    assert page.count(">Hồ sơ PDF</a>") == 3
    run.refresh_from_db()
    assert run.status == "done"
    assert f"/dot-xet/vi-du/van-ban/{run.pk}.zip" in page
    content = office.get(f"/dot-xet/vi-du/van-ban/{run.pk}.zip").content
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert not any(n.endswith("manifest.json") for n in names), names  # internal, left out
    assert any(n.startswith("tong-hop/") and n.endswith(".pdf") for n in names), names
    assert any(n.startswith("don-vi/") and n.endswith(".pdf") for n in names), names
    # A second run starts from the first one's files (hard links, without the build's private
    # dot files): the units that did not change are not made again, the same files carry on,
    # and so would the signed copies the office took back (kept by a rebuild: test_signed_rebuild).
    first = data_dir / run.folder
    assert any(p.name == ".hoso.lock" for p in first.rglob("*"))
    (office_pdf,) = first.glob("tong-hop/*/van-ban/01-to-trinh.pdf")
    office.post("/dot-xet/vi-du/van-ban/")
    second = PeriodRun.objects.exclude(pk=run.pk).get()
    later = data_dir / second.folder
    assert not [p for p in later.rglob("*") if p.name.startswith(".")]
    with workers(data_dir, None, 1, tmp_path / "logs-2"):
        status = queue().wait(second.job_id, timeout=900)
    assert status.status == "done", status.message
    units = sorted(first.glob("don-vi/*/van-ban/01-to-trinh.docx"))
    assert units and all(
        (later / p.relative_to(first)).stat().st_ino == p.stat().st_ino for p in units
    )
    assert (later / office_pdf.relative_to(first)).read_bytes() == office_pdf.read_bytes()


def test_starting_a_run_brings_the_office_to_its_progress_not_the_top_of_the_page(
    vi_du_office: Client,
) -> None:
    office = vi_du_office
    started = office.post("/dot-xet/vi-du/van-ban/")
    assert started.status_code == 302 and started["Location"] == "/dot-xet/vi-du/#van-ban"
    page = office.get("/dot-xet/vi-du/").content.decode()
    # The anchor is the section's heading; the run's progress follows it, with nothing between.
    section = page.split('<h2 id="van-ban">Văn bản của đợt</h2>')[1].split("<h2")[0]
    assert 'id="van-ban-dot-xet"' in section
    assert "Lần tạo gần nhất" in section and _status(section) == "queued"


def test_a_queued_run_says_in_words_that_nothing_is_made_yet_not_a_count_of_0_of_0(
    vi_du_office: Client,
) -> None:
    office = vi_du_office
    office.post("/dot-xet/vi-du/van-ban/")  # queued: no worker here
    for address in ("/dot-xet/vi-du/van-ban/tien-do/", "/dot-xet/vi-du/"):
        shown = office.get(address).content.decode()
        part = shown.split('id="van-ban-dot-xet"')[1]
        assert _status(part) == "queued"
        counted = part.split('<p id="dem-van-ban">')[1].split("</p>")[0]
        assert counted == "Chưa tạo văn bản nào: đang chờ đến lượt."
        assert "0/0" not in part
