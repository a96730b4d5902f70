"""What real clerks type, hide, paste and forget: each habit run through the real `hoso` command.

Every test starts from a plan's example workbook, edits it in code the way a clerk would, runs
`hoso check` or `hoso build` and asserts on what the clerk sees: the message at its cell, or the
text of the documents. (Line breaks inside names: tests/test_line_breaks.py; the user's
environment: tests/test_environment.py.)
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from tests.conftest import cell_of, edit, label_row, retyped
from tests.doctext import lines, normalized_text, tables

INFO, COUNCIL, COLL, IND, CRIT = "Thông tin chung", "Hội đồng", "Tập thể", "Cá nhân", "Chỉ tiêu"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
DISTRICT_CHAIR = "Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"
DISTRICT_AWARD = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def findings_at(out: str, path: Path, sheet: str, cell: str | None = None) -> list[str]:
    """The finding lines a check printed for one sheet (any of its cells), or for one cell."""
    starts = (
        (f"{path} › {sheet}!{cell}:",) if cell else (f"{path} › {sheet}!", f"{path} › {sheet}:")
    )
    return [line.strip() for line in out.splitlines() if line.strip().startswith(starts)]


def section(out: str, title: str) -> str:
    """The lines printed under "Lỗi:" or "Cảnh báo:" (up to the next heading)."""
    match = re.search(rf"^  {title}:\n((?:    .*\n?)*)", out, re.M)
    return match.group(1) if match else ""


def put(wb, sheet: str, header: str, row: int, value) -> str:
    """Write a table cell by its column header; returns its coordinate."""
    coord = cell_of(wb[sheet], header, row)
    wb[sheet][coord] = value
    return coord


def put_form(wb, sheet: str, label: str, value) -> str:
    """Write a form value by its label in column A; returns its coordinate."""
    coord = f"B{label_row(wb[sheet], label)}"
    wb[sheet][coord] = value
    return coord


def docs(out: Path, stem: str = "hoso") -> Path:
    """The documents folder of a built workbook."""
    return out / stem / "van-ban"


# 1. Cross-field sense ------------------------------------------------------------------------


def test_award_of_another_authority_with_the_old_kinh_gui_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        award = put_form(wb, INFO, "Hình thức khen thưởng", DISTRICT_AWARD)
        recipient = put_form(wb, INFO, "Kính gửi", PROVINCE_CHAIR)
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, INFO, recipient)
    assert f"“Kính gửi” là “{PROVINCE_CHAIR}”" in message
    assert f"({award}) do {DISTRICT_CHAIR} quyết định" in message
    assert f"Hãy ghi Kính gửi: {DISTRICT_CHAIR}" in message
    assert "hoặc chọn hình thức “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước”" in message


def test_award_and_kinh_gui_that_agree_give_one_consistent_to_trinh(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Hình thức khen thưởng", DISTRICT_AWARD)
        put_form(wb, INFO, "Kính gửi", DISTRICT_CHAIR)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    text = normalized_text(docs(tmp_path / "out") / "01-to-trinh.docx")
    assert f"Kính gửi: {DISTRICT_CHAIR}" in text
    assert f"kính đề nghị {DISTRICT_CHAIR} xem xét, tặng {DISTRICT_AWARD}" in text
    assert f"Kính trình {DISTRICT_CHAIR} xem xét, quyết định" in text
    assert "tỉnh Bình Phước xem xét" not in text


def test_deputy_signer_without_kt_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        authority = put_form(wb, INFO, "Quyền hạn ký", None)
        put_form(wb, INFO, "Chức vụ người ký", "Phó Chủ tịch")
    result = run_cli("check", path)
    assert result.code == 1
    lines_ = findings_at(result.out, path, INFO, authority)
    assert any("KT." in line for line in lines_), result.out


# 2. What the clerk sees is what is printed ----------------------------------------------------


def test_hidden_and_filtered_rows_are_left_out_and_said_at_the_row(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        hidden = ws[cell_of(ws, "Họ và tên", 4)].value
        filtered = ws[cell_of(ws, "Họ và tên", 6)].value
        ws.row_dimensions[4].hidden = True
        ws.auto_filter.ref = f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        ws.row_dimensions[6].hidden = True  # what Excel writes for a row a filter hides
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    for row, name in ((4, hidden), (6, filtered)):
        (message,) = findings_at(result.out, path, IND, f"B{row}")
        assert f"dòng {row} (“{name}”)" in message
        assert "không được đưa vào hồ sơ" in message
    listing = normalized_text(docs(tmp_path / "out") / "02-danh-sach.docx")
    minutes = normalized_text(docs(tmp_path / "out") / "03-bien-ban.docx")
    reports = [p.name for p in (docs(tmp_path / "out") / "bao-cao").iterdir()]
    for name in (hidden, filtered):
        assert name not in listing and name not in minutes
        assert not [r for r in reports if r.endswith(_slug(name) + ".docx")]


def test_hidden_sheet_is_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[CRIT].sheet_state = "hidden"
    result = run_cli("check", path)
    assert findings_at(result.out, path, CRIT), result.out


def _slug(name: str) -> str:
    from pipeline.vietnamese import slug

    return slug(name)


# 3. Example data left in ----------------------------------------------------------------------


def test_untouched_example_is_named_and_the_build_says_so_loudly(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0
    (message,) = findings_at(result.out, path, IND, "B2")
    assert message.startswith(f"{path} › Cá nhân!B2: 8 cá nhân (dòng 2–9: Hà Thị Lan,")
    assert "là dữ liệu ví dụ (hư cấu)" in message
    assert findings_at(result.out, path, INFO, f"B{14}")  # the signer
    assert "TỆP CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU): KHÔNG in, ký hay gửi" in result.out


def test_real_rows_added_to_the_example_still_name_the_example_rows(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        new = ws.max_row + 1
        for col in range(1, ws.max_column + 1):
            ws.cell(new, col).value = ws.cell(2, col).value
        put(wb, IND, "Họ và tên", new, "Vũ Thị Hồng Nhung")
        put(wb, IND, "Ngày sinh", new, "12/03/1984")
        put(wb, IND, "Thành tích", new, "Đồng chí hoàn thành xuất sắc nhiệm vụ năm 2023.")
        replaced = put(wb, IND, "Họ và tên", 3, "Mai Văn Thành")  # one example row made real
    result = run_cli("check", path)
    (message,) = [m for m in findings_at(result.out, path, IND) if "dữ liệu ví dụ" in m]
    assert "7 cá nhân (dòng 2, 4–9:" in message
    assert "Vũ Thị Hồng Nhung" not in message and "Mai Văn Thành" not in message
    assert replaced == "B3"


def test_a_workbook_without_example_rows_has_no_example_warning(example, run_cli) -> None:
    path = retyped(example())  # the clerk's own people and reports, in the example's layout
    with edit(path) as wb:
        wb["Danh mục"].delete_cols(1, wb["Danh mục"].max_column)  # and hoso's marks gone
    result = run_cli("check", path)
    assert "dữ liệu ví dụ" not in result.out
    assert "TỆP CÒN DỮ LIỆU VÍ DỤ" not in result.out


# 4. Warnings that scale -----------------------------------------------------------------------

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Nam", "Phúc"]


def _add_people(wb, count: int, achievement=lambda i, text: text) -> list[int]:
    """Append `count` individuals copied from row 2, each with its own name and birth date."""
    ws = wb[IND]
    first = ws.max_row + 1
    template = ws[cell_of(ws, "Thành tích", 2)].value
    for i in range(count):
        row = first + i
        for col in range(1, ws.max_column + 1):
            ws.cell(row, col).value = ws.cell(2, col).value
        ws.cell(row, 1).value = row - 1
        put(
            wb,
            IND,
            "Họ và tên",
            row,
            f"{SURNAMES[i % 10]} Văn {GIVEN[i // 10 % 10]} {GIVEN[i % 10]}",
        )
        put(wb, IND, "Giới tính", row, "Nam")
        put(wb, IND, "Ngày sinh", row, dt.datetime(1980 + i // 100, 1 + i % 12, 1 + i // 12 % 28))
        put(wb, IND, "Chức vụ", row, "Chuyên viên")
        put(wb, IND, "Lãnh đạo quản lý", row, "Không")
        put(wb, IND, "Thành tích", row, achievement(i, template))
    return list(range(first, first + count))


def test_sixty_copied_achievements_give_one_warning_naming_every_row(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        rows = _add_people(wb, 60)
    result = run_cli("check", path)
    similar = [line for line in section(result.out, "Cảnh báo").splitlines() if "gần giống" in line]
    assert len(similar) == 1, similar
    assert (
        f"“Thành tích” của 61 cá nhân gần giống hệt nhau (dòng 2, {rows[0]}–{rows[-1]}:"
        in (similar[0])
    )


def test_two_clusters_of_copies_give_two_warnings(example, run_cli) -> None:
    path = example()
    other = (
        "Đồng chí tham gia số hóa 500 hồ sơ lưu trữ, hướng dẫn người dân cài đặt VNeID, "
        "hỗ trợ 30 hộ kinh doanh mở tài khoản thanh toán điện tử trong năm 2023."
    )
    with edit(path) as wb:
        _add_people(wb, 6, lambda i, text: text if i < 3 else other)
    result = run_cli("check", path)
    similar = [line for line in section(result.out, "Cảnh báo").splitlines() if "gần giống" in line]
    assert len(similar) == 2, similar


# 5. Text that prints as typed but reads wrong -------------------------------------------------


def test_invisible_characters_titles_and_pasted_bullets_are_cleaned_and_said(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        soft = put(wb, IND, "Họ và tên", 4, "Đinh Công\u00adSơn")
        title = put(wb, IND, "Họ và tên", 5, "Đ/c Lương Quang Minh")
        glued = put(
            wb,
            IND,
            "Thành tích",
            3,
            "Đồng chí đã\u200bhoàn thành tốt nhiệm vụ.\n• Hỗ trợ 25 doanh nghiệp.\n– Dạy 3 lớp.",
        )
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "gạch nối mềm" in findings_at(result.out, path, IND, soft)[0]
    assert "đã bỏ “Đ/c” trước họ tên" in findings_at(result.out, path, IND, title)[0]
    assert "khoảng trắng rộng 0" in findings_at(result.out, path, IND, glued)[0]
    folder = docs(tmp_path / "out")
    listing = normalized_text(folder / "02-danh-sach.docx")
    assert "Đinh Công Sơn" in listing and "Lương Quang Minh" in listing and "Đ/c" not in listing
    report = lines(next((folder / "bao-cao").glob("*-huynh-thi-linh.docx")))
    assert "Đồng chí đã hoàn thành tốt nhiệm vụ." in report
    assert "- Hỗ trợ 25 doanh nghiệp." in report and "- Dạy 3 lớp." in report
    for docx in folder.rglob("*.docx"):
        with zipfile.ZipFile(docx) as z:
            for part in z.namelist():
                if part.endswith(".xml"):
                    assert not INVISIBLE.search(z.read(part).decode("utf-8")), (docx, part)


def test_all_caps_and_lower_case_are_named_with_the_way_to_write_them(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        caps = put(wb, IND, "Chức vụ", 7, "CHUYÊN VIÊN")
        lower = put(wb, COLL, "Tên tập thể", 4, "ủy ban nhân dân xã phú nghĩa")
    result = run_cli("check", path)
    (caps_line,) = findings_at(result.out, path, IND, caps)
    assert "gõ toàn chữ in hoa" in caps_line and "hãy viết như câu thường" in caps_line
    lower_lines = findings_at(result.out, path, COLL, lower)
    assert any("gõ toàn chữ thường" in line and "viết hoa" in line for line in lower_lines)


def test_names_typed_in_one_case_are_fixed_and_said_with_the_right_spelling(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        lower = put(wb, IND, "Họ và tên", 2, "nguyễn văn bình")
        caps = put(wb, IND, "Họ và tên", 3, "TRẦN THỊ MAI")
    result = run_cli("check", path)
    assert findings_at(result.out, path, IND, lower) == [
        f"{path} › {IND}!{lower}: “Họ và tên” gõ toàn chữ thường: “nguyễn văn bình”; họ tên viết "
        "hoa chữ đầu mỗi tiếng, văn bản sẽ in “Nguyễn Văn Bình”. Hãy sửa lại trong tệp cho đúng."
    ]
    assert findings_at(result.out, path, IND, caps) == [
        f"{path} › {IND}!{caps}: “Họ và tên” gõ toàn chữ in hoa: “TRẦN THỊ MAI”; họ tên viết "
        "hoa chữ đầu mỗi tiếng, văn bản sẽ in “Trần Thị Mai”. Hãy sửa lại trong tệp cho đúng."
    ]


def test_values_are_said_as_the_clerk_sees_them_not_as_the_program_holds_them(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        votes = put(wb, IND, "Số phiếu đồng ý", 2, dt.datetime(2023, 1, 7))  # "7/1" typed
        born = put(wb, IND, "Ngày sinh", 3, -5)  # in its date-formatted cell
        plan = put_form(wb, INFO, "Kế hoạch", "xx")
    result = run_cli("check", path)
    assert findings_at(result.out, path, IND, votes) == [
        f"{path} › {IND}!{votes}: “Số phiếu đồng ý” phải là số nguyên (ô ghi “07/01/2023”: Excel "
        "đã tự đổi chữ gõ vào, như “7/1”, thành ngày; hãy xóa ô rồi ghi một số, ví dụ 7)."
    ]
    assert findings_at(result.out, path, IND, born) == [
        f"{path} › {IND}!{born}: “Ngày sinh”: năm 1899 trong “25/12/1899” nằm ngoài khoảng "
        "1900–2100."
    ]
    (plan_line,) = findings_at(result.out, path, INFO, plan)
    assert plan_line.startswith(
        f"{path} › {INFO}!{plan}: Không có kế hoạch “xx”. Các kế hoạch có sẵn: "
    )


def test_a_renamed_or_deleted_name_column_names_the_row_in_later_messages(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        wb[IND]["B1"] = "Họ tên"
        members = wb["Thành viên HĐ"]
        members.delete_cols(2)  # "Họ và tên" of the members gone
        members["D4"], members["E4"] = "Không", None  # absent, no reason (columns moved left)
    result = run_cli("check", path)
    assert findings_at(result.out, path, IND, "M9") == [
        f"{path} › {IND}!M9: dòng 9: 4/7 phiếu (57,1%), dưới mức 80% của kế hoạch; sẽ ghi "
        "“Không đạt” trong Biên bản và không được đề nghị."
    ]
    assert (
        f"{path} › Thành viên HĐ!D4: thành viên ở dòng 4 vắng mặt nhưng chưa ghi “Lý do vắng”."
    ) in result.out
    assert ": : " not in result.out and " : " not in result.out


def test_a_name_position_or_unit_pasted_far_too_long_is_an_error_at_its_cell(
    example, run_cli
) -> None:
    path = example()
    with edit(path) as wb:
        name = put(wb, IND, "Họ và tên", 2, "Nguyễn " * 1400)
        position = put(wb, IND, "Chức vụ", 3, "Chuyên viên " * 30)
        unit = put(wb, COLL, "Tên tập thể", 2, "Phòng Văn hóa " * 30)
    result = run_cli("check", path)
    assert result.code == 1
    assert findings_at(result.out, path, IND, name) == [
        f"{path} › {IND}!{name}: “Họ và tên” dài 9799 ký tự (“{'Nguyễn ' * 8}Ngu…”), vượt giới "
        "hạn 80 ký tự; hãy kiểm tra lại ô này (có thể đã dán nhầm) và ghi ngắn gọn."
    ]
    assert "“Chức vụ” dài 359 ký tự" in findings_at(result.out, path, IND, position)[0]
    assert "vượt giới hạn 250 ký tự" in findings_at(result.out, path, IND, position)[0]
    assert any(
        "“Tên tập thể” dài 419 ký tự" in line for line in findings_at(result.out, path, COLL, unit)
    )


def test_emoji_the_document_fonts_cannot_print_are_warned_at_the_cell(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        name = put(wb, IND, "Họ và tên", 2, "Hà Thị Lan 👍")
        text = put(wb, IND, "Thành tích", 3, "✓ Hoàn thành xuất sắc nhiệm vụ 🇻🇳")
    result = run_cli("check", path)
    assert result.code == 0
    assert findings_at(result.out, path, IND, name) == [
        f"{path} › {IND}!{name}: “Họ và tên” có ký tự “👍” (biểu tượng, emoji) mà phông chữ của "
        "văn bản (Times New Roman) không in được, văn bản sẽ để trống chỗ đó; hãy xóa hoặc thay "
        "bằng chữ."
    ]
    assert findings_at(result.out, path, IND, text) == [
        f"{path} › {IND}!{text}: “Thành tích” có ký tự “🇻🇳” (biểu tượng, emoji) mà phông chữ của "
        "văn bản (Times New Roman) không in được, văn bản sẽ để trống chỗ đó; hãy xóa hoặc thay "
        "bằng chữ."
    ]


# 7. Dates and places of the reports ------------------------------------------------------------


def test_reports_default_to_the_council_day_and_take_their_own_date_and_place(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put(wb, IND, "Ngày báo cáo", 3, "10/11/2023")
        put(wb, IND, "Địa danh báo cáo", 3, "Phú Nghĩa")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    reports = docs(tmp_path / "out") / "bao-cao"
    own = normalized_text(next(reports.glob("*-huynh-thi-linh.docx")))
    default = normalized_text(next(reports.glob("*-ha-thi-lan.docx")))
    assert "Phú Nghĩa, ngày 10 tháng 11 năm 2023" in own
    assert "Bù Gia Mập, ngày 15 tháng 11 năm 2023" in default  # the council met on 15/11/2023
    commune = normalized_text(next(reports.glob("*-uy-ban-nhan-dan-xa-phu-nghia.docx")))
    assert "Phú Nghĩa, ngày 15 tháng 11 năm 2023" in commune  # a commune's own place name
    to_trinh = normalized_text(docs(tmp_path / "out") / "01-to-trinh.docx")
    assert "Bù Gia Mập, ngày tháng năm 2023" in to_trinh  # unnumbered: dated by the văn thư


def test_report_dated_after_the_council_meeting_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        late = put(wb, IND, "Ngày báo cáo", 5, "18/11/2023")
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, IND, late)
    assert "18/11/2023" in message and "15/11/2023" in message


def test_council_after_the_to_trinh_is_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Ngày tờ trình", dt.datetime(2023, 11, 10))
        meeting = f"B{label_row(wb[COUNCIL], 'Ngày họp')}"
    result = run_cli("check", path)
    assert result.code == 1
    (message,) = findings_at(result.out, path, COUNCIL, meeting)
    assert "ngày họp Hội đồng (15/11/2023) sau ngày Tờ trình (10/11/2023)" in message


# 8. Nothing disappears silently ---------------------------------------------------------------


def test_deleted_criteria_sheet_is_named(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        del wb[CRIT]
    result = run_cli("check", path)
    (message,) = findings_at(result.out, path, CRIT)
    assert "thiếu sheet “Chỉ tiêu”" in message
    assert "Báo cáo thành tích của 5 tập thể sẽ không có bảng kết quả chỉ tiêu" in message


def test_one_units_deleted_criteria_are_named_at_its_row(example, run_cli, tmp_path: Path) -> None:
    path = example()
    unit = "Ủy ban nhân dân xã Phú Nghĩa"
    with edit(path) as wb:
        ws = wb[CRIT]
        for row in range(ws.max_row, 1, -1):
            if ws.cell(row, 1).value == unit:
                ws.delete_rows(row)
        names = [c.value for c in wb[COLL][cell_of(wb[COLL], "Tên tập thể", 2)[0]]]
        where = f"B{names.index(unit) + 1}"
    result = run_cli("check", path)
    (message,) = findings_at(result.out, path, COLL, where)
    assert message.split(": ", 1)[1].startswith(
        f"{unit}: sheet “Chỉ tiêu” chưa có kết quả chỉ tiêu"
    )
    assert "báo cáo sẽ thiếu các chỉ tiêu này" in message


# 10. Plausibility ----------------------------------------------------------------------------


def test_implausible_values_are_named_with_a_hint(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        old = put(wb, IND, "Ngày sinh", 3, "01/01/1920")
        child = put(wb, IND, "Ngày sinh", 5, "01/01/2015")
        staff = put(wb, COLL, "Số cán bộ", 3, 250000)
        late = f"B{label_row(wb[COUNCIL], 'Giờ kết thúc')}"
        wb[COUNCIL][late] = dt.time(23, 30)
    result = run_cli("check", path)
    assert "103 tuổi vào ngày Tờ trình" in findings_at(result.out, path, IND, old)[0]
    assert "8 tuổi vào ngày Tờ trình" in findings_at(result.out, path, IND, child)[0]
    assert "“Số cán bộ” là 250000; kiểm tra lại" in findings_at(result.out, path, COLL, staff)[0]
    hours = findings_at(result.out, path, COUNCIL)
    assert any("ngoài giờ làm việc" in line for line in hours), result.out


def test_what_a_person_reads_as_the_same_is_accepted(example, run_cli, tmp_path: Path) -> None:
    path = example()
    with edit(path) as wb:
        put(wb, IND, "Số phiếu đồng ý", 4, "7 phiếu")
        put(wb, COLL, "Số cán bộ", 2, "1.234")
        put_form(wb, COUNCIL, "Tổng số thành viên", "7 người")
        wb[IND].title = "Cá nhân\u00a0"  # a trailing non-breaking space nobody can see
        header = wb[COLL][cell_of(wb[COLL], "Thành tích", 1)]
        header.value = "Thành  tích "
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not section(result.out, "Lỗi")
    rows = [r for t in tables(docs(tmp_path / "out") / "03-bien-ban.docx") for r in t]
    assert any(r[1] == "Đinh Công Sơn" and "7/7" in r for r in rows if len(r) > 2), rows
    reports = [normalized_text(f) for f in (docs(tmp_path / "out") / "bao-cao").glob("*.docx")]
    assert sum("viên chức và người lao động: 1.234 người." in text for text in reports) == 1


def test_large_batches_keep_their_files_in_order(example, run_cli, tmp_path: Path) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Hình thức khen thưởng", DISTRICT_AWARD)  # no quota
        put_form(wb, INFO, "Kính gửi", DISTRICT_CHAIR)
        _add_people(wb, 100, lambda i, text: f"Đồng chí hoàn thành nhiệm vụ thứ {i} năm 2023.")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    names = sorted(p.name for p in (docs(tmp_path / "out") / "bao-cao").glob("*.docx"))
    numbers = [int(n.split("-", 1)[0]) for n in names]
    assert numbers == sorted(numbers) == list(range(1, len(names) + 1))
    assert all(re.match(r"\d{3}-", n) for n in names), names[:3]


def test_example_workbooks_of_every_plan_pass_with_only_the_example_warning(
    example, run_cli
) -> None:
    from pipeline.inputs.plans import all_plans

    for plan in all_plans():
        path = example(plan.id, name=f"{plan.id}.xlsx")
        result = run_cli("check", path)
        assert result.code == 0, result.out
        assert "TỆP CÒN DỮ LIỆU VÍ DỤ" in result.out
        assert openpyxl.load_workbook(path)["Danh mục"].sheet_state == "hidden"
