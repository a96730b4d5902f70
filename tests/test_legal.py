"""The dated legal table: the regime by the Tờ trình's date, a plan's override, LibreOffice missing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from pipeline.build.output import LOCK_NAME
from pipeline.errors import PlanError
from pipeline.inputs.legal import regime_for
from pipeline.inputs.plans import get_plan

BGM = get_plan("bu-gia-map-cds-2022-2025")


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        (dt.date(2017, 10, 1), "nd91-2017"),
        (dt.date(2023, 12, 31), "nd91-2017"),
        (dt.date(2024, 1, 1), "nd98-2023"),
        (dt.date(2025, 6, 30), "nd98-2023"),
        (dt.date(2025, 7, 1), "nd152-2025"),
        (dt.date(2031, 1, 1), "nd152-2025"),
    ],
)
def test_regime_by_date(day: dt.date, regime: str) -> None:
    assert regime_for(BGM, day).id == regime


def test_no_regime_before_the_table() -> None:
    with pytest.raises(PlanError, match="Không có căn cứ pháp lý nào áp dụng cho ngày 01/01/2010"):
        regime_for(BGM, dt.date(2010, 1, 1))


def test_a_plan_can_force_a_regime() -> None:
    forced = dataclasses.replace(BGM, legal_regime="nd91-2017")
    assert regime_for(forced, dt.date(2025, 11, 20)).id == "nd91-2017"
    wrong = dataclasses.replace(BGM, legal_regime="nd-khong-co")
    with pytest.raises(PlanError, match="legal_regime: không có 'nd-khong-co'"):
        regime_for(wrong, dt.date(2025, 11, 20))


def test_missing_libreoffice_is_a_clear_message_and_writes_nothing(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOSO_SOFFICE", str(tmp_path / "khong-co" / "soffice"))
    result = run_cli("build", "-q", "-o", tmp_path / "out", example())
    assert result.code == 1
    assert "Không tìm thấy LibreOffice (soffice)" in result.err and "make demo" in result.err
    assert "Traceback" not in result.err
    out = tmp_path / "out"
    assert not out.exists() or [p.name for p in out.iterdir()] == [LOCK_NAME]  # nothing written
