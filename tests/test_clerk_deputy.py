"""A deputy signing for a collective body ("TM." chosen, "Phó Chủ tịch" signing): NĐ 30's
block names the body, then the head the deputy signs for, then the deputy's own title."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put_form


def test_a_deputy_signing_on_behalf_of_the_committee_signs_for_its_chairman(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, "Thông tin chung", "Quyền hạn ký", "TM.")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, "Thông tin chung", cell), result.out
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert last.endswith("| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Hà Kim Yến"), last
