"""The user's machine getting in the way of a conversion: a full disk where PDFs go, no temp
folder to write in, Ctrl-C while LibreOffice converts. Real LibreOffice; the disks are real
tmpfs mounts (root only: skipped elsewhere)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.errors import ConversionError
from pipeline.pdf.converter import ConversionJob, raise_on_failure
from pipeline.pdf.pool import LibreOfficePool
from pipeline.pdf.worker import write_problem
from tests.processes import soffice_processes
from tests.test_convert import make_jobs, no_soffice_left_behind

__all__ = ["no_soffice_left_behind"]  # the autouse fixture: no soffice or profile left behind

pytestmark = pytest.mark.libreoffice
HOSO = Path(sys.executable).with_name("hoso")
REPO = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def _tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted on `folder` (made if need be); skips the test where mounting is refused."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    """Write into `folder` until its disk is full."""
    with open(folder / "day.bin", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)


def test_a_full_disk_where_pdfs_go_is_said_once_and_leaves_no_pdf(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 3)
    with _tmpfs(tmp_path / "o-day", "size=512k") as disk:
        (disk / "pdf").mkdir()
        _fill(disk)
        on_disk = [ConversionJob(j.source, disk / "pdf" / j.target.name, j.label) for j in jobs]
        with LibreOfficePool(size=1) as pool:
            results = pool.convert(on_disk)
        assert not any(r.ok for r in results)
        with pytest.raises(ConversionError) as raised:
            raise_on_failure(results)
        assert str(raised.value) == (
            f"Không chuyển được sang PDF 3 tài liệu: không ghi được tệp PDF vào {disk}: ổ đĩa "
            "đã đầy; hãy giải phóng dung lượng rồi chạy lại."
        )
        # No PDF, whole or partial, and no probe file.
        assert sorted(p.name for p in disk.rglob("*") if p.is_file()) == ["day.bin"]


def test_no_writable_temp_folder_is_said_without_a_traceback(example, tmp_path: Path) -> None:
    example()
    (tmp_path / "cwd").mkdir()
    # In a private mount namespace, this test's folder seen at /mnt, then /tmp, /var/tmp and the
    # current folder made read-only: Python finds no temp folder at all.
    script = (
        f"mount --bind {tmp_path} /mnt && mount --bind {REPO} /srv && "
        + " && ".join(_read_only_keeping_repo(t) for t in ("/tmp", "/var/tmp"))
        + " && mount -t tmpfs -o ro tmpfs /mnt/cwd && "
        f"cd /mnt/cwd && exec env -u TMPDIR {HOSO} build -q -o /mnt/out /mnt/hoso.xlsx"
    )
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a private mount namespace here")
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == (
        "Lỗi: Không tạo được thư mục tạm cho LibreOffice: không có thư mục tạm nào ghi được "
        "(TMPDIR, /tmp, /var/tmp). Hãy đặt biến môi trường TMPDIR trỏ tới một thư mục ghi được "
        "và còn chỗ trống, rồi chạy lại."
    )
    assert not (tmp_path / "out").exists()  # the folder this first build made is gone again


def _read_only_keeping_repo(folder: str) -> str:
    """Shell commands covering `folder` with a read-only tmpfs; a repository (and its .venv)
    inside it, as a clean clone under /tmp is, stays where it was (bound back from /srv)."""
    if not str(REPO).startswith(folder.rstrip("/") + "/"):
        return f"mount -t tmpfs -o ro tmpfs {folder}"
    return (
        f"mount -t tmpfs tmpfs {folder} && mkdir -p {REPO} && mount --bind /srv {REPO} && "
        f"mount -o remount,ro {folder}"
    )


def _soffice_of(pid: int) -> bool:
    """Whether a soffice of the hoso process `pid` runs (its UNO pipe is named after it)."""
    return bool(soffice_processes(f"hoso-{pid}-"))


def test_ctrl_c_while_libreoffice_converts_stops_cleanly(example, tmp_path: Path) -> None:
    workbook, out = example(), tmp_path / "out"
    hoso = subprocess.Popen(
        [HOSO, "build", "-q", "-o", str(out), str(workbook)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not _soffice_of(hoso.pid) and hoso.poll() is None:
            assert time.monotonic() < deadline, "LibreOffice never started"
            time.sleep(0.05)  # waiting for another process: nothing to block on
        os.kill(hoso.pid, signal.SIGINT)
        stdout, stderr = hoso.communicate(timeout=120)
    finally:
        if hoso.poll() is None:
            hoso.kill()
    assert hoso.returncode == 128 + signal.SIGINT, stderr
    assert stderr.strip() == "Đã dừng." and stdout == ""
    assert not _soffice_of(hoso.pid)
    assert not out.exists()  # nothing half-written: the folder this first build made is gone


def test_the_probe_names_what_stops_a_write(tmp_path: Path) -> None:
    folder = tmp_path / "pdf"
    folder.mkdir()
    assert write_problem(folder) is None
    assert list(folder.iterdir()) == []  # the probe is gone
    missing = tmp_path / "khong-co"
    assert write_problem(missing) == (
        f"không ghi được tệp PDF vào {missing}: thư mục hoặc tệp không tồn tại"
    )


# hoso's own entry point with openpyxl's workbook loading wrapped as openpyxl's own descriptors
# are written: a bare `except:` turning whatever it meets into a TypeError. Ctrl-C lands inside.
SWALLOWED = """
import os, signal, sys, time
import openpyxl

