"""What a security probe found: client addresses behind a reverse proxy, limits on uploads and
builds, a password every user can change, one-line fields and the 400 page."""

from __future__ import annotations

import http.cookiejar
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.test import Client

from pipeline.web.accounts import issue_token
from pipeline.web.models import Build, Proposal, Upload
from tests.webtools import make_people, new_proposal, upload_file
from tests.workers import serving

DEMO_PASSWORD = "hoso-demo-2026"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Leave a 302 as the answer (a log-in that worked)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _log_in(url: str, password: str, forwarded_for: str) -> int:
    """Log `vanthu` in through the real form, as a proxy forwarding this client: the status."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    headers = {"X-Forwarded-For": forwarded_for}
    with opener.open(urllib.request.Request(url + "/dang-nhap/", headers=headers)) as page:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
    assert token is not None
    form = {"username": "vanthu", "password": password, "csrfmiddlewaretoken": token.group(1)}
    body = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url + "/dang-nhap/", data=body, headers=headers)
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _failed_from(data: Path) -> list[str]:
    """The addresses the audit log gives the failed log-ins."""
    with sqlite3.connect(data / "hoso.sqlite3") as db:
        rows = db.execute("SELECT ip FROM web_auditentry WHERE action = 'dang-nhap-sai'")
        return [ip for (ip,) in rows]


def test_behind_a_trusted_proxy_the_lockout_and_the_log_use_the_client_address(
    tmp_path: Path,
) -> None:
    data = tmp_path / "du-lieu"
    env = {"HOSO_TRUSTED_PROXY": "127.0.0.1"}
    with serving(data, tmp_path / "serve.log", env=env) as url:
        tries = [_log_in(url, "sai-mat-khau", "203.0.113.7") for _ in range(5)]
        assert tries == [200] * 4 + [429]  # the fifth failure locks the name from that client
        assert _log_in(url, DEMO_PASSWORD, "203.0.113.7") == 429
        assert _log_in(url, DEMO_PASSWORD, "198.51.100.9") == 302  # the clerk is not
    assert set(_failed_from(data)) == {"203.0.113.7"}


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_lockout(
    tmp_path: Path,
) -> None:
    data = tmp_path / "du-lieu"
    with serving(data, tmp_path / "serve.log") as url:
        tries = [_log_in(url, "sai-mat-khau", f"203.0.113.{n}") for n in range(5)]
        assert tries == [200] * 4 + [429]
        assert _log_in(url, DEMO_PASSWORD, "198.51.100.9") == 429
    assert set(_failed_from(data)) == {"127.0.0.1"}


def test_serve_refuses_a_trusted_proxy_that_is_not_an_address() -> None:
    from pipeline.cli.web import serve

    said = CliRunner().invoke(serve, ["--trusted-proxy", "proxy.local", "--port", "1"])
    assert said.exit_code != 0
    assert "“proxy.local” không phải một địa chỉ IP (--trusted-proxy)" in str(said.exception)


def _api(name: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(name)}")


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_a_clerk_uploading_too_often_is_told_to_wait_and_nothing_more_is_kept(
    example, settings
) -> None:
    settings.MAX_UPLOADS_PER_MINUTE = 2
    people = make_people()
    pk = new_proposal(people.clerk_a)
    sent = [
        people.clerk_a.post(
            f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())}, follow=True
        )
        for _ in range(3)
    ]
    assert Upload.objects.count() == 2
    page = sent[-1].content.decode()
    assert (
        "Không nhận tệp: tài khoản này đã tải lên 2 tệp trong một phút vừa qua (tối đa 2); hãy "
        "chờ một phút rồi tải lên lại."
    ) in page
    assert len(list((settings.DATA_DIR / "tai-len" / str(pk)).iterdir())) == 2  # none left over
    other = new_proposal(people.clerk_b)  # another account is not held back
    sent_b = people.clerk_b.post(f"/de-nghi/{other}/tai-len/", {"file": upload_file(example())})
    assert sent_b.status_code == 302 and Upload.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_a_unit_over_its_space_for_uploads_is_refused(example, settings) -> None:
    size = example().stat().st_size
    settings.MAX_UNIT_STORAGE = size * 3 // 2
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())})
    again = people.clerk_a.post(
        f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())}, follow=True
    ).content.decode()
    assert Upload.objects.count() == 1
    assert "quá dung lượng" in again and "dành cho mỗi đơn vị; hãy báo người quản trị." in again
    with example().open("rb") as fh:
        refused = _api("a").post("/api/v1/builds", {"file": fh})
    assert refused.status_code == 413 and "quá dung lượng" in refused.json()["error"]
    assert Proposal.objects.count() == 1  # the API made no proposal for it


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_api_refuses_builds_beyond_those_a_unit_may_have_waiting(example, settings) -> None:
    settings.MAX_PENDING_BUILDS = 2
    make_people()
    api = _api("a")
    answers = []
    for _ in range(3):  # no worker: each build stays queued
        with example().open("rb") as fh:
            answers.append(api.post("/api/v1/builds", {"file": fh}))
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert answers[-1].json() == {
        "error": "đơn vị đang có 2 hồ sơ chờ tạo hoặc đang tạo (tối đa 2 cùng lúc); hãy chờ một "
        "hồ sơ tạo xong rồi tạo tiếp."
    }
    assert Build.objects.count() == 2 and Proposal.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_builds_too_often_are_refused_on_the_page_and_by_the_api(example, settings) -> None:
    settings.MAX_BUILDS_PER_MINUTE = 1
    people = make_people()
    with example().open("rb") as fh:
        assert _api("a").post("/api/v1/builds", {"file": fh}).status_code == 202
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())})
    page = people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/", follow=True).content.decode()
    assert (
        "Không tạo hồ sơ: tài khoản này đã tạo 1 hồ sơ trong một phút vừa qua (tối đa 1); hãy "
        "chờ một phút rồi tạo lại."
    ) in page
    with example().open("rb") as fh:
        again = _api("a").post("/api/v1/builds", {"file": fh})
    assert again.status_code == 429 and "hãy chờ một phút rồi tạo lại" in again.json()["error"]
    assert Build.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_every_user_changes_their_own_password_with_django_s_form_in_vietnamese() -> None:
    from django.contrib.auth import get_user_model

    from pipeline.web.models import AuditEntry
    from tests.webtools import PASSWORD, login

    people = make_people()
    page = people.clerk_a.get("/de-nghi/").content.decode()
    assert 'href="/doi-mat-khau/"' in page  # in the header of every page
    assert Client().get("/doi-mat-khau/")["Location"].startswith("/dang-nhap/")
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(get_user_model().objects.get(username="a"))
    form = {
        "old_password": PASSWORD,
        "new_password1": "mat-khau-moi-456",
        "new_password2": "mat-khau-moi-456",
    }
    assert guarded.post("/doi-mat-khau/", form).status_code == 403  # no CSRF token
    wrong = people.clerk_a.post("/doi-mat-khau/", {**form, "old_password": "sai"}).content.decode()
    assert "Mật khẩu hiện tại không đúng; hãy nhập lại." in wrong
    short = {**form, "new_password1": "12345", "new_password2": "12345"}
    said = people.clerk_a.post("/doi-mat-khau/", short).content.decode()
    assert (
        "Mật khẩu này quá ngắn: cần ít nhất 8 ký tự." in said
        and "Mật khẩu này hoàn toàn là số." in said
    )
    other = people.clerk_a.post("/doi-mat-khau/", {**form, "new_password2": "khac-han-789"})
    assert "Hai lần nhập mật khẩu mới không giống nhau." in other.content.decode()
    done = people.clerk_a.post("/doi-mat-khau/", form, follow=True).content.decode()
    assert "Đã đổi mật khẩu." in done
    assert AuditEntry.objects.filter(action="doi-mat-khau", username="a").count() == 1
    assert people.clerk_a.get("/de-nghi/").status_code == 200  # still logged in
    assert Client().post("/dang-nhap/", {"username": "a", "password": PASSWORD}).status_code == 200
    login("office")  # the other accounts are untouched
    fresh = Client().post("/dang-nhap/", {"username": "a", "password": "mat-khau-moi-456"})
    assert fresh.status_code == 302


def test_a_signer_s_name_with_a_line_break_is_refused_at_its_field(office) -> None:
    import re

    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    page = client.get("/dot-xet/quyet-dinh/sua/").content.decode()
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
    form["authority"] = re.search(r'<option value="([^"]*)" selected>', page).group(1)
    form.pop("csrfmiddlewaretoken", None)
    form["signer_name"] = "Nguyễn Văn A\n[office]\nname = 'X'"
    said = client.post("/dot-xet/quyet-dinh/sua/", form).content.decode()
    field = said.split('name="signer_name"')[1].split("</div>")[0]
    assert "Chỉ ghi trên một dòng: không xuống dòng, không có ký tự điều khiển." in field
    assert (folder / "dot-xet.toml").read_bytes() == before


@pytest.mark.django_db
def test_a_file_name_too_long_for_django_gets_a_page_that_names_it(client) -> None:
    boundary = "b0undary"
    name = "a" * 1500 + ".xlsx"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\nx\r\n--{boundary}--\r\n"
    ).encode()
    answer = client.post(
        "/dang-nhap/", body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert answer.status_code == 400
    assert "tên tệp quá dài" in answer.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_a_new_password_like_the_login_is_refused_in_vietnamese() -> None:
    from tests.webtools import PASSWORD, login

    make_people()
    office = login("office")
    like = {"old_password": PASSWORD, "new_password1": "office2026", "new_password2": "office2026"}
    said = office.post("/doi-mat-khau/", like).content.decode()
    assert "Mật khẩu quá giống thông tin của tài khoản (Tên đăng nhập); hãy chọn" in said
