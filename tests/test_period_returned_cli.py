"""A unit whose workbook the office sent back (don-vi/tra-lai/) reads "đã trả lại để sửa" in
the terminal, as on the web page and the chart, not "chưa nộp"."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.period.config import load_period
from tests.test_period_status_counts import _row
from tests.test_period_steps import VI_DU

UNIT = "Trường Trung học cơ sở Bù Gia Mập"  # the example period's unit that sent nothing


def _send_back(folder: Path) -> None:
    """Leave the unit's workbook in tra-lai/ as the web app's "Trả lại hồ sơ" does."""
    (unit,) = [u for u in load_period(folder).config.units if u.name == UNIT]
    kept = folder / "tra-lai" / f"20261205-100000-{Path(unit.file).stem}"
    kept.mkdir(parents=True)
    (kept / unit.file).write_bytes(b"")


def test_check_says_a_returned_unit_was_sent_back_not_missing(period, run_cli) -> None:
    folder = period(VI_DU)
    assert _row(run_cli("period", "check", folder).out, UNIT)[0] == "chưa nộp"
    _send_back(folder)
    said = run_cli("period", "check", folder).out
    assert _row(said, UNIT)[0] == "đã trả lại để sửa", said
    assert f"{UNIT}: hồ sơ đã trả lại để sửa, chưa nộp lại." in said
    units = json.loads(run_cli("period", "check", "--json", folder).out)["units"]
    (unit,) = [u for u in units if u["name"] == UNIT]
    assert (unit["status"], unit["status_label"]) == ("chua-nop", "đã trả lại để sửa")


def test_build_names_a_returned_unit_as_sent_back(period, run_cli) -> None:
    folder = period(VI_DU)
    _send_back(folder)
    said = run_cli("period", "build", "--no-pdf", "-q", folder).out
    assert (
        "  Chưa có hồ sơ, nên chưa có trong văn bản của cơ quan: Phòng Kinh tế xã Bù Gia Mập "
        f"(có lỗi); {UNIT} (đã trả lại để sửa)."
    ) in said
