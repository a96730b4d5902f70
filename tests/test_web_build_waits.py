"""A web build whose output folder another build holds says so on its page, naming that build (as
the terminal's `hoso build` does, in Việt Nam's time, without the server's path) until it goes on:
a clerk's build (its folder installed when the worker is done) and the office's period run."""

from __future__ import annotations

import datetime as dt
import getpass
import html
from pathlib import Path

import pytest
from django.test import Client

from pipeline.web.accounts import add_user, issue_token
from pipeline.web.builds import folder_of, queue
from pipeline.web.demo import add_period
from pipeline.web.models import Build, PeriodRun
from tests.webtools import PASSWORD, login, make_people, new_proposal, upload_file
from tests.workers import build_holding, holding, until, workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.libreoffice]

VN = dt.timezone(dt.timedelta(hours=7))  # Việt Nam's clock, whatever the machine's zone


def _waiting(client: Client, part: str) -> str:
    """The page part's waiting line (its text), or "" while it has none; the job must not have
    ended meanwhile (it waits for the folder: a job that ended did not)."""
    shown = client.get(part).content.decode()
    status = shown.split('data-status="')[1].split('"')[0]
    assert status in ("queued", "running"), shown
    if 'id="cho-thu-muc"' not in shown:
        return ""
    return html.unescape(shown.split('id="cho-thu-muc">')[1].split("</p>")[0])


def _said(pid: int, started: tuple[dt.datetime, dt.datetime]) -> set[str]:
    """The waiting line naming the holder, a `hoso build` started between the two moments, as a
    web user reads it (no command: they have no terminal)."""
    return {
        "Đang chờ: thư mục kết quả của việc này đang được dùng bởi một lần tạo hồ sơ chạy bằng "
        f"dòng lệnh trên máy chủ (người dùng "
        f"{getpass.getuser()}, bắt đầu lúc {t.astimezone(VN):%H} giờ {t.astimezone(VN):%M} phút, "
        f"tiến trình {pid}); việc này tự tiếp tục khi lần đó xong."
        for t in started
    }


def test_a_clerk_s_build_waiting_for_its_folder_says_who_holds_it_then_finishes(
    data_dir: Path, example, tmp_path: Path
) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/")
    build = Build.objects.get()
    part = f"/ho-so/{build.pk}/tien-do/"
    before = dt.datetime.now(VN)
    holder = build_holding(folder_of(build))  # another build of the same folder, on the server
    after = dt.datetime.now(VN)
    with holding(holder) as release, workers(data_dir, None, 1, tmp_path / "logs"):
        said = until(lambda: _waiting(people.clerk_a, part), timeout=600, step=1)
        assert said in _said(holder.pid, (before, after)), said
        assert str(data_dir) not in said
        shown = people.clerk_a.get(part).content.decode()
        assert 'data-status="running"' in shown and 'hx-trigger="every 1s"' in shown
        release()
        status = queue().wait(build.job_id, timeout=120)
    assert status.status == "done", status.message
    shown = people.clerk_a.get(f"/ho-so/{build.pk}/").content.decode()
    assert 'data-status="done"' in shown and 'id="cho-thu-muc"' not in shown
    assert status.documents and all((folder_of(build) / d).is_file() for d in status.documents)


def test_the_office_s_period_run_waiting_for_its_folder_says_who_holds_it_then_finishes(
    data_dir: Path, tmp_path: Path
) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    office = login("office")
    office.post("/dot-xet/vi-du/van-ban/")  # queued: no worker yet
    run = PeriodRun.objects.get()
    part = "/dot-xet/vi-du/van-ban/tien-do/"
    before = dt.datetime.now(VN)
    holder = build_holding(data_dir / run.folder)
    after = dt.datetime.now(VN)
    with holding(holder) as release, workers(data_dir, None, 1, tmp_path / "logs"):
        said = until(lambda: _waiting(office, part), timeout=600, step=1)
        assert said in _said(holder.pid, (before, after)), said
        page = office.get("/dot-xet/vi-du/").content.decode()
        assert said in html.unescape(page)  # the whole page too, in its documents' section
        assert 'data-status="running"' in page
        release()
        status = queue().wait(run.job_id, timeout=900)
    assert status.status == "done", status.message
    page = office.get("/dot-xet/vi-du/").content.decode()
    assert 'data-status="done"' in page and 'id="cho-thu-muc"' not in page


