"""Errors of the period's actions, its stock page and the API are said in Vietnamese with files
named inside the period (or the folder a workbook was checked in), never by the server's path;
a plan the period does not find is listed with the plans the server has, by their titles."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from django.test import Client

from pipeline.files import os_error
from pipeline.jobs.model import JobQueueError, JobStatus
from pipeline.period.config import load_period
from pipeline.web import builds
from pipeline.web.accounts import add_user, issue_token
from pipeline.web.demo import add_period
from pipeline.web.models import Period, PeriodRun
from tests.test_web_period_problems import _shown, _spoil
from tests.webtools import PASSWORD, login, of_unit, office_login, unit_clerk, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

QUEUE_DOWN = "hàng đợi tạo văn bản của máy chủ không nhận việc lúc này; hãy thử lại sau ít phút"


def _text(page: bytes) -> str:
    return html.unescape(page.decode())


def test_a_stock_folder_that_cannot_be_written_is_named_inside_the_period(
    office, data_dir: Path
) -> None:
    client, folder = office
    (folder / "can-chinh-phoi").write_text("not a folder", encoding="utf-8")
    values = client.get("/dot-xet/quyet-dinh/phoi/").content.decode()
    typed = dict(re.findall(r'name="([\w-]+)" value="([^"]*)"', values))
    page = _text(client.post("/dot-xet/quyet-dinh/phoi/giay-khen/", typed, follow=True).content)
    assert "Không thực hiện được: trong thư mục dữ liệu, ở dot-xet/quyet-dinh/, có một tệp " in page
    assert str(data_dir) not in page


def test_a_queue_that_fails_is_said_without_its_broker_or_path(
    office, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = office

    def down(*args: object, **kwargs: object) -> str:
        raise JobQueueError(
            f"Không gửi được việc vào hàng đợi trên máy này ({data_dir}/hang-doi) "
            "(OperationalError: database is locked). Hãy kiểm tra máy chủ hàng đợi rồi thử lại."
        )

    monkeypatch.setattr(type(builds.queue()), "submit_period", down)
    page = _text(client.post("/dot-xet/quyet-dinh/van-ban/", follow=True).content)
    assert f"Không tạo được văn bản của đợt: {QUEUE_DOWN}" in page
    assert str(data_dir) not in page and "database is locked" not in page


def _failed_run_page(client: Client, monkeypatch: pytest.MonkeyPatch, said: str) -> str:
    """The period "quyet-dinh" page once its run of documents failed, its job saying `said`."""
    period = Period.objects.get(slug="quyet-dinh")
    PeriodRun.objects.create(period=period, folder="lan-tao/abc", job_id="x", status="running")
    monkeypatch.setattr(
        type(builds.queue()), "status", lambda self, job: JobStatus(job, "failed", said)
    )
    return _text(client.get("/dot-xet/quyet-dinh/").content)


def test_a_failed_run_names_files_inside_the_period(
    office, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, folder = office
    said = f"Không đọc được {folder}/don-vi/01-phong.xlsx: tệp đang mở trong Excel."
    page = _failed_run_page(client, monkeypatch, said)
    assert "Không đọc được don-vi/01-phong.xlsx: tệp đang mở trong Excel." in page
    assert str(data_dir) not in page


def test_the_api_names_a_file_where_it_was_checked_not_the_server_s_path(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    unit = load_period(data_dir / "dot-xet" / "vi-du").config.units[0].name
    add_user("clerk", "van-thu", PASSWORD, unit)
    token = issue_token("clerk")

    def unreadable(data: object, folder: Path) -> None:
        raise os_error(PermissionError(13, "Permission denied"), folder / "so-lieu.xlsx", "đọc")

    monkeypatch.setattr("pipeline.web.api.check_incoming", unreadable)
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/check", {"file": io.BytesIO(b"x")}
    )
    error = answer.json()["error"]
    assert error.startswith("Không đọc được so-lieu.xlsx: "), error
    assert "/tmp" not in error and str(data_dir) not in error


def test_a_plan_the_server_lacks_is_said_with_the_plans_it_has_by_title(data_dir: Path) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    config = load_period(data_dir / period.folder).config_path
    _spoil(config, ('plan = "bu-gia-map-cds-2022-2025"', 'plan = "bu-gia-map-2099"'))
    add_user("office", "thi-dua", PASSWORD)
    said = _shown(login("office").get("/dot-xet/vi-du/").content.decode())
    (plan,) = [line for line in said if line.startswith("Kế hoạch: ")]
    assert plan.startswith(
        "Kế hoạch: máy chủ không có kế hoạch “bu-gia-map-2099” (các kế hoạch có sẵn: “Kế hoạch "
    ), plan
    assert "bu-gia-map-cds-2022-2025" not in plan and "“Kế hoạch phát động phong trào" in plan


def test_a_queue_that_does_not_answer_leaves_the_period_page_open(
    office, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = office
    period = Period.objects.get(slug="quyet-dinh")
    PeriodRun.objects.create(period=period, folder="lan-tao/abc", job_id="x", status="running")

    def down(self: object, job: str) -> JobStatus:
        raise JobQueueError(f"Không đọc được trạng thái từ hàng đợi ({data_dir}/hang-doi).")

    monkeypatch.setattr(type(builds.queue()), "status", down)
    response = client.get("/dot-xet/quyet-dinh/")
    assert response.status_code == 200
    page = _text(response.content)
    assert QUEUE_DOWN in page and str(data_dir) not in page
    assert PeriodRun.objects.get().status == "running"  # nothing recorded from a silent queue


@pytest.fixture
def clerk_with_upload(data_dir: Path, example):  # type: ignore[no-untyped-def]
    """The example period, a clerk of its unit that sent nothing with one valid version uploaded,
    the office: (clerk, office, proposal id, unit folder of the period)."""
    who = unit_clerk(data_dir)
    who.upload(of_unit(example(), who.unit.name, data_dir / "cua-don-vi.xlsx"), "de-nghi.xlsx")
    return who.clerk, office_login(), who.pk, who.folder.units_dir


def _refusing(where: Path, doing: str = "ghi"):  # type: ignore[no-untyped-def]
    def refuse(*args: object, **kwargs: object) -> None:
        raise os_error(PermissionError(13, "Permission denied"), where, doing)

    return refuse


def test_the_clerk_and_the_office_never_read_a_server_path(
    clerk_with_upload, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clerk, office, pk, units = clerk_with_upload
    monkeypatch.setattr("pipeline.web.office._submit", _refusing(units / "05-trung-tam.xlsx"))
    page = _text(clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content)
    assert "Không nộp được: Không ghi được don-vi/05-trung-tam.xlsx: " in page, page
    monkeypatch.setattr(
        "pipeline.web.versions.store_upload", _refusing(data_dir / "tai-len" / str(pk) / "3.xlsx")
    )
    upload = {"file": upload_file(data_dir / "cua-don-vi.xlsx", "de-nghi.xlsx")}
    page = _text(clerk.post(f"/de-nghi/{pk}/tai-len/", upload, follow=True).content)
    assert f"Không nhận tệp: Không ghi được tai-len/{pk}/3.xlsx: " in page, page
    monkeypatch.setattr("pipeline.web.builds.submit", _queue_down)
    page = _text(clerk.post(f"/de-nghi/{pk}/tao-ho-so/", follow=True).content)
    assert f"Không tạo hồ sơ: {QUEUE_DOWN}" in page, page
    assert str(data_dir) not in page
    monkeypatch.undo()
    clerk.post(f"/de-nghi/{pk}/nop/")
    kept = units.parent / "tra-lai" / "x" / "05-trung-tam.xlsx"
    monkeypatch.setattr("pipeline.web.returns._send_back", _refusing(kept))
    answer = office.post(f"/dot-xet/vi-du/tra-lai/{pk}/", {"ly_do": "Thiếu."}, follow=True)
    page = _text(answer.content)
    assert "Không ghi được tra-lai/x/05-trung-tam.xlsx: " in page, page
    assert str(data_dir) not in page


def _queue_down(*args: object, **kwargs: object) -> None:
    raise JobQueueError("Không gửi được việc vào hàng đợi redis://máy-chủ:6379 (ConnectionError).")


# A file of the server outside the data folder, as a failed build names it (the program's own).
LEGAL = Path(__file__).resolve().parent.parent / "data" / "legal.toml"


def test_a_failed_run_names_a_server_file_by_its_name_alone(
    office, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    client, _ = office
    said = f"Không đọc được {LEGAL}: dòng 3, thiếu dấu “=”."
    page = _failed_run_page(client, monkeypatch, said)
    assert "Không đọc được legal.toml: dòng 3, thiếu dấu “=”." in page
    assert str(LEGAL.parent) not in page
    assert said in caplog.text  # the whole text is the administrator's, in the server's log


def test_a_clerks_failed_build_names_a_server_file_by_its_name_alone(
    example, data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline.web.models import Build, Upload

    who = unit_clerk(data_dir)
    clerk, pk = who.clerk, who.pk
    who.upload(example(), "hoso.xlsx")
    upload = Upload.objects.get(proposal_id=pk)
    build = Build.objects.create(proposal_id=pk, upload=upload, job_id="x", folder="ho-so/x")
    said = f"Không đọc được {LEGAL}: dòng 3, thiếu dấu “=”; xem {data_dir}/ho-so/x/nhat-ky.txt."
    monkeypatch.setattr(
        type(builds.queue()), "status", lambda self, job: JobStatus(job, "failed", said)
    )
    # The page, its live part as htmx polls it, the page again (the clerk comes back to it).
    for address in (f"/ho-so/{build.pk}/", f"/ho-so/{build.pk}/tien-do/", f"/ho-so/{build.pk}/"):
        page = _text(clerk.get(address).content)
        assert "Không đọc được legal.toml: dòng 3, thiếu dấu “=”; xem nhat-ky.txt." in page, page
        assert str(LEGAL.parent) not in page and str(data_dir) not in page
    # The whole text is the administrator's, in the server's log once: not at each view.
    assert caplog.text.count(said) == 1, caplog.text
