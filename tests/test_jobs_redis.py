"""Build jobs on Celery with Redis: a real redis-server, two worker processes standing in for two
machines (each with its own LibreOffice), and a period whose units are spread over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.jobs import JobBusy, open_queue
from pipeline.jobs.queue import JobQueue
from tests.workers import (
    assert_same_build,
    free_port,
    read_manifest,
    redis_server,
    until,
    workers,
)

pytestmark = pytest.mark.libreoffice
TIMEOUT = 300


@pytest.fixture
def redis_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A redis-server of this test's own."""
    with redis_server(tmp_path / "redis") as url:
        yield url


def test_build_jobs_on_two_workers_give_what_hoso_build_gives(
    example, tmp_path: Path, redis_url: str
) -> None:
    first, second = example(name="don-vi-a.xlsx"), example(name="don-vi-b.xlsx")
    queue = open_queue(tmp_path / "web", redis_url)
    out = tmp_path / "web" / "ket-qua"
    with workers(tmp_path / "may", redis_url, 2, tmp_path / "logs"):
        until(lambda: len(queue.workers()) == 2, TIMEOUT)
        jobs = [queue.submit_build(p, out, key=p.stem) for p in (first, second)]
        with pytest.raises(JobBusy):
            queue.submit_build(first, out, key=first.stem)
        done = [queue.wait(job, TIMEOUT) for job in jobs]
    assert [d.status for d in done] == ["done", "done"], done
    assert all(d.exit_code == 0 and d.message.startswith("Đã tạo 15 văn bản") for d in done)
    assert "don-vi-b/van-ban/01-to-trinh.docx" in done[1].documents
    local = tmp_path / "cli"
    assert build([first, second], BuildOptions(out_dir=local)).exit_code == 0
    for name in ("don-vi-a", "don-vi-b"):
        assert_same_build(local / name, out / name)
    # The workers keep no copy: the machines share no disk with the submitter.
    assert not list((tmp_path / "may").rglob("*.docx"))


def test_a_worker_killed_mid_job_hands_it_to_the_other(
    example, tmp_path: Path, redis_url: str
) -> None:
    queue = JobQueue(tmp_path / "web", redis_url, stale_after=15)
    out = tmp_path / "web" / "ket-qua"
    with workers(tmp_path / "may", redis_url, 2, tmp_path / "logs") as pair:
        until(lambda: len(queue.workers()) == 2, TIMEOUT)
        job = queue.submit_build(example(), out)
        where = until(lambda: queue.running_on(job), TIMEOUT)
        pid = int(where.rsplit(":", 1)[1])
        (busy,) = [w for w in pair if pid in w.children()]
        busy.kill()  # the machine running the job is gone: nothing reports the loss
        status = queue.wait(job, TIMEOUT)
    assert status.status == "done", status
    assert "đã chạy lại lần 2 vì máy xử lý bị dừng" in status.message
    assert (out / "hoso" / "ho-so-tong-hop.pdf").is_file()


def test_a_period_built_on_two_workers_equals_the_local_build(
    period, run_cli, tmp_path: Path, redis_url: str
) -> None:
    folder = period()
    local = run_cli("period", "build", "-q", "-o", tmp_path / "local", folder)
    with workers(tmp_path / "may", redis_url, 2, tmp_path / "logs"):
        until(lambda: len(open_queue(tmp_path / "q", redis_url).workers()) == 2, TIMEOUT)
        spread = run_cli("period", "build", "-q", "--workers", redis_url, folder)
        again = run_cli("period", "build", "-q", "--workers", redis_url, folder)
    assert spread.code == local.code == 1  # the example's broken unit, as locally
    line = "Hồ sơ của đơn vị: 3/5 đơn vị của đợt (2 đơn vị chưa có hồ sơ); 0 không thay đổi, "
    assert line in spread.out and line in local.out
    assert "(2 đơn vị chưa có hồ sơ); 3 không thay đổi, 0 văn bản tạo mới, " in again.out
    out, units = folder / "ket-qua", sorted((tmp_path / "local" / "don-vi").iterdir())
    assert [u.name for u in units if u.is_dir()] == sorted(
        u.name for u in (out / "don-vi").iterdir() if u.is_dir()
    )
    for unit in (u for u in units if u.is_dir()):
        assert_same_build(unit, out / "don-vi" / unit.name)
    assert_same_build(
        tmp_path / "local" / "tong-hop" / "bang-khen-tinh", out / "tong-hop" / "bang-khen-tinh"
    )
    assert read_manifest(out / "manifest.json") == read_manifest(
        tmp_path / "local" / "manifest.json"
    )


def test_period_build_without_a_worker_says_so(period, run_cli, redis_url: str) -> None:
    result = run_cli("period", "build", "-q", "--workers", redis_url, period())
    assert result.code == 1
    assert f"Lỗi: Không có máy xử lý nào trả lời trên hàng đợi {redis_url}" in result.err


def test_a_queue_address_that_is_not_redis_is_refused(period, run_cli) -> None:
    result = run_cli("period", "build", "-q", "--workers", "amqp://localhost", period())
    assert result.code == 1
    assert "Lỗi: Địa chỉ hàng đợi không hợp lệ: 'amqp://localhost'" in result.err


def test_worker_refuses_a_queue_address_that_is_not_redis(run_cli, tmp_path: Path) -> None:
    result = run_cli("worker", "--data", tmp_path, "--queue", "amqp://u:bi-mat@may-chu")
    assert result.code == 1
    assert result.out == ""
    assert "Lỗi: Địa chỉ hàng đợi không hợp lệ: 'amqp://u:***@may-chu'" in result.err
    assert "bi-mat" not in result.err


def test_worker_with_a_queue_that_does_not_answer_says_so_and_stops(
    run_cli, tmp_path: Path
) -> None:
    url = f"redis://:bi-mat@127.0.0.1:{free_port()}/0"  # nothing listens there
    result = run_cli("worker", "--data", tmp_path, "--queue", url)
    assert result.code == 1 and result.out == ""  # not announced as running
    shown = url.replace("bi-mat", "***")
    assert result.err == (
        f"Lỗi: Không kết nối được hàng đợi Redis ở {shown}: máy chủ Redis chưa chạy hoặc sai "
        "địa chỉ (sai cổng).\n"
    ), result.err
    assert "bi-mat" not in result.err


def test_period_build_with_a_queue_that_does_not_answer_says_so(period, run_cli) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    result = run_cli("period", "build", "-q", "--workers", url, period())
    assert result.code == 1
    assert (
        f"Lỗi: Không kết nối được hàng đợi Redis ở {url}: máy chủ Redis chưa chạy hoặc sai địa "
        "chỉ (sai cổng).\n" in result.err
    )
    assert "Connection refused" not in result.err
    assert "Hồ sơ của đơn vị" not in result.out  # nothing was built
