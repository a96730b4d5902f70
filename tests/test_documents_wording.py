"""Wording of the Biên bản an office head signs: who is absent, whom the council proposes (only
those the table shows "Đạt"), the share column without a doubled "%"."""

from __future__ import annotations

from pathlib import Path

from tests.doctext import lines
from tests.test_clerk_habits import docs


def test_the_minutes_say_the_absent_member_and_propose_only_those_who_passed(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    text = lines(docs(tmp_path / "out") / "03-bien-ban.docx")
    assert (
        "Thành phần: 06/07 thành viên Hội đồng có mặt; 01 thành viên vắng mặt (Lê Kim Phương: "
        "đi công tác, có ý kiến bằng văn bản), gồm các đồng chí:"
    ) in text, text
    header = next(line for line in text if line.startswith("STT | Tên tập thể"))
    assert header.endswith("| Số phiếu đồng ý | Tỷ lệ | Kết quả"), header
    assert any(line.endswith("| Không đạt") for line in text), text  # one nominee failed
    assert (
        "Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân tỉnh Bình Phước tặng Bằng khen của "
        "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước cho 05 (năm) tập thể và 07 (bảy) cá nhân có "
        "kết quả “Đạt” nêu trên."
    ) in text, text