real = openpyxl.load_workbook

def load_workbook(*args, **kwargs):
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
    except:  # noqa: E722 - as openpyxl.descriptors.base._convert does
        raise TypeError("expected <class 'int'>")
    return real(*args, **kwargs)

openpyxl.load_workbook = load_workbook
sys.argv = ["hoso", *sys.argv[1:]]
from pipeline.cli import main
main()
"""


def test_ctrl_c_a_library_turns_into_its_own_error_still_stops_cleanly(
    example, tmp_path: Path
) -> None:
    workbook, out = example(), tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", SWALLOWED, "build", "-q", "-o", str(out), str(workbook)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 128 + signal.SIGINT, done.stderr
    assert done.stderr.strip() == "Đã dừng." and done.stdout == ""


def test_a_temp_folder_on_a_full_disk_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = make_jobs(tmp_path, 2)
    # Room for Python's own check of the folder, not for all LibreOffice writes there: it fails
    # to start, or to export (its scratch files are there too), depending on how far it gets.
    with _tmpfs(tmp_path / "tam", "size=256k") as disk:
        monkeypatch.setattr(tempfile, "tempdir", str(disk))
        full = f"không ghi được vào thư mục tạm {disk}: ổ đĩa đã đầy; hãy giải phóng dung lượng"
        try:
            with LibreOfficePool(size=1) as pool:
                results = pool.convert(jobs)
        except ConversionError as exc:
            assert str(exc) == f"Không khởi động được LibreOffice ({full} rồi chạy lại)."
        else:
            assert [r.error for r in results] == [f"{full} rồi chạy lại"] * 2
        assert list(disk.iterdir()) == []  # the pool's temp folder is gone with it


def test_a_disk_filling_up_during_a_build_keeps_the_previous_output(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = example()
    with _tmpfs(tmp_path / "o-day", "size=16m") as disk:
        out = disk / "out"
        assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
        before = _tree(out / "hoso")

        class FillingPool(LibreOfficePool):
            """Real LibreOffice; the disk fills (another program writing) as it converts."""

            def convert(self, jobs, on_result=None):  # type: ignore[override]
                _fill(disk)
                return super().convert(jobs, on_result)

        # The module, not the function `build` its package exports under the same name.
        monkeypatch.setattr(sys.modules["pipeline.build.build"], "LibreOfficePool", FillingPool)
        done = run_cli("build", "-q", "-o", out, workbook)
        assert done.code == 1 and "Traceback" not in done.out + done.err
        assert (
            f"không ghi được tệp PDF vào {disk}: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy "
            "lại. Kết quả trước đó (nếu có) vẫn giữ nguyên." in done.out
        ), done.out
        assert _tree(out / "hoso") == before  # what the message says: the previous output is kept


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its content."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
