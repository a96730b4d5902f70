"""A corpus of broken workbooks, built in code: each must give its message at the right sheet and cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import cell_of, edit, label_row

INFO, COUNCIL, MEMBERS = "Thông tin chung", "Hội đồng", "Thành viên HĐ"
COLL, IND, CRIT = "Tập thể", "Cá nhân", "Chỉ tiêu"


@dataclass(frozen=True)
class Case:
    """A broken workbook: how to break the example, where the error must point, what it must say."""

    id: str
    mutate: Callable[[Workbook], tuple[str, str]]  # returns (sheet, cell) the error must name
    fragment: str  # a piece of the Vietnamese message


CASES: list[Case] = []


def case(fragment: str) -> Callable:
    def register(fn: Callable[[Workbook], tuple[str, str]]) -> Callable:
        CASES.append(Case(fn.__name__, fn, fragment))
        return fn

    return register


def put(wb: Workbook, sheet: str, header: str, row: int, value) -> tuple[str, str]:
    ws = wb[sheet]
    coord = cell_of(ws, header, row)
    ws[coord] = value
    return sheet, coord


def put_form(wb: Workbook, sheet: str, label: str, value) -> tuple[str, str]:
    ws = wb[sheet]
    coord = f"B{label_row(ws, label)}"
    ws[coord] = value
    return sheet, coord


@case("thiếu “Họ và tên”")
def missing_name(wb):
    return put(wb, IND, "Họ và tên", 3, None)


@case("“Ngày sinh”: ngày “31/02/1985” không tồn tại: tháng 2 năm 1985 chỉ có 28 ngày.")
def impossible_birth_date(wb):
    return put(wb, IND, "Ngày sinh", 2, "31/02/1985")


@case("“Ngày sinh”: ngày “10/05/85” chỉ ghi năm bằng hai chữ số nên không rõ thế kỷ")
def ambiguous_birth_date(wb):
    return put(wb, IND, "Ngày sinh", 4, "10/05/85")


@case("“Số phiếu đồng ý” phải là số nguyên (ô ghi “bảy”).")
def votes_as_words(wb):
    return put(wb, IND, "Số phiếu đồng ý", 2, "bảy")


@case("lớn hơn tổng số thành viên")
def votes_above_council(wb):
    return put(wb, COLL, "Số phiếu đồng ý", 3, 99)


@case("phải từ 0 trở lên")
def negative_votes(wb):
    return put(wb, IND, "Số phiếu đồng ý", 3, -1)


@case("“Lãnh đạo quản lý” không hợp lệ")
def yes_no_in_english(wb):
    return put(wb, IND, "Lãnh đạo quản lý", 3, "Yes")


@case("“Giới tính” không hợp lệ")
def unknown_gender(wb):
    return put(wb, IND, "Giới tính", 3, "M")


@case("Không có kế hoạch")
def unknown_plan(wb):
    return put_form(wb, INFO, "Kế hoạch", "ke-hoach-khong-co")


@case("“Đợt xét” không có trong kế hoạch")
def unknown_review(wb):
    return put_form(wb, INFO, "Đợt xét", "Sơ kết năm 2030")


@case("“Hình thức khen thưởng” không có trong kế hoạch")
def unknown_award(wb):
    return put_form(wb, INFO, "Hình thức khen thưởng", "Huân chương Lao động hạng Ba")


@case("“Ngày tờ trình”: không đọc được ngày “hôm nay”")
def proposal_date_as_text(wb):
    return put_form(wb, INFO, "Ngày tờ trình", "hôm nay")


@case("“Số tờ trình” phải là số nguyên (ô ghi “số năm”).")
def proposal_number_text(wb):
    return put_form(wb, INFO, "Số tờ trình", "số năm")


@case("“Ký hiệu cơ quan” chỉ gồm chữ in hoa, chữ số và dấu “-” (ví dụ VHTT, UBND-VP)")
def bad_unit_code(wb):
    return put_form(wb, INFO, "Ký hiệu cơ quan", "Phòng VH/TT")


@case("ký thay (KT.)")
def deputy_signing_as_head(wb):
    put_form(wb, INFO, "Quyền hạn ký", "KT.")
    return put_form(wb, INFO, "Chức vụ người ký", "Chủ tịch")


@case("ghi 2 dòng")
def tl_needs_two_lines(wb):
    put_form(wb, INFO, "Quyền hạn ký", "TL.")
    return put_form(wb, INFO, "Chức vụ người ký", "Chánh Văn phòng")


@case("thiếu “Kính gửi”")
def missing_recipient(wb):
    return put_form(wb, INFO, "Kính gửi", None)


@case("trùng với dòng 2")
def duplicate_individual(wb):
    ws = wb[IND]
    for header in ("Họ và tên", "Ngày sinh"):
        ws[cell_of(ws, header, 3)] = ws[cell_of(ws, header, 2)].value
    return IND, cell_of(ws, "Họ và tên", 3)


@case("trùng với dòng 2")
def duplicate_with_old_tone_placement(wb):
    ws = wb[IND]
    ws[cell_of(ws, "Họ và tên", 2)] = "Nguyễn Thị Thủy"
    ws[cell_of(ws, "Họ và tên", 3)] = "Nguyễn Thị Thuỷ"
    ws[cell_of(ws, "Ngày sinh", 3)] = ws[cell_of(ws, "Ngày sinh", 2)].value
    return IND, cell_of(ws, "Họ và tên", 3)


@case("vượt số lượng: kế hoạch cho đề nghị tối đa 15 (mười lăm) cá nhân")
def quota_exceeded(wb):
    ws = wb[IND]
    template = [c.value for c in ws[2]]
    for i in range(10):  # 7 proposed + 10 = 17 > 15 cá nhân for the sơ kết 2023
        row = ws.max_row + 1
        for col, value in enumerate(template, start=1):
            ws.cell(row, col, value)
        ws[cell_of(ws, "Họ và tên", row)] = f"Trần Văn Thêm {chr(65 + i)}"
        ws[cell_of(ws, "Lãnh đạo quản lý", row)] = "Không"
    # Proposed rows in sheet order: 2..8, then 10, 11, ...; the 16th proposed is on row 18.
    return IND, cell_of(ws, "Họ và tên", 18)


@case(
    "17 cá nhân đạt số phiếu, dòng này là cá nhân thứ 16. Hãy xóa bớt 02 (hai) cá nhân không đề "
    "nghị lần này (xóa cả dòng)."
)
def quota_exceeded_says_how_many_to_remove(wb):
    return quota_exceeded(wb)


@case("tỷ lệ lãnh đạo, quản lý là 4/7 cá nhân (57,1%), vượt 40%")
def leader_share_exceeded(wb):
    ws = wb[IND]
    for row in (2, 3, 4, 5):
        ws[cell_of(ws, "Lãnh đạo quản lý", row)] = "Có"
    # 4 of 7 proposed are leaders; 40 % of 7 allows 2, so the third leader (row 4) is flagged.
    return IND, cell_of(ws, "Lãnh đạo quản lý", 4)


@case("Tổng số thành viên là 9")
def council_size_mismatch(wb):
    return put_form(wb, COUNCIL, "Tổng số thành viên", 9)


@case("Hội đồng chỉ có một Chủ tịch Hội đồng")
def two_chairs(wb):
    return put(wb, MEMBERS, "Vai trò", 3, "Chủ tịch")


@case("chưa có Thư ký")
def no_secretary(wb):
    ws = wb[MEMBERS]
    for row in range(2, ws.max_row + 1):
        if ws[cell_of(ws, "Vai trò", row)].value == "Ủy viên - Thư ký":
            ws[cell_of(ws, "Vai trò", row)] = "Ủy viên"
    return MEMBERS, "D1"


@case("vắng mặt thì không thể chủ trì")
def chair_absent(wb):
    return put(wb, MEMBERS, "Có mặt", 2, "Không")


@case("“Có mặt” không hợp lệ")
def attendance_typo(wb):
    return put(wb, MEMBERS, "Có mặt", 3, "co")


@case("Biên bản phải có trước Tờ trình")
def meeting_after_proposal(wb):
    return put_form(wb, COUNCIL, "Ngày họp", dt.datetime(2030, 1, 1))


@case("giờ kết thúc phải sau giờ bắt đầu")
def meeting_ends_before_it_starts(wb):
    return put_form(wb, COUNCIL, "Giờ kết thúc", dt.time(9, 0))


@case("“Giờ bắt đầu”: giờ “25:00” không tồn tại")
def impossible_start_time(wb):
    return put_form(wb, COUNCIL, "Giờ bắt đầu", "25:00")


@case("“Hình thức biểu quyết” không hợp lệ")
def unknown_voting_method(wb):
    return put_form(wb, COUNCIL, "Hình thức biểu quyết", "Bấm nút")


@case("không cho phép trích ngang")
def trich_ngang_not_allowed(wb):
    return put(wb, IND, "Loại báo cáo", 3, "Trích ngang")


@case("không phải chỉ tiêu của kế hoạch")
def unknown_criterion(wb):
    return put(wb, CRIT, "Chỉ tiêu", 2, "Số lượt truy cập cổng thông tin")


@case("không có ở sheet “Tập thể” hoặc “Cá nhân”")
def criterion_for_unknown_nominee(wb):
    return put(wb, CRIT, "Tập thể / Cá nhân", 2, "Phòng Không Tồn Tại")


@case("tỷ lệ phần trăm từ 0 đến 100")
def criterion_above_hundred(wb):
    return put(wb, CRIT, "Đạt được (%)", 2, 150)


@case("không có chỉ tiêu định lượng cho cá nhân")
def criterion_for_an_individual(wb):
    name = wb[IND][cell_of(wb[IND], "Họ và tên", 2)].value
    put(wb, CRIT, "Tập thể / Cá nhân", 2, name)
    return CRIT, cell_of(wb[CRIT], "Chỉ tiêu", 2)


@case("đã có ở dòng trên")
def criterion_twice(wb):
    ws = wb[CRIT]
    for col in range(1, 6):
        ws.cell(3, col, ws.cell(2, col).value)
    return CRIT, cell_of(ws, "Chỉ tiêu", 3)


@case("thiếu cột “Giới tính” (ô này ghi “Gioi tinh”)")
def renamed_header(wb):
    ws = wb[IND]
    coord = cell_of(ws, "Giới tính", 1)
    ws[coord] = "Gioi tinh"
    return IND, coord


@case("thiếu dòng “Ngày tờ trình”")
def missing_label(wb):
    ws = wb[INFO]
    row = label_row(ws, "Ngày tờ trình")
    ws[f"A{row}"] = "Ngày ký"
    return INFO, f"A{row}"


@case("ô gộp F2:F3: mỗi dòng cần giá trị riêng")
def merged_cells(wb):
    ws = wb[IND]
    coord = cell_of(ws, "Quê quán", 2)
    below = cell_of(ws, "Quê quán", 3)
    ws[below] = None
    ws.merge_cells(f"{coord}:{below}")
    return IND, coord


@case("công thức nhưng chưa có giá trị")
def formula_without_cached_value(wb):
    # openpyxl writes formulas without a cached result, as a program that never recalculates would.
    return put(wb, IND, "Số phiếu đồng ý", 2, "=3+4")


@case("thiếu “Thành tích”")
def blank_achievements(wb):
    return put(wb, COLL, "Thành tích", 2, "   ")


@case("thiếu “Quê quán”")
def report_field_missing(wb):
    return put(wb, IND, "Quê quán", 4, None)


@case("thiếu “Số cán bộ”")
def collective_staff_missing(wb):
    return put(wb, COLL, "Số cán bộ", 2, None)


@case("không có tập thể, cá nhân nào đạt tỷ lệ phiếu")
def nobody_passed(wb):
    for sheet in (COLL, IND):
        ws = wb[sheet]
        for row in range(2, ws.max_row + 1):
            ws[cell_of(ws, "Số phiếu đồng ý", row)] = 1
    return COUNCIL, None


@pytest.mark.parametrize("broken", CASES, ids=lambda c: c.id)
def test_broken_workbook_names_sheet_cell_and_problem(broken: Case, example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        sheet, cell = broken.mutate(wb)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    where = f"{path} › {sheet}" + (f"!{cell}:" if cell else ":")
    lines = [line.strip() for line in result.out.splitlines() if line.strip().startswith(where)]
    assert lines, f"no finding at {where}:\n{result.out}"
    assert any(broken.fragment in line for line in lines), result.out
    assert "Traceback" not in result.out + result.err


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 69


def test_all_errors_reported_at_once(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        spots = [
            c.mutate(wb)
            for c in CASES
            if c.id in ("unknown_gender", "votes_as_words", "bad_unit_code")
        ]
    result = run_cli("check", path)
    assert result.code == 1
    for sheet, cell in spots:
        assert f"{sheet}!{cell}:" in result.out


def test_a_fresh_blank_workbook_says_nobody_is_proposed_with_the_form_errors(
    tmp_path: Path, run_cli
) -> None:
    path = tmp_path / "blank.xlsx"
    assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", path).code == 0
    result = run_cli("check", path)
    assert result.code == 1
    assert f"{path} › Thông tin chung!B6: thiếu “Cơ quan trình khen”." in result.out
    assert f"{path} › Tập thể: chưa có tập thể hay cá nhân nào được đề nghị." in result.out


def test_award_not_for_collectives(example, run_cli, tmp_path: Path) -> None:
    """A plan whose award is only for individuals refuses a collective (a custom preset folder)."""
    from pipeline.check import check_file
    from pipeline.inputs.plans import get_plan

    plans = tmp_path / "plans"
    plans.mkdir()
    source = get_plan("bu-gia-map-cds-2022-2025").path.read_text(encoding="utf-8")
    source = source.replace('targets = ["tap-the", "ca-nhan"]', 'targets = ["ca-nhan"]', 1)
    (plans / "bu-gia-map-cds-2022-2025.toml").write_text(source, encoding="utf-8")
    path = example()
    result = check_file(path, plans_dir=plans)
    messages = [str(f) for f in result.errors]
    assert any(
        m.startswith(f"{path} › Tập thể!B2:") and "không dành cho tập thể" in m for m in messages
    )


# -- More of what clerks do (issue 9): dates, signers, numbers, councils, criteria, names -----


@case("ngày Tờ trình (05/01/2021) trước ngày ban hành kế hoạch (01/01/2023)")
def proposal_before_the_plan(wb):
    return put_form(wb, INFO, "Ngày tờ trình", dt.datetime(2021, 1, 5))


@case("người ký là cấp phó (“Phó Chủ tịch”) thì ký thay người đứng đầu: chọn “KT.”")
def deputy_without_kt(wb):
    put_form(wb, INFO, "Chức vụ người ký", "Phó Chủ tịch")
    return put_form(wb, INFO, "Quyền hạn ký", None)


@case("“Kính gửi” là “Chủ tịch Ủy ban nhân dân tỉnh Bình Phước” nhưng")
def district_award_sent_to_the_province(wb):
    put_form(wb, INFO, "Hình thức khen thưởng", BGM_DISTRICT_AWARD)
    return put_form(wb, INFO, "Kính gửi", "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước")


@case("Báo cáo thành tích ngày 18/11/2023 sau cuộc họp Hội đồng xét đề nghị (15/11/2023)")
def report_dated_after_the_council(wb):
    return put(wb, IND, "Ngày báo cáo", 3, "18/11/2023")


@case("Báo cáo thành tích ngày 01/01/2020 trước ngày ban hành kế hoạch (01/01/2023)")
def report_dated_before_the_plan(wb):
    return put(wb, IND, "Ngày báo cáo", 3, "01/01/2020")


@case("“Ngày báo cáo”: không đọc được ngày “hôm qua”")
def report_date_in_words(wb):
    return put(wb, IND, "Ngày báo cáo", 3, "hôm qua")


@case("ô có công thức nhưng chưa có giá trị đã tính")
def hyperlink_formula_in_email(wb):
    return put(wb, COLL, "Email", 2, '=HYPERLINK("http://example.gov.vn","trang")')


@case("“Số phiếu đồng ý” phải là số nguyên (ô ghi “100%”)")
def votes_as_a_percentage(wb):
    return put(wb, IND, "Số phiếu đồng ý", 3, "100%")


@case("“Số phiếu đồng ý” phải là số nguyên")
def votes_with_a_fraction(wb):
    return put(wb, IND, "Số phiếu đồng ý", 3, 6.5)


@case("thiếu “Số phiếu đồng ý”")
def votes_left_blank(wb):
    return put(wb, IND, "Số phiếu đồng ý", 3, None)


@case("“Số cán bộ” phải từ 0 trở lên (ô ghi -3)")
def negative_staff(wb):
    return put(wb, COLL, "Số cán bộ", 2, -3)


@case("“Số cán bộ” phải là số nguyên (ô ghi “mười”)")
def staff_in_words(wb):
    return put(wb, COLL, "Số cán bộ", 2, "mười")


@case("ngày sinh 01/01/2030 không trước ngày Tờ trình (20/11/2023)")
def born_after_the_proposal(wb):
    return put(wb, IND, "Ngày sinh", 3, "01/01/2030")


@case("năm 1850 trong “01/01/1850” nằm ngoài khoảng 1900–2100")
def born_in_another_century(wb):
    return put(wb, IND, "Ngày sinh", 3, "01/01/1850")


@case("ngày “12/13/1985” không tồn tại: không có tháng 13")
def month_and_day_swapped(wb):
    return put(wb, IND, "Ngày sinh", 3, "12/13/1985")


@case("“13/1985” không đọc được: không có tháng 13")
def birth_month_that_does_not_exist(
    wb,
):  # a month and year is read: tests/test_clerk_birth_month.py
    return put(wb, IND, "Ngày sinh", 3, "13/1985")


@case("thiếu “Thành tích”: ô chỉ ghi “...”, là dấu giữ chỗ chứ không phải nội dung để in")
def achievements_left_as_dots(wb):
    return put(wb, IND, "Thành tích", 4, "...")


@case("thiếu “Thủ trưởng”: ô chỉ ghi “đang cập nhật”, là dấu giữ chỗ")
def head_left_as_not_yet(wb):
    return put(wb, COLL, "Thủ trưởng", 3, "đang cập nhật")


@case("“Ngày họp”: không đọc được ngày “hôm nay”")
def meeting_date_in_words(wb):
    return put_form(wb, COUNCIL, "Ngày họp", "hôm nay")


@case("“Giờ bắt đầu”: không đọc được giờ “đầu giờ chiều”; hãy ghi dạng 14:30")
def meeting_time_in_words(wb):
    return put_form(wb, COUNCIL, "Giờ bắt đầu", "đầu giờ chiều")  # "2 giờ chiều" is 14:00


@case("“Tổng số thành viên” phải từ 1 trở lên (ô ghi 0)")
def council_of_nobody(wb):
    return put_form(wb, COUNCIL, "Tổng số thành viên", 0)


@case("“Tổng số thành viên” phải là số nguyên (ô ghi “bảy”)")
def council_size_in_words(wb):
    return put_form(wb, COUNCIL, "Tổng số thành viên", "bảy")


@case("“Vai trò” không hợp lệ: “Thành viên”")
def member_role_not_in_the_list(wb):
    return put(wb, MEMBERS, "Vai trò", 3, "Thành viên")


@case("“Có mặt” không hợp lệ: “chắc có”")
def member_presence_not_yes_or_no(wb):
    return put(wb, MEMBERS, "Có mặt", 3, "chắc có")


@case("thiếu “Họ và tên”")
def member_without_a_name(wb):
    return put(wb, MEMBERS, "Họ và tên", 3, None)


@case("“Đăng ký (%)” phải là tỷ lệ phần trăm từ 0 đến 100 (ô ghi “chín mươi”)")
def criterion_registered_in_words(wb):
    return put(wb, CRIT, "Đăng ký (%)", 2, "chín mươi")


@case("“Loại báo cáo” không hợp lệ: “Báo cáo tóm tắt”")
def report_type_not_in_the_list(wb):
    return put(wb, IND, "Loại báo cáo", 3, "Báo cáo tóm tắt")


@case("thiếu “Dân tộc”")
def ethnicity_left_blank(wb):
    return put(wb, IND, "Dân tộc", 3, None)


@case("thiếu “Thủ trưởng”")
def collective_without_its_head(wb):
    return put(wb, COLL, "Thủ trưởng", 2, None)


@case("thiếu sheet “Cá nhân” (có sheet “Ca nhan”: hãy đổi tên thành “Cá nhân”)")
def sheet_renamed_without_accents(wb):
    wb[IND].title = "Ca nhan"
    return IND, None


@case("thiếu “Chức vụ người ký”")
def signer_title_left_blank(wb):
    return put_form(wb, INFO, "Chức vụ người ký", None)


@case("thiếu “Địa danh”")
def place_left_blank(wb):
    return put_form(wb, INFO, "Địa danh", None)


BGM_DISTRICT_AWARD = "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập"


@case("cấp huyện không còn sau ngày 30/06/2025")
def district_award_after_the_districts_ended(wb):
    put_form(wb, INFO, "Kính gửi", "Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập")
    put_form(wb, INFO, "Đợt xét", "Tổng kết giai đoạn 2022 - 2025")
    put_form(wb, INFO, "Ngày tờ trình", dt.datetime(2025, 11, 20))
    return put_form(wb, INFO, "Hình thức khen thưởng", BGM_DISTRICT_AWARD)


# -- Habits that are only warned about: the build goes on, the cell is named --------------------


@dataclass(frozen=True)
class Habit:
    """A habit that gives a warning at a cell (exit 0)."""

    id: str
    mutate: Callable[[Workbook], tuple[str, str | None]]
    fragment: str


HABITS: list[Habit] = []


def habit(fragment: str) -> Callable:
    def register(fn: Callable[[Workbook], tuple[str, str | None]]) -> Callable:
        HABITS.append(Habit(fn.__name__, fn, fragment))
        return fn

    return register


@habit("chỉ có tháng và năm (3/1985)")
def birth_month_and_year_only(wb):  # a year alone is a birth year: tests/test_clerk_birth_year.py
    return put(wb, IND, "Ngày sinh", 3, "03/1985")


@habit("đang bị ẩn nên không được đưa vào hồ sơ")
def hidden_row(wb):
    wb[IND].row_dimensions[4].hidden = True
    return IND, "B4"


@habit("cột “Thành tích” đang bị ẩn nhưng dữ liệu của cột vẫn được dùng và in")
def hidden_column(wb):
    column = cell_of(wb[IND], "Thành tích", 1)
    wb[IND].column_dimensions[column[0]].hidden = True
    return IND, column


@habit("sheet “Cá nhân” đang bị ẩn nhưng dữ liệu của nó vẫn được dùng")
def hidden_sheet(wb):
    wb[IND].sheet_state = "hidden"
    return IND, None


@habit("có ký tự ẩn (gạch nối mềm)")
def soft_hyphen_in_a_name(wb):
    return put(wb, IND, "Họ và tên", 4, "Đinh Công\u00adSơn")


@habit("đã bỏ “Đ/c” trước họ tên")
def title_before_a_name(wb):
    return put(wb, IND, "Họ và tên", 5, "Đ/c Lương Quang Minh")


@habit("gõ toàn chữ in hoa")
def position_in_capitals(wb):
    return put(wb, IND, "Chức vụ", 3, "PHÓ TRƯỞNG PHÒNG")


@habit("gõ toàn chữ thường")
def unit_name_in_lower_case(wb):
    return put(wb, COLL, "Tên tập thể", 4, "ủy ban nhân dân xã phú nghĩa")


@habit("tên đệm thường gặp ở nữ nhưng “Giới tính” ghi “Nam”")
def thi_marked_male(wb):
    return put(wb, IND, "Giới tính", 2, "Nam")


@habit("là lãnh đạo, quản lý nhưng “Lãnh đạo quản lý” ghi “Không”")
def deputy_not_marked_leader(wb):
    return put(wb, IND, "Lãnh đạo quản lý", 2, "Không")


@habit("còn xa trong tương lai")
def proposal_dated_years_ahead(wb):
    # Bình Phước merged into Đồng Nai on 01/7/2025: a 2031 Tờ trình asks Đồng Nai's head.
    put_form(
        wb, INFO, "Hình thức khen thưởng", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai"
    )
    put_form(wb, INFO, "Kính gửi", "Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai")
    return put_form(wb, INFO, "Ngày tờ trình", dt.datetime(2031, 1, 5))


@habit("nghĩa là 103 tuổi vào ngày Tờ trình")
def nominee_aged_a_hundred(wb):
    return put(wb, IND, "Ngày sinh", 3, "01/01/1920")


@habit("ngoài giờ làm việc")
def meeting_at_night(wb):
    put_form(wb, COUNCIL, "Giờ kết thúc", dt.time(23, 30))
    return COUNCIL, f"B{label_row(wb[COUNCIL], 'Giờ bắt đầu')}"


@habit("không phải địa chỉ thư điện tử hay trang thông tin")
def email_without_an_at(wb):
    return put(wb, COLL, "Email", 2, "không có email")


@habit("không giống số điện thoại")
def phone_in_words(wb):
    return put(wb, COLL, "Điện thoại", 2, "chưa có")


@habit("chỉ có một chữ (“Minh”)")
def name_of_one_word(wb):
    return put(wb, IND, "Họ và tên", 3, "Minh")


@habit("có ký tự “1” không thuộc họ tên")
def digits_in_a_name(wb):
    return put(wb, IND, "Họ và tên", 3, "Nguyễn Văn 123")


@habit("thiếu sheet “Chỉ tiêu”: kế hoạch có chỉ tiêu định lượng cho tập thể")
def criteria_sheet_deleted(wb):
    del wb[CRIT]
    return CRIT, None


@habit("sheet “Chỉ tiêu” chưa có kết quả chỉ tiêu")
def one_units_criteria_deleted(wb):
    ws, unit = wb[CRIT], wb[COLL]["B4"].value
    for row in range(ws.max_row, 1, -1):
        if ws.cell(row, 1).value == unit:
            ws.delete_rows(row)
    return COLL, "B4"


@pytest.mark.parametrize("habit_", HABITS, ids=lambda h: h.id)
def test_habit_is_warned_at_its_cell_and_the_check_passes(habit_: Habit, example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        sheet, cell = habit_.mutate(wb)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    where = f"{path} › {sheet}" + (f"!{cell}:" if cell else ":")
    lines = [line.strip() for line in result.out.splitlines() if line.strip().startswith(where)]
    assert any(habit_.fragment in line for line in lines), result.out


def test_habits_are_many_enough() -> None:
    assert len(HABITS) >= 10
