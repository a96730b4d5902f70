"""Write the clerk's workbook for a plan: sheets, headers with comments, dropdowns, a guide sheet."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.authoring.cells import put
from pipeline.errors import OutputError
from pipeline.files import write_atomically
from pipeline.inputs.contract import (
    AUTHORITIES,
    EXAMPLE_MARKS,
    GENDERS,
    GUIDE,
    LISTS,
    NO,
    REPORT_FULL,
    REPORT_SHORT,
    ROLES,
    SHEETS,
    TARGETS,
    VOTING_METHODS,
    YES,
    FieldSpec,
    SheetSpec,
)
from pipeline.inputs.kinds import kind
from pipeline.inputs.legal import ended_level, plan_on
from pipeline.inputs.plans import Plan, Review, all_plans
from pipeline.inputs.wording import leader_rule, quota_rule, vote_rule

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(name="Times New Roman", bold=True, size=12)
BODY_FONT = Font(name="Times New Roman", size=12)
GUIDE_FONT = Font(name="Times New Roman", italic=True, size=11, color="555555")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TABLE_ROWS = 500  # rows prepared with dropdowns and formats below the header
# Who reads the workbook's guide: someone at a terminal (`hoso init`), or a clerk who downloaded
# it from the web app's proposal page and never sees a command.
Audience = Literal["cli", "web"]
# Whose steps a unit's workbook's guide gives: an audience's, or "sent": an example unit's
# workbook lying in a web period's don-vi/ as if sent, which the office downloads from the
# period page (so no "this proposal page" it was downloaded from).
Guide = Audience | Literal["sent"]
EXAMPLE_NOTICE = (
    "TỆP VÍ DỤ: mọi người, đơn vị, thành tích và số liệu trong tệp này là hư cấu. Hãy thay bằng "
    "dữ liệu thật (hoặc tạo tệp trống: hoso init không có --example) trước khi tạo hồ sơ để in, "
    "ký và gửi; hoso check báo mọi dòng ví dụ còn sót."
)
WEB_EXAMPLE_NOTICE = (
    "TỆP VÍ DỤ: mọi người, đơn vị, thành tích và số liệu trong tệp này là hư cấu, chỉ để xem cách "
    "điền. Để làm hồ sơ thật, hãy tải “Tệp Excel trống” ở mục 2 của trang đề nghị (trang đã tải "
    "tệp này) và điền dữ liệu thật; nếu sửa tiếp tệp này, hãy thay mọi dòng ví dụ: khi tải lên, "
    "trang đề nghị báo mọi dòng ví dụ còn sót."
)
SENT_EXAMPLE_NOTICE = (
    "TỆP VÍ DỤ: mọi người, đơn vị, thành tích và số liệu trong tệp này là hư cấu: tệp của một "
    "đơn vị ví dụ trong đợt xét ví dụ, để xem cách điền và thử các bước của đợt xét."
)
NOTICES: dict[Guide, str] = {
    "cli": EXAMPLE_NOTICE,
    "web": WEB_EXAMPLE_NOTICE,
    "sent": SENT_EXAMPLE_NOTICE,
}


def lists_for(plan: Plan, day: dt.date | None = None) -> dict[str, list[str]]:
    """The dropdown lists of a plan's workbook, by name; with the Tờ trình's `day`, the awards
    as named that day, without those whose decider's level of government had ended (unless
    none would be left)."""
    if day is not None:
        plan = plan_on(plan, day)
    awards = [a.name for a in plan.awards]
    if day is not None:
        awards = [a.name for a in plan.awards if ended_level(a.awarded_by, day) is None] or awards
    criteria = list(dict.fromkeys(c.name for c in plan.criteria))
    report_types = (
        [REPORT_FULL, REPORT_SHORT] if plan.dossier.trich_ngang_allowed else [REPORT_FULL]
    )
    return {
        "plans": [p.id for p in all_plans()],
        "reviews": [r.label for r in plan.reviews],
        "awards": awards,
        "authorities": list(AUTHORITIES),
        "methods": list(VOTING_METHODS),
        "roles": list(ROLES),
        "yesno": [YES, NO],
        "genders": list(GENDERS),
        "report_types": report_types,
        "groups_tap_the": list(plan.groups_for("tap-the")),
        "criteria": criteria,
        "targets": list(TARGETS.values()),
    }


# The hidden lists sheet's column titles, as a clerk who unhides it reads them.
LIST_TITLES = {
    "plans": "Kế hoạch",
    "reviews": "Đợt xét",
    "awards": "Hình thức khen thưởng",
    "authorities": "Quyền hạn ký",
    "methods": "Hình thức biểu quyết",
    "roles": "Vai trò",
    "yesno": "Có/Không",
    "genders": "Giới tính",
    "report_types": "Loại báo cáo",
    "groups_tap_the": "Nhóm đối tượng",
    "criteria": "Chỉ tiêu",
    "targets": "Đối tượng",
}


def sheets_for(plan: Plan) -> list[SheetSpec]:
    """The contract sheets a plan's workbook needs (no council sheets when there is no Biên bản)."""
    return [s for s in SHEETS if s.need != "council" or plan.dossier.has_council]


