"""Acronyms clerks type in the nominees' names and posts ("UBND xã Phú Nghĩa", "PCT UBND xã",
"Trường THCS …"): the lists and reports write them in full, as NĐ 30 wants in a document's text,
each said at its cell; "Chỉ tiêu" finds its nominee either way. The council's sheets and
"Thông tin chung" get the same rule (tests/test_body_acronyms.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put, section

COLL, IND, MEMBERS, CRIT = "Tập thể", "Cá nhân", "Thành viên HĐ", "Chỉ tiêu"


def test_acronyms_of_nominees_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        commune = put(wb, COLL, "Tên tập thể", 4, "UBND xã Phú Nghĩa")  # "Chỉ tiêu" spells it out
        workplace = put(wb, IND, "Đơn vị công tác", 4, "UBND xã Phú Nghĩa")
        post = put(wb, IND, "Chức vụ", 2, "PCT UBND xã Phú Nghĩa")
        ws = wb[CRIT]
        for row in range(2, ws.max_row + 1):
            if ws.cell(row, 1).value == "Ủy ban nhân dân xã Đức Hạnh":
                ws.cell(row, 1).value = "UBND xã Đức Hạnh"  # the collective's row spells it out
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, COLL, commune)
    assert "“Tên tập thể” có chữ viết tắt “UBND”, mà văn bản ghi đầy đủ" in said
    assert "hoso đã viết ra: “Ủy ban nhân dân xã Phú Nghĩa”" in said
    assert said in section(result.out, "Cảnh báo")
    assert findings_at(result.out, path, IND, workplace)
    (said,) = findings_at(result.out, path, IND, post)
    assert "có chữ viết tắt “PCT”, “UBND”" in said
    assert "“Phó Chủ tịch Ủy ban nhân dân xã Phú Nghĩa”" in said
    assert not findings_at(result.out, path, CRIT)
    members = findings_at(result.out, path, MEMBERS)  # the example's posts are written in full
    assert not [line for line in members if "viết tắt" in line]
    listing = "\n".join(lines(docs(tmp_path / "out") / "02-danh-sach.docx"))
    assert "UBND xã" not in listing and "PCT" not in listing
    assert "Phó Chủ tịch Ủy ban nhân dân xã Phú Nghĩa" in listing
    report = docs(tmp_path / "out") / "bao-cao" / "04-uy-ban-nhan-dan-xa-duc-hanh.docx"
    assert "Hồ sơ công việc cấp xã được xử lý trên môi trường mạng" in "\n".join(lines(report))


def test_joined_council_acronyms_and_office_are_written_in_full_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    """A workplace typed "VP HĐND-UBND huyện" (the hyphen kept it from the acronym check) is said at its cell and
    printed "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện" in the list."""
    path = example()
    with edit(path) as wb:
        workplace = put(wb, IND, "Đơn vị công tác", 3, "VP HĐND-UBND huyện Bù Gia Mập")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, workplace)
    assert "“Đơn vị công tác” có chữ viết tắt “VP”, “HĐND-UBND”, mà văn bản ghi đầy đủ" in said
    full = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"
    assert "hoso đã viết ra: “Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện" in said
    listing = "\n".join(lines(docs(tmp_path / "out") / "02-danh-sach.docx"))
    assert "HĐND" not in listing and "VP " not in listing
    assert full in " ".join(listing.split())
