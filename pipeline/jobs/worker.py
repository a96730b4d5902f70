"""run_worker(): a Celery worker for the embedded queue or for Redis, until it is stopped."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path

from pipeline.jobs import task
from pipeline.jobs.app import QUEUE, TIME_LIMIT, ensure_reachable, is_redis, make_app
from pipeline.jobs.model import PARENT_STOPS
from pipeline.jobs.tether import watch_parent
from pipeline.pdf.converter import default_pool_size


def run_worker(
    data_dir: Path,
    url: str | None = None,
    concurrency: int = 1,
    ready: Callable[[], None] = lambda: None,
) -> None:
    """Run a worker until stopped (the CLI's `hoso worker --data DIR [--queue URL]`).

    Each of its `concurrency` processes keeps one warm LibreOffice pool, the machine's cores
    shared among them. Ctrl-C (SIGINT) or SIGTERM lets the running jobs finish, then stops.
    """
    from celery import signals

    app = make_app(data_dir, url)
    if url is not None:
        ensure_reachable(app, url)
    # The user is told the worker runs once it takes jobs: its pool started and its Ctrl-C and
    # SIGTERM handlers set (a stop before that would end it without a word).
    signals.worker_ready.connect(lambda **_: ready(), weak=False)
    clear_leftovers()
    _celery_says_vietnamese()
    logging.getLogger("multiprocessing").addFilter(_pool_says_vietnamese)
    if os.environ.get(PARENT_STOPS):
        # `hoso serve`'s own worker: the terminal's Ctrl-C reaches the whole process group, and
        # the server then stops this worker itself (SIGTERM). Taking Ctrl-C here as well would
        # print Celery's "press Ctrl-C again to stop now" and the stopping line twice.
        signals.worker_ready.connect(_ignore_ctrl_c, weak=False)
    # Started by another hoso process (hoso serve, the tests): stop soon after it dies.
    watch_parent(lambda text: print(text, file=sys.stderr, flush=True))
    # Celery warns in English about running as root; hoso's tasks take JSON only (no pickle).
    warnings.filterwarnings("ignore", message=".*superuser privileges.*")
    task.pool_size = max(1, default_pool_size() // max(1, concurrency))
    name = f"hoso-{os.getpid()}-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
    argv = [
        "--quiet",
        "worker",
        "--loglevel=WARNING",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        f"--hostname={name}",
        f"--queues={QUEUE}",
        "--without-mingle",
        "--without-gossip",
    ]
    if not is_redis(url):
        argv.append("--without-heartbeat")  # no broadcast on the SQLite transport
    app.worker_main(argv)


# What Celery's worker prints on the terminal while it stops, said to the user in Vietnamese.
_SAID = {
    "worker: Hitting Ctrl+C again will initiate cold shutdown, terminating all running tasks!": (
        "Nhấn Ctrl-C lần nữa để dừng ngay: việc đang chạy sẽ bị dừng giữa chừng."
    ),
    "worker: Hitting Ctrl+C again will terminate all running tasks!": (
        "Nhấn Ctrl-C lần nữa để dừng ngay: việc đang chạy sẽ bị dừng giữa chừng."
    ),
    "worker: Warm shutdown (MainProcess)": "Đang dừng: chờ việc đang chạy làm xong…",
    "worker: Cold shutdown (MainProcess)": "Đang dừng ngay…",
    "Waiting gracefully for cold shutdown to complete...": "Đang chờ máy xử lý dừng hẳn…",
}


# billiard's line when a pool process ends by itself (a stop sent to the whole process group,
# a crash, the out-of-memory killer): "Process 'ForkPoolWorker-1' pid:15938 exited with
# 'signal 15 (SIGTERM)'".
_POOL_EXIT = "Process %r pid:%r exited with %r"


def _pool_says_vietnamese(record: logging.LogRecord) -> bool:
    """Say billiard's pool-process exit line in Vietnamese (the record is kept, reworded)."""
    if record.msg == _POOL_EXIT and len(record.args or ()) == 3:
        _, pid, status = record.args  # type: ignore[misc]
        record.msg, record.args = (
            "Tiến trình xử lý con (pid %s) đã dừng: %s.",
            (
                pid,
                _exit_status(str(status)),
            ),
        )
    return True


def _exit_status(status: str) -> str:
    """billiard's "signal 15 (SIGTERM)" / "exitcode 1" in Vietnamese."""
    if match := re.fullmatch(r"signal (\d+) \((\w+)\)", status):
        return f"nhận tín hiệu {match[2]} ({match[1]})"
    if match := re.fullmatch(r"exitcode (-?\d+)", status):
        return f"thoát với mã {match[1]}"
    return status


def _ignore_ctrl_c(**_: object) -> None:
    """SIGINT ignored by the worker's main process (once Celery has set its own handlers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _celery_says_vietnamese() -> None:
    """Route the worker's shutdown lines through _SAID (Celery prints them from its signal
    handlers with `celery.apps.worker.safe_say`, looked up at each call)."""
    from celery.apps import worker as celery_worker

    said = celery_worker.safe_say
    if getattr(said, "hoso", False):
        return

    last: list[str] = []

    def say(msg: str, f=sys.__stderr__) -> None:
        # A stop sent to the whole process group and then by `hoso serve` itself reaches the
        # worker twice: the same line is said once.
        text = _SAID.get(msg, msg)
        if last != [text]:
            last[:] = [text]
            said(text, f)

    say.hoso = True  # type: ignore[attr-defined]
    celery_worker.safe_say = say


def clear_leftovers(now: float | None = None) -> list[Path]:
    """Remove the job folders (hoso-job-*) a killed worker left in the temporary folder; only
    those older than twice a job's time limit, so that no running job's folder is touched."""
    limit = (now if now is not None else time.time()) - 2 * TIME_LIMIT
    removed = []
    for path in Path(tempfile.gettempdir()).glob(f"{task.JOB_PREFIX}*"):
        try:
            stale = path.is_dir() and path.stat().st_mtime < limit
        except OSError:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