def write_workbook(
    path: Path,
    plan: Plan,
    review: Review,
    values: dict[str, Any] | None = None,
    marks: Sequence[str] = (),
    *,
    sheets: Sequence[SheetSpec] | None = None,
    guide: Guide | Sequence[tuple[str, str]] = "cli",
) -> None:
    """Write a workbook for a plan and review; `values` (from examples) fills it with data,
    `marks` recognise its fictional rows later (see example_mark). `guide` is whose steps the
    guide sheet gives (commands, or the web app's pages), or its own lines: with `sheets`, they
    make another workbook of the same style (a period's council workbook) instead of a unit's."""
    from pipeline.authoring.examples import proposal_date

    values = values or {}
    day = proposal_date(review)
    plan = plan_on(plan, day)  # the awards as named on the review's Tờ trình (a merged province)
    wb = Workbook()
    first = wb.active
    first.title = GUIDE
    lists = lists_for(plan, day)
    _lists_sheet(wb, lists, marks)
    for spec in sheets_for(plan) if sheets is None else sheets:
        ws = wb.create_sheet(spec.name)
        if spec.layout == "form":
            _form_sheet(ws, spec, values.get(spec.name, {}), lists)
        else:
            _table_sheet(ws, spec, values.get(spec.name, []), lists)
    if isinstance(guide, str):
        lines, notice = guide_lines(plan, review, guide), NOTICES[guide] if marks else None
    else:  # a workbook with its own guide (the council's) says in it what its examples are
        lines, notice = list(guide), None
    _guide_sheet(first, lines, notice)
    _save(wb, path)


_SAVE_TIME_PART = "docProps/core.xml"  # created/modified: the time of each save


def _save(wb: Workbook, path: Path) -> None:
    """Write beside the target and rename, so a failure never leaves half a workbook; a workbook
    that would only differ by its save time is left as it was."""
    # Made in memory first: a full disk then fails one plain write, said in Vietnamese, not a
    # zip file openpyxl left open that fails again, in English, when it is collected.
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    # Rewriting the same content would still change its bytes (save time in the zip and its
    # properties), and a period sees a changed hoi-dong.xlsx as a reason to redo its documents.
    if not (path.is_file() and _same_content(path, data)):
        write_atomically(path, lambda tmp: tmp.write_bytes(data))


def _same_content(path: Path, data: bytes) -> bool:
    """Whether the workbook at `path` has every part of `data` but its save time, byte for byte."""
    try:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(data)) as new:
            names = [n for n in new.namelist() if n != _SAVE_TIME_PART]
            if sorted(names) != sorted(n for n in old.namelist() if n != _SAVE_TIME_PART):
                return False
            return all(old.read(n) == new.read(n) for n in names)
    except (OSError, zipfile.BadZipFile, KeyError):
        return False  # unreadable: written anew


def _lists_sheet(wb: Workbook, lists: dict[str, list[str]], marks: Sequence[str]) -> None:
    ws = wb.create_sheet(LISTS)
    ws.sheet_state = "hidden"
    for col, (name, items) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(1, col, LIST_TITLES.get(name, name)).font = HEADER_FONT
        for row, item in enumerate(items, start=2):
            ws.cell(row, col, item)
        last = max(len(items), 1) + 1
        ref = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${last}"
        wb.defined_names[f"ds_{name}"] = DefinedName(f"ds_{name}", attr_text=ref)
    if marks:
        col = len(lists) + 1
        ws.cell(1, col, EXAMPLE_MARKS).font = HEADER_FONT
        for row, mark in enumerate(marks, start=2):
            ws.cell(row, col, mark)


