"""The period's findings as the office reads them in a browser. `hoso period check` names the keys
of dot-xet.toml (`office.date`, `[[units]]`, `authority = "TM."`), which the CLI user edits; the
office on the web never sees that file and changes the period on its edit page: there each key is
said as the field that changes it."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from pipeline.check.findings import Finding
from pipeline.errors import HosoError
from pipeline.inputs.certificates import FIELD_LABELS, KINDS
from pipeline.period.certificates import stock_kinds
from pipeline.period.config import STOCK_DIR, Period
from pipeline.period.steps import EDIT_PAGE
from pipeline.steps import advice_of

NOT_ON_WEB = "thông tin đợt xét (không sửa được trên trang; hãy nhờ người quản trị máy chủ sửa)"
NOT_EDITABLE = "không sửa được trên trang (hãy nhờ người quản trị máy chủ sửa)"
CONFIG = "dot-xet.toml"
PERIOD_FOLDER = "thư mục của đợt xét"
SERVER_FOLDER = "thư mục dữ liệu của máy chủ"
QUEUE_DOWN = (
    "hàng đợi tạo văn bản của máy chủ không nhận việc lúc này; hãy thử lại sau ít phút, nếu vẫn "
    "vậy hãy báo người quản trị máy chủ (chi tiết ghi trong nhật ký của máy chủ)."
)
LOG = logging.getLogger("hoso.web")
# The period pages' button that makes the documents again (a step's {remake}).
REMAKE = "“Tạo văn bản của đợt” ở trang đợt xét"


@dataclass(frozen=True)
class OfficeFinding:
    """A period finding in the office's words, with the edit form's field that fixes it."""

    severity: str
    text: str
    field: str = ""  # the edit page's field ("office_date"), when the finding is at one
    count: int = 1  # the findings it says at once (units that sent nothing, in one line)


def fields() -> dict[str, tuple[str, str]]:
    """Each dot-xet.toml key ("office.date") the edit page changes → (field, label as shown)."""
    # Imported here: period_edit imports the period pages' helpers, which import this module.
    from pipeline.web.period_edit import KEYS, label

    return {".".join(k for k in key if k): (name, label(name)) for name, key in KEYS.items()}


def _field(key: str) -> str:
    """Where a key is changed, in words."""
    known = fields().get(key)
    return f"mục “{known[1]}” ở {EDIT_PAGE}" if known else NOT_ON_WEB


def _label(key: str) -> str:
    """The label of the field that sets a key of dot-xet.toml ("Ngày Tờ trình tổng hợp")."""
    return labels()[key]


def _unit(match: re.Match[str]) -> str:
    return f"đơn vị thứ {int(match[1]) + 1} trong danh sách đơn vị của đợt xét"


# (pattern, replacement) in order: the longer phrases first, the file's name last.
REWRITES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (rf"{CONFIG} › ((?:office|decision)\.\w+)", lambda m: _field(m[1])),
    (rf"{CONFIG} › units\[(\d+)\]\.name", lambda m: "tên " + _unit(m)),
    (rf"{CONFIG} › units\[(\d+)\]\.file", lambda m: "tên tệp ghi cho " + _unit(m)),
    (rf"{CONFIG} › units\[(\d+)\]", _unit),
    (
        r"theo khóa received (?:trong dot-xet\.toml|của \[\[units\]\])",
        "theo ngày nhận hồ sơ ghi trong thông tin đợt xét",
    ),
    (rf" \([^()]*{CONFIG}\)", ""),  # the file's path after "danh sách đơn vị của đợt xét"
    (r"\(received = (\d{4})-(\d\d)-(\d\d)\)", r"(\3/\2/\1)"),
    (
        r'ghi authority = "(TM\.|KT\.|Q\.)"',
        lambda m: f"chọn “{m[1]}” ở {_field('office.authority')}",
    ),
    (r'hãy để parent_body = ""', lambda m: f"hãy để trống {_field('office.parent_body')}"),
    (r"“Quyền hạn ký”", "“Thẩm quyền ký”"),  # the workbook's field; the page's is named so
    (r"hoặc xóa dòng này để hoso tự chọn ngày", "hoặc để trống ô ngày đó để hoso tự chọn ngày"),
    (
        r"hãy thêm vào \[\[units\]\] nếu đơn vị này được nộp",
        f"nếu đơn vị này được nộp, hãy thêm vào danh sách đơn vị phải nộp ({EDIT_PAGE})",
    ),
    (
        r'Nếu đúng, hãy ghi file = "[^"]*" cho đơn vị đó trong \[\[units\]\], hoặc',
        "Nếu đúng, hãy để đơn vị đó tải lên và nộp tệp trên ứng dụng web, hoặc",
    ),
    (r"^\[decision\]: ", ""),
    (
        r"ghi office\.date \(YYYY-MM-DD\) như văn thư đã ghi, hoặc xóa number",
        lambda m: (
            f"ghi “{_label('office.date')}” như văn thư đã ghi, hoặc để trống "
            f"“{_label('office.number')}”"
        ),
    ),
    (
        r"không trong dấu ngoặc kép, ví dụ number = (\d+) (\(hoso in “[^”]*”), ký hiệu lấy từ "
        r"office\.code\)",
        r"ví dụ \1 \2, ký hiệu là “Ký hiệu cơ quan trong số văn bản”)",
    ),
    # An award each unit decides, listed among those the office decides (decides[i]).
    (r"” \([\w-]+\) do Thủ trưởng từng đơn vị", "” do Thủ trưởng từng đơn vị"),
    (r"theo kế hoạch [\w-]+, mỗi đơn vị", "theo kế hoạch của đợt, mỗi đơn vị"),
    (
        r"bỏ “[\w-]+” khỏi decides",
        lambda m: f"bỏ hình thức này khỏi “{_label('decides')}”",
    ),
    # An award decided by another body than decision.body's (period-decider).
    (
        r"\(decision\.body để trống: tên ở \[office\]\)",
        lambda m: f"(“{_label('decision.body')}” để trống: cơ quan nhận hồ sơ)",
    ),
    (r'ghi decision\.body = "([^"]*)"', lambda m: f"ghi “{_label('decision.body')}” là “{m[1]}”"),
    (
        r"ghi decision\.body là cơ quan đó",
        lambda m: f"ghi cơ quan đó ở “{_label('decision.body')}”",
    ),
    (rf"tên trong {CONFIG}", "tên trong danh sách đơn vị của đợt xét"),
    (r"\[\[units\]\]", "danh sách đơn vị của đợt xét"),
    (rf"(?:[^\s()]*/)?{CONFIG}", "thông tin đợt xét"),
]


def on_page(said: str) -> str:
    """A period text as its page says it: the next step of an Advice (pipeline.period.steps) as
    the page's link or button, not the command."""
    advice = advice_of(said)
    return advice.for_page(REMAKE) if advice is not None else said


