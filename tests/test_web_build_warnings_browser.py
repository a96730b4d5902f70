"""A build's page tells the clerk what to do: while it waits, that the page updates itself and
where to find it again; once finished, the warnings of the version built, where the clerk looks
before downloading, signing and submitting (one may mean a person left out of the dossier).
Drawn by a real Chromium with the app's stylesheet, at an office screen's height."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.jobs.model import JobStatus
from pipeline.web import builds
from pipeline.web.models import Build, Upload
from tests.conftest import cell_of, edit
from tests.webtools import drawn, make_people, new_proposal, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]

FEW_VOTES = "4/7 phiếu (57,1%), dưới mức 80% của kế hoạch; sẽ ghi “Không đạt” trong Biên bản"


def _seen(page: str, height: int, box: str = "#canh-bao-ho-so") -> tuple[str, float]:
    """A box's text and how far down it starts, the page drawn by Chromium."""
    with drawn(page, height=height) as shown:
        found = shown.locator(box)
        return (found.inner_text(), found.bounding_box()["y"]) if found.count() else ("", -1.0)


def test_a_built_versions_warnings_are_on_its_build_page_above_the_downloads(
    example, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Số phiếu đồng ý", 3)] = 4  # of 7 members: under the plan's 80 %
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(path)})
    upload = Upload.objects.get(proposal_id=pk)
    assert upload.warnings, upload.report
    build = Build.objects.create(proposal_id=pk, upload=upload, job_id="x", folder="ho-so/x")
    (data_dir / "ho-so" / "x").mkdir(parents=True)
    said = f"Đã tạo 7 văn bản, 5 hồ sơ PDF; {upload.warnings} cảnh báo."
    monkeypatch.setattr(
        type(builds.queue()), "status", lambda self, job: JobStatus(job, "done", said)
    )
    page = people.clerk_a.get(f"/ho-so/{build.pk}/").content.decode()
    text, top = _seen(page, 800)
    assert text.startswith(f"Phiên bản 1 có {upload.warnings} cảnh báo: hồ sơ vẫn được tạo"), text
    assert FEW_VOTES in text, text
    assert 0 < top < 800  # on the first screen, not below the documents' tables
    # Its link leads to the version's own check result, at its warnings.
    link = re.search(r'href="([^"]+#canh-bao)"', page)
    assert link and link[1] == f"/de-nghi/{pk}/phien-ban/1/#canh-bao", page
    version = people.clerk_a.get(html.unescape(link[1]).split("#")[0]).content.decode()
    assert 'id="canh-bao"' in version


def test_a_waiting_build_says_the_page_updates_itself_and_where_to_find_it_again(
    example, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())})
    upload = Upload.objects.get(proposal_id=pk)
    build = Build.objects.create(proposal_id=pk, upload=upload, job_id="x", folder="ho-so/x")
    monkeypatch.setattr(type(builds.queue()), "status", lambda self, job: JobStatus(job, "queued"))
    page = people.clerk_a.get(f"/ho-so/{build.pk}/").content.decode()
    text, top = _seen(page, 800, "#tien-do")
    said = " ".join(text.split())
    assert said.startswith("Trạng thái: chờ đến lượt Trang tự cập nhật khi hồ sơ tạo xong"), said
    assert f"“Các lần tạo hồ sơ” của Đề nghị {pk}." in text, text
    assert 0 < top < 800
    # The proposal's page lists this build there, under that heading.
    mine = people.clerk_a.get(f"/de-nghi/{pk}/").content.decode()
    assert f'href="/ho-so/{build.pk}/"' in mine.split("Các lần tạo hồ sơ", 1)[1], mine