def _validation(ws: Worksheet, spec: FieldSpec, lists: dict[str, list[str]], ref: str) -> None:
    if spec.kind == "yesno" or spec.choices:
        name = spec.choices or "yesno"
        if not lists.get(name):
            return
        dv = DataValidation(type="list", formula1=f"=ds_{name}", allow_blank=True)
        dv.error = f"Chọn “{spec.header}” trong danh sách."
        dv.errorTitle = "Giá trị không hợp lệ"
        dv.showErrorMessage = spec.key not in ("criterion",)
        ws.add_data_validation(dv)
        dv.add(ref)
    elif spec.kind == "int":
        dv = DataValidation(
            type="whole", operator="between", formula1="0", formula2="100000", allow_blank=True
        )
        dv.error = f"“{spec.header}” là số nguyên."
        ws.add_data_validation(dv)
        dv.add(ref)


_FORMATS = {"date": "DD/MM/YYYY", "time": "HH:MM", "percent": "0.0", "int": "0", "phone": "@"}
# Kinds whose whole column is formatted before the clerk types: as text, a phone number keeps its
# leading 0 (General would make 0912345678 the number 912345678).
_COLUMN_FORMATS = {"phone"}


def _form_sheet(ws: Worksheet, spec: SheetSpec, values: dict[str, Any], lists) -> None:
    for col, (title, width) in enumerate(
        (("Thông tin", 26), ("Giá trị", 60), ("Hướng dẫn", 60)), 1
    ):
        cell = ws.cell(1, col, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, f in enumerate(spec.fields, start=2):
        label = ws.cell(row, 1, f.header)
        label.font, label.alignment = HEADER_FONT, WRAP_TOP
        label.comment = Comment(f.comment, "hoso")
        value = put(ws, row, 2, _cell_value(values.get(f.key)))
        value.font, value.alignment = BODY_FONT, WRAP_TOP
        if f.kind in _FORMATS:
            value.number_format = _FORMATS[f.kind]
        hint = ws.cell(row, 3, f.comment)
        hint.font, hint.alignment = GUIDE_FONT, WRAP_TOP
        _validation(ws, f, lists, f"B{row}")
    ws.freeze_panes = "B2"


def _table_sheet(ws: Worksheet, spec: SheetSpec, rows: Sequence[dict[str, Any]], lists) -> None:
    for col, f in enumerate(spec.fields, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(1, col, f.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.comment = Comment(f.comment, "hoso")
        ws.column_dimensions[letter].width = f.width
        if f.kind in _COLUMN_FORMATS:
            ws.column_dimensions[letter].number_format = _FORMATS[f.kind]
        last = max(TABLE_ROWS, len(rows) + 100)
        _validation(ws, f, lists, f"{letter}2:{letter}{last}")
        for r, data in enumerate(rows, start=2):
            value = data.get(f.key, r - 1 if f.key == "stt" else None)
            target = put(ws, r, col, _cell_value(value))
            target.font, target.alignment = BODY_FONT, WRAP_TOP
            if f.kind in _FORMATS:
                target.number_format = _FORMATS[f.kind]
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "C2" if spec.fields[1].key == "name" else "A2"


def _cell_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, dt.datetime | dt.date | dt.time | int | float | str) or value is None:
        return value
    return str(value)


# Each style's line height (points) and how many characters fit on a line of column A, counted
# for the narrower of Excel (about 73 of Times New Roman 12) and LibreOffice (about 90), so that
# a row is never too short: LibreOffice does not grow a wrapped row written without a height (its
# lines overprint the next row's), and Excel grows it only once the cell is edited.
_LINES = {"title": (19.0, 36), "head": (16.5, 60), "warning": (16.5, 55), "text": (16.0, 66)}


def _row_height(text: str, style: str) -> float:
    points, per_line = _LINES.get(style, _LINES["text"])
    return points * sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _guide_sheet(ws: Worksheet, lines: list[tuple[str, str]], notice: str | None) -> None:
    # As wide as A4 portrait prints between its default margins: the guide prints as it reads.
    ws.column_dimensions["A"].width = 76
    if notice:  # an example workbook says so right under its title
        lines.insert(1, (notice, "warning"))
    for row, (text, style) in enumerate(lines, start=1):
        ws.row_dimensions[row].height = _row_height(text, style)
        cell = ws.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(
            name="Times New Roman",
            size=14 if style == "title" else 12,
            bold=style in ("title", "head", "warning"),
            color="C00000" if style == "warning" else None,
        )


def guide_lines(plan: Plan, review: Review, audience: Guide = "cli") -> list[tuple[str, str]]:
    """The guide sheet's lines, each with a style ("title", "head" or "text"); the rules of the
    awards the workbook's dropdown offers, then the audience's steps to check and build."""
    from pipeline.authoring.examples import proposal_date

    offered = lists_for(plan, proposal_date(review))["awards"]
    rules = []
    for award in (a for a in plan_on(plan, proposal_date(review)).awards if a.name in offered):
        quota = award.quota_for(review.id)
        lines = [quota_rule(quota) if quota else None, leader_rule(award), vote_rule(award)]
        rules += [f"- {award.name}: {line}." for line in lines if line]
    sheets = [f"- {s.name}: {s.purpose}" for s in sheets_for(plan)]
    dossier = plan.dossier
    form = report_form(plan, review)
    documents = [
        f"- {kind(d).guide}"
        + (
            f" ({form}), có xác nhận của {dossier.confirmation}"
            if d == "bao-cao-thanh-tich"
            else ""
        )
        for d in dossier.documents
    ]
    return [
        ("HƯỚNG DẪN ĐIỀN TỆP ĐỀ NGHỊ KHEN THƯỞNG", "title"),
        (f"Kế hoạch: {plan.document.title} ({plan.issuer.short}).", "text"),
        (f"Đợt xét: {review.label} ({review.held}).", "text"),
        ("Các sheet", "head"),
        *[(s, "text") for s in sheets],
        ("Cách điền", "head"),
        (
            "- Giữ nguyên tên sheet và tên cột; có thể thêm cột khác nếu cần. "
            "Mỗi tiêu đề có chú thích (rê chuột vào ô tiêu đề).",
            "text",
        ),
        ("- Chọn giá trị trong danh sách thả xuống ở các cột có danh sách.", "text"),
        ("- Ngày ghi theo ngày/tháng/năm (ví dụ 05/10/2023); giờ ghi 14:30.", "text"),
        (
            "- “Thành tích”: xuống dòng trong ô bằng Alt+Enter để tách đoạn; dòng bắt đầu bằng “-” là gạch đầu dòng.",
            "text",
        ),
        (
            "- Tên tập thể, họ tên cá nhân ghi đầy đủ, không viết tắt: hoso in đúng như vậy ở mọi văn bản.",
            "text",
        ),
        ("Quy định của kế hoạch", "head"),
        *[(r, "text") for r in rules],
        ("Hồ sơ gồm", "head"),
        *[(d, "text") for d in documents],
        *{"cli": CLI_STEPS, "web": WEB_STEPS, "sent": SENT_STEPS}[audience],
    ]


CLI_STEPS = (
    ("Kiểm tra và tạo hồ sơ", "head"),
    ("- Kiểm tra: hoso check <tệp>.xlsx — hoso chỉ ra từng ô sai (sheet và ô).", "text"),
    (
        "- Tạo hồ sơ: hoso build <tệp>.xlsx — văn bản DOCX, PDF và hồ sơ từng người trong thư mục output/.",
        "text",
    ),
)
# The web app's steps name its pages and buttons as pipeline/web/templates/web/de_nghi.html
# shows them (tests/test_web_clerk_guide.py holds the two together).
WEB_STEPS = (
    ("Kiểm tra, tạo hồ sơ và nộp trên trang web", "head"),
    (
        "- Lưu tệp (giữ đuôi .xlsx), mở lại trang đề nghị đã tải tệp này về, ở mục "
        "“3. Tải lên tệp đã điền” chọn tệp rồi bấm “Tải lên và kiểm tra”. Mỗi lần tải lên là "
        "một phiên bản mới.",
        "text",
    ),
    (
        "- Trang chỉ ra từng ô sai (sheet và ô) dưới “Kết quả kiểm tra”: sửa trong tệp này rồi "
        "tải lên lại đến khi không còn lỗi.",
        "text",
    ),
    (
        "- Tạo hồ sơ: ở mục “4. Tạo hồ sơ, nộp cho đợt xét” bấm “Tạo hồ sơ từ phiên bản …”; "
        "trang hồ sơ cho tải về văn bản DOCX, PDF (“Tải về tất cả (ZIP)”) để xem, in và ký.",
        "text",
    ),
    (
        "- Nộp: bấm “Nộp phiên bản … cho đợt xét” ở mục 4; chưa bấm nộp thì đợt xét chưa nhận "
        "hồ sơ của đơn vị.",
        "text",
    ),
)


# Who does what with a unit's workbook, for whoever opens it from the period (office or clerk).
SENT_STEPS = (
    ("Nộp và xét trên trang web", "head"),
    (
        "- Văn thư đơn vị: trên trang đề nghị của đơn vị, tải tệp lên (“Tải lên và kiểm tra”), "
        "sửa đến khi không còn lỗi, tạo hồ sơ rồi nộp cho đợt xét.",
        "text",
    ),
    (
        "- Thường trực thi đua: trên trang đợt xét, xem tình trạng, lỗi và hồ sơ của từng đơn "
        "vị; hồ sơ cần sửa thì bấm “Trả lại để sửa”; đủ hồ sơ thì bấm “Tạo văn bản của đợt”.",
        "text",
    ),
)


def _check_folder(path: Path) -> None:
    """The folder a new workbook goes into exists and is a folder (a typo is not a new folder)."""
    folder = path.parent
    if folder.is_dir():
        return
    for above in [folder, *folder.parents]:
        if above.exists() and not above.is_dir():
            raise OutputError(f"Không tạo được {path}: {above} là một tệp, không phải thư mục.")
    raise OutputError(
        f"Không tạo được {path}: thư mục {folder} không tồn tại; hãy tạo thư mục trước "
        "hoặc chọn thư mục khác."
    )


def report_form(plan: Plan, review: Review) -> str:
    """The report form a review's dossiers use: the plan's words while its decree is in force,
    else the form of the regime in force then (never "Mẫu số 07" under a later decree)."""
    from pipeline.authoring.examples import proposal_date
    from pipeline.inputs.legal import regime_for

    regime = regime_for(plan, proposal_date(review))
    if regime.decree and regime.decree in plan.dossier.report_form:
        return plan.dossier.report_form
    return regime.report


def init_workbook(
    path: Path,
    plan: Plan,
    review_id: str | None,
    example: bool,
    force: bool = False,
    audience: Audience = "cli",
) -> Review:
    """Write a new workbook for a plan (and review), optionally filled with the plan's example;
    its guide gives the `audience`'s steps (the commands, or the web app's pages)."""
    from pipeline.authoring.examples import example_marks, example_values

    if path.name.lower() == ".xlsx":  # Path(".xlsx").suffix is "": a name of its extension only
        raise OutputError(f"{path}: thiếu tên tệp trước đuôi .xlsx, ví dụ de-nghi.xlsx.")
    if path.suffix.lower() != ".xlsx":
        raise OutputError(f"{path}: tên tệp phải có đuôi .xlsx.")
    if path.is_dir():
        raise OutputError(
            f"{path} là một thư mục; hãy ghi tên tệp Excel, ví dụ {path / 'de-nghi.xlsx'}."
        )
    if path.exists() and not force:
        raise OutputError(f"{path} đã có; dùng --force để ghi đè.")
    _check_folder(path)
    review = plan.reviews[0] if review_id is None else plan.review(review_id)
    if review is None:
        known = ", ".join(r.id for r in plan.reviews)
        raise OutputError(f"Kế hoạch {plan.id} không có đợt xét “{review_id}”. Các đợt: {known}.")
    values = (
        example_values(plan, review)
        if example
        else {
            "Thông tin chung": {"plan": plan.id, "review": review.label},
        }
    )
    marks = example_marks(values) if example else ()
    write_workbook(path, plan, review, values, marks, guide=audience)
    return review
