"""`hoso user add|token` and `hoso serve` as an office runs them: data folder, key, messages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.workers import free_port, until

REPO = Path(__file__).resolve().parent.parent
HOSO = [sys.executable, "-m", "pipeline.cli"]


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "HOSO_DATA")}
    return subprocess.run(
        [*HOSO, *args], input=stdin, text=True, capture_output=True, cwd=REPO, env=env, timeout=300
    )


def _demo_data(data: Path) -> Path:
    """A data folder with the demo's period and accounts (as `hoso serve --demo` makes them)."""
    demo = "from pipeline.web.server import setup; setup(None); "
    demo += "from pipeline.web.demo import make_demo; make_demo()"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    made = subprocess.run([sys.executable, "-c", demo], env=env | {"HOSO_DATA": str(data)},
                          cwd=REPO, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert made.returncode == 0, made.stderr
    return data


def test_user_add_reads_the_password_from_standard_input_and_makes_the_data_folder(
    tmp_path: Path,
) -> None:
    data = tmp_path / "du-lieu"
    added = _run("user", "add", "vt", "--role", "van-thu", "--unit", "Ủy ban nhân dân xã A",
                 "--data", str(data), stdin="mat-khau-dai\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Đã thêm tài khoản vt (Văn thư đơn vị, Ủy ban nhân dân xã A)."
    assert (data / "secret-key").stat().st_mode & 0o777 == 0o600
    assert (data / "hoso.sqlite3").is_file()
    token = _run("user", "token", "vt", "--data", str(data))
    assert token.returncode == 0 and len(token.stdout.strip()) >= 40
    again = _run(
        "user", "add", "vt", "--role", "thi-dua", "--data", str(data), stdin="khac-mat-khau\n"
    )
    assert again.returncode == 1
    assert again.stderr.strip() == "Lỗi: Tài khoản “vt” đã có."
    clerk = _run(
        "user", "add", "x", "--role", "van-thu", "--data", str(data), stdin="mat-khau-dai\n"
    )
    assert clerk.stderr.strip() == "Lỗi: Văn thư phải thuộc một đơn vị: thêm --unit “tên đơn vị”."
    short = _run("user", "add", "y", "--role", "thi-dua", "--data", str(data), stdin="ngan\n")
    assert short.stderr.strip() == "Lỗi: Mật khẩu phải có ít nhất 8 ký tự."
    missing = _run("user", "token", "khong-co", "--data", str(data))
    assert missing.stderr.strip() == "Lỗi: Không có tài khoản “khong-co”."


def test_the_data_folder_comes_from_hoso_data_when_not_given(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["HOSO_DATA"] = str(tmp_path / "tu-bien")
    done = subprocess.run(
        [*HOSO, "user", "add", "q", "--role", "quan-tri"], input="mat-khau-dai\n", text=True,
        capture_output=True, cwd=REPO, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "tu-bien" / "hoso.sqlite3").is_file()


def test_serve_on_another_address_says_how_to_put_it_behind_tls(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "HOSO_DATA")}
    proc = subprocess.Popen(
        [*HOSO, "serve", "--data", str(tmp_path / "d"), "--host", "0.0.0.0", "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env,
    )  # fmt: skip
    lines: list[str] = []

    def read() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if "HOSO_ORIGINS" in line:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        reader.join(timeout=120)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    said = "".join(lines)
    first = lines[0] if lines else ""
    assert first.startswith("Cảnh báo: ứng dụng đang nghe trên 0.0.0.0")
    assert "reverse proxy có TLS" in said and "HOSO_SECURE_COOKIES=1" in said


def test_user_add_units_makes_one_clerk_per_unit_without_one_and_a_private_list(
    tmp_path: Path,
) -> None:
    import openpyxl

    data = _demo_data(tmp_path / "du-lieu")
    blocked = tmp_path / "tep-thuong"
    blocked.write_text("")
    failed = _run("user", "add-units", "vi-du", "-o", str(blocked / "tk.xlsx"), "--data", str(data))
    assert failed.returncode == 1 and failed.stderr.startswith("Lỗi: Không ghi được")
    assert "Traceback" not in failed.stderr

    listing = tmp_path / "tai-khoan.xlsx"
    done = _run("user", "add-units", "vi-du", "-o", str(listing), "--data", str(data))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Đã tạo 3 tài khoản văn thư (mật khẩu chỉ hiện lần này):"  # 2 had one
    assert lines[-1] == f"Danh sách đã ghi vào {listing} (chỉ người tạo đọc được)."
    assert listing.stat().st_mode & 0o777 == 0o600
    rows = list(openpyxl.load_workbook(listing).active.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Đơn vị", "Tên đăng nhập", "Mật khẩu")
    for (_, unit, name, password), line in zip(rows[1:], lines[1:4], strict=True):
        assert line == f"  {unit}: {name} / {password}"
        assert name.startswith("vt-") and len(password) == 12
    # A second list never replaces the first (its passwords were shown only once).
    before = listing.read_bytes()
    refused = _run("user", "add-units", "vi-du-quyet-dinh", "-o", str(listing), "--data", str(data))
    assert refused.returncode == 1 and refused.stderr.strip() == (
        f"Lỗi: {listing} đã có: hoso không ghi đè (mật khẩu trong danh sách cũ chỉ hiện một lần). "
        "Hãy chọn tên tệp khác."
    )
    assert listing.read_bytes() == before
    named = _run(
        "user", "add-units", "vi-du-quyet-dinh", "-o", str(tmp_path / "tk2"), "--data", str(data)
    )
    assert named.returncode == 0 and (tmp_path / "tk2.xlsx").is_file(), named.stderr
    again = _run("user", "add-units", "vi-du", "--data", str(data))
    assert again.stdout.strip() == "Mọi đơn vị của đợt xét đã có tài khoản văn thư; không tạo thêm."
    unknown = _run("user", "add-units", "khong-co", "--data", str(data))
    assert (
        unknown.stderr.strip()
        == "Lỗi: Không có đợt xét “khong-co” (các đợt: vi-du, vi-du-quyet-dinh)."
    )


def test_serve_on_a_port_already_taken_says_so_and_starts_nothing(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _run("serve", "--port", str(port), "--data", str(tmp_path / "du-lieu"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr == (
        f"Lỗi: Không mở được ứng dụng web ở 127.0.0.1:{port}: cổng {port} đang được một chương "
        "trình khác dùng (có thể là một “hoso serve” khác đang chạy): hãy dừng chương trình đó, "
        "hoặc chọn cổng khác bằng --port.\n"
    )
    assert "Mở trình duyệt" not in done.stdout  # no address announced that does not answer
    unknown = _run("serve", "--host", "khong-co.invalid", "--data", str(tmp_path / "du-lieu"))
    assert unknown.returncode == 1 and unknown.stderr.startswith(
        "Lỗi: Không mở được ứng dụng web: không tìm thấy địa chỉ “khong-co.invalid” (--host)"
    )  # and no advice about a proxy for an address that was never opened


def test_user_add_warns_when_no_period_expects_the_clerks_unit(tmp_path: Path) -> None:
    data = _demo_data(tmp_path / "du-lieu")
    password = "mat-khau-dai-12345\n"
    typed = _run("user", "add", "a", "--role", "van-thu", "--unit", " UBND xã  Đức Hạnh ",
                 "--data", str(data), stdin=password)  # fmt: skip
    assert typed.returncode == 0, typed.stderr
    assert typed.stdout == "Đã thêm tài khoản a (Văn thư đơn vị, UBND xã Đức Hạnh).\n"
    assert typed.stderr == (
        "Cảnh báo: chưa đợt xét nào chờ đơn vị “UBND xã Đức Hạnh”: hồ sơ nộp lên sẽ thành một "
        "đơn vị ngoài danh sách. Tên phải viết như trong danh sách đơn vị của đợt xét. Tên gần "
        "giống: Ủy ban nhân dân xã Đức Hạnh.\n"
    )
    # Written as the period lists it (another case, another tone placement): no warning.
    exact = _run("user", "add", "b", "--role", "van-thu", "--unit", "uỷ ban nhân dân xã đức hạnh",
                 "--data", str(data), stdin=password)  # fmt: skip
    assert exact.returncode == 0 and exact.stderr == ""


def test_the_server_console_keeps_the_libraries_english_notes_away(tmp_path: Path) -> None:
    """A 404, an action's address opened as a page, a form without its CSRF token, wrong
    passwords until locked out: the pages answer in Vietnamese, the console stays clean."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.request

    from tests.workers import serving

    log = tmp_path / "serve.log"
    with serving(tmp_path / "d", log) as url:
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        form = browser.open(url + "/dang-nhap/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]  # type: ignore[index]
        wrong = f"csrfmiddlewaretoken={token}&username=vanthu&password=sai".encode()
        requests = [("/khong-co/", None), ("/dang-xuat/", None), ("/dang-nhap/", b"username=x")]
        requests += [("/dang-nhap/", wrong)] * 6  # until locked out
        codes = []
        for path, body in requests:
            try:
                codes.append(browser.open(url + path, data=body, timeout=60).status)
            except urllib.error.HTTPError as refused:
                codes.append(refused.code)
    assert codes[:3] == [404, 405, 403] and 429 in codes[3:], codes
    said = log.read_text(encoding="utf-8")
    for english in ("Not Found", "Method Not Allowed", "Forbidden", "Too Many Requests", "AXES"):
        assert english not in said, said


def _stopped_by(tmp_path: Path, sig: signal.Signals) -> tuple[int | None, str]:
    """Start `hoso serve` in its own process group, send `sig` to the whole group once the
    worker's ready line is out, and return the exit code and everything it said."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "HOSO_DATA")}
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*HOSO, "serve", "--data", str(tmp_path / "d"), "--port", str(free_port())],
            stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=env, start_new_session=True,
        )  # fmt: skip
    try:
        # As a person reads the banner and the worker's ready line before pressing Ctrl-C
        # (a fixed sleep raced the worker's start on a loaded machine).
        until(lambda: "Máy xử lý đang chạy" in log.read_text(encoding="utf-8"), 120)
        os.killpg(proc.pid, sig)
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return proc.returncode, log.read_text(encoding="utf-8")


def test_ctrl_c_stops_the_server_and_its_worker_saying_so_once(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the server and its worker (one process group): the server
    stops the worker, which says it is stopping once, and offers no "press Ctrl-C again"."""
    code, said = _stopped_by(tmp_path, signal.SIGINT)
    assert code == 0, said
    assert said.count("Đang dừng: chờ việc đang chạy làm xong…") == 1, said
    assert "lần nữa" not in said and "Traceback" not in said and "Đã dừng máy xử lý." in said


def test_a_stop_sent_to_the_whole_group_is_said_once_in_vietnamese(tmp_path: Path) -> None:
    # A service manager (systemd) stops the server and its worker together, then the server
    # stops its worker again: each stopping line is said once, and nothing in English.
    code, said = _stopped_by(tmp_path, signal.SIGTERM)
    assert code == 0, said
    assert said.count("Đang dừng: chờ việc đang chạy làm xong…") == 1, said
    assert said.rstrip().endswith("Đã dừng máy xử lý."), said
    assert "ERROR" not in said and "Traceback" not in said and "exited with" not in said
