"""One writer per output folder: a second build waits or refuses; a killed build's lock is freed."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME, STAGING_PREFIX
from pipeline.build.progress import BUSY, LineProgress
from pipeline.errors import OutputError
from tests.workers import lock_held, lock_holder


def test_a_second_build_refuses_after_waiting(example, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with lock_held(out), pytest.raises(OutputError) as exc:
        build([example()], BuildOptions(out_dir=out, pdf=False, wait=0.5))
    assert str(exc.value) == (
        f"Thư mục kết quả {out} đang được một lần tạo hồ sơ khác ghi (đã chờ 0,5 giây); "
        "hãy chờ lần đó xong rồi chạy lại."
    )
    assert [p.name for p in out.iterdir()] == [LOCK_NAME]


def test_the_cli_says_the_folder_is_busy(example, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "out"
    with lock_held(out):
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    assert result.code == 1
    assert BUSY in result.err
    assert "đang được một lần tạo hồ sơ khác ghi (đã chờ 0,2 giây)" in result.err
    assert "Traceback" not in result.err


def test_a_second_build_waits_and_then_builds(example, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stream = io.StringIO()
    with lock_held(out) as release:

        class ReleaseWhenWaiting(LineProgress):
            def busy(self, said: str) -> None:
                super().busy(said)
                release()  # the other build finishes while this one waits

        report = build(
            [example()],
            BuildOptions(out_dir=out, pdf=False, wait=60),
            progress=ReleaseWhenWaiting(stream),
        )
    assert report.exit_code == 0
    assert stream.getvalue().startswith(BUSY)
    assert (out / "hoso" / "van-ban" / "01-to-trinh.docx").is_file()


def test_a_killed_build_leaves_no_lock_and_its_staging_is_cleared(example, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = lock_holder(out)
    staging = out / f"{STAGING_PREFIX}hoso-abc123"
    (staging / "van-ban").mkdir(parents=True)
    (staging / "van-ban" / "01-to-trinh.docx").write_bytes(b"half written")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    report = build([example()], BuildOptions(out_dir=out, pdf=False, wait=0))
    assert report.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]


def test_two_builds_at_once_both_finish_and_the_output_is_whole(example, tmp_path: Path) -> None:
    workbook, out = example(), tmp_path / "out"
    hoso = Path(sys.executable).with_name("hoso")
    runs = [
        subprocess.Popen(
            [hoso, "build", "--no-pdf", "--force", "-q", "-o", out, workbook],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("Traceback" not in err for _, err in outputs)
    assert all(STAGING_PREFIX not in out + err for out, err in outputs)
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    documents = sorted(p.name for p in (out / "hoso" / "van-ban").iterdir())
    assert documents == ["01-to-trinh.docx", "02-danh-sach.docx", "03-bien-ban.docx", "bao-cao"]


def test_a_build_waiting_on_a_first_build_that_failed_goes_on_in_a_folder_of_its_own(
    tmp_path: Path,
) -> None:
    """The first build made the folder and fails: it removes the folder, lock file and all, while
    a second build waits on that lock. The second goes on in the folder (made again if it was
    gone), with its own lock and record, and what it writes stays."""
    import threading
    import time

    from pipeline.build.output import OutputLock

    out = tmp_path / "out"
    first = OutputLock(out, wait=0)
    first.__enter__()
    waiting, done = threading.Event(), threading.Event()
    seen: list[list[str]] = []

    def second() -> None:
        with OutputLock(out, wait=30, on_wait=lambda _: waiting.set()):
            seen.append(sorted(p.name for p in out.iterdir()))
            (out / "ket-qua.txt").write_text("lần thứ hai", encoding="utf-8")
        done.set()

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    assert waiting.wait(10)
    time.sleep(0.2)  # the second build polls the first one's lock file
    first.__exit__(None, None, None)  # nothing written: the folder it made goes
    thread.join(30)
    assert done.is_set()
    assert seen == [[LOCK_NAME, ".hoso.lock.holder"]]  # its own lock, its own record
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "ket-qua.txt"]
