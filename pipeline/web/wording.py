"""The period's findings as the office reads them in a browser. `hoso period check` names the keys
of dot-xet.toml (`office.date`, `[[units]]`, `authority = "TM."`), which the CLI user edits; the
office on the web never sees that file and changes the period on its edit page: there each key is
said as the field that changes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.check.findings import Finding

EDIT_PAGE = "trang “Sửa thông tin đợt xét”"
NOT_ON_WEB = "thông tin đợt xét (không sửa được trên trang; hãy nhờ người quản trị máy chủ sửa)"
CONFIG = "dot-xet.toml"


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
        r"ghi number, date của \[decision\] \(hoặc ở trang “Sửa” của đợt xét trên ứng dụng web\)",
        "ghi “Số quyết định khen thưởng” và “Ngày quyết định” ở " + EDIT_PAGE,
    ),
    (rf"tên trong {CONFIG}", "tên trong danh sách đơn vị của đợt xét"),
    (r"\[\[units\]\]", "danh sách đơn vị của đợt xét"),
    (rf"(?:[^\s()]*/)?{CONFIG}", "thông tin đợt xét"),
]


def for_office(text: str) -> str:
    """A finding's text with dot-xet.toml's keys said as the web pages' fields."""
    for pattern, replacement in REWRITES:
        text = re.sub(pattern, replacement, text)
    return text


def office_finding(finding: Finding, config: str, folder: str) -> OfficeFinding:
    """A finding of the period as the office's page says it: one at a key of dot-xet.toml (the
    file means nothing in a browser) led by the field that changes it; others with their file
    and cell, the period folder's path taken out."""
    if finding.source.file != config:
        return OfficeFinding(finding.severity, for_office(str(finding).replace(f"{folder}/", "")))
    key = finding.source.cell or ""
    known = fields().get(key)
    text = for_office(finding.message)
    if known is not None:
        return OfficeFinding(finding.severity, f"{known[1]}: {text}", known[0])
    if key:
        return OfficeFinding(finding.severity, f"{NOT_ON_WEB[0].upper()}{NOT_ON_WEB[1:]}: {text}")
    return OfficeFinding(finding.severity, text)
