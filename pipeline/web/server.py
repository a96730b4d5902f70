"""`hoso serve`: the data folder set up, migrations run, the embedded worker started, waitress."""

from __future__ import annotations

import contextlib
import errno
import io
import ipaddress
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import HosoError
from pipeline.files import reason
from pipeline.jobs.model import PARENT_STOPS
from pipeline.jobs.tether import TiedProcess
from pipeline.web.datadir import ENV, data_dir
from pipeline.web.waitress_errors import speak_vietnamese

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
EVERY_ADDRESS = {"0.0.0.0", "::", ""}  # a host that listens on all of the machine's addresses
PROBE = ("10.254.254.254", 1)  # any outward address: a UDP connect picks the route, sends nothing


def browser_addresses(host: str, port: int) -> list[tuple[str, str]]:
    """The addresses a browser can open, each with where from: for a host of every address, the
    machine's LAN addresses (else its name) and this machine's own; else the host itself."""
    if host not in EVERY_ADDRESS:
        shown = f"[{host}]" if ":" in host else host
        return [(f"http://{shown}:{port}/", "")]
    outward = lan_addresses() or [socket.gethostname()]
    return [
        *((f"http://{ip}:{port}/", "từ máy khác trong mạng") for ip in outward),
        (f"http://127.0.0.1:{port}/", "trên máy này"),
    ]


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses others reach it at: the one its outward route sends from,
    then those of its host name; loopback left out."""
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(PROBE)
        found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    return [ip for ip in dict.fromkeys(found) if not ip.startswith(("127.", "0."))]


def setup(data: Path | None, queue: str | None = None, host: str = "127.0.0.1") -> Path:
    """Point Django at the data folder, start it and bring its database up to date."""
    folder = data_dir(data)
    os.environ[ENV] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pipeline.web.settings"
    if queue:
        os.environ["HOSO_QUEUE"] = queue
    if host not in LOOPBACK and "HOSO_ALLOWED_HOSTS" not in os.environ:
        os.environ["HOSO_ALLOWED_HOSTS"] = "*"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    return folder


@contextlib.contextmanager
def embedded_worker(folder: Path, queue: str | None) -> Iterator[TiedProcess | None]:
    """The embedded queue's worker as a child process, stopped on exit (none with a queue URL)."""
    if queue:
        yield None
        return
    command = [sys.executable, "-m", "pipeline.cli", "worker", "--data", str(folder)]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env[PARENT_STOPS] = "1"  # Ctrl-C reaches it too: the server stops it, and says so once
    # Tied to this server: if it is killed (kill -9, the out-of-memory killer), the worker stops
    # too rather than run on holding LibreOffice and its job (pipeline.jobs.tether).
    child = TiedProcess(command, env, stdin=subprocess.DEVNULL)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def proxy_address(address: str) -> str:
    """The reverse proxy's IP address as waitress compares it, or HosoError saying why not."""
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        raise HosoError(
            f"“{address}” không phải một địa chỉ IP (--trusted-proxy): hãy ghi địa chỉ của "
            "reverse proxy, ví dụ 127.0.0.1 khi proxy chạy trên cùng máy."
        ) from None


def proxy_options(trusted_proxy: str | None) -> dict[str, object]:
    """waitress's options to take the client's address from the proxy's X-Forwarded-For (its
    last hop, which the proxy itself wrote) and the scheme from X-Forwarded-Proto; none without
    a trusted proxy, and then waitress drops those headers: a client cannot forge its address."""
    if not trusted_proxy:
        return {}
    return {
        "trusted_proxy": proxy_address(trusted_proxy),
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
    }


def serve(
    folder: Path,
    host: str,
    port: int,
    queue: str | None,
    ready: Callable[[], None] = lambda: None,
    trusted_proxy: str | None = None,
) -> None:
    """Serve the app with waitress until stopped (Ctrl-C), with its worker beside it; `ready` is
    called once the address is taken (to tell the user where to point the browser). Behind a
    reverse proxy at `trusted_proxy`, REMOTE_ADDR is the client's, for django-axes and the log."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    server = _bind(
        application,
        host=host,
        port=port,
        threads=8,
        # Far above the app's own limit, which answers in Vietnamese (pipeline.web.limits).
        max_request_body_size=settings.MAX_REQUEST_BYTES * 4,
        ident="hoso",
        **proxy_options(trusted_proxy),
    )
    speak_vietnamese(server)
    # SIGTERM (a service manager, a test) stops like Ctrl-C: the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ready()
    try:
        with embedded_worker(folder, queue):
            server.run()
    finally:
        server.close()


def _bind(application: Callable, host: str, port: int, **options: object):  # type: ignore[no-untyped-def]
    """waitress's server on host:port, the address taken; HosoError saying why it cannot be."""
    import waitress.server

    try:
        return waitress.server.create_server(application, host=host, port=port, **options)
    # Before OSError, of which gaierror is one: a host name that resolves to nothing.
    except (ValueError, socket.gaierror):
        raise HosoError(
            f"Không mở được ứng dụng web: không tìm thấy địa chỉ “{host}” (--host); hãy dùng "
            "127.0.0.1, 0.0.0.0 hoặc một địa chỉ IP của máy."
        ) from None
    except OSError as exc:
        why = {
            errno.EADDRINUSE: (
                f"cổng {port} đang được một chương trình khác dùng (có thể là một “hoso serve” "
                "khác đang chạy): hãy dừng chương trình đó, hoặc chọn cổng khác bằng --port"
            ),
            errno.EACCES: (
                f"không có quyền mở cổng {port} (cổng dưới 1024 cần quyền quản trị): hãy chọn "
                "cổng từ 1024 trở lên bằng --port, ví dụ 8000"
            ),
            errno.EADDRNOTAVAIL: (
                f"địa chỉ {host} không thuộc máy này: hãy dùng --host 0.0.0.0 (mọi địa chỉ của "
                "máy) hoặc một địa chỉ IP của máy"
            ),
        }.get(exc.errno or 0, reason(exc, "mở"))
        raise HosoError(f"Không mở được ứng dụng web ở {host}:{port}: {why}.") from None
