"""What a clerk types that looks right in Excel and prints wrong: the documents' own words typed
again ("Kính gửi: …", "Bù Gia Mập, ngày …"), letters of another alphabet that look Latin, dates
written with another dash. Each runs the real `hoso` command and asserts on the message at its
cell and on the documents' text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import edit
from tests.doctext import lines, normalized_text
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

INFO, COUNCIL, COLL, IND, CRIT = "Thông tin chung", "Hội đồng", "Tập thể", "Cá nhân", "Chỉ tiêu"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
CYRILLIC_A = "\u0430"


def test_words_the_to_trinh_prints_typed_again_are_dropped_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        recipient = put_form(wb, INFO, "Kính gửi", f"Kính gửi: {PROVINCE_CHAIR}")
        place = put_form(wb, INFO, "Địa danh", "Bù Gia Mập, ngày 20 tháng 11 năm 2023")
        code = put_form(wb, INFO, "Ký hiệu cơ quan", "TTr-UBND")
        sent = put_form(wb, INFO, "Nơi nhận", "Nơi nhận:\n- Như trên;\n- Sở Nội vụ;")
        report_place = put(wb, IND, "Địa danh báo cáo", 3, "Phú Nghĩa, ngày")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    said = {
        recipient: "“Kính gửi” có “Kính gửi:” mà Tờ trình in sẵn “Kính gửi:” trước ô này",
        place: "“Địa danh” có “, ngày 20 tháng 11 năm 2023” mà văn bản in sẵn",
        code: "“Ký hiệu cơ quan” có “TTr-” mà số, ký hiệu của Tờ trình in sẵn “/TTr-”",
        sent: "“Nơi nhận” có “Nơi nhận:” mà Tờ trình in sẵn “Nơi nhận:”",
    }
    for cell, fragment in said.items():
        assert any(fragment in f for f in findings_at(result.out, path, INFO, cell)), result.out
    assert "“Địa danh báo cáo” có “, ngày”" in findings_at(result.out, path, IND, report_place)[0]
    to_trinh = lines(docs(tmp_path / "out") / "01-to-trinh.docx")
    text = "\n".join(to_trinh)
    assert f"Kính gửi: {PROVINCE_CHAIR}" in to_trinh
    assert "Kính gửi: Kính gửi" not in text and "đề nghị Kính gửi" not in text
    assert f"Kính trình {PROVINCE_CHAIR} xem xét, quyết định./." in to_trinh
    assert "Số: /TTr-UBND | Bù Gia Mập, ngày tháng năm 2023" in to_trinh  # văn thư dates it
    assert "Nơi nhận: ¶ - Như trên; ¶ - Sở Nội vụ;" in text and "- Nơi nhận" not in text
    minutes = normalized_text(docs(tmp_path / "out") / "03-bien-ban.docx")
    assert "Bù Gia Mập, ngày 15 tháng 11 năm 2023" in minutes and "ngày, ngày" not in minutes
    report = normalized_text(next((docs(tmp_path / "out") / "bao-cao").glob("*-huynh-thi-linh*")))
    assert "Phú Nghĩa, ngày 15 tháng 11 năm 2023" in report and "ngày, ngày" not in report


def test_kinh_gui_typed_again_still_agrees_with_the_award(example, run_cli) -> None:
    """The words dropped before the check of "Kính gửi" against the award: a wrong pair is
    still an error, a right one still none."""
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Kính gửi", "Kính gửi Chủ tịch UBND tỉnh Bình Phước")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "hoso đã bỏ để không in hai lần: “Chủ tịch UBND tỉnh Bình Phước”" in result.out
    assert not findings_at(section(result.out, "Lỗi"), path, INFO, cell)


def test_letters_of_another_alphabet_are_made_latin_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        # Row 2's Hà Thị Lan typed again with a Cyrillic "а", same birth date: the same person.
        twin = put(wb, IND, "Họ và tên", 3, f"Hà Thị L{CYRILLIC_A}n")
        put(wb, IND, "Ngày sinh", 3, dt.datetime(1979, 2, 21))
        greek = put(wb, IND, "Họ và tên", 4, "Đinh C\u03bfng Sơn")
        ws = wb[CRIT]
        for row in range(2, 6):  # one unit's criteria rows, its name with a Cyrillic "а"
            ws.cell(row, 1).value = ws.cell(row, 1).value.replace("a", CYRILLIC_A, 1)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert "“Hà Thị Lan” trùng với dòng 2." in findings_at(result.out, path, IND, twin)[0]
    said = " ".join(findings_at(result.out, path, IND, twin))
    assert f"có chữ “{CYRILLIC_A}” của bảng chữ cái Kirin (chữ Nga)" in said
    assert "hoso đã thay bằng chữ Latinh: “Hà Thị Lan”" in said
    assert "Hy Lạp" in findings_at(result.out, path, IND, greek)[0]
    crit = findings_at(result.out, path, CRIT, "A2")
    assert "Kirin" in crit[0] and "không có ở sheet" not in result.out, result.out
    with edit(path) as wb:
        put(wb, IND, "Ngày sinh", 3, dt.datetime(1987, 10, 22))
    built = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert built.code == 0, built.out
    listing = normalized_text(docs(tmp_path / "out") / "02-danh-sach.docx")
    assert "Đinh Cong Sơn" in listing and "\u03bf" not in listing and CYRILLIC_A not in listing


def test_a_kinh_gui_with_a_cyrillic_letter_is_still_checked_against_the_award(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        put_form(
            wb,
            INFO,
            "Hình thức khen thưởng",
            "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập",
        )
        cell = put_form(wb, INFO, "Kính gửi", PROVINCE_CHAIR.replace("a", CYRILLIC_A, 1))
    result = run_cli("check", path)
    assert result.code == 1, result.out
    errors = findings_at(section(result.out, "Lỗi"), path, INFO, cell)
    assert any(f"“Kính gửi” là “{PROVINCE_CHAIR}” nhưng" in e for e in errors), result.out


def test_a_signing_authority_typed_before_the_title_is_printed_once(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Quyền hạn ký", None)
        title = put_form(wb, INFO, "Chức vụ người ký", "KT. Chủ tịch\nPhó Chủ tịch")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    said = findings_at(result.out, path, INFO, title)
    assert "bắt đầu bằng “KT.”" in said[0] and "lấy làm “Quyền hạn ký”" in said[0], result.out
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert last.endswith("| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Hà Kim Yến"), last


def test_a_position_typed_with_its_workplace_prints_the_workplace_once(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    unit = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"
    with edit(path) as wb:
        position = put(wb, IND, "Chức vụ", 3, f"Kỹ thuật viên, {unit}")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    said = findings_at(result.out, path, IND, position)
    assert "hoso đã bỏ khỏi chức vụ: “Kỹ thuật viên”" in said[0], result.out
    listing = lines(docs(tmp_path / "out") / "02-danh-sach.docx")
    row = next(line for line in listing if "Huỳnh Thị Linh" in line)
    assert f"| Kỹ thuật viên, {unit} |" in row and row.count(unit) == 1, row


def test_a_title_that_ends_with_the_units_kind_keeps_it_when_the_unit_is_dropped(
    example, run_cli, tmp_path: Path
) -> None:
    """ "Trưởng phòng Văn hóa …" at "Phòng Văn hóa …" is "Trưởng phòng", never "Trưởng"; a post
    typed with its unit's kind only ("Phó Chủ tịch UBND xã" at "UBND xã Phú Nghĩa") drops it."""
    path = example()
    office = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"
    with edit(path) as wb:
        head = put(wb, IND, "Chức vụ", 3, "Trưởng phòng Văn hóa và Thông tin huyện Bù Gia Mập")
        put(wb, IND, "Đơn vị công tác", 3, office)
        deputy = put(wb, IND, "Chức vụ", 4, "Phó Chủ tịch UBND xã")
        put(wb, IND, "Đơn vị công tác", 4, "UBND xã Phú Nghĩa")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    said = " ".join(findings_at(result.out, path, IND, head))
    assert "hoso đã bỏ khỏi chức vụ: “Trưởng phòng”" in said, result.out
    said = " ".join(findings_at(result.out, path, IND, deputy))
    assert "hoso đã bỏ khỏi chức vụ: “Phó Chủ tịch”" in said, result.out
    listing = lines(docs(tmp_path / "out") / "02-danh-sach.docx")
    row = next(line for line in listing if "Huỳnh Thị Linh" in line)
    assert f"| Trưởng phòng, {office} |" in row, row
    row = next(line for line in listing if "Đinh Công Sơn" in line)
    assert "| Phó Chủ tịch, Ủy ban nhân dân xã Phú Nghĩa |" in row, row