def for_office(text: str) -> str:
    """A finding's text with its next step the page's way and dot-xet.toml's keys said as the
    web pages' fields."""
    text = on_page(text)
    for pattern, replacement in REWRITES:
        text = re.sub(pattern, replacement, text)
    return text


# A path into the period's don-vi/ (a folder on the server the office never sees on the web):
# a file there (its name may hold spaces: "01-… (1).xlsx"), else the folder itself.
_UNIT_FILE = re.compile(
    r"(?:[^\s“”()]*/)?don-vi/([^\s/›:;,“”][^/›:;,“”]*?\.(?:xlsx|xlsm|xls|zip|rar|7z|docx?|pdf|odt))(?!\w)"
)
_UNIT_FOLDER = re.compile(r"(?:[^\s“”()]*/)?don-vi/([^\s/›:;,“”][^/›:;,“”]*?)/?(?=: )")
_UNITS_DIR = re.compile(r"(?:thư mục )?(?:[^\s“”()]*/)?don-vi/")


def unit_files(text: str, named: dict[str, str]) -> str:
    """A text with each path of the period's don-vi/ said as the office knows the file: its unit
    and the name it was uploaded under (`named`, by the file's name there), else the file's name;
    the folder itself said as the place the server keeps the units' files."""
    text = _UNIT_FILE.sub(lambda m: named.get(m[1], f"tệp “{m[1]}”"), text)
    text = _UNIT_FOLDER.sub(r"thư mục con “\1”", text)  # a subfolder, said before its finding
    return _UNITS_DIR.sub("thư mục hồ sơ các đơn vị của đợt trên máy chủ", text)


def office_finding(finding: Finding, config: str, folder: str) -> OfficeFinding:
    """A finding of the period as the office's page says it: one at a key of dot-xet.toml (the
    file means nothing in a browser) led by the field that changes it; others with their file
    and cell, the period folder's path taken out."""
    if finding.source.file != config:
        said = f"{finding.source}: {on_page(finding.message)}"
        return OfficeFinding(finding.severity, for_office(said.replace(f"{folder}/", "")))
    key = finding.source.cell or ""
    known = fields().get(key)
    text = for_office(finding.message)
    if known is not None:
        return OfficeFinding(finding.severity, f"{known[1]}: {text}", known[0])
    if key:  # said by its setting's name, and who changes it
        return OfficeFinding(finding.severity, f"{key_label(key)}, {NOT_EDITABLE}: {text}")
    return OfficeFinding(finding.severity, text)


