"""Acronyms typed in the cells a document prints in its text, beyond the nominees' sheets: the
council members' posts and absence reasons, the meeting's place, and on "Thông tin chung" the
unit, "Kính gửi" and the signer's title. Each is written in full and said at its cell, as for a
nominee ("UBND" → "Ủy ban nhân dân"); only the header's parent body may keep "UBND"."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

INFO, COUNCIL, MEMBERS = "Thông tin chung", "Hội đồng", "Thành viên HĐ"
# An acronym standing as a word: not a ký hiệu's part ("BB-UBND", "TTr-UBND").
ACRONYM = re.compile(r"(?<![-/\w])(UBND|HĐND|PCT)(?![-/\w])")


def said(out: str, path: Path, sheet: str, cell: str) -> str:
    """The one warning about an acronym at a cell, checked to be among the warnings."""
    (line,) = [f for f in findings_at(out, path, sheet, cell) if "chữ viết tắt" in f]
    assert line in section(out, "Cảnh báo"), out
    return line


def test_acronyms_in_the_council_sheets_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        chair = put(wb, MEMBERS, "Chức vụ", 2, "Phó Chủ tịch Thường trực UBND huyện")
        member = put(wb, MEMBERS, "Chức vụ", 4, "Chánh Văn phòng HĐND và UBND huyện")
        reason = put(wb, MEMBERS, "Lý do vắng", 6, "Đi họp HĐND tỉnh")
        place = put_form(wb, COUNCIL, "Địa điểm", "Hội trường UBND huyện Bù Gia Mập")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert said(result.out, path, MEMBERS, chair).endswith(
        "“Chức vụ” có chữ viết tắt “UBND”, mà văn bản ghi đầy đủ; hoso đã viết ra: "
        "“Phó Chủ tịch Thường trực Ủy ban nhân dân huyện”. Hãy sửa trong ô."
    )
    assert "có chữ viết tắt “HĐND”, “UBND”" in said(result.out, path, MEMBERS, member)
    assert "“Đi họp Hội đồng nhân dân tỉnh”" in said(result.out, path, MEMBERS, reason)
    assert "“Hội trường Ủy ban nhân dân huyện Bù Gia Mập”" in said(result.out, path, COUNCIL, place)
    text = "\n".join(lines(docs(tmp_path / "out") / "03-bien-ban.docx"))
    assert ACRONYM.findall(text) == [], text
    assert ", Phó Chủ tịch Thường trực Ủy ban nhân dân huyện, Chủ tịch Hội đồng" in text
    assert "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện" in text
    assert ": đi họp Hội đồng nhân dân tỉnh)" in text
    assert "Hội trường Ủy ban nhân dân huyện Bù Gia Mập" in text


def test_acronyms_in_the_tờ_trình_fields_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        unit = put_form(wb, INFO, "Cơ quan trình khen", "UBND huyện Bù Gia Mập")
        recipient = put_form(wb, INFO, "Kính gửi", "Chủ tịch UBND tỉnh Bình Phước")
        title = put_form(wb, INFO, "Chức vụ người ký", "PCT")  # TM.: a deputy, read in full
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "hoso đã viết ra: “Ủy ban nhân dân huyện Bù Gia Mập”" in said(
        result.out, path, INFO, unit
    )
    assert "“Chủ tịch Ủy ban nhân dân tỉnh Bình Phước”" in said(result.out, path, INFO, recipient)
    assert "“Chức vụ người ký” có chữ viết tắt “PCT”" in said(result.out, path, INFO, title)
    folder = docs(tmp_path / "out")
    to_trinh = lines(folder / "01-to-trinh.docx")
    body = "\n".join(to_trinh[3:])  # below the header, whose parent line may abbreviate
    assert ACRONYM.findall(body.replace("các PCT UBND huyện", "")) == [], body  # Nơi nhận's own
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Bình Phước" in body
    assert "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước xem xét" in body
    assert "TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH" in to_trinh[-1]
    listing = "\n".join(lines(folder / "02-danh-sach.docx"))
    assert "của Ủy ban nhân dân huyện Bù Gia Mập)" in listing
