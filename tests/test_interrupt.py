"""Stopping a build: Ctrl-C (SIGINT) to hoso alone, or SIGTERM, ends it the same way: "Đã dừng.",
no English, no staging folder left, the previous output as it was."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build, interrupt
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX
from pipeline.pdf.converter import ConversionJob, ConversionResult
from tests.fakes import FakeConverter

STOPPED = "Đã dừng."

# hoso's own entry point, with one write into a staging folder made to send a signal to hoso
# itself: a signal arriving mid-build, at a known moment.
SIGNALLED = """
import os, signal, sys
from pipeline.build.output import BatchFolder

signum, after = int(sys.argv[1]), int(sys.argv[2])
real, calls = BatchFolder.write, []

def write(self, rel, data):
    calls.append(rel)
    if len(calls) == after:
        os.kill(os.getpid(), signum)
    return real(self, rel, data)

BatchFolder.write = write
sys.argv = ["hoso", *sys.argv[3:]]
from pipeline.cli import main
main()
"""


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith((STAGING_PREFIX, OLD_PREFIX))]


def _signalled(signum: int, after: int, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SIGNALLED, str(int(signum)), str(after), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_hoso_alone_stops_the_build_and_keeps_the_previous_output(
    signum: int, example, tmp_path: Path, run_cli
) -> None:
    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
    before = _tree(out / "hoso")
    done = _signalled(signum, 5, "build", "--no-pdf", "--force", "-q", "-o", out, workbook)
    assert done.returncode == 128 + signum, done.stderr
    assert done.stderr.strip() == STOPPED
    assert done.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == before


def test_sigterm_stops_a_period_build_like_ctrl_c(period, tmp_path: Path, run_cli) -> None:
    folder = period()
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code in (0, 1)
    results = folder / "ket-qua"
    before = _tree(results)
    done = _signalled(signal.SIGTERM, 3, "period", "build", "--no-pdf", "--force", "-q", folder)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert done.stderr.strip() == STOPPED
    assert _leftovers(results) == []
    assert _tree(results) == before


class _Dropper:
    """Sends SIGINT to this process from inside a finalizer, where Python cannot raise the
    KeyboardInterrupt: it drops it with an English "Exception ignored in…" and goes on (as when
    Ctrl-C lands while a DOCX's ZipFile is being closed)."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_landing_in_a_finalizer_still_stops_the_build(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.build.output import BatchFolder

    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
    before = _tree(out / "hoso")
    real, calls = BatchFolder.write, []

    def write(self: BatchFolder, rel: str, data: bytes) -> Path:
        calls.append(rel)
        if len(calls) == 3:
            dropper = _Dropper()
            del dropper  # the finalizer runs here, and the signal's exception is dropped
        return real(self, rel, data)

    monkeypatch.setattr(BatchFolder, "write", write)
    result = run_cli("build", "--no-pdf", "--force", "-q", "-o", out, workbook)
    assert result.code == 130
    assert result.err.strip() == STOPPED  # no "Exception ignored", no traceback
    assert result.out == ""
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == before


class _SlowConverter(FakeConverter):
    """A LibreOffice that takes its time and, like the real one, writes into the staging folder
    until it is stopped (closed)."""

    def _convert_one(self, job: ConversionJob) -> ConversionResult:
        time.sleep(0.02)
        if self.closed:
            return ConversionResult(job, False, "LibreOffice đã dừng", 0.0, 1)
        return super()._convert_one(job)


def test_a_stopped_build_of_many_workbooks_leaves_no_staging_folder(
    example, tmp_path: Path
) -> None:
    """While LibreOffice converts one workbook the next is rendered: a stop must end the
    conversions before the staging folders go, or they are written into again afterwards."""
    out = tmp_path / "out"
    workbooks = [example(name=f"xa-{i}.xlsx") for i in range(3)]
    converter = _SlowConverter()
    pdfs: list[Path] = []

    def ctrl_c_after_a_few_pdfs() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(pdfs) < 5:
            pdfs[:] = list(out.rglob("*.pdf"))
            time.sleep(0.005)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=ctrl_c_after_a_few_pdfs, daemon=True).start()
    with pytest.raises(KeyboardInterrupt), interrupt.handling():
        build(workbooks, BuildOptions(out_dir=out), converter=converter)
    time.sleep(0.5)  # a conversion still running would write again meanwhile
    assert len(pdfs) >= 5
    assert converter.closed
    assert not out.exists()  # no staging folder, and the folder this first build made went again


# hoso's own entry point, Ctrl-C sent as a terminal sends it, to every process of the command
# (the LibreOffice workers and the spawned PDF splitter too), once the splitter has split a PDF
# and waits for the next.
CTRL_C_TO_ALL = """
import os, signal, sys, time
from concurrent.futures import ProcessPoolExecutor

real = ProcessPoolExecutor.submit

def submit(self, fn, *args, **kwargs):
    future = real(self, fn, *args, **kwargs)
    if getattr(fn, "__name__", "") == "split":
        future.result()
        time.sleep(0.2)
        os.killpg(0, signal.SIGINT)
    return future

ProcessPoolExecutor.submit = submit
sys.argv = ["hoso", *sys.argv[1:]]
from pipeline.cli import main
main()
"""


def test_ctrl_c_in_a_terminal_stops_a_period_build_without_a_helper_s_traceback(
    period, run_cli
) -> None:
    """Ctrl-C reaches the PDF splitter process as well as hoso: the splitter leaves the stop to
    hoso, so the clerk reads "Đã dừng." and no English traceback of a child process."""
    folder = period()
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code in (0, 1)
    results = folder / "ket-qua"
    before = _tree(results)
    done = subprocess.run(
        [sys.executable, "-c", CTRL_C_TO_ALL, "period", "build", "--force", "-q", folder],
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # its own process group, as a terminal's command has
    )
    assert done.returncode == 128 + signal.SIGINT, done.stderr
    assert done.stderr.strip() == STOPPED
    assert _leftovers(results) == []
    assert _tree(results) == before
