"""More votes than members present while no absent member's written opinion is noted: the Biên
bản would say the absent members' opinions were sent in writing, so the check asks, at the votes
cell, naming the absent member's row."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cell_of, edit
from tests.doctext import normalized_text
from tests.test_clerk_habits import docs, findings_at

MEMBERS, COL, IND = "Thành viên HĐ", "Tập thể", "Cá nhân"
VOTES = "Số phiếu đồng ý"


def _absent_reasons(wb) -> list[tuple[int, str]]:
    """The rows of the absent members and their reasons, as the example has them."""
    ws = wb[MEMBERS]
    return [
        (r, ws.cell(r, 6).value) for r in range(2, ws.max_row + 1) if ws.cell(r, 5).value == "Không"
    ]


def test_votes_of_absent_members_with_no_written_opinion_are_asked_about(
    example, run_cli, tmp_path: Path
) -> None:
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        ((row, reason),) = _absent_reasons(wb)
        assert "văn bản" in reason  # the example's absent member wrote an opinion
        wb[MEMBERS].cell(row, 6).value = "Đi công tác"
        name = wb[MEMBERS].cell(row, 2).value
        wb[IND]["M2"] = 9  # 9 of 9 members, 8 present
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, "M2")
    assert "9 phiếu đồng ý nhưng chỉ 8/9 thành viên có mặt" in said
    assert f"hãy ghi rõ ở “Lý do vắng” của {name} ({MEMBERS}!B{row};" in said
    assert "nếu không, số phiếu tối đa là 8" in said


def test_votes_of_absent_members_with_a_written_opinion_are_not_asked_about(
    example, run_cli
) -> None:
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        wb[IND]["M2"] = 9
    result = run_cli("check", path)
    assert "thành viên có mặt" not in result.out


WRITTEN = "ý kiến của thành viên vắng mặt được gửi bằng văn bản"


def _minutes(run_cli, path: Path, out: Path) -> str:
    """The built Biên bản's text."""
    result = run_cli("build", "--no-pdf", "-q", "-o", out, path)
    assert result.code == 0, result.out
    return normalized_text(docs(out) / "03-bien-ban.docx")


def test_minutes_say_absent_opinions_were_written_only_when_something_shows_it(
    example, run_cli, tmp_path: Path
) -> None:
    """An absent member away on business, every vote within those present: the Biên bản makes
    no claim of written opinions; a vote beyond those present brings the words back (and the
    check's question above)."""
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        ((row, _),) = _absent_reasons(wb)
        wb[MEMBERS].cell(row, 6).value = "Đi công tác"
        for sheet in (COL, IND):  # the example's 9/9 votes come down to the 8 present
            for r in range(2, wb[sheet].max_row + 1):
                votes = cell_of(wb[sheet], VOTES, r)
                wb[sheet][votes] = min(wb[sheet][votes].value, 8)
    result = run_cli("check", path)
    assert "thành viên có mặt" not in result.out
    minutes = _minutes(run_cli, path, tmp_path / "out")
    assert "01 thành viên vắng mặt" in minutes
    assert WRITTEN not in minutes
    with edit(path) as wb:
        wb[IND]["M2"] = 9
    assert WRITTEN in _minutes(run_cli, path, tmp_path / "out2")


def test_minutes_keep_the_written_opinions_a_reason_states(example, run_cli, tmp_path) -> None:
    path = example("bac-kan-cds-2022-2025")
    with edit(path) as wb:
        ((_, reason),) = _absent_reasons(wb)
    assert "văn bản" in reason
    assert WRITTEN in _minutes(run_cli, path, tmp_path / "out")
