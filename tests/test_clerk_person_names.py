"""People's names as clerks type them: a row number before the name ("2. Huỳnh Thị Linh"), one word
in capitals or in lower case ("HUỲNH Thị Linh", "Nguyễn thị Hoa"), an Ê Đê name in capitals, a
phone or ID card number pasted with the name. Run through the real `hoso build`: the documents
print the name as it is written, each change said at its cell; a number is an error.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put, section

COLL, IND, MEMBERS = "Tập thể", "Cá nhân", "Thành viên HĐ"


def test_names_typed_with_a_row_number_or_a_word_in_another_case_are_printed_right(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        numbered = put(wb, IND, "Họ và tên", 3, "2. Huỳnh Thị Linh")
        capitals = put(wb, IND, "Họ và tên", 4, "ĐINH Công Sơn")
        lower = put(wb, MEMBERS, "Họ và tên", 3, "Đỗ quang Nam")
        ede = put(wb, COLL, "Thủ trưởng", 2, "H'HEN NIÊ")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, numbered)
    assert "bắt đầu bằng số thứ tự “2.”, không thuộc họ tên; hoso đã bỏ: “Huỳnh Thị Linh”" in said
    (said,) = findings_at(result.out, path, IND, capitals)
    assert "có chữ “ĐINH” viết sai chữ hoa, chữ thường" in said
    assert "văn bản sẽ in “Đinh Công Sơn”" in said
    (said,) = findings_at(result.out, path, MEMBERS, lower)
    assert "có chữ “quang” viết sai chữ hoa, chữ thường" in said
    (said,) = findings_at(result.out, path, COLL, ede)
    assert "văn bản sẽ in “H'Hen Niê”" in said
    listing = lines(docs(tmp_path / "out") / "02-danh-sach.docx")
    assert any("| Huỳnh Thị Linh | Nữ |" in line for line in listing), listing
    assert any("| Đinh Công Sơn | Nam |" in line for line in listing), listing
    minutes = "\n".join(lines(docs(tmp_path / "out") / "03-bien-ban.docx"))
    assert "Đỗ Quang Nam" in minutes and "Đỗ quang" not in minutes
    report = (
        docs(tmp_path / "out") / "bao-cao" / "01-phong-van-hoa-va-thong-tin-huyen-bu-gia-map.docx"
    )
    assert "H'Hen Niê" in "\n".join(lines(report))


def test_a_phone_or_id_number_in_a_name_is_an_error_at_its_cell(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        phone = put(wb, IND, "Họ và tên", 3, "Huỳnh Thị Linh 0912.345.678")
        card = put(wb, COLL, "Thủ trưởng", 3, "Vũ Thanh Vinh - 079187001234")
        short_number = put(wb, IND, "Họ và tên", 4, "Nguyễn Văn 123")
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, phone)
    assert "có số “0912.345.678” (số điện thoại hoặc số căn cước?), không thuộc họ tên" in said
    assert said in section(result.out, "Lỗi")
    (said,) = findings_at(result.out, path, COLL, card)
    assert "có số “079187001234”" in said
    # A few digits are said, not refused (a typo, no one's number).
    (said,) = findings_at(result.out, path, IND, short_number)
    assert "có ký tự “1” không thuộc họ tên" in said and said in section(result.out, "Cảnh báo")
