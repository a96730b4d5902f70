"""Uploads too large for the app: a Vietnamese page from the server, a Vietnamese note before
sending in the browser, never waitress's English text."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.workers import serving, start_proposal

SMALL = 256 * 1024  # HOSO_MAX_UPLOAD of the test server: 1 MiB per request, 4 MiB for waitress
DEMO_PASSWORD = "hoso-demo-2026"


@pytest.mark.django_db
def test_a_request_over_the_limit_gets_a_vietnamese_page(client, settings) -> None:
    settings.MAX_REQUEST_BYTES = 1_048_576
    response = client.post(
        "/dang-nhap/", data=b"x" * (3 * 1_048_576), content_type="application/octet-stream"
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp gửi lên quá lớn" in page
    assert "Lần gửi này có 3,0 MB; mỗi lần gửi tối đa 1,0 MB." in page
    small = client.get("/dang-nhap/")
    assert small.status_code == 200


@pytest.mark.browser
def test_the_real_server_and_the_browser_refuse_a_large_upload_in_vietnamese(
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    env = {"HOSO_MAX_UPLOAD": str(SMALL)}
    with serving(tmp_path / "du-lieu", tmp_path / "serve.log", env=env) as url:
        request = urllib.request.Request(
            url + "/dang-nhap/", data=b"x" * (2 * 1_048_576), method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 413
        body = refused.value.read().decode()
        assert "Tệp gửi lên quá lớn" in body and "Request Entity Too Large" not in body
        big = tmp_path / "de-nghi.xlsx"
        big.write_bytes(b"x" * (3 * SMALL))
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = chromium.new_page()
            page.goto(url + "/")
            page.fill("#id_username", "vanthu")
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            proposal = start_proposal(page)
            page.set_input_files("input[type=file]", str(big))
            page.click("form[enctype='multipart/form-data'] button[type=submit]")
            note = page.locator(".msg.error.limit")
            note.wait_for(timeout=10_000)
            assert note.inner_text() == (
                "Tệp “de-nghi.xlsx” có 0,8 MB, quá giới hạn 0,3 MB mỗi tệp: hãy chọn tệp nhỏ hơn."
            )
            assert page.url == proposal  # nothing was sent
            chromium.close()


def test_what_waitress_itself_refuses_is_a_vietnamese_page_too(tmp_path: Path) -> None:
    # Over waitress's own limit (four times the app's) and malformed requests never reach the
    # app: waitress answers them, and the clerk's browser shows that answer.
    env = {"HOSO_MAX_UPLOAD": str(SMALL)}
    with serving(tmp_path / "du-lieu", tmp_path / "serve.log", env=env) as url:
        port = int(url.rsplit(":", 1)[1])
        huge = _raw(
            port, b"POST /dang-nhap/ HTTP/1.1\r\nHost: x\r\nContent-Length: 9000000\r\n\r\n"
        )
        malformed = _raw(
            port, b"GET /dang-nhap/ HTTP/1.1\r\nHost: x\r\nContent-Length: nam\r\n\r\n"
        )
    head, _, body = huge.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"Content-Type: text/html; charset=utf-8" in head
    page = body.decode("utf-8")
    assert "<h1>Tệp gửi lên quá lớn</h1>" in page
    assert "Lần gửi này quá lớn: mỗi lần gửi tối đa 1,0 MB." in page
    assert "Request Entity Too Large" not in page and "waitress" not in page
    head, _, body = malformed.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert "<h1>Yêu cầu không hợp lệ</h1>" in body.decode("utf-8")
    assert b"Bad Request" not in body


def _raw(port: int, request: bytes) -> bytes:
    """What the server answers to `request` sent as is (headers only, no body follows)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


@pytest.mark.django_db
def test_too_many_files_at_once_are_refused_in_vietnamese(client, settings) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    def pdfs(count: int) -> list[SimpleUploadedFile]:
        return [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4") for i in range(count)]

    # Over Django's own cap: refused before any view, on a Vietnamese page.
    over = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    response = client.post("/dang-nhap/", {"tep": pdfs(over)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Yêu cầu không hợp lệ</h1>" in page and "Bad Request" not in page
    assert f"mỗi lần tải lên tối đa {settings.MAX_UPLOAD_FILES} tệp" in page
