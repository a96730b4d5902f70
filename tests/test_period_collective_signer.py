"""A collective body's deputy signing "KT." signs for the body too (NĐ 30, Phụ lục I), the same
rule and the same words for a unit's workbook and for the office's dot-xet.toml: the warning
names what prints, and the office's consolidated Tờ trình prints the "TM." line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import findings_at, put_form
from tests.test_period_issuer import change

INFO = "Thông tin chung"
PRINTED = "“TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”"


def _sentence(message: str) -> str:
    """The rule's sentence, without how to make the warning go (a cell's or a key's)."""
    return message[message.index("làm việc theo") : message.index(PRINTED) + len(PRINTED)]


def test_the_office_and_a_unit_say_the_collective_signature_alike(
    period, example, run_cli, tmp_path: Path
) -> None:
    """Ủy ban nhân dân huyện Bù Gia Mập's Phó Chủ tịch signs "KT." in both the example workbook
    and the example period's dot-xet.toml: both warnings say the same rule, each its own fix."""
    path = example()  # the workbook's unit is the same Ủy ban nhân dân huyện Bù Gia Mập
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Quyền hạn ký", "KT.")
        put_form(wb, INFO, "Chức vụ người ký", "Phó Chủ tịch")
    (unit_said,) = findings_at(run_cli("check", path).out, path, INFO, cell)

    folder = period()
    config = change(folder, ('authority = "TM."', 'authority = "KT."'))
    said = run_cli("period", "check", folder).out
    (office_said,) = [
        line.strip() for line in said.splitlines() if "làm việc theo chế độ tập thể" in line
    ]
    assert office_said.startswith(f"{config} › office.authority: "), said
    assert 'Ghi authority = "TM." để hết cảnh báo.' in office_said, office_said
    assert "Chọn “TM.” ở ô này để hết cảnh báo." in unit_said, unit_said
    assert _sentence(office_said) == _sentence(unit_said)

    run_cli("period", "build", "--no-pdf", "-q", folder)  # 1: a unit has errors, and examples
    (to_trinh,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-to-trinh.docx")
    last = lines(to_trinh)[-1]
    assert last.endswith("| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Hà Kim Yến"), last
