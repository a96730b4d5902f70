"""Percentages the period check prints beside a plan's threshold stay on their side of it
(42,86% below 42,9%, never "42,9% dưới mức 43%"), thresholds printed as the plan sets them."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.resources import PLANS_DIR
from tests.test_period_council import _set_votes

PLAN = "bu-gia-map-cds-2022-2025.toml"


def _thresholds(tmp_path: Path, votes: str, leaders: str) -> Path:
    """A copy of the plans whose provincial award has these vote and leader thresholds (the
    units' workbooks are still checked with the shipped plan, the period with this one)."""
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    plan = plans / PLAN
    text = plan.read_text(encoding="utf-8")
    text = text.replace("vote_threshold_percent = 80", f"vote_threshold_percent = {votes}", 1)
    assert "max_percent = 40," in text
    text = text.replace("max_percent = 40,", f"max_percent = {leaders},", 1)
    plan.write_text(text, encoding="utf-8")
    return plans


def test_a_share_beside_a_threshold_is_never_printed_at_it(period, tmp_path: Path) -> None:
    folder = period()
    name = "Ủy ban nhân dân xã Đức Hạnh"
    _set_votes(folder, name, 3)  # 3 of 7: 42,857…%
    plans = _thresholds(tmp_path, "42.9", "33.3")  # 3 leaders of the 9 people: 33,33…%
    said = [f.message for f in check_period(load_period(folder, plans)).findings]
    assert f"{name}: 3/7 phiếu (42,86%), dưới mức 42,9% của kế hoạch" in " ".join(said), said
    assert any(
        "tỷ lệ lãnh đạo, quản lý của cả đợt là 3/9 cá nhân (33,33%), vượt 33,3% (" in m
        for m in said
    ), said
