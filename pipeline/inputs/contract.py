"""The workbook contract: the sheets, labels and columns a clerk's workbook must have."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from pipeline.vietnamese import tone_key

# "person": a person's name; "proper": a name of a unit or place (proper nouns inside);
# "phrase": a position, degree or the like; "text": anything else on one line; "phone": digits
# that are text, not a number (a leading 0 to keep), formatted as text in the workbook.
Kind = Literal[
    "text", "person", "proper", "phrase", "multiline", "int", "date", "time", "yesno", "choice",
    "percent", "phone",
]  # fmt: skip
# When a value must be present: always, never, for a full report (Mẫu 07), or when the plan has a
# council (Biên bản) and so votes.
Need = Literal["yes", "no", "report", "council"]

INFO, COUNCIL, MEMBERS = "Thông tin chung", "Hội đồng", "Thành viên HĐ"
COLLECTIVES, INDIVIDUALS, CRITERIA = "Tập thể", "Cá nhân", "Chỉ tiêu"
VOTES = "Biểu quyết"  # the office council's workbook (hoi-dong.xlsx): its vote on each nominee
GUIDE, LISTS = "Hướng dẫn", "Danh mục"
# A column of the hidden "Danh mục" sheet: one mark per row of example data hoso wrote, so the
# check recognises fictional people left in a workbook (see example_mark).
EXAMPLE_MARKS = "vi_du"

YES, NO = "Có", "Không"
REPORT_FULL, REPORT_SHORT = "Báo cáo thành tích", "Trích ngang"
AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
VOTING_METHODS = ("Bỏ phiếu kín", "Biểu quyết giơ tay")
ROLES = ("Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Ủy viên - Thư ký")
GENDERS = ("Nam", "Nữ")


@dataclass(frozen=True)
class FieldSpec:
    """One labelled value (label-value sheets) or one column (table sheets) of the contract."""

    key: str
    header: str
    kind: Kind
    need: Need
    comment: str
    width: int = 18
    choices: str | None = None  # the name of a list in the hidden "Danh mục" sheet


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of the contract: label-value ("form") or one row per item ("table")."""

    name: str
    layout: Literal["form", "table"]
    fields: tuple[FieldSpec, ...]
    need: Need = "yes"
    purpose: str = ""


def _f(
    key: str,
    header: str,
    kind: Kind,
    need: Need,
    comment: str,
    width: int = 18,
    choices: str | None = None,
) -> FieldSpec:
    return FieldSpec(key, header, kind, need, comment, width, choices)


REPORT_DATE_HELP = (
    "Ngày ký Báo cáo thành tích; để trống thì lấy ngày họp Hội đồng (không có Hội đồng: ngày "
    "Tờ trình). Báo cáo phải có trước cuộc họp xét nó."
)
REPORT_PLACE_HELP = (
    "Địa danh ghi trước ngày của Báo cáo thành tích; để trống thì lấy địa danh trong tên đơn vị "
    "(“xã Phú Nghĩa” → Phú Nghĩa), nếu không có thì địa danh của Tờ trình."
)

