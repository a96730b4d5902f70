"""What Excel does to a value before hoso reads it: error values, numbers that lost their leading
zero, the apostrophe that marks a text, and how a value is shown back to the clerk."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import format_short_date

# Excel's mark of a text ("'0912…"), as a character when typed in a cell already formatted as text
# or pasted; Word makes it ‘ or ’. Each with the marks that would close a quotation it opens.
_QUOTE_FAMILIES = {"'": "'", "\u2018": "\u2018\u2019", "\u2019": "\u2018\u2019"}
# Excel keeps 15 significant digits of a number; past them the digits typed are lost.
_EXCEL_DIGITS = 15
_AS_TEXT = "Hãy định dạng ô là Văn bản (Text) rồi gõ lại số cho đúng"
# Excel's error values, old (#N/A, #REF!) and those of newer versions (#SPILL!, #CALC!, #BUSY!,
# #CONNECT!, #PYTHON!…): any "#WORD!" or "#WORD?" is one, as no clerk types that as data.
EXCEL_ERROR = re.compile(r"#(?:N/A|GETTING_DATA|[A-Z][A-Z0-9_/]*[!?])")
# What the commoner ones mean, in the clerk's words.
_ERROR_MEANS = {
    "#N/A": "không tìm thấy giá trị cần tra",
    "#REF!": "công thức trỏ tới ô, sheet hoặc tệp đã bị xóa",
    "#NAME?": "công thức có tên hàm hoặc tên vùng Excel không biết",
    "#VALUE!": "công thức tính trên giá trị sai kiểu",
    "#DIV/0!": "công thức chia cho 0",
    "#SPILL!": "kết quả của công thức mảng bị chặn bởi ô bên cạnh đã có dữ liệu",
    "#CALC!": "công thức mảng không tính ra giá trị nào",
    "#BUSY!": "Excel chưa tính xong khi lưu",
    "#GETTING_DATA": "Excel chưa tính xong khi lưu",
    "#CONNECT!": "không kết nối được nguồn dữ liệu bên ngoài",
    "#BLOCKED!": "nguồn dữ liệu bên ngoài bị chặn",
    "#EXTERNAL!": "nguồn dữ liệu bên ngoài không dùng được",
    "#PYTHON!": "công thức Python bị lỗi",
    "#NUM!": "công thức cho ra số không hợp lệ (quá lớn, hoặc phép tính không có nghiệm)",
    "#NULL!": "công thức dùng hai vùng ô không giao nhau",
    "#FIELD!": "công thức dùng một trường không có trong kiểu dữ liệu liên kết",
    "#UNKNOWN!": "ô có kiểu dữ liệu mà phiên bản Excel này không biết",
}


def error_value(spec: FieldSpec, value: str) -> str:
    """What a cell holding an Excel error value is told: the error, its meaning, the remedy."""
    means = _ERROR_MEANS.get(value)
    return (
        f"“{spec.header}”: ô có lỗi công thức ({value}"
        + (f": {means}" if means else "")
        + "), không phải dữ liệu để in; hãy sửa công thức, hoặc xóa ô rồi gõ giá trị."
    )


def phone_number(value: int | float | dt.date | dt.time) -> tuple[str | None, str]:
    """What to print for a phone number Excel stored as a number or a date (None: nothing can
    be), and what to tell the clerk."""
    shown = short(value)
    if isinstance(value, dt.date | dt.time):
        return None, f"là ngày giờ (“{shown}”): Excel đã tự đổi chữ gõ vào thành ngày. {_AS_TEXT}."
    if not float(value).is_integer() or value < 0:
        return (
            None,
            f"là số thập phân hoặc số âm (“{shown}”), không phải số điện thoại. {_AS_TEXT}.",
        )
    digits = str(int(value))
    if len(digits) > _EXCEL_DIGITS:
        return None, (
            f"là một số {len(digits)} chữ số (“{shown}”): Excel chỉ giữ {_EXCEL_DIGITS} chữ số, "
            f"các chữ số sau đã mất. {_AS_TEXT} (nhiều số thì ngăn bằng dấu phẩy)."
        )
    lost = _lost_prefix(digits)
    if lost is None:
        return digits, (
            f"là một số ({digits}), không phải chữ: Excel bỏ số 0 đầu của số và hiện số dài "
            f"dạng 1,2E+11; hoso in “{digits}”, hãy kiểm tra lại. {_AS_TEXT}."
        )
    return lost[1] + digits, (
        f"là một số ({digits}) nên Excel đã bỏ {lost[0]} đầu; hoso in “{lost[1]}{digits}”. "
        f"{_AS_TEXT}."
    )


def _lost_prefix(digits: str) -> tuple[str, str] | None:
    """What Excel dropped from a Vietnamese phone number it made a number, when that is clear:
    the 0 of a mobile (9 digits left) or of a landline or old 11-digit mobile (02…, 01…), or the
    "+" of +84."""
    if len(digits) == 9 or (len(digits) == 10 and digits[0] in "12"):
        return "số 0", "0"
    if len(digits) == 11 and digits.startswith("84"):
        return "dấu “+”", "+"
    return None


def unquoted(value: Any) -> tuple[str, str]:
    """A text without the apostrophe Excel uses to mark text (' or Word's ‘ ’) kept as its first
    character, and that mark; ("", "") when it has none. A mark that opens a quotation closed
    further on is the text's own and stays."""
    if not isinstance(value, str):
        return "", ""
    text = value.lstrip()
    family = _QUOTE_FAMILIES.get(text[:1])
    if family is None or any(ch in family for ch in text[1:]):
        return "", ""
    return text[1:], text[0]


def shown(value: Any) -> str:
    """A cell's value as the clerk sees it in Excel: 07/01/2023, 08:30, 0,5, TRUE."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{format_short_date(value)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_short_date(value)
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
    return str(value)


def short(value: Any, limit: int = 60) -> str:
    """A value as shown, on one line and cut to `limit` characters."""
    text = shown(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# "1,234": thousands grouped with commas (an English-set Excel, a pasted figure).
_COMMA_THOUSANDS = re.compile(r"\s*\d{1,3}(?:,\d{3})+\s*")


def share_hint(spec: FieldSpec, typed: Any) -> str:
    """What to type for votes written as a share ("7/7", "100%"): the number of votes alone;
    for a whole number grouped with commas ("1,234"), the number without them."""
    text = str(typed)
    if _COMMA_THOUSANDS.fullmatch(text):
        whole = text.strip().replace(",", "")
        return (
            f" Nếu là {whole}, hãy ghi {whole} (trong tiếng Việt dấu phẩy là dấu thập phân; "
            "có thể ghi dấu chấm giữa các nhóm nghìn)."
        )
    if spec.key != "votes" or not ("/" in text or "%" in text):
        return ""
    match = re.match(r"\s*(\d+)\s*/", text)
    votes = f" ({match[1]})" if match else ""
    return (
        f" Chỉ ghi số thành viên đồng ý{votes}; tỷ lệ phiếu hoso tự tính trên tổng số thành viên "
        "Hội đồng."
    )


def typed_as_date(value: Any) -> str:
    """Why a number cell holds a date: Excel read what was typed ("7/1") as a day of the year."""
    if not isinstance(value, dt.date):
        return ""
    typed = f"{value.day}/{value.month}"
    return (
        f": Excel đã tự đổi chữ gõ vào, như “{typed}”, thành ngày; hãy xóa ô rồi ghi một số, "
        "ví dụ 7"
    )
