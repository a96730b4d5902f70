"""A worker tied to the hoso process that started it (hoso serve, the tests): it stops once that dies.

The parent passes the read end of a pipe whose write end only it holds. However the parent ends
(SIGKILL, the out-of-memory killer, a CI timeout), the kernel closes that end, and a read on the
worker's side returns end-of-file: no polling, no process id that could be reused, and nothing
per-thread as Linux's PR_SET_PDEATHSIG is. The worker then stops as a killed worker would, but
leaving nothing behind: its pool processes are killed, their LibreOffice stops itself as it does
when its owner dies, their job folders are removed, then the worker ends, and its job is retried
or failed as a killed worker's job is (pipeline.jobs.queue).
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
CHILDREN_STOP = 15.0  # seconds the worker waits for its killed pool processes to be reaped
# Seconds left to Celery to record the job of a pool process that ended as lost (WorkerLostError:
# its submitter sends it again at once; else it does when the job's heartbeat has stopped).
LOST_NOTED = 2.0


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
        self._untie()
        return code

    def poll(self) -> int | None:
        """The exit code once the process has ended (its pipe then closed), else None."""
        code = super().poll()
        if code is not None:
            self._untie()
        return code

    def _untie(self) -> None:
        if self._tether >= 0:
            os.close(self._tether)
            self._tether = -1


def watch_parent(say: Callable[[str], None]) -> bool:
    """In a worker a parent tied: stop it soon after that parent dies (a thread waits for it).
    False when nothing tied it (a worker started by hand)."""
    value = os.environ.pop(PARENT_FD, "")
    if not value.isdigit():
        return False
    fd = int(value)
    try:
        os.fstat(fd)
    except OSError:
        return False

    def wait() -> None:
        with contextlib.suppress(OSError):
            while os.read(fd, 1):
                pass
        _stop_worker(say)

    threading.Thread(target=wait, daemon=True, name="hoso-parent-watch").start()
    return True


def _stop_worker(say: Callable[[str], None]) -> None:
    """The parent died: kill the pool processes (each one's LibreOffice then stops itself and
    removes its profile: pipeline/pdf/uno_worker.py), remove their job folders, and end at once,
    as a killed worker would. Not Celery's shutdown: that would put the running job's message
    back on the embedded queue while its submitter also sends it again (two runs of one job)."""
    from pipeline.jobs import task

    say("Tiến trình đã khởi động máy xử lý này đã dừng: máy xử lý dừng theo.")
    pool = _children()
    for child in pool:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
    deadline = time.monotonic() + CHILDREN_STOP
    while set(pool) & set(_children()) and time.monotonic() < deadline:
        time.sleep(0.1)
    for child in pool:
        task.remove_job_folders(child)
    time.sleep(LOST_NOTED)
    for child in _children():  # one Celery started meanwhile (it holds no LibreOffice yet)
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
