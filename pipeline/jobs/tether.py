"""A worker tied to the hoso process that started it (hoso serve, the tests): it stops once that dies.

The parent passes the read end of a pipe whose write end only it holds. However the parent ends
(SIGKILL, the out-of-memory killer, a CI timeout), the kernel closes that end, and a read on the
worker's side returns end-of-file: no polling, no process id that could be reused, and nothing
per-thread as Linux's PR_SET_PDEATHSIG is. The worker then stops as a killed worker would, but
cleanly: each pool process stops its LibreOffice and removes its job's private folder, then the
worker ends, and its job is retried or failed as a killed worker's job is (pipeline.jobs.queue).
A `hoso worker` started by hand (another machine, a service) gets no pipe and is tied to nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

PARENT_FD = "HOSO_PARENT_FD"  # the environment variable naming the pipe's read end
CHILDREN_STOP = 15.0  # seconds the worker waits for its pool processes to stop by themselves
# Seconds left to Celery to record the job of a pool process that ended as lost (WorkerLostError:
# its submitter sends it again at once; else it does when the job's heartbeat has stopped).
LOST_NOTED = 2.0

_fd: int | None = None  # the read end, in the worker and (inherited by fork) its pool processes


class TiedProcess(subprocess.Popen):  # type: ignore[type-arg]
    """A process started tied to this one: it learns of this process's death by its pipe."""

    def __init__(self, args: Sequence[str], env: dict[str, str], **options: Any) -> None:
        read, self._tether = os.pipe()  # both ends non-inheritable: no other child gets them
        try:
            super().__init__(args, env={**env, PARENT_FD: str(read)}, pass_fds=(read,), **options)
        except BaseException:
            os.close(self._tether)
            raise
        finally:
            os.close(read)

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the process to end; once it has, the pipe is closed (nothing left to tell)."""
        code = super().wait(timeout)
        if self._tether >= 0:
            os.close(self._tether)
            self._tether = -1
        return code


def watch_parent(say: Callable[[str], None]) -> bool:
    """In a worker a parent tied: stop it soon after that parent dies (a thread waits for it).
    False when nothing tied it (a worker started by hand)."""
    global _fd
    value = os.environ.pop(PARENT_FD, "")
    if not value.isdigit():
        return False
    fd = int(value)
    try:
        os.fstat(fd)
    except OSError:
        return False
    _fd = fd
    from celery.signals import worker_process_init

    worker_process_init.connect(_watch_in_pool_process, weak=False)
    _watch(lambda: _stop_worker(say))
    return True


def _watch(then: Callable[[], None]) -> None:
    """Call `then` in a thread of its own once the pipe's write end is closed everywhere."""

    def wait() -> None:
        assert _fd is not None
        with contextlib.suppress(OSError):
            while os.read(_fd, 1):
                pass
        then()

    threading.Thread(target=wait, daemon=True, name="hoso-parent-watch").start()


def _watch_in_pool_process(**_: object) -> None:
    """A pool process (forked by Celery) watches the same pipe and stops its own job cleanly."""
    _watch(_stop_pool_process)


def _stop_pool_process() -> None:
    """The parent died: close this process's LibreOffice pool, remove its job folders, end."""
    from pipeline.jobs import task

    with contextlib.suppress(Exception):
        task.close_pool()
    task.remove_own_job_folders()
    os._exit(1)  # as a killed pool process: the job it ran fails with WorkerLostError


def _stop_worker(say: Callable[[str], None]) -> None:
    """The parent died: let the pool processes stop (each closes its LibreOffice), then end at
    once, as a killed worker would: no Celery shutdown, which would put the running job's message
    back on the embedded queue while its submitter also sends it again (two runs of one job)."""
    say("Tiến trình đã khởi động máy xử lý này đã dừng: máy xử lý dừng theo.")
    pool = set(_children())
    deadline = time.monotonic() + CHILDREN_STOP
    while pool & set(_children()) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(LOST_NOTED)
    for child in _children():  # one that did not stop, or one Celery started meanwhile
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    sys.stderr.flush()
    os._exit(1)


def _children() -> list[int]:
    """This process's live child processes (Celery's pool processes)."""
    found: list[int] = []
    for task_dir in Path(f"/proc/{os.getpid()}/task").glob("*"):
        with contextlib.suppress(OSError, ValueError):
            found += [int(p) for p in (task_dir / "children").read_text().split()]
    return found
