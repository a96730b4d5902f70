"""The web app's doors: log-in, roles, another unit's things (404), CSRF, throttling, the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pipeline.web.models import AuditEntry, Build, Upload
from tests.webtools import (
    PASSWORD,
    broken_copy,
    login,
    make_people,
    new_proposal,
    upload_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_pages_need_a_login() -> None:
    response = Client().get("/de-nghi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")
    page = Client().get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_each_role_starts_on_its_page() -> None:
    people = make_people()
    assert people.clerk_a.get("/")["Location"] == "/de-nghi/"
    assert people.office.get("/")["Location"] == "/dot-xet/"
    assert people.admin.get("/")["Location"] == "/nhat-ky/"
    assert people.clerk_a.get("/dot-xet/").status_code == 404  # the office's pages
    assert people.office.get("/de-nghi/").status_code == 404  # a clerk's pages


def test_a_clerk_cannot_read_another_units_upload_by_guessing(example, tmp_path: Path) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    bad, _ = broken_copy(example(), tmp_path / "sai.xlsx")
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(bad)})
    upload = Upload.objects.get(proposal_id=pk)
    own = people.clerk_a.get(f"/tep-excel/{upload.pk}/")
    assert own.status_code == 200 and b"".join(own.streaming_content) == bad.read_bytes()
    for url in (
        f"/de-nghi/{pk}/",
        f"/de-nghi/{pk}/phien-ban/1/",
        f"/tep-excel/{upload.pk}/",
    ):
        assert people.clerk_b.get(url).status_code == 404, url
    assert (
        people.clerk_b.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(bad)}).status_code
        == 404
    )
    assert people.clerk_b.post(f"/de-nghi/{pk}/tao-ho-so/").status_code == 404
    assert people.clerk_b.post(f"/de-nghi/{pk}/nop/").status_code == 404
    assert Upload.objects.filter(proposal_id=pk).count() == 1


def test_no_one_else_reaches_a_builds_signed_copies_by_guessing(example) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    people.clerk_a.post(f"/de-nghi/{pk}/tao-ho-so/")  # queued: no worker runs in this test
    build = Build.objects.get(proposal_id=pk)
    assert people.clerk_a.get(f"/ho-so/{build.pk}/").status_code == 200
    reads = (f"/ho-so/{build.pk}/da-ky/0/", f"/ho-so/{build.pk}/goi-nop.zip")
    upload = f"/ho-so/{build.pk}/da-ky/"
    for client in (people.clerk_b, people.office, people.admin):
        for url in reads:
            assert client.get(url).status_code == 404, url
        pdf = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.7 ...")
        assert client.post(upload, {"tep": [pdf]}).status_code == 404
    for url in (*reads, upload):
        anonymous = Client().get(url) if url != upload else Client().post(upload)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    assert not AuditEntry.objects.filter(action__in=["tai-len-da-ky", "tai-ve-ban-da-ky"]).exists()
    assert not AuditEntry.objects.filter(action="tai-goi-nop").exists()


def test_forms_refuse_a_post_without_the_csrf_token(example) -> None:
    make_people()
    client = Client(enforce_csrf_checks=True)
    # The log-in form itself: without the token, no log-in.
    refused = client.post("/dang-nhap/", {"username": "a", "password": PASSWORD})
    assert refused.status_code == 403
    assert "thiếu mã CSRF" in refused.content.decode()
    page = client.get("/dang-nhap/")
    token = page.cookies["csrftoken"].value
    ok = client.post(
        "/dang-nhap/", {"username": "a", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert ok.status_code == 302
    # Logged in: starting a proposal or uploading without the token is refused too.
    assert (
        client.post(
            "/de-nghi/", {"plan_review": "bu-gia-map-cds-2022-2025/so-ket-2023"}
        ).status_code
        == 403
    )
    with example().open("rb") as fh:
        assert client.post("/de-nghi/1/tai-len/", {"file": fh}).status_code == 403
    assert not Upload.objects.exists()


def test_log_in_is_throttled_after_five_failures() -> None:
    make_people()
    client = Client()
    for _ in range(4):
        wrong = client.post("/dang-nhap/", {"username": "a", "password": "sai-mat-khau"})
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in wrong.content.decode()
    fifth = client.post("/dang-nhap/", {"username": "a", "password": "sai-mat-khau"})
    assert fifth.status_code == 429
    locked = client.post("/dang-nhap/", {"username": "a", "password": PASSWORD})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked by someone guessing "a".
    assert login("b").session["_auth_user_id"]


def test_the_audit_log_names_who_did_what(example, tmp_path: Path) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example(), "de-nghi.xlsx")})
    upload = Upload.objects.get(proposal_id=pk)
    people.clerk_a.get(f"/tep-excel/{upload.pk}/")
    Client().post("/dang-nhap/", {"username": "b", "password": "nham"})
    entries = {(e.username, e.action) for e in AuditEntry.objects.all()}
    assert ("a", "dang-nhap") in entries
    assert ("a", "tao-de-nghi") in entries
    assert ("a", "tai-len") in entries
    assert ("a", "tai-ve-tep-excel") in entries
    assert ("", "dang-nhap-sai") in entries
    uploaded = AuditEntry.objects.get(action="tai-len")
    assert upload.sha256 in uploaded.detail and "de-nghi.xlsx" in uploaded.detail
    page = people.admin.get("/nhat-ky/").content.decode()
    assert ">Tải lên tệp Excel</td>" in page and upload.sha256 in page
    assert ">Đăng nhập sai</td>" in page  # in words, with the code as the cell's title
    assert people.clerk_a.get("/nhat-ky/").status_code == 404


def test_every_action_the_code_logs_has_words_on_the_log_page() -> None:
    import ast

    from pipeline.web.models import ACTION_LABELS

    web = Path(__file__).resolve().parent.parent / "pipeline" / "web"
    logged = set()
    for path in web.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            if isinstance(node, ast.Call) and getattr(name, "id", None) == "audit":
                assert isinstance(node.args[1], ast.Constant), f"{path}:{node.lineno}"
                logged.add(node.args[1].value)
    assert len(logged) > 15
    assert logged <= set(ACTION_LABELS), logged - set(ACTION_LABELS)


def _every_address(
    prefixes: tuple[str, ...], values: dict[str, object], *, objects_only: bool = False
) -> list[str]:
    """Every address of the app under these prefixes, its parts filled with `values` (with
    `objects_only`, only the addresses of one object, not a user's own lists)."""
    import re

    from pipeline.web import urls

    found = []
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        if route.startswith(prefixes) and ("<" in route or not objects_only):
            found.append("/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), route))
    return found


def test_no_address_of_the_office_answers_a_clerk_or_a_stranger() -> None:
    """Every address under /dot-xet/ (a period, its documents, council, stock, edit page), found
    from the URL list itself so that a new one is covered too: 404 for a clerk, log-in for anyone
    not logged in, and nothing written."""
    from django.conf import settings

    from pipeline.period.config import load_period
    from pipeline.web.demo import DECIDED_PLAN, add_period
    from pipeline.web.models import PeriodRun

    people = make_people()
    period = add_period("quyet-dinh", DECIDED_PLAN, None, example=True)
    run = PeriodRun.objects.create(period=period, status="done", folder="dot-xet-ket-qua/x")
    sent = next((Path(settings.DATA_DIR) / period.folder / "don-vi").glob("*.xlsx")).name
    values = {"slug": "quyet-dinh", "kind": "giay-khen", "pk": run.pk, "index": 0, "name": sent}
    addresses = _every_address(("dot-xet/",), values)
    assert len(addresses) >= 15, addresses
    stranger = Client()
    form = {"offset_x": "9", "deadline": "01/01/2030", "new_units": "Đơn vị lạ", "ly_do": "x"}
    for address in addresses:
        for client in (people.clerk_a, people.clerk_b):
            # The method the address takes says 404; the other one 405 (it reveals no object).
            statuses = {client.get(address).status_code, client.post(address, form).status_code}
            assert statuses <= {404, 405} and 404 in statuses, (address, statuses)
        response = stranger.get(address)
        if response.status_code == 405:
            response = stranger.post(address, form)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/dang-nhap/"), address
    done = AuditEntry.objects.exclude(action__in=["dang-nhap", "them-tai-khoan"])
    assert not done.exists(), list(done)
    folder = load_period(Path(settings.DATA_DIR) / period.folder)
    assert "Đơn vị lạ" not in [u.name for u in folder.config.units]
    assert not (folder.folder / "can-chinh-phoi").exists()


def test_no_address_of_a_clerk_answers_the_office_or_another_unit(example) -> None:
    """A unit's proposal, its versions and builds are the unit's: the office sees what was
    submitted on its period page, never a clerk's own pages, and another unit's clerk nothing
    (404; every address from the URL list itself, for objects that exist)."""
    people = make_people()
    pk = new_proposal(people.clerk_a)
    people.clerk_a.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(example())})
    upload = Upload.objects.get(proposal_id=pk)
    build = Build.objects.create(proposal_id=pk, upload=upload, job_id="x", folder="x")
    assert people.clerk_a.get(f"/de-nghi/{pk}/").status_code == 200
    values = {"pk": pk, "version": 1, "index": 0, "number": 1}
    addresses = _every_address(("de-nghi/",), values, objects_only=True)
    addresses += _every_address(("tep-excel/",), values | {"pk": upload.pk}, objects_only=True)
    addresses += _every_address(("ho-so/",), values | {"pk": build.pk}, objects_only=True)
    assert len(addresses) >= 12, addresses
    for address in addresses:
        for client in (people.office, people.clerk_b):
            statuses = {client.get(address).status_code, client.post(address).status_code}
            assert statuses <= {404, 405} and 404 in statuses, (address, statuses)
    assert Upload.objects.filter(proposal_id=pk).count() == 1
    assert Build.objects.filter(proposal_id=pk).count() == 1


def test_an_api_address_opened_with_the_wrong_method_says_so_in_the_api_s_json() -> None:
    from django.test import Client

    response = Client().get("/api/v1/check")  # a script reads the status, Allow and the error
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert response.json() == {"error": "Địa chỉ này chỉ nhận POST."}
    assert response["Content-Length"] == str(len(response.content))
