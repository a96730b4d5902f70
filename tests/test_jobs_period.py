"""A period's documents as a job (hoso.period) on both queues, and when its worker process dies."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from pipeline.build.manifest import read_manifest
from pipeline.jobs import open_queue
from pipeline.jobs.model import RUNNING
from tests.workers import assert_same_build, until, workers

pytestmark = pytest.mark.libreoffice
TIMEOUT = 600  # seconds a test waits for a job before failing (a shared, busy machine)


def test_a_period_job_gives_what_hoso_period_build_gives(
    period, run_cli, tmp_path: Path, queue_url: str | None
) -> None:
    folder = period()
    local = run_cli("period", "build", "-q", "-o", tmp_path / "local", folder)
    queue, out = open_queue(tmp_path / "data", queue_url), tmp_path / "data" / "dot"
    with workers(tmp_path / "data", queue_url, 1, tmp_path / "logs") as (worker,):
        done = queue.wait(queue.submit_period(folder, out), TIMEOUT)
    assert done.status == "done", (done, worker.output())
    assert done.exit_code == local.code == 1  # the example's broken unit, as locally
    assert (
        done.message == "Có đơn vị còn lỗi (Ủy ban nhân dân xã Phú Nghĩa): văn bản của họ chưa tạo."
    )
    office = "tong-hop/bang-khen-tinh"
    assert_same_build(tmp_path / "local" / office, out / office)
    assert read_manifest(out / "manifest.json") == read_manifest(
        tmp_path / "local" / "manifest.json"
    )


def test_a_period_job_whose_process_is_killed_is_run_again(period, tmp_path: Path) -> None:
    folder, data = period(), tmp_path / "data"
    queue = open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        job = queue.submit_period(folder, data / "lan-1")
        until(lambda: queue.status(job).status == RUNNING, TIMEOUT)
        os.kill(worker.children()[0], signal.SIGKILL)  # the process running the job dies
        status = queue.wait(job, TIMEOUT)
        assert status.status == "done", (status, worker.output())
        assert "(đã chạy lại lần 2 vì máy xử lý bị dừng)" in status.message
        assert (data / "lan-1" / "manifest.json").is_file()
