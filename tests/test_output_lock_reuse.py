"""Two real `hoso build` processes on one output folder: the one that waited reuses what the other made.

The first build is frozen (SIGSTOP) while it holds the folder's lock, so the second one surely
waits; nothing here depends on how long either takes. hoso runs from a copy of its own code, so
that a file of that code can change while the second build waits, as it does in a checkout being
worked on or during an upgrade.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.build.output import STAGING_PREFIX

ROOT = Path(__file__).resolve().parents[1]
OTHER_PLAN = "bu-gia-map-cds-2022-2025"
# The first build recorded itself next to the lock: the second names it while it waits.
BUSY_NAMED = "đang được dùng bởi lệnh hoso build ("


def _code_copy(tmp_path: Path) -> Path:
    """hoso's code, data and templates copied where a test may change them."""
    src = tmp_path / "src"
    for name in ("pipeline", "data", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    return src


def _hoso(src: Path, cwd: Path, *args: str) -> subprocess.Popen[str]:
    """A real `hoso build` process, running the code in `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "build", "-o", "out", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@contextmanager
def _frozen_while_writing(first: subprocess.Popen[str], out: Path) -> Iterator[None]:
    """Freeze the first build once it writes (so it holds the lock); let it go on at the end."""
    deadline = time.monotonic() + 300  # a guard against hanging forever, not a timing check
    while not any(out.glob(f"{STAGING_PREFIX}*")):
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first build never started writing"
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(first.pid, signal.SIGCONT)


def _wait_until_busy(second: subprocess.Popen[str]) -> None:
    """Read the second build's progress until it says it waits for the other build, named."""
    assert second.stderr is not None
    for line in second.stderr:
        if BUSY_NAMED in line:
            return
    raise AssertionError(f"the second build did not wait: {second.communicate()}")


def _finish(proc: subprocess.Popen[str]) -> str:
    """The build's standard output, once it exited successfully."""
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


def _complete(folder: Path) -> None:
    """Every file the folder's manifest lists is there."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = [d["path"] for d in manifest["documents"]] + [
        d["pdf"]["path"] for d in manifest["documents"] if d["pdf"]
    ]
    listed += [d["path"] for d in manifest["dossiers"]]
    assert listed and all((folder / p).is_file() for p in listed)


def test_a_build_that_waited_reuses_what_the_other_made(example, tmp_path: Path) -> None:
    src = _code_copy(tmp_path)
    example()
    first = _hoso(src, tmp_path, "hoso.xlsx")
    second = None
    try:
        with _frozen_while_writing(first, tmp_path / "out"):
            second = _hoso(src, tmp_path, "hoso.xlsx")
            _wait_until_busy(second)
            # hoso's code on disk changes while the second build waits; the code it runs does not.
            with (src / "pipeline" / "build" / "options.py").open("a") as code:
                code.write("# changed while a build waits\n")
        made = _finish(first)
        reused = _finish(second)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    count = made.split("Xong 1/1 tệp trong ")[1].split(": ")[1].split(" văn bản tạo mới")[0]
    assert int(count) > 0
    assert f": 0 văn bản tạo mới, {count} văn bản không đổi (dùng lại)" in reused
    assert "hoso.xlsx → out/hoso (không thay đổi)" in reused
    _complete(tmp_path / "out" / "hoso")


def test_builds_of_two_workbooks_into_one_folder_keep_both(example, tmp_path: Path) -> None:
    src = _code_copy(tmp_path)
    example()
    example(OTHER_PLAN, "don-vi.xlsx")
    first = _hoso(src, tmp_path, "hoso.xlsx")
    second = None
    try:
        with _frozen_while_writing(first, tmp_path / "out"):
            second = _hoso(src, tmp_path, "don-vi.xlsx")
            _wait_until_busy(second)
        assert "hoso.xlsx → out/hoso\n" in _finish(first)
        assert "don-vi.xlsx → out/don-vi\n" in _finish(second)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    for name in ("hoso", "don-vi"):
        _complete(tmp_path / "out" / name)
    # One after the other, each its own workbook again: neither made anything anew.
    for name in ("hoso", "don-vi"):
        again = _finish(_hoso(src, tmp_path, f"{name}.xlsx"))
        assert ": 0 văn bản tạo mới, " in again
        assert f"{name}.xlsx → out/{name} (không thay đổi)" in again