# Keys no form of the web app sets (the server's administrator writes them in dot-xet.toml),
# named as the period's settings are described in README and the file's own comments.
OTHER_LABELS = {
    "legal": "Tệp căn cứ pháp lý riêng của cơ quan",
    "templates": "Mẫu văn bản riêng của cơ quan",
    "trust": "Thư mục tin cậy để kiểm tra chữ ký số",
    "signed": "Đơn vị nộp kèm văn bản đã ký số",
    "office.distribution": "Nơi nhận của Tờ trình tổng hợp",
    "office.council_body": "Hội đồng Thi đua - Khen thưởng họp xét",
    "decision.distribution": "Nơi nhận của Quyết định",
    "decision.parent_body": "Cơ quan chủ quản của cơ quan ban hành quyết định",
    "decision.code": "Ký hiệu trong số quyết định",
    "decision.place": "Địa danh ghi trước ngày quyết định",
    "units": "Các đơn vị phải nộp",
}
UNIT_KEYS = {
    "name": "Tên đơn vị thứ {n} trong danh sách đơn vị phải nộp",
    "file": "Tên tệp của đơn vị thứ {n} trong danh sách đơn vị phải nộp",
    "received": "Ngày nhận hồ sơ của đơn vị thứ {n} trong danh sách đơn vị phải nộp",
    "": "Đơn vị thứ {n} trong danh sách đơn vị phải nộp",
}
# How read_toml's errors start once the folder is taken out → the same in the office's words.
OPENINGS = (
    (f"{CONFIG}: tệp cấu hình đợt xét ", f"Thông tin đợt xét (tệp {CONFIG}) "),
    (
        f"{CONFIG}: không đọc được tệp cấu hình đợt xét",
        f"Không đọc được thông tin đợt xét (tệp {CONFIG})",
    ),
)
RESET_STOCK = (
    "Trang “Căn chỉnh phôi” của đợt bỏ được tệp căn chỉnh riêng này để dùng lại căn chỉnh mặc "
    "định của hoso."
)
# Above the period page, when an action could not read the period: the page lists why.
UNREADABLE = "thông tin đợt xét có lỗi (xem dưới đây)."
FIX_BY_HAND = (
    "Trang của đợt xét và trang “Sửa thông tin đợt xét” chỉ mở được khi thông tin này đọc được: "
    "hãy nhờ người quản trị máy chủ sửa tệp dot-xet.toml trong thư mục của đợt (mỗi bản trước "
    "khi sửa trên trang được giữ trong thư mục dot-xet-cu/ của đợt)."
)


def labels() -> dict[str, str]:
    """Each key of dot-xet.toml → the label of the field that sets it: the edit page's, else
    the new-period form's, else the setting's name in words."""
    from pipeline.web.period_new import FIELDS, PeriodForm

    made = {key: str(PeriodForm.base_fields[f].label).split(" (")[0] for key, f in FIELDS.items()}
    return {**OTHER_LABELS, **made, **{key: known[1] for key, known in fields().items()}}


def key_label(key: str) -> str:
    """A key of dot-xet.toml ("units[2].received", "decides[0]") as the office reads it."""
    unit = re.fullmatch(r"units\[(\d+)\](?:\.(\w+))?", key)
    if unit is not None and (unit[2] or "") in UNIT_KEYS:
        return UNIT_KEYS[unit[2] or ""].format(n=int(unit[1]) + 1)
    item = re.fullmatch(r"([\w.]+)\[(\d+)\]", key)
    known = labels()
    if item is not None and item[1] in known:
        return f"{known[item[1]]} (mục thứ {int(item[2]) + 1})"
    return known.get(key, f"Khóa “{key}” trong tệp dot-xet.toml")


