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
    assert "Chủ trì: Đồng chí Võ Thị Dung, Phó Chủ tịch UBND xã, Chủ tịch Hội đồng." in bien_ban