# One line per field: key, header (exact), kind, when required, comment on the header, width, list.
# fmt: off
INFO_SHEET = SheetSpec(INFO, "form", (
    _f("plan", "Kế hoạch", "choice", "yes", "Mã kế hoạch của hoso, chọn trong danh sách.", 18, "plans"),
    _f("review", "Đợt xét", "choice", "yes", "Đợt sơ kết, tổng kết hoặc xét hằng năm của kế hoạch.", 18, "reviews"),
    _f("award", "Hình thức khen thưởng", "choice", "yes", "Hình thức đề nghị, đúng tên trong kế hoạch.", 18, "awards"),
    _f("parent_body", "Cơ quan chủ quản", "proper", "no", "Cơ quan cấp trên trực tiếp, in ở dòng đầu góc trái (có thể để trống)."),
    _f("unit", "Cơ quan trình khen", "proper", "yes", "Tên đầy đủ của cơ quan, đơn vị ký Tờ trình."),
    _f("unit_code", "Ký hiệu cơ quan", "text", "yes", "Chữ viết tắt tên cơ quan trong số, ký hiệu văn bản, ví dụ: VHTT, UBND."),
    _f("place", "Địa danh", "proper", "yes", "Địa danh ghi trước ngày tháng, ví dụ: Bù Gia Mập."),
    _f("number", "Số tờ trình", "int", "no", "Để trống nếu văn thư sẽ ghi số và ngày khi phát hành."),
    _f("date", "Ngày tờ trình", "date", "yes", "Ngày ký Tờ trình (ngày/tháng/năm); chưa có số thì in để trống ngày, tháng."),
    _f("recipient", "Kính gửi", "proper", "yes", "Người hoặc cơ quan có thẩm quyền nhận Tờ trình."),
    _f("authority", "Quyền hạn ký", "choice", "no", "TM., KT., Q., TL., TUQ. hoặc để trống khi người đứng đầu ký.", 18, "authorities"),
    _f("signer_title", "Chức vụ người ký", "multiline", "yes", "Chức vụ của người ký. Với TL./TUQ. ghi 2 dòng: chức vụ người đứng đầu, rồi chức vụ người ký."),
    _f("signer_name", "Họ tên người ký", "person", "yes", "Họ và tên đầy đủ, không ghi học hàm, học vị."),
    _f("distribution", "Nơi nhận", "multiline", "no", "Mỗi dòng một nơi nhận; hoso tự thêm “- … ;” và dòng “Lưu: VT”."),
), purpose="Thông tin chung của Tờ trình: kế hoạch, đợt xét, hình thức khen thưởng, cơ quan và người ký.")
COUNCIL_SHEET = SheetSpec(COUNCIL, "form", (
    _f("date", "Ngày họp", "date", "council", "Ngày họp Hội đồng Thi đua - Khen thưởng (không sau ngày Tờ trình)."),
    _f("start", "Giờ bắt đầu", "time", "council", "Ví dụ: 14:00."),
    _f("end", "Giờ kết thúc", "time", "council", "Ví dụ: 16:30."),
    _f("place", "Địa điểm", "proper", "council", "Nơi họp, ví dụ: Hội trường Ủy ban nhân dân xã."),
    _f("method", "Hình thức biểu quyết", "choice", "council", "Bỏ phiếu kín hoặc Biểu quyết giơ tay.", 18, "methods"),
    _f("size", "Tổng số thành viên", "int", "council", "Tổng số thành viên Hội đồng (kể cả vắng mặt): mẫu số của tỷ lệ phiếu."),
), need="council", purpose="Cuộc họp Hội đồng Thi đua - Khen thưởng xét đề nghị (cho Biên bản).")
MEMBERS_SHEET = SheetSpec(MEMBERS, "table", (
    _f("stt", "STT", "int", "no", "Số thứ tự.", 6),
    _f("name", "Họ và tên", "person", "council", "Họ và tên thành viên Hội đồng.", 26),
    _f("position", "Chức vụ", "phrase", "council", "Chức vụ, đơn vị công tác.", 34),
    _f("role", "Vai trò", "choice", "council", "Chủ tịch, Phó Chủ tịch, Ủy viên hoặc Ủy viên - Thư ký.", 18, "roles"),
    _f("present", "Có mặt", "yesno", "council", "Có hoặc Không.", 9, "yesno"),
    _f("absence_reason", "Lý do vắng", "text", "no", "Lý do vắng mặt (nếu vắng).", 24),
), need="council", purpose="Thành viên Hội đồng, vai trò và có mặt hay vắng.")
COLLECTIVES_SHEET = SheetSpec(COLLECTIVES, "table", (
    _f("stt", "STT", "int", "no", "Số thứ tự.", 6),
    _f("name", "Tên tập thể", "proper", "yes", "Tên đầy đủ, không viết tắt; in đúng như vậy ở mọi văn bản.", 34),
    _f("parent_unit", "Đơn vị cấp trên", "proper", "report", "Đơn vị cấp trên trực tiếp (đầu Báo cáo thành tích).", 26),
    _f("address", "Địa chỉ", "proper", "report", "Địa chỉ trụ sở.", 28),
    _f("phone", "Điện thoại", "phone", "no", "Số điện thoại.", 14),
    _f("email", "Email", "text", "no", "Thư điện tử hoặc trang thông tin điện tử.", 22),
    _f("staff_count", "Số cán bộ", "int", "report", "Tổng số cán bộ, công chức, viên chức, người lao động.", 10),
    _f("duties", "Chức năng, nhiệm vụ", "multiline", "report", "Chức năng, nhiệm vụ được giao (tóm tắt).", 34),
    _f("achievements", "Thành tích", "multiline", "yes", "Thành tích đạt được; xuống dòng trong ô (Alt+Enter) để tách đoạn; dòng bắt đầu bằng “-” là gạch đầu dòng.", 50),
    _f("head_name", "Thủ trưởng", "person", "report", "Họ và tên thủ trưởng đơn vị (ký Báo cáo thành tích).", 22),
    _f("head_title", "Chức vụ thủ trưởng", "phrase", "report", "Chức vụ của thủ trưởng, ví dụ: Trưởng phòng."),
    _f("votes", "Số phiếu đồng ý", "int", "council", "Số thành viên Hội đồng đồng ý (kể cả ý kiến bằng văn bản của thành viên vắng).", 10),
    _f("report_type", "Loại báo cáo", "choice", "no", "Báo cáo thành tích (mặc định) hoặc Trích ngang nếu kế hoạch cho phép.", 18, "report_types"),
    _f("note", "Ghi chú", "text", "no", "Ghi chú in ở danh sách."),
    _f("group", "Nhóm đối tượng", "choice", "no", "Nhóm đối tượng theo tiêu chuẩn của kế hoạch (để so chỉ tiêu).", 26, "groups_tap_the"),
    _f("report_date", "Ngày báo cáo", "date", "no", REPORT_DATE_HELP, 12),
    _f("report_place", "Địa danh báo cáo", "proper", "no", REPORT_PLACE_HELP, 18),
), purpose="Mỗi dòng một tập thể được đề nghị.")
INDIVIDUALS_SHEET = SheetSpec(INDIVIDUALS, "table", (
    _f("stt", "STT", "int", "no", "Số thứ tự.", 6),
    _f("name", "Họ và tên", "person", "yes", "Họ và tên đầy đủ, in đúng như vậy ở mọi văn bản.", 24),
    _f("gender", "Giới tính", "choice", "yes", "Nam hoặc Nữ.", 9, "genders"),
    _f("birth_date", "Ngày sinh", "date", "yes", "Ngày/tháng/năm sinh; chưa rõ ngày thì ghi tháng/năm (03/1968) hoặc năm (1968).", 12),
    _f("ethnicity", "Dân tộc", "phrase", "report", "Ví dụ: Kinh.", 10),
    _f("hometown", "Quê quán", "proper", "report", "Quê quán.", 22),
    _f("residence", "Nơi ở", "proper", "report", "Nơi thường trú.", 22),
    _f("education", "Trình độ", "phrase", "report", "Trình độ chuyên môn, nghiệp vụ."),
    _f("position", "Chức vụ", "phrase", "yes", "Chức vụ (Đảng, chính quyền, đoàn thể).", 20),
    _f("workplace", "Đơn vị công tác", "proper", "yes", "Đơn vị công tác.", 28),
    _f("is_leader", "Lãnh đạo quản lý", "yesno", "yes", "Có nếu từ Phó Trưởng phòng và tương đương trở lên.", 10, "yesno"),
    _f("achievements", "Thành tích", "multiline", "yes", "Thành tích đạt được; xuống dòng trong ô (Alt+Enter) để tách đoạn; dòng bắt đầu bằng “-” là gạch đầu dòng.", 50),
    _f("votes", "Số phiếu đồng ý", "int", "council", "Số thành viên Hội đồng đồng ý (kể cả ý kiến bằng văn bản của thành viên vắng).", 10),
    _f("report_type", "Loại báo cáo", "choice", "no", "Báo cáo thành tích (mặc định) hoặc Trích ngang nếu kế hoạch cho phép.", 18, "report_types"),
    _f("note", "Ghi chú", "text", "no", "Ghi chú in ở danh sách."),
    _f("report_date", "Ngày báo cáo", "date", "no", REPORT_DATE_HELP, 12),
    _f("report_place", "Địa danh báo cáo", "proper", "no", REPORT_PLACE_HELP, 18),
), purpose="Mỗi dòng một cá nhân được đề nghị.")
CRITERIA_SHEET = SheetSpec(CRITERIA, "table", (
    _f("nominee", "Tập thể / Cá nhân", "text", "yes", "Tên tập thể hoặc họ tên cá nhân, đúng như ở sheet của họ.", 34),
    _f("criterion", "Chỉ tiêu", "choice", "yes", "Chỉ tiêu định lượng của kế hoạch.", 60, "criteria"),
    _f("registered", "Đăng ký (%)", "percent", "no", "Tỷ lệ đăng ký thi đua, ví dụ 90.", 12),
    _f("achieved", "Đạt được (%)", "percent", "yes", "Tỷ lệ đạt được, ví dụ 95,5.", 12),
    _f("note", "Ghi chú", "text", "no", "Ghi chú.", 20),
), need="no", purpose="Kết quả các chỉ tiêu định lượng (đăng ký và đạt được) của từng người, đơn vị.")
VOTES_SHEET = SheetSpec(VOTES, "table", (
    _f("stt", "STT", "int", "no", "Số thứ tự.", 6),
    _f("unit", "Đơn vị đề nghị", "text", "yes", "Cơ quan trình khen, như trong hồ sơ của đơn vị (hoso ghi sẵn).", 34),
    _f("target", "Tập thể / Cá nhân", "choice", "yes", "Tập thể hoặc Cá nhân (hoso ghi sẵn).", 12, "targets"),
    _f("name", "Tên tập thể / Họ và tên", "text", "yes", "Như trong hồ sơ của đơn vị (hoso ghi sẵn).", 32),
    _f("birth_date", "Ngày sinh", "date", "no", "Ngày sinh của cá nhân, để phân biệt người trùng tên (hoso ghi sẵn).", 12),
    _f("award", "Hình thức khen thưởng", "choice", "yes", "Hình thức đơn vị đề nghị (hoso ghi sẵn).", 26, "awards"),
    _f("votes", "Số phiếu đồng ý", "int", "yes", "Số thành viên Hội đồng của cơ quan đồng ý (kể cả ý kiến bằng văn bản của thành viên vắng).", 10),
), purpose="Kết quả biểu quyết của Hội đồng: mỗi dòng một tập thể, cá nhân các đơn vị đề nghị.")
# fmt: on

SHEETS: tuple[SheetSpec, ...] = (
    INFO_SHEET, COUNCIL_SHEET, MEMBERS_SHEET, COLLECTIVES_SHEET, INDIVIDUALS_SHEET, CRITERIA_SHEET,
)  # fmt: skip
# The office council's workbook of a review period: its meeting, its members, its votes.
OFFICE_COUNCIL_SHEETS: tuple[SheetSpec, ...] = (COUNCIL_SHEET, MEMBERS_SHEET, VOTES_SHEET)
TARGETS = {"tap-the": COLLECTIVES, "ca-nhan": INDIVIDUALS}  # as the votes sheet names them


def example_mark(sheet: str, *values: object) -> str:
    """The mark of an example row: a digest of its sheet and identifying values as a person reads
    them (case, spaces and tone placement do not count)."""
    text = "|".join([sheet, *(tone_key(str(v)) for v in values)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
