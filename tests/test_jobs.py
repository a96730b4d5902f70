"""Build jobs on the embedded queue: real `hoso worker` processes, real LibreOffice, SQLite files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.jobs import JobBusy, open_queue
from pipeline.jobs.queue import JobQueue
from tests.conftest import cell_of, edit
from tests.processes import soffice_processes
from tests.workers import REPO, assert_same_build, until, workers

pytestmark = pytest.mark.libreoffice
TIMEOUT = 300  # seconds a test waits for a job before failing (a shared, busy machine)


def _local(workbook: Path, out: Path) -> Path:
    """The folder `hoso build -o out workbook` makes."""
    report = build([workbook], BuildOptions(out_dir=out))
    assert report.exit_code == 0
    return out / workbook.stem


def test_build_job_gives_what_hoso_build_gives(
    example, tmp_path: Path, queue_url: str | None
) -> None:
    workbook = example()
    queue = open_queue(tmp_path / "data", queue_url)
    out = tmp_path / "data" / "ket-qua"
    # Embedded: the worker shares the data folder; Redis: a machine of its own, no shared disk.
    worker_data = tmp_path / ("data" if queue_url is None else "may")
    with workers(worker_data, queue_url, 1, tmp_path / "logs") as (worker,):
        job = queue.submit_build(workbook, out, key="de-xuat-1")
        assert queue.status(job).status in ("queued", "running")
        with pytest.raises(JobBusy, match="đang được tạo"):
            queue.submit_build(workbook, out, key="de-xuat-1")
        done = queue.wait(job, TIMEOUT)
    assert done.status == "done", (done, worker.output())
    assert done.exit_code == 0
    assert done.message.startswith("Đã tạo 15 văn bản, 13 hồ sơ PDF")
    assert "hoso/van-ban/01-to-trinh.docx" in done.documents
    assert "hoso/ho-so-tong-hop.pdf" in done.documents
    assert "hoso/manifest.json" not in done.documents
    assert all((out / d).is_file() for d in done.documents)
    assert_same_build(_local(workbook, tmp_path / "cli"), out / "hoso")
    assert "Máy xử lý đang chạy" in worker.output()
    assert queue.status(job) == done  # finished is final
    assert len(list(tmp_path.rglob("01-to-trinh.docx"))) == 2  # here and the CLI's: no copy


def test_a_workbook_with_errors_fails_with_its_cells(example, tmp_path: Path) -> None:
    workbook = example()
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Giới tính", 3)] = "M"
    queue = open_queue(tmp_path / "data")
    with workers(tmp_path / "data", None, 1, tmp_path / "logs"):
        status = queue.wait(queue.submit_build(workbook, tmp_path / "out"), TIMEOUT)
    assert status.status == "failed"
    assert status.exit_code == 1
    assert status.message.startswith("Tệp còn 1 lỗi, chưa tạo hồ sơ:")
    assert "\nhoso.xlsx › Cá nhân!C3: “Giới tính” không hợp lệ" in status.message
    assert "/tmp" not in status.message and not (tmp_path / "out" / "hoso").exists()


def test_second_job_with_the_same_key_is_refused_while_queued(example, tmp_path: Path) -> None:
    queue = open_queue(tmp_path / "data")
    first = queue.submit_build(example(), tmp_path / "out", key="de-xuat-1")
    with pytest.raises(JobBusy, match="đang được tạo"):
        queue.submit_build(example(), tmp_path / "out", key="de-xuat-1")
    other = queue.submit_build(example(), tmp_path / "out2", key="de-xuat-2")
    assert {queue.status(first).status, queue.status(other).status} == {"queued"}


SUBMIT = """
import sys
from pathlib import Path
from pipeline.jobs import open_queue
queue = open_queue(Path(sys.argv[1]))
print(queue.submit_build(Path(sys.argv[2]), Path(sys.argv[3]), key="p"))
"""


def test_a_queued_job_survives_a_restart(example, tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    # Submitted by a process that then exits, with no worker running: only the files remain.
    args = [sys.executable, "-c", SUBMIT, data, example(), out]
    job = subprocess.run(args, cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    queue = open_queue(data)  # the server started again
    assert queue.status(job).status == "queued"
    with pytest.raises(JobBusy):
        queue.submit_build(example(), out, key="p")
    with workers(data, None, 1, tmp_path / "logs"):
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert (out / "hoso" / "ho-so-tong-hop.pdf").is_file()


def _running(queue: JobQueue, job: str) -> bool:
    return queue.status(job).status == "running"


def test_killed_job_process_is_run_again(example, tmp_path: Path) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    queue = open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        job = queue.submit_build(example(), out)
        until(lambda: _running(queue, job), TIMEOUT)
        (child,) = worker.children()
        os.kill(child, signal.SIGKILL)  # the process running the job dies mid-build
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert "đã chạy lại lần 2 vì máy xử lý bị dừng" in status.message
    assert (out / "hoso" / "ho-so-tong-hop.pdf").is_file()


def test_killed_job_process_fails_with_a_message_after_the_last_attempt(
    example, tmp_path: Path
) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    queue = JobQueue(data, attempts=1)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        job = queue.submit_build(example(), out, key="p")
        until(lambda: _running(queue, job), TIMEOUT)
        os.kill(worker.children()[0], signal.SIGKILL)
        status = queue.wait(job, TIMEOUT)
        assert status.status == "failed", status
        assert status.message.startswith("Máy xử lý bị dừng đột ngột khi đang tạo hồ sơ (1 lần)")
        assert not (out / "hoso").exists()
        # Failed is final: the proposal can be built again at once.
        again = queue.wait(queue.submit_build(example(), out, key="p"), TIMEOUT)
    assert again.status == "done", again


def test_killed_worker_is_noticed_by_its_heartbeat_and_the_job_run_again(
    example, tmp_path: Path
) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    queue = JobQueue(data, stale_after=15)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        job = queue.submit_build(example(), out)
        until(lambda: _running(queue, job), TIMEOUT)
        worker.kill()  # the whole worker, its pool process with it: nothing reports the loss
        assert queue.status(job).status == "running"
    with workers(data, None, 1, tmp_path / "logs2"):  # the worker is started again
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert "đã chạy lại lần 2" in status.message


def test_the_warm_pool_is_reused_and_ctrl_c_stops_the_worker_and_it(
    example, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    queue = open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        status = queue.wait(queue.submit_build(example(), tmp_path / "out"), TIMEOUT)
        assert status.status == "done", status
        (child,) = worker.children()
        warm = soffice_processes(f"hoso-{child}-")
        assert warm  # the pool stays warm after the job ...
        again = queue.wait(queue.submit_build(example(), tmp_path / "out2"), TIMEOUT)
        assert again.status == "done", again
        assert worker.children() == [child]
        assert soffice_processes(f"hoso-{child}-") == warm  # ... and the next job used it
        os.killpg(worker.pid, signal.SIGINT)  # Ctrl-C in the worker's terminal
        assert worker.proc.wait(timeout=120) == 0
    assert worker.output().rstrip().endswith("Đã dừng máy xử lý.")
    assert "Traceback" not in worker.output()
    # Celery's own shutdown lines, in Vietnamese like the rest.
    assert "Nhấn Ctrl-C lần nữa để dừng ngay" in worker.output()
    assert "Đang dừng: chờ việc đang chạy làm xong…" in worker.output()
    assert "worker:" not in worker.output() and "shutdown" not in worker.output()
    until(lambda: not soffice_processes(f"hoso-{child}-"), 30)


def test_a_stop_sent_to_the_whole_process_group_is_said_in_vietnamese(tmp_path: Path) -> None:
    # systemd (KillMode=control-group) or `kill -- -PGID` sends SIGTERM to the pool processes
    # too: billiard then reports each one's end, which reaches the terminal and the journal.
    data = tmp_path / "data"
    open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        until(lambda: "Máy xử lý đang chạy" in worker.output() and worker.children(), 60)
        (child,) = worker.children()
        # Until Celery's set-up of a pool process has run (it then ignores Ctrl-C), the process
        # runs the SIGTERM handler inherited from its parent by fork, and a stop in that window
        # ends it another way; a loaded machine widens the window, so the stop waits for it.
        until(lambda: _ignores(child, signal.SIGINT), 60)
        # The stop reaches the pool process first here: whether billiard reports a pool
        # process's end depends on which process acts first when one signal reaches all at once,
        # so the test takes the order in which it reports it, every time.
        os.kill(child, signal.SIGTERM)
        line = f"Tiến trình xử lý con (pid {child}) đã dừng: nhận tín hiệu SIGTERM (15)."
        until(lambda: line in worker.output(), 60)
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.proc.wait(timeout=120) == 0
    said = worker.output()
    assert "ERROR" not in said and "exited with" not in said and "MainProcess" not in said
    assert said.rstrip().endswith("Đã dừng máy xử lý.")


def _ignores(pid: int, signum: int) -> bool:
    """True once the process ignores the signal (the SigIgn mask of /proc/<pid>/status)."""
    status = Path(f"/proc/{pid}/status").read_text()
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(mask, 16) & (1 << (signum - 1)))


def test_a_starting_worker_clears_only_the_job_folders_killed_workers_left_long_ago(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile
    import time

    from pipeline.jobs.app import TIME_LIMIT
    from pipeline.jobs.worker import clear_leftovers

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old, running, other = (tmp_path / n for n in ("hoso-job-old", "hoso-job-now", "khac-old"))
    for folder in (old, running, other):
        (folder / "vao").mkdir(parents=True)
    long_ago = time.time() - 3 * TIME_LIMIT
    for folder in (old, other):
        os.utime(folder, (long_ago, long_ago))

    assert clear_leftovers() == [old]
    assert not old.exists() and running.exists() and other.exists()