def test_the_api_says_a_build_waits_for_its_folder_and_for_whom_then_that_it_is_done(
    data_dir: Path, example, tmp_path: Path
) -> None:
    make_people()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token('a')}")
    with example(name="de-nghi.xlsx").open("rb") as fh:
        pk = api.post("/api/v1/builds", {"file": fh}).json()["id"]  # queued: no worker yet
    url = f"/api/v1/builds/{pk}"
    queued = api.get(url).json()
    assert queued["status"] == "queued" and queued["waiting"] is None, queued
    before = dt.datetime.now(VN).replace(microsecond=0)
    holder = build_holding(folder_of(Build.objects.get(pk=pk)))
    after = dt.datetime.now(VN)
    with holding(holder) as release, workers(data_dir, None, 1, tmp_path / "logs"):
        body = until(lambda: (b := api.get(url).json())["waiting"] and b, timeout=600, step=1)
        assert body["status"] == "running", body
        assert body["message"] in _said(holder.pid, (before, after)), body
        since = body["waiting"].pop("since")
        assert body["waiting"] == {
            "holder": "một lần tạo hồ sơ chạy bằng dòng lệnh trên máy chủ",
            "user": getpass.getuser(),
            "pid": holder.pid,
        }
        assert since.endswith("+07:00") and before <= dt.datetime.fromisoformat(since) <= after
        release()
        done = until(lambda: (b := api.get(url).json())["status"] != "running" and b, 120, 1)
    assert done["status"] == "done" and done["waiting"] is None, done
    assert "Đang chờ" not in done["message"]
    assert "de-nghi/van-ban/02-danh-sach.pdf" in done["documents"]


def test_the_api_says_a_period_run_waits_for_its_folder_and_for_whom_then_that_it_is_done(
    data_dir: Path, tmp_path: Path
) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    people = make_people()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token('office')}")
    assert api.get("/api/v1/periods/vi-du/run").status_code == 404  # no run yet
    people.office.post("/dot-xet/vi-du/van-ban/")  # queued: no worker yet
    run = PeriodRun.objects.get()
    url = f"/api/v1/periods/vi-du/runs/{run.pk}"
    clerk = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token('a')}")
    assert clerk.get(url).status_code == 403  # a unit's clerk: not the office's runs
    assert Client().get(url).status_code == 401
    assert api.get(f"/api/v1/periods/khac/runs/{run.pk}").status_code == 404
    queued = api.get(url).json()
    assert queued == {
        "id": run.pk,
        "period": "vi-du",
        "status": "queued",
        "message": "",
        "done": None,
        "total": None,
        "waiting": None,
    }
    assert api.get("/api/v1/periods/vi-du/run").json() == queued  # the last run: this one
    before = dt.datetime.now(VN).replace(microsecond=0)
    holder = build_holding(data_dir / run.folder)
    after = dt.datetime.now(VN)
    with holding(holder) as release, workers(data_dir, None, 1, tmp_path / "logs"):
        body = until(lambda: (b := api.get(url).json())["waiting"] and b, timeout=600, step=1)
        assert body["status"] == "running" and body["done"] is body["total"] is None, body
        assert body["message"] in _said(holder.pid, (before, after)), body
        since = body["waiting"].pop("since")
        assert body["waiting"] == {
            "holder": "một lần tạo hồ sơ chạy bằng dòng lệnh trên máy chủ",
            "user": getpass.getuser(),
            "pid": holder.pid,
        }
        assert since.endswith("+07:00") and before <= dt.datetime.fromisoformat(since) <= after
        release()
        counted = until(lambda: (b := api.get(url).json())["total"] and b, timeout=600, step=0.5)
        assert counted["waiting"] is None and 0 <= counted["done"] <= counted["total"], counted
        done = until(lambda: (b := api.get(url).json())["status"] != "running" and b, 900, 1)
    assert done["status"] == "done" and done["waiting"] is None, done
    assert "Đang chờ" not in done["message"]