def _ids_in_words(text: str, plan_id: str) -> str:
    """The reviews' and awards' ids a problem lists, said by their names in the period's plan."""
    from pipeline.inputs.plans import all_plans, get_plan

    unknown = re.match(r"Không có kế hoạch “([^”]*)”\. Các kế hoạch có sẵn: .*$", text)
    if unknown is not None:  # the plans by their titles, as the new-period form lists them
        known = "; ".join(f"“{p.document.title}” (năm {p.document.year})" for p in all_plans())
        return f"máy chủ không có kế hoạch “{unknown[1]}” (các kế hoạch có sẵn: {known})"
    try:
        plan = get_plan(plan_id)
    except HosoError:
        return text
    review = re.match(rf"kế hoạch {re.escape(plan.id)} không có đợt “([^”]*)” \([^()]*\)$", text)
    if review is not None:
        shown = "; ".join(f"“{r.label}”" for r in plan.reviews)
        about = f"kế hoạch năm {plan.document.year} của {plan.issuer.short}"
        return f"{about} không có đợt “{review[1]}” (các đợt của kế hoạch: {shown})"
    award = re.match(r"không có hình thức “([^”]*)” \([^()]*\)$", text)
    if award is not None:
        shown = "; ".join(f"“{a.name}”" for a in plan.awards)
        return f"kế hoạch không có hình thức “{award[1]}” (các hình thức của kế hoạch: {shown})"
    return text


def problem_text(problem: str, plan_id: str, folder: Path | None = None) -> str:
    """One `key: message` of dot-xet.toml's validation (a period of the plan `plan_id`), led by
    its field's label, with no path of the server (a file is named relative to the period
    folder)."""
    key, _, text = problem.partition(": ")
    if folder is not None:
        text = text.replace(f"{folder}/", "").replace(str(folder), "thư mục của đợt xét")
    text = re.sub(r"\bunits\[(\d+)\]", lambda m: f"đơn vị thứ {int(m[1]) + 1}", text)
    return f"{key_label(key)}: {for_office(_ids_in_words(text, plan_id))}"


