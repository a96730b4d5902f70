"""An award each unit's own head decides (decided_by_unit in the plan) is not consolidated by
the office: its proposals stay with their unit and the office is told so."""

from __future__ import annotations

from tests.conftest import council_votes, edit
from tests.test_period import units

OWN = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"


def test_a_unit_decided_award_is_not_consolidated_and_the_office_is_told(period, run_cli) -> None:
    folder = period()
    first = units(folder)[0]
    with edit(first) as wb:
        wb["Thông tin chung"]["B4"] = OWN
        wb["Thông tin chung"]["B11"] = "Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    council_votes(folder)
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    said = next(line for line in result.out.splitlines() if line.startswith(f"ℹ {OWN}"))
    assert "do Thủ trưởng từng đơn vị quyết định, không trình lên cơ quan" in said, said
    assert "không có trong văn bản của cơ quan" in said
    assert (folder / "ket-qua" / "tong-hop").is_dir()  # the other awards are consolidated
    assert not (folder / "ket-qua" / "tong-hop" / "giay-khen-thu-truong").exists()
    assert "Kính gửi: Thủ trưởng cơ quan" not in result.out
