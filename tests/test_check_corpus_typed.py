"""More of the broken-input corpus (tests/test_check_corpus.py): what clerks type that looks right
in Excel and reads wrong. The documents' own words typed again, letters of another alphabet that
look Latin, dates with a pasted dash or shown as Excel's serial number. Each case is an error, a
warning at its cell, or a value a person reads as the contract asks for and so is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from openpyxl import Workbook

from tests.conftest import cell_of, edit
from tests.test_check_corpus import put, put_form

INFO, COUNCIL, MEMBERS = "Thông tin chung", "Hội đồng", "Thành viên HĐ"
COLL, IND, CRIT = "Tập thể", "Cá nhân", "Chỉ tiêu"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"
DISTRICT_AWARD = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"
CYR_A, CYR_O, CYR_C, GREEK_O = "\u0430", "\u043e", "\u0421", "\u03bf"
ETH = "\u00d0"  # Latin capital Eth, drawn like the Vietnamese "Đ" (U+0110)


@dataclass(frozen=True)
class Typed:
    """A clerk's value: how it is typed, where the check must answer, and what it must say
    (None: nothing at that cell, the value is read as a person reads it)."""

    id: str
    mutate: Callable[[Workbook], tuple[str, str]]
    fragment: str | None


ERRORS: list[Typed] = []
WARNINGS: list[Typed] = []
ACCEPTED: list[Typed] = []


def into(cases: list[Typed], fragment: str | None = None) -> Callable:
    def register(fn: Callable[[Workbook], tuple[str, str]]) -> Callable:
        cases.append(Typed(fn.__name__, fn, fragment))
        return fn

    return register


# -- The documents' own words typed again: dropped, said ------------------------------------


@into(WARNINGS, "có “Kính gửi:” mà Tờ trình in sẵn “Kính gửi:” trước ô này")
def kinh_gui_typed_in_its_cell(wb):
    return put_form(wb, INFO, "Kính gửi", f"Kính gửi: {PROVINCE_CHAIR}")


@into(WARNINGS, "có “Kinh gui” mà Tờ trình in sẵn “Kính gửi:”")
def kinh_gui_typed_without_accents(wb):
    return put_form(wb, INFO, "Kính gửi", f"Kinh gui {PROVINCE_CHAIR}")


@into(WARNINGS, "có “, ngày 20 tháng 11 năm 2023” mà văn bản in sẵn “, ngày … tháng … năm …”")
def place_typed_with_the_date(wb):
    return put_form(wb, INFO, "Địa danh", "Bù Gia Mập, ngày 20 tháng 11 năm 2023")


@into(WARNINGS, "có “, ngày” mà văn bản in sẵn")
def place_typed_with_ngay(wb):
    return put_form(wb, INFO, "Địa danh", "Bù Gia Mập, ngày")


@into(WARNINGS, "có “,” mà văn bản in sẵn")
def place_typed_with_its_comma(wb):
    return put_form(wb, INFO, "Địa danh", "Bù Gia Mập,")


@into(WARNINGS, "có “, 15/11/2023” mà văn bản in sẵn")
def report_place_typed_with_a_date(wb):
    return put(wb, IND, "Địa danh báo cáo", 3, "Phú Nghĩa, 15/11/2023")


@into(WARNINGS, "có “Nơi nhận:” mà Tờ trình in sẵn “Nơi nhận:” trên danh sách này")
def distribution_typed_with_its_heading(wb):
    return put_form(wb, INFO, "Nơi nhận", "Nơi nhận:\n- Như trên;\n- Lưu: VT.")


@into(WARNINGS, "có “TTr-” mà số, ký hiệu của Tờ trình in sẵn “/TTr-”")
def unit_code_typed_with_the_document_kind(wb):
    return put_form(wb, INFO, "Ký hiệu cơ quan", "TTr-UBND")


# The example's deputy signs "TM." (NĐ 30: a deputy of a Ủy ban signs on behalf of it).
@into(WARNINGS, "“Chức vụ người ký” bắt đầu bằng “TM.”: văn bản in quyền hạn ký")
def signing_authority_typed_before_the_title(wb):
    return put_form(wb, INFO, "Chức vụ người ký", "TM. Ủy ban nhân dân\nPhó Chủ tịch")


@into(ERRORS, "bắt đầu bằng “KT.” nhưng “Quyền hạn ký” (B12) là “TM.”")
def another_signing_authority_typed_before_the_title(wb):
    return put_form(wb, INFO, "Chức vụ người ký", "KT. Chủ tịch\nPhó Chủ tịch")


@into(WARNINGS, "có cả tên đơn vị, mà văn bản in chức vụ rồi tới “Đơn vị công tác”")
def position_typed_with_the_workplace(wb):
    unit = wb[IND][cell_of(wb[IND], "Đơn vị công tác", 5)].value
    return put(wb, IND, "Chức vụ", 5, f"Phó Giám đốc {unit}")


@into(ERRORS, "tức chính “Cơ quan trình khen” (B6: “Ủy ban nhân dân huyện Bù Gia Mập”)")
def kinh_gui_the_proposing_units_own_head(wb):
    return put_form(wb, INFO, "Kính gửi", "Chủ tịch UBND huyện Bù Gia Mập")


@into(ACCEPTED)
def kinh_gui_the_head_of_the_office_that_forwards(wb):
    put_form(wb, INFO, "Cơ quan trình khen", "Phòng Nội vụ huyện Bù Gia Mập")
    put_form(wb, INFO, "Quyền hạn ký", None)
    put_form(wb, INFO, "Chức vụ người ký", "Trưởng phòng")
    return put_form(wb, INFO, "Kính gửi", "Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập")


@into(WARNINGS, "sheet “Hướng dẫn” có dữ liệu ở ô B40 (và 2 ô khác), nhưng đây là sheet hướng dẫn")
def a_person_typed_in_the_guide(wb):
    ws = wb["Hướng dẫn"]
    ws["B40"], ws["C40"], ws["D40"] = "Nguyễn Văn Mới", "Nam", "01/01/1980"
    return "Hướng dẫn", "B40"


@into(ERRORS, "“Kính gửi” ghi 2 dòng (“Chủ tịch Ủy ban nhân dân tỉnh Bình Phước”, “Sở Nội vụ")
def kinh_gui_typed_as_a_list_of_two(wb):
    return put_form(wb, INFO, "Kính gửi", f"- {PROVINCE_CHAIR};\n- Sở Nội vụ tỉnh Bình Phước.")


@into(ERRORS, "Tờ trình gửi một người hoặc cơ quan có thẩm quyền")
def kinh_gui_on_two_lines(wb):
    return put_form(wb, INFO, "Kính gửi", f"{PROVINCE_CHAIR}\nBan Thi đua - Khen thưởng tỉnh")


@into(WARNINGS, "“huyện Bù Gia Mập” bắt đầu bằng “huyện” viết thường")
def place_typed_with_its_unit_word(wb):
    return put_form(wb, INFO, "Địa danh", "huyện Bù Gia Mập")


@into(WARNINGS, "địa danh là tên riêng của nơi cơ quan đóng trụ sở, ví dụ “Phú Nghĩa”")
def report_place_typed_with_its_unit_word(wb):
    return put(wb, IND, "Địa danh báo cáo", 4, "xã Phú Nghĩa")


@into(ACCEPTED)
def meeting_place_typed_with_its_unit_word(wb):
    """The council's "Địa điểm" is where it met, printed after "Địa điểm:", not a place before a
    date: "xã Phú Nghĩa" is as the Biên bản writes it."""
    return put_form(wb, COUNCIL, "Địa điểm", "xã Phú Nghĩa")


@into(WARNINGS, "Đỗ Quang Nam: “Có mặt” ghi “Có” nhưng “Lý do vắng” ghi “Đi công tác”")
def present_member_with_a_reason_for_absence(wb):
    put(wb, MEMBERS, "Lý do vắng", 3, "Đi công tác")
    return MEMBERS, cell_of(wb[MEMBERS], "Có mặt", 3)


# -- Letters of another alphabet that look Latin ---------------------------------------------


@into(WARNINGS, f"có chữ “{CYR_O}” của bảng chữ cái Kirin (chữ Nga)")
def cyrillic_letter_in_a_name(wb):
    return put(wb, IND, "Họ và tên", 4, f"Đinh C{CYR_O}ng Sơn")


@into(WARNINGS, f"có chữ “{GREEK_O}” của bảng chữ cái Hy Lạp")
def greek_letter_in_a_name(wb):
    return put(wb, IND, "Họ và tên", 4, f"Đinh C{GREEK_O}ng Sơn")


@into(WARNINGS, "hoso đã thay bằng chữ Latinh: “Ủy ban nhân dân xã Phú Nghĩa”")
def cyrillic_letter_in_a_unit_name(wb):
    return put(wb, COLL, "Tên tập thể", 4, f"Ủy b{CYR_A}n nhân dân xã Phú Nghĩa")


@into(WARNINGS, "hoso đã thay bằng chữ Latinh: “Phòng Văn hóa và Thông tin huyện Bù Gia Mập”")
def cyrillic_letter_in_a_criteria_name(wb):
    ws = wb[CRIT]
    for row in range(2, 6):
        ws.cell(row, 1).value = ws.cell(row, 1).value.replace("a", CYR_A, 1)
    return CRIT, "A2"


@into(WARNINGS, "hoso đã thay bằng chữ Latinh: “Kỹ thuật viên”")
def cyrillic_letter_in_a_position(wb):
    return put(wb, IND, "Chức vụ", 3, "Kỹ thuật viên".replace("K", "\u041a"))


@into(WARNINGS, "có ký tự “阮” không thuộc họ tên")
def chinese_character_in_a_name(wb):
    return put(wb, IND, "Họ và tên", 4, "Đinh Công 阮")


@into(ERRORS, "“Hà Thị Lan” trùng với dòng 2")
def same_person_typed_with_a_cyrillic_letter(wb):
    put(wb, IND, "Ngày sinh", 3, dt.datetime(1979, 2, 21))
    return put(wb, IND, "Họ và tên", 3, f"Hà Thị L{CYR_A}n")


@into(WARNINGS, "có chữ “Ð” (chữ Eth của tiếng Iceland, thường sinh ra khi chuyển bảng mã)")
def eth_for_d_in_a_name(wb):  # Windows-1252 holds "Ð" where Windows-1258 holds "Đ"
    return put(wb, IND, "Họ và tên", 4, f"{ETH}inh Công Sơn")


@into(WARNINGS, "hoso đã thay bằng “Đ”: “Ủy ban nhân dân xã Đức Hạnh”")
def eth_for_d_in_a_unit_its_criteria_name_with_d(wb):  # the check passes: the criteria match
    return put(wb, COLL, "Tên tập thể", 5, f"Ủy ban nhân dân xã {ETH}ức Hạnh")


@into(ERRORS, "“Đinh Công Sơn” trùng với dòng 4")
def same_person_typed_with_an_eth(wb):
    put(wb, IND, "Ngày sinh", 5, dt.datetime(1976, 9, 20))
    return put(wb, IND, "Họ và tên", 5, f"{ETH}inh Công Sơn")


@into(ERRORS, "“Họ và tên” ghi 2 người trong một ô (“Huỳnh Thị Linh”, “Trần Văn Bình”)")
def two_people_on_two_lines_of_a_name_cell(wb):  # Alt+Enter: the lists printed one name
    return put(wb, IND, "Họ và tên", 3, "Huỳnh Thị Linh\nTrần Văn Bình")


@into(ERRORS, "“Họ và tên” ghi 2 người trong một ô (“Hà Thị Lan”, “Trần Văn Bình”)")
def two_people_apart_by_a_comma(wb):
    return put(wb, IND, "Họ và tên", 2, "Hà Thị Lan, Trần Văn Bình")


@into(ERRORS, "“Thủ trưởng” ghi 2 người trong một ô (“Lý Đức An”, “Vũ Thanh Vinh”)")
def two_heads_of_a_collective(wb):
    return put(wb, COLL, "Thủ trưởng", 2, "Lý Đức An và Vũ Thanh Vinh")


@into(ACCEPTED)
def a_name_wrapped_on_two_lines(wb):  # one person: the lines joined
    return put(wb, IND, "Họ và tên", 3, "Huỳnh Thị\nHoàng Linh")


@into(ACCEPTED)
def a_womans_name_with_both_middle_names(wb):  # "Thị" says she is a woman; "Văn" is her name
    put(wb, IND, "Họ và tên", 3, "Lê Thị Văn Anh")
    return IND, cell_of(wb[IND], "Giới tính", 3)  # “Nữ”: nothing to say of it


@into(WARNINGS, "“Dân tộc” gõ toàn chữ in hoa: “KINH”; tên dân tộc viết hoa chữ đầu mỗi tiếng")
def ethnicity_in_capitals(wb):  # one word: no other rule of case sees it
    return put(wb, IND, "Dân tộc", 3, "KINH")


@into(WARNINGS, "“Dân tộc” gõ toàn chữ thường: “ê đê”; tên dân tộc viết hoa chữ đầu mỗi tiếng")
def ethnicity_of_two_words_in_lower_case(wb):  # printed “Ê đê” before: a proper name
    return put(wb, IND, "Dân tộc", 3, "ê đê")


@into(ERRORS, f"“Kính gửi” là “{PROVINCE_CHAIR}” nhưng")
def wrong_kinh_gui_with_a_cyrillic_letter(wb):
    put_form(wb, INFO, "Hình thức khen thưởng", DISTRICT_AWARD)
    return put_form(wb, INFO, "Kính gửi", PROVINCE_CHAIR.replace("a", CYR_A))


@into(ACCEPTED)
def cyrillic_letter_in_a_choice(wb):
    return put(wb, MEMBERS, "Vai trò", 3, f"Phó {CYR_C}hủ tịch")


@into(WARNINGS, "“Họ và tên” có dấu “.” ở đầu hoặc cuối, không thuộc họ tên; hoso đã bỏ")
def name_typed_with_a_full_stop(wb):
    return put(wb, IND, "Họ và tên", 3, "Huỳnh Thị Linh.")


@into(WARNINGS, "có dấu ngoặc kép ở đầu hoặc cuối, không thuộc họ tên; hoso đã bỏ: “Lý Đức An”")
def head_name_typed_in_quotation_marks(wb):
    return put(wb, COLL, "Thủ trưởng", 2, "“Lý Đức An”")


@into(ACCEPTED)
def presence_as_an_excel_checkbox(wb):
    return put(wb, MEMBERS, "Có mặt", 3, True)


@into(ACCEPTED)
def leader_flag_as_excel_false(wb):
    return put(wb, IND, "Lãnh đạo quản lý", 3, False)


@into(WARNINGS, "“Đạt được (%)” ghi “0,95”, tức 0,95%; nếu ý là 95% hãy ghi 95.")
def criterion_result_typed_as_a_fraction(wb):
    return put(wb, CRIT, "Đạt được (%)", 2, "0,95")


@into(ACCEPTED)
def header_typed_with_a_cyrillic_letter(wb):
    wb[IND]["C1"] = "Giới tính".replace("i", "\u0456", 1)
    return IND, "C1"


@into(ACCEPTED)
def sheet_renamed_with_a_cyrillic_letter(wb):
    wb[IND].title = f"{CYR_C}á nhân"
    return f"{CYR_C}á nhân", "C1"


@into(ACCEPTED)
def label_typed_with_a_colon(wb):
    ws = wb[INFO]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value == "Kính gửi":
            ws.cell(row, 1).value = "Kính gửi:"
            return INFO, f"A{row}"
    raise AssertionError("no Kính gửi label")


# -- Dates as a person reads them -----------------------------------------------------------


@into(ERRORS, "ô ghi số “28907” chứ không phải ngày: Excel lưu ngày 21/02/1979 dưới dạng số này")
def birth_date_shown_as_an_excel_serial(wb):
    return put(wb, IND, "Ngày sinh", 3, "28907")


@into(ERRORS, "ô ghi số “45245” chứ không phải ngày: Excel lưu ngày 15/11/2023")
def report_date_shown_as_an_excel_serial(wb):
    return put(wb, IND, "Ngày báo cáo", 3, "45245")


@into(ACCEPTED)
def birth_date_with_en_dashes(wb):
    return put(wb, IND, "Ngày sinh", 3, "22–10–1987")


@into(ACCEPTED)
def birth_date_with_em_dashes(wb):
    return put(wb, IND, "Ngày sinh", 3, "22—10—1987")


@into(ACCEPTED)
def birth_date_with_spaced_slashes(wb):
    return put(wb, IND, "Ngày sinh", 3, "22 / 10 / 1987")


@into(ACCEPTED)
def birth_date_in_full_width_digits(wb):
    return put(wb, IND, "Ngày sinh", 3, "２２／１０／１９８７")


@into(ACCEPTED)
def birth_date_with_backslashes(wb):
    return put(wb, IND, "Ngày sinh", 3, "22\\10\\1987")


@into(ACCEPTED)
def meeting_date_after_the_word_ngay(wb):
    return put_form(wb, COUNCIL, "Ngày họp", "ngày 15/11/2023")


@into(ACCEPTED)
def proposal_date_ending_with_a_full_stop(wb):
    return put_form(wb, INFO, "Ngày tờ trình", "20/11/2023.")


def _at(result, path, sheet: str, cell: str) -> list[str]:
    where = f"{path} › {sheet}!{cell}:"
    return [line.strip() for line in result.out.splitlines() if line.strip().startswith(where)]


@pytest.mark.parametrize("typed", ERRORS, ids=lambda c: c.id)
def test_typed_value_is_an_error_at_its_cell(typed: Typed, example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        sheet, cell = typed.mutate(wb)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert any(typed.fragment in line for line in _at(result, path, sheet, cell)), result.out


@pytest.mark.parametrize("typed", WARNINGS, ids=lambda c: c.id)
def test_typed_value_is_warned_at_its_cell(typed: Typed, example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        sheet, cell = typed.mutate(wb)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert any(typed.fragment in line for line in _at(result, path, sheet, cell)), result.out


@pytest.mark.parametrize("typed", ACCEPTED, ids=lambda c: c.id)
def test_typed_value_is_read_as_a_person_reads_it(typed: Typed, example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        sheet, cell = typed.mutate(wb)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not _at(result, path, sheet, cell), result.out


def test_typed_corpus_is_large_enough() -> None:
    assert len(ERRORS) + len(WARNINGS) + len(ACCEPTED) >= 25


def test_cell_of_finds_every_column_used_here(example) -> None:
    """The corpus writes by header; a renamed column would make every case above vacuous."""
    with edit(example()) as wb:
        for sheet, header in ((IND, "Địa danh báo cáo"), (COLL, "Tên tập thể"), (IND, "Chức vụ")):
            assert cell_of(wb[sheet], header, 2)
