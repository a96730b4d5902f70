"""A worker started by another hoso process (hoso serve, the tests' helper) stops once that is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from pipeline.jobs import open_queue
from pipeline.jobs.queue import JobQueue
from pipeline.jobs.task import JOB_PREFIX
from pipeline.jobs.tether import CHILDREN_STOP, LOST_NOTED
from tests.processes import soffice_processes
from tests.workers import REPO, _answers, free_port, redis_server, until, workers

pytestmark = pytest.mark.libreoffice
TIMEOUT = 300  # seconds a job may take on a shared, busy machine
GONE = 60  # seconds the worker and its LibreOffice get to stop once their parent is killed

# The tests' own helper run by a process that a test then kills, as a CI timeout kills pytest.
PARENT = """
import sys
from pathlib import Path
from tests.workers import Worker
worker = Worker(Path(sys.argv[1]), None, Path(sys.argv[2]))
print(worker.pid, flush=True)
sys.stdin.readline()
"""


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped has stopped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return [p for p in found if _alive(p)]


def _running_on(queue: JobQueue, job: str, worker: int) -> int:
    """Once the job runs on a pool process of `worker` with its LibreOffice up: that process."""
    if queue.status(job).status != "running":
        return 0
    pool = _children(worker)
    return pool[0] if len(pool) == 1 and soffice_processes(f"hoso-{pool[0]}-") else 0


def _killed_parent_stops_everything(
    parent: subprocess.Popen, worker: int, queue: JobQueue, job: str, log: Path
) -> None:
    """SIGKILL `parent` while `worker` runs `job`: the worker, its pool process and its
    LibreOffice are gone within GONE seconds, nothing of the job is left in the temporary
    folder, and the job waits, running, for the next worker."""
    pool = until(lambda: _running_on(queue, job, worker), TIMEOUT, step=0.5)
    assert soffice_processes(f"hoso-{pool}-")
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=30)
    until(lambda: not _alive(worker) and not _alive(pool), GONE)
    until(lambda: not soffice_processes(f"hoso-{pool}-"), GONE)
    assert not list(Path(tempfile.gettempdir()).glob(f"{JOB_PREFIX}{pool}-*"))
    said = log.read_text(encoding="utf-8", errors="replace")
    assert "Tiến trình đã khởi động máy xử lý này đã dừng: máy xử lý dừng theo." in said
    assert queue.status(job).status in ("running", "queued")  # not lost for good


def test_a_worker_of_a_killed_test_process_stops_and_its_job_runs_again(
    example, tmp_path: Path
) -> None:
    data, out, log = tmp_path / "data", tmp_path / "out", tmp_path / "worker.log"
    queue = open_queue(data)
    job = queue.submit_build(example(), out)
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(data), str(log)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    try:
        _killed_parent_stops_everything(parent, worker, queue, job, log)
    finally:
        if _alive(worker):
            os.killpg(worker, signal.SIGKILL)
    assert not (out / "hoso").exists()  # no half-written dossier
    with workers(data, None, 1, tmp_path / "logs"):
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert "đã chạy lại lần 2 vì máy xử lý bị dừng" in status.message
    assert (out / "hoso" / "ho-so-tong-hop.pdf").is_file()


def test_the_worker_of_a_killed_server_stops_and_its_job_runs_again(
    example, tmp_path: Path
) -> None:
    data, out, log = tmp_path / "du-lieu", tmp_path / "out", tmp_path / "serve.log"
    port = free_port()
    args = [sys.executable, "-m", "pipeline.cli", "serve", "--port", str(port), "--data", data]
    with log.open("wb") as said:
        server = subprocess.Popen(
            [str(a) for a in args], stdout=said, stderr=subprocess.STDOUT, cwd=REPO,
            start_new_session=True,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        until(lambda: _answers(url) or server.poll() is not None, 120)
        assert server.poll() is None, log.read_text()
        (worker,) = until(lambda: _children(server.pid), 60)
        queue = open_queue(data)  # the server's own queue, as a clerk's build would use it
        job = queue.submit_build(example(), out)
        _killed_parent_stops_everything(server, worker, queue, job, log)
    finally:
        if server.poll() is None or _alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert not (out / "hoso").exists()
    with workers(data, None, 1, tmp_path / "logs"):
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert "đã chạy lại lần 2 vì máy xử lý bị dừng" in status.message


# `hoso worker` started by hand from a shell (or a service), which then goes away.
BY_HAND = """
import subprocess, sys
args = [sys.executable, "-m", "pipeline.cli", "worker", "--data", sys.argv[1], "--queue", sys.argv[2]]
with open(sys.argv[3], "ab") as log:
    worker = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
print(worker.pid, flush=True)
sys.stdin.readline()
"""


def test_a_worker_started_by_hand_outlives_the_shell_that_started_it(tmp_path: Path) -> None:
    log = tmp_path / "worker.log"
    with redis_server(tmp_path / "redis") as url:
        shell = subprocess.Popen(
            [sys.executable, "-c", BY_HAND, str(tmp_path / "may"), url, str(log)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        assert shell.stdout is not None
        worker = int(shell.stdout.readline())
        try:
            until(lambda: "Máy xử lý đang chạy" in log.read_text(encoding="utf-8"), 120)
            os.kill(shell.pid, signal.SIGKILL)
            shell.wait(timeout=30)
            time.sleep(CHILDREN_STOP + LOST_NOTED)  # longer than a tied worker takes to stop
            assert _alive(worker), log.read_text(encoding="utf-8")
            assert len(open_queue(tmp_path / "q", url).workers()) == 1  # and it takes jobs
        finally:
            os.killpg(worker, signal.SIGTERM)
            until(lambda: not _alive(worker), 60)
    assert "máy xử lý dừng theo" not in log.read_text(encoding="utf-8")
