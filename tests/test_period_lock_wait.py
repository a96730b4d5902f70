"""`hoso period build` while another build holds the results folder: it says at once, in
Vietnamese, that it waits; Ctrl+C during the wait stops it cleanly ("Đã dừng.", exit 130, no
traceback), the last results left as they were."""

from __future__ import annotations

import signal

from pipeline.build.progress import BUSY
from tests.workers import files_of, hoso_process, lock_held


def test_ctrl_c_while_waiting_for_the_results_folder_stops_cleanly(built_period) -> None:
    results = built_period / "ket-qua"
    before = files_of(results)
    with lock_held(results):
        build, first = hoso_process("period", "build", "--no-pdf", built_period)  # said at once
        build.send_signal(signal.SIGINT)  # the person at the terminal gives up waiting
        out, err = build.communicate(timeout=120)
    assert first == BUSY and "Ctrl+C để thôi chờ" in first  # how to stop waiting, said too
    assert build.returncode == 128 + signal.SIGINT
    assert err.strip() == "Đã dừng.", err
    assert "Traceback" not in out + err
    assert files_of(results) == before
