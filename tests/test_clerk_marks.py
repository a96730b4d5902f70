"""Choices as clerks mark them by hand: "x", "✓", "1" for Có and "0", "Ko" for Không in a yes/no
column, "Có mặt" and "Vắng" for a member's presence, "Nữ giới", a role with a dash pasted from
Word ("Ủy viên – Thư ký"). Run through the real `hoso build`: read as a person reads them, and
the documents say so; what still means nothing is an error with the list to choose from.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put, put_form

IND, MEMBERS = "Cá nhân", "Thành viên HĐ"


def test_marks_and_words_of_a_yes_no_column_are_read_as_they_mean(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        cells = [
            put(wb, IND, "Lãnh đạo quản lý", 2, "x"),  # Hà Thị Lan, Phó Chánh Văn phòng
            put(wb, IND, "Lãnh đạo quản lý", 3, "Ko"),
            put(wb, IND, "Lãnh đạo quản lý", 4, 0),
            put(wb, IND, "Giới tính", 3, "Nữ giới"),
        ]
        members = [
            put(wb, MEMBERS, "Có mặt", 2, "Có mặt"),
            put(wb, MEMBERS, "Có mặt", 3, "Vắng"),
            put(wb, MEMBERS, "Lý do vắng", 3, "Đi công tác"),
            put(wb, MEMBERS, "Vai trò", 8, "Ủy viên – Thư ký"),
        ]
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    for cell in cells:
        assert not findings_at(result.out, path, IND, cell), result.out
    for cell in members:
        assert not findings_at(result.out, path, MEMBERS, cell), result.out
    minutes = "\n".join(lines(docs(tmp_path / "out") / "03-bien-ban.docx"))
    assert "02 thành viên vắng mặt (Đỗ Quang Nam: đi công tác;" in minutes
    assert "Thư ký: Đồng chí Võ Ngọc Dung" in minutes


def test_a_mark_that_means_nothing_is_an_error_with_the_choices(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        dash = put(wb, IND, "Lãnh đạo quản lý", 3, "-")
        role = put(wb, MEMBERS, "Vai trò", 3, "Thành viên")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, dash)
    assert "“Lãnh đạo quản lý” không hợp lệ: “-”; chọn một trong: “Có”; “Không”." in said
    (said,) = findings_at(result.out, path, MEMBERS, role)
    assert "“Vai trò” không hợp lệ: “Thành viên”" in said


def test_a_signing_authority_typed_without_its_full_stop_is_read(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, "Thông tin chung", "Quyền hạn ký", "KT")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    # Read as "KT.": the one word said there is that a UBND's deputy signs for it too ("TM.").
    (said,) = findings_at(result.out, path, "Thông tin chung", cell)
    assert "chế độ tập thể" in said, said
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert last.endswith("| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Hà Kim Yến"), last