def test_names_typed_with_a_full_stop_or_in_quotes_are_printed_bare(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        dotted = put(wb, IND, "Họ và tên", 3, "Huỳnh Thị Linh.")
        quoted = put(wb, IND, "Họ và tên", 4, "“Đinh Công Sơn”")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "có dấu “.” ở đầu hoặc cuối" in findings_at(result.out, path, IND, dotted)[0]
    assert "có dấu ngoặc kép ở đầu hoặc cuối" in findings_at(result.out, path, IND, quoted)[0]
    listing = lines(docs(tmp_path / "out") / "02-danh-sach.docx")
    assert any("| Huỳnh Thị Linh | Nữ |" in line for line in listing), listing
    assert any("| Đinh Công Sơn | Nam |" in line for line in listing), listing
    assert not any("Linh." in line or "“Đinh" in line for line in listing)


def test_an_ethnic_groups_name_typed_in_one_case_is_printed_as_a_name(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put(wb, IND, "Dân tộc", 2, "KINH")
        put(wb, IND, "Dân tộc", 3, "ê đê")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    reports = docs(tmp_path / "out") / "bao-cao"
    (lan,) = reports.glob("*ha-thi-lan.docx")
    (linh,) = reports.glob("*huynh-thi-linh.docx")
    assert "- Dân tộc: Kinh." in normalized_text(lan)
    assert "- Dân tộc: Ê Đê." in normalized_text(linh)


def test_a_numbered_distribution_and_a_full_stop_after_kinh_gui_print_as_nd30_wants(
    example, run_cli, tmp_path: Path
) -> None:
    """Nơi nhận typed as a numbered list, its "Lưu" line numbered too, and "Kính gửi" ended
    with a full stop: the Tờ trình prints "- X;" lines with one "- Lưu: …." line, and "Kính gửi:
    …" without a full stop of its own."""
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Kính gửi", f"{PROVINCE_CHAIR}.")
        put_form(
            wb,
            INFO,
            "Nơi nhận",
            "1. Như trên;\n2) Ban Thi đua - Khen thưởng (Sở Nội vụ);\n3. Lưu: VT, VHTT.",
        )
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    text = normalized_text(docs(tmp_path / "out") / "01-to-trinh.docx")
    assert f"Kính gửi: {PROVINCE_CHAIR}\n" in text
    assert (
        "Nơi nhận: ¶ - Như trên; ¶ - Ban Thi đua - Khen thưởng (Sở Nội vụ); ¶ - Lưu: VT, VHTT. |"
    ) in text
