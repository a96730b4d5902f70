"""Builds from the web and the API with a real worker: progress, previews, the ZIP, 404s, 401s."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from pipeline.build.manifest import read_manifest
from pipeline.web.accounts import issue_token
from pipeline.web.builds import folder_of, queue
from pipeline.web.models import Build
from tests.webtools import make_people, new_proposal, upload_file

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.libreoffice,
    pytest.mark.with_worker,
]


def _zip_names(content: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(content)).namelist())


def _api(token: str | None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}") if token else Client()


def test_a_build_from_the_page_then_its_preview_and_zip_only_for_its_unit(
    data_dir: Path, example
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    started = people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    assert started["Location"] == f"/ho-so/{build.pk}/"
    again = people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/", follow=True).content.decode()
    assert "Hồ sơ của đề nghị này đang được tạo; hãy chờ lần tạo trước xong rồi thử lại." in again
    assert Build.objects.count() == 1
    live = people.clerk_a.get(f"/ho-so/{build.pk}/tien-do/").content.decode()
    assert 'hx-trigger="every 1s"' in live  # polled until finished
    status = queue().wait(build.job_id, timeout=900)
    assert status.status == "done", status.message
    page = people.clerk_a.get(f"/ho-so/{build.pk}/").content.decode()
    assert 'data-status="done"' in page and "hx-trigger" not in page
    assert "Tờ trình" in page  # named by title (tests/test_web_build_names.py)
    preview = people.clerk_a.get(f"/ho-so/{build.pk}/xem-truoc/").content.decode()
    assert "01-to-trinh.pdf" in preview
    # Each document is named by its title, a report by its nominee's name too.
    headings = re.findall(r"<h2>([^<]+)</h2>", preview)
    assert headings[:3] == [
        "Tờ trình",
        "Danh sách kèm theo Tờ trình",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    ]
    manifest = read_manifest(folder_of(build) / "de-nghi")
    assert manifest is not None
    names = {n.name for n in manifest.nominees}
    reports = [h.removeprefix("Báo cáo thành tích – ") for h in headings if "thành tích – " in h]
    assert reports and set(reports) <= names
    assert not [h for h in headings if h.endswith(".pdf")]
    index = list(status.documents).index("de-nghi/van-ban/01-to-trinh.pdf")
    image = people.clerk_a.get(f"/ho-so/{build.pk}/trang/{index}/1.png")
    assert image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    names = _zip_names(people.clerk_a.get(f"/ho-so/{build.pk}/tai-ve.zip").content)
    # The clerk's ZIP: one folder named for the unit and the version built (not the upload's
    # internal name), and no file of hoso's own (manifest.json stays on the server).
    inner = "ho-so-uy-ban-nhan-dan-xa-phu-nghia-phien-ban-1"  # UNIT_A's, in ASCII
    assert {n.split("/", 1)[0] for n in names} == {inner}, names
    assert {f"{inner}/van-ban/01-to-trinh.docx", f"{inner}/ho-so-tong-hop.pdf"} <= names
    assert any(n.startswith(f"{inner}/ho-so/") for n in names)
    assert not [n for n in names if n.endswith("manifest.json")], names
    for url in (
        f"/ho-so/{build.pk}/",
        f"/ho-so/{build.pk}/tien-do/",
        f"/ho-so/{build.pk}/xem-truoc/",
        f"/ho-so/{build.pk}/trang/{index}/1.png",
        f"/ho-so/{build.pk}/tai-ve.zip",
        f"/ho-so/{build.pk}/tep/{index}/",
    ):
        assert people.clerk_b.get(url).status_code == 404, url
    # The API: no token 401, another unit's build 404, the own unit's build and its ZIP.
    assert _api(None).get(f"/api/v1/builds/{build.pk}").status_code == 401
    assert _api("nham").get(f"/api/v1/builds/{build.pk}").status_code == 401
    assert _api(issue_token("b")).get(f"/api/v1/builds/{build.pk}").status_code == 404
    assert _api(issue_token("b")).get(f"/api/v1/builds/{build.pk}/download").status_code == 404
    mine = _api(issue_token("a"))
    body = mine.get(f"/api/v1/builds/{build.pk}").json()
    assert body["status"] == "done" and "de-nghi/van-ban/01-to-trinh.pdf" in body["documents"]
    assert body["done"] == body["total"] > 0  # a finished build is all done, not 0 of 0
    # The API's ZIP holds what its "documents" list says, hoso's manifest.json left out too.
    names = _zip_names(mine.get(f"/api/v1/builds/{build.pk}/download").content)
    assert "de-nghi/ho-so-tong-hop.pdf" in names
    assert not [n for n in names if n.endswith("manifest.json")], names


def test_the_api_checks_like_the_cli_and_builds(
    data_dir: Path, example, run_cli, monkeypatch, tmp_path: Path
) -> None:
    make_people()
    token = issue_token("a")
    workbook = example(name="de-nghi.xlsx")
    monkeypatch.chdir(tmp_path)
    cli = run_cli("check", "--json", "de-nghi.xlsx")
    with workbook.open("rb") as fh:
        checked = _api(token).post("/api/v1/check", {"file": fh})
    assert checked.status_code == 200
    assert checked.json() == json.loads(cli.out)
    with workbook.open("rb") as fh:
        assert Client().post("/api/v1/check", {"file": fh}).status_code == 401
    with workbook.open("rb") as fh:
        queued = _api(token).post("/api/v1/builds", {"file": fh})
    assert queued.status_code == 202
    body = queued.json()
    assert set(body) == {"id", "status"} and body["status"] in ("queued", "running")
    build = Build.objects.get(pk=body["id"])
    assert queue().wait(build.job_id, timeout=900).status == "done"
    status = _api(token).get(f"/api/v1/builds/{build.pk}").json()
    assert status["status"] == "done" and status["message"] is not None
    assert "de-nghi/van-ban/02-danh-sach.pdf" in status["documents"]
