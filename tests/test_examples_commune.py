"""The 2026 commune example read as a whole: the UBND xã proposes its commune's nominees to its
Chủ tịch on the Biên bản of the commune's own Hội đồng Thi đua - Khen thưởng."""

from __future__ import annotations

from pathlib import Path

from tests.doctext import lines
from tests.test_clerk_habits import docs

XA = "vi-du-xa-bu-gia-map-2026"


def test_the_commune_example_proposes_on_its_own_councils_minutes(
    example, run_cli, tmp_path: Path
) -> None:
    path = example(XA)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    to_trinh = lines(docs(tmp_path / "out") / "01-to-trinh.docx")
    # The header names the UBND xã alone (no parent line): two lines and "Số", not five.
    assert to_trinh[1].startswith("ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP | CỘNG HÒA"), to_trinh[1]
    assert to_trinh[2].startswith("Số: /TTr-UBND |"), to_trinh[2]
    assert (
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng xã Bù Gia Mập ngày 15/11/2026,"
        in to_trinh
    ), to_trinh
    assert to_trinh[-1].endswith(
        "| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Võ Thị Dung"
    )
    bien_ban = lines(docs(tmp_path / "out") / "03-bien-ban.docx")
    assert bien_ban[1].startswith(
        "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP ¶ HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG |"
    ), bien_ban[1]
    # The signer of the Tờ trình chairs the commune's council.
    assert (
        "Chủ trì: Đồng chí Võ Thị Dung, Phó Chủ tịch Ủy ban nhân dân xã, Chủ tịch Hội đồng."
        in bien_ban
    )


def test_the_examples_staff_hold_titles_their_workplace_has(
    example, run_cli, tmp_path: Path
) -> None:
    path = example(XA)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    listed = lines(docs(tmp_path / "out") / "02-danh-sach.docx")
    people = [line for line in listed if line.count(" | ") == 5 and line[0].isdigit()]
    assert len(people) == 7, listed
    # A commune's own civil servants ("Công chức Văn hóa - Xã hội") work at its UBND, not at a
    # school or a health station: the example's staff titles are ones any workplace has.
    assert not any("Công chức" in line for line in people), people


def test_the_2026_reports_look_ahead_of_their_own_year(example, run_cli, tmp_path: Path) -> None:
    path = example(XA)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    reports = sorted((docs(tmp_path / "out") / "bao-cao").glob("*.docx"))
    assert len(reports) == 12
    closing = "phấn đấu hoàn thành các chỉ tiêu chuyển đổi số đã đăng ký."
    texts = {report.name: "\n".join(lines(report)) for report in reports}
    # A 2026 report aimed "đến năm 2025", a year already past.
    assert not [name for name, text in texts.items() if "đến năm 2025" in text], texts
    assert any(closing in text for text in texts.values()), texts
