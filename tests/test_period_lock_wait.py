"""`hoso period build` while another build holds the results folder: it says at once, in
Vietnamese, that it waits; Ctrl+C during the wait stops it cleanly ("Đã dừng.", exit 130, no
traceback), the last results left as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from pipeline.build.progress import BUSY
from tests.workers import lock_holder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def test_ctrl_c_while_waiting_for_the_results_folder_stops_cleanly(period, run_cli) -> None:
    folder = period()
    run_cli("period", "build", "--no-pdf", "-q", folder)  # an example unit has errors: exit 1
    results = folder / "ket-qua"
    before = _files(results)
    holder = lock_holder(results)
    try:
        command = [sys.executable, "-m", "pipeline.cli", "period", "build", "--no-pdf", folder]
        build = subprocess.Popen(
            list(map(str, command)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        )
        assert build.stderr is not None
        first = build.stderr.readline().rstrip("\n")  # said before any wait
        build.send_signal(signal.SIGINT)  # the person at the terminal gives up waiting
        out, err = build.communicate(timeout=120)
    finally:
        holder.communicate("\n")
    assert first == BUSY and "Ctrl+C để thôi chờ" in first  # how to stop waiting, said too
    assert build.returncode == 128 + signal.SIGINT
    assert err.strip() == "Đã dừng.", err
    assert "Traceback" not in out + err
    assert _files(results) == before
