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

from click.testing import CliRunner

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