def load_problems(exc: HosoError, folder: Path, plan_id: str) -> list[str]:
    """Why a period's folder (of the plan `plan_id`) does not load, in the office's words: each
    problem of dot-xet.toml led by its field, never a path of the server (a file is named inside
    the period folder); the last line says who fixes it."""
    problems = getattr(exc, "problems", ()) or ()
    text = str(exc)
    if problems and f"{folder / CONFIG} " in text:  # invalid(): "Tệp … <path> không hợp lệ:"
        return [*(problem_text(p, plan_id, folder) for p in problems), FIX_BY_HAND]
    if text.startswith(f"{folder}: không có {CONFIG}"):
        return [f"Thư mục của đợt xét không có tệp thông tin đợt xét ({CONFIG}).", FIX_BY_HAND]
    text = text.replace(f"{folder}/", "").replace(str(folder), "thư mục của đợt xét")
    for said, words in OPENINGS:
        text = text.replace(said, words, 1) if text.startswith(said) else text
    if f"{STOCK_DIR}/" in text:  # the office's own calibration: said as the stock page says it
        text = stock_text(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [*lines, RESET_STOCK if f"{STOCK_DIR}/" in text else FIX_BY_HAND]


def office_error(exc: HosoError, folder: Path, *inside: Path) -> str:
    """An error met while acting on a period, for a message on its page: in the office's words,
    a file named inside the period folder (or one of the folders `inside`, a run's), never by
    the server's path."""
    if queue_failed(exc):
        return queue_down(exc)
    return for_office(unrooted(str(exc), folder, *inside))


# An absolute path left in a message once the folders a user knows are taken out: a server file
# (the program's legal.toml, a font): its name (group 1) is all a user is shown.
_SERVER_PATH = re.compile(r"(?<![\w./~:-])/(?:[^\s/:;,'\"“”‘’()<>]+/)+([^\s/:;,'\"“”‘’()<>]+)")


def unrooted(text: str, *inside: Path, log: bool = True) -> str:
    """A message with no path of the server: a file inside one of the folders `inside` (the
    first the period's, when a period is acted on) named from there, else from the data folder;
    any other file by its name alone (the whole text goes to the server's log, unless `log` is
    false: a message shown again, already logged)."""
    said = text
    for i, folder in enumerate((*inside, Path(settings.DATA_DIR))):
        bare = PERIOD_FOLDER if i == 0 and inside else SERVER_FOLDER
        for path in dict.fromkeys((str(folder), str(folder.resolve()))):
            said = said.replace(f"{path}/", "").replace(path, bare)
    bared = _SERVER_PATH.sub(r"\1", said)
    if bared != said and log:
        LOG.warning("thông báo cho người dùng đã bỏ đường dẫn của máy chủ: %s", text)
    return bared


def page_error(exc: HosoError, *inside: Path) -> str:
    """An error for a page's message: a file named inside one of the folders `inside` (else the
    data folder), never the server's path; a queue that fails without its broker's words."""
    return queue_down(exc) if queue_failed(exc) else unrooted(str(exc), *inside)


def queue_failed(exc: HosoError) -> bool:
    """The queue could not be reached or read (not: busy with the same job)."""
    # Imported here: the pages that never queue anything do not load the queue's modules.
    from pipeline.jobs.model import JobBusy, JobQueueError

    return isinstance(exc, JobQueueError) and not isinstance(exc, JobBusy)


def queue_down(exc: HosoError) -> str:
    """The queue's failure as its user reads it; the broker's own words (English, an address of
    the server) go to the server's log for its administrator."""
    LOG.error("hàng đợi: %s", exc)
    return QUEUE_DOWN


# A calibration file's keys as the stock page names them (its form's fieldsets and columns).
BOX = {
    "x": "cách lề trái",
    "y": "cách mép trên",
    "width": "rộng",
    "height": "cao",
    "size": "cỡ chữ",
}
BOX_MORE = {
    "min_size": "cỡ chữ nhỏ nhất",
    "bold": "chữ đậm",
    "italic": "chữ nghiêng",
    "align": "căn lề",
    "color": "màu chữ",
}
STOCK_KEYS = {
    "name": "Tên phôi ghi trong tệp",
    "page": "Khổ phôi",
    "page.width": "Khổ phôi, rộng",
    "page.height": "Khổ phôi, cao",
    "offset": "Máy in lệch",
    "offset.x": "Máy in lệch, dời sang phải",
    "offset.y": "Máy in lệch, dời xuống dưới",
    "fields": "Khung của từng ô",
}


def stock_key(key: str) -> str:
    """A key of a calibration file ("fields.chuc_danh.size") as the stock page names it."""
    if key in STOCK_KEYS:
        return STOCK_KEYS[key]
    box = re.fullmatch(r"fields\.(\w+)(?:\.(\w+))?", key)
    if box is None:
        return f"Khóa “{key}”"
    label = FIELD_LABELS.get(box[1])
    cell = f"Ô “{label}”" if label else f"Ô “{box[1]}”"
    return f"{cell}, {BOX.get(box[2], BOX_MORE.get(box[2], box[2]))}" if box[2] else cell


# The values a style takes as the schema lists them (the file's words) → as the page offers them;
# the file keeps its words, which the comments at its top explain.
IN_FILE = "cách ghi trong tệp: xem chú thích ở đầu tệp"
STOCK_VALUES = {
    "chỉ nhận 'center', 'left' hoặc 'right'": f"chỉ nhận căn trái, giữa hoặc phải ({IN_FILE})",
    "phải là true hoặc false": f"chỉ nhận có hoặc không ({IN_FILE})",
}


def stock_text(text: str) -> str:
    """A calibration's error with each `file › key: message` said by the page's names: a box
    hoso does not print listed with the boxes it prints, a style's values as the page offers
    them."""
    cells = "; ".join(f"“{label}”" for label in FIELD_LABELS.values())
    text = re.sub(
        r"không có ô này \(các ô: [^()]*\)", f"hoso không in ô này (các ô: {cells})", text
    )
    for said, shown in STOCK_VALUES.items():
        text = text.replace(said, shown)
    text = text.replace("thiếu khóa bắt buộc", "tệp chưa ghi (bắt buộc)")
    return re.sub(r"(?:\S+ › )?\b((?:name|page|offset|fields)[\w.]*): ", _stock_said, text)


def stock_message(exc: HosoError, *inside: Path) -> str:
    """A refused calibration (or a stock action's error) on one line of the page's message: its
    problems said by the page's names, no path of the server."""
    lines = [line.strip() for line in stock_text(unrooted(str(exc), *inside)).splitlines()]
    return lines[0] + " " + "; ".join(lines[1:]) if len(lines) > 1 else lines[0]


def _stock_said(match: re.Match[str]) -> str:
    return f"{stock_key(match[1])}: "


def certificates(period: Period) -> str:
    """The certificates the period prints, as its pages name them ("Giấy khen"; "" when the
    office decides no award: it then prints none)."""
    return ", ".join(KINDS[k] for k in stock_kinds(period))


def certificates_said(text: str, said: str) -> str:
    """A period text that names both certificates ("Giấy khen, Bằng khen") naming the period's
    own, `said` ("Giấy khen"), instead."""
    if not said:
        return text
    return re.sub(r"Giấy khen, Bằng khen|Bằng khen, Giấy khen", said, text)
