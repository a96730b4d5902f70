"""`hoso serve`: the data folder set up, migrations run, the embedded worker started, waitress."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from pipeline.web.datadir import ENV, data_dir

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


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
def embedded_worker(folder: Path, queue: str | None) -> Iterator[subprocess.Popen | None]:
    """The embedded queue's worker as a child process, stopped on exit (none with a queue URL)."""
    if queue:
        yield None
        return
    command = [sys.executable, "-m", "pipeline.cli", "worker", "--data", str(folder)]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL, env=env)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def serve(folder: Path, host: str, port: int, queue: str | None) -> None:
    """Serve the app with waitress until stopped (Ctrl-C), with its worker beside it."""
    import waitress
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    # SIGTERM (a service manager, a test) stops like Ctrl-C: the worker is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with embedded_worker(folder, queue):
        waitress.serve(
            application,
            host=host,
            port=port,
            threads=8,
            # Far above the app's own limit, which answers in Vietnamese (pipeline.web.limits).
            max_request_body_size=settings.MAX_REQUEST_BYTES * 4,
            ident="hoso",
        )
