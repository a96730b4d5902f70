"""An award each unit's own head decides (decided_by_unit in the plan) is not consolidated by
the office: its proposals stay with their unit and the office is told so. The office neither
votes on them (hoi-dong.xlsx), nor counts them in the period's quotas, nor in its own figures:
its statistics show them on a line of their own."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.resources import PLANS_DIR
from tests.conftest import council_votes, edit
from tests.test_period import fix_broken_unit, units

OWN = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
OWN_UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit
LABEL = "do đơn vị tự quyết định khen thưởng"


def own_award(folder: Path) -> None:
    """Make the example period's first unit propose the award its own head decides."""
    with edit(units(folder)[0]) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"


def test_a_unit_decided_award_is_not_consolidated_and_the_office_is_told(period, run_cli) -> None:
    folder = period()
    own_award(folder)
    council_votes(folder)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    said = [line for line in result.out.splitlines() if line.startswith(f"ℹ {OWN}")]
    assert len(said) == 1, result.out  # said once
    assert "do Thủ trưởng từng đơn vị quyết định, không trình lên cơ quan" in said[0]
    assert "không có trong văn bản, tệp Hội đồng và số lượng cả đợt của cơ quan" in said[0]
    assert f"thống kê ghi riêng một dòng “{LABEL}”" in said[0]
    assert (folder / "ket-qua" / "tong-hop").is_dir()  # the other awards are consolidated
    assert not (folder / "ket-qua" / "tong-hop" / "giay-khen-thu-truong").exists()
    assert "Kính gửi: Thủ trưởng cơ quan" not in result.out


def test_the_office_council_does_not_vote_on_an_award_the_unit_decides(period, run_cli) -> None:
    folder = period()
    own_award(folder)
    result = run_cli("period", "council", folder)
    assert f"ℹ {OWN}: do Thủ trưởng từng đơn vị quyết định" in result.out, result.out
    assert f"đề nghị của {OWN_UNIT} không có dòng trong tệp này" in result.out
    ws = openpyxl.load_workbook(folder / "hoi-dong.xlsx")["Biểu quyết"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2) if row[1].value]
    # (the unit's earlier rows, for the award it proposed before, stay as leftovers at the end)
    assert rows and not any(OWN in row for row in rows), rows
    checked = run_cli("period", "check", folder)
    assert "chưa có số phiếu" not in checked.out, checked.out  # nothing to vote on is missing


def test_the_statistics_show_unit_decided_awards_apart(period, run_cli) -> None:
    folder = period()
    fix_broken_unit(folder)
    own_award(folder)
    council_votes(folder)
    run_cli("period", "build", "--no-pdf", "-q", folder)
    wb = openpyxl.load_workbook(folder / "ket-qua" / "tong-hop" / "thong-ke.xlsx")
    by_unit = [r[0] for r in wb["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert OWN_UNIT not in by_unit and len(by_unit) == 3, by_unit
    by_award = {r[0]: r[1:] for r in wb["Theo hình thức"].iter_rows(min_row=2, values_only=True)}
    line = f"{OWN} ({LABEL}, không tính vào số của cơ quan)"
    assert by_award[line][:2] == (1, 3), by_award  # the unit's 1 collective and 3 people
    (total,) = wb["Tổng hợp"].iter_rows(min_row=2, max_row=2, values_only=True)
    assert total[0] == 3  # units in the office's figures


def test_period_quotas_leave_out_an_award_each_unit_decides(period, tmp_path) -> None:
    folder = period()
    fix_broken_unit(folder)
    for path in units(folder)[:2]:
        with edit(path) as wb:
            wb["Thông tin chung"]["B4"] = OWN
            wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    plan = plans / "bu-gia-map-cds-2022-2025.toml"
    text = plan.read_text(encoding="utf-8")
    limits = (
        'quotas = [{ review = "so-ket-2023", tap_the = 1, ca_nhan = 1 }]\n'
        'leader_share = { max_percent = 10, who = "lãnh đạo", basis = "thử" }\n'
    )
    text = text.replace("decided_by_unit = true", "decided_by_unit = true\n" + limits, 1)
    plan.write_text(text, encoding="utf-8")
    checked = check_period(load_period(folder, plans))
    said = [f.message for f in checked.findings]
    assert not any("vượt số lượng của cả đợt" in m and OWN in m for m in said), said
    assert not any("tỷ lệ lãnh đạo, quản lý của cả đợt" in m for m in said), said


def test_decides_naming_an_award_each_unit_decides_is_warned_at_its_key(period, run_cli) -> None:
    folder = period()
    own_award(folder)
    council_votes(folder)
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("decides = []", 'decides = ["giay-khen-thu-truong"]'), encoding="utf-8"
    )
    result = run_cli("period", "check", folder)
    (line,) = [ln for ln in result.out.splitlines() if f"{config} › decides[0]" in ln]
    assert f"“{OWN}” (giay-khen-thu-truong) do Thủ trưởng từng đơn vị quyết định" in line
    assert "không phải cơ quan" in line
    assert "hãy bỏ “giay-khen-thu-truong” khỏi decides" in line
    assert "Quyết định khen thưởng chưa có" not in result.out  # no decision of the office
    printed = run_cli("period", "certificates", folder)
    assert "chỉ có hình thức do Thủ trưởng từng đơn vị quyết định" in printed.out + printed.err
