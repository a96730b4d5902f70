"""Mistakes in an office's template (Jinja syntax, a filter given the wrong kind of value), said
in Vietnamese for whoever edits it in Word."""

from __future__ import annotations

import re
from pathlib import Path

import pipeline

TEMPLATE_FRAME = "<template>"  # the file name of code Jinja compiled from a template's text
_OWN = Path(pipeline.__file__).resolve().parent

# Jinja's names for what a tag lacked or held, as the author sees them in Word.
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "hết mẫu",
    "name": "một tên",
    "string": "một chuỗi trong dấu nháy",
    "integer": "một số",
}
_OPENERS = {"else": "if hoặc for", "elif": "if"}  # tags that only live inside a block
_CURLY = "“”‘’"  # Word's AutoCorrect turns straight quotes into these
_BLOCK = r".*The innermost block that needs to be closed is '(\w+)'"

# Jinja's messages (English), most specific first; each group is quoted back to the author.
_MEANINGS: tuple[tuple[str, str], ...] = (
    (
        r"access to attribute '([^']+)' of '([^']+)' object is unsafe",
        "mẫu dùng “{0}”, một phần bên trong của chương trình mà mẫu không được dùng",
    ),
    (r"([^']+) is not safely callable", "mẫu gọi một hàm bên trong của chương trình ({0})"),
    (r"(số mũ .*|phép nhân .*)", "{0}"),
    (
        r"unknown tag '(tr|tc)'",
        "thẻ {{%{0} …%}} phải nằm trong một ô của bảng ({{%tr%}} lặp dòng, {{%tc%}} lặp cột)",
    ),
    (
        r"unknown tag '(else|elif|end\w+)'" + _BLOCK,
        "thẻ {{% {0} %}} không đúng chỗ: khối {{% {1} %}} phải được đóng bằng {{% end{1} %}} trước",
    ),
    (
        r"^Unexpected end of template" + _BLOCK,
        "khối {{% {0} %}} chưa được đóng: thiếu thẻ {{% end{0} %}}",
    ),
    (
        r"unknown tag 'end(\w+)'\.$",
        "thẻ {{% end{0} %}} thừa: không có thẻ mở {{% {0} … %}} đi cùng",
    ),
    (r"unknown tag '(else|elif)'\.$", "thẻ {{% {0} %}} nằm ngoài khối {{% {1} … %}}"),
    (
        r"unknown tag '(\w+)'",
        "thẻ {{% {0} %}} không có (thẻ dùng được: if, elif, else, for, set; thẻ của bảng: "
        "{{%tr …%}}, {{%tc …%}}, {{%p …%}}, {{%r …%}})",
    ),
    (r"No filter named '(\w+)'", "bộ lọc “{0}” không có (xem các bộ lọc: hoso templates)"),
    (
        r"expected token 'end of print statement', got '([^']*)'",
        "trong {{{{ … }}}} có chữ thừa “{0}” (tên biến viết liền, không dấu cách)",
    ),
    (r"unexpected end of template, expected '([^']*)'", "một thẻ chưa được đóng: thiếu “{0}”"),
    (r"unexpected end of template", "một thẻ {{{{ … }}}} hoặc {{% … %}} chưa được đóng"),
    (r"expected token '([^']*)', got '([^']*)'", "trong một thẻ, chỗ cần “{0}” lại là “{1}”"),
    (
        r"Expected an expression, got '([^']*)'",
        "một thẻ thiếu tên biến hay giá trị: chỗ cần nó lại là “{0}”",
    ),
    (
        r"expected name or number",
        "sau dấu chấm trong một thẻ thiếu tên phần của biến",
    ),
    (r"tag name expected", "thẻ {{% %}} không có tên thẻ (if, for, set…)"),
    (
        r"unexpected char '([" + _CURLY + r"])'",
        "dấu nháy cong {0} (Word tự đổi) trong một thẻ: hãy gõ dấu nháy thẳng \" hoặc '",
    ),
    (r"unexpected char (.)(.+?)\1", "ký tự “{1}” không đúng chỗ trong một thẻ"),
    (r"unexpected '([^']*)', expected '([^']*)'", "ký tự “{0}” không đúng chỗ: cần “{1}” trước"),
    (r"unexpected '([^']*)'", "ký tự “{0}” không đúng chỗ trong một thẻ"),
)


def _token(name: str) -> str:
    """A token of Jinja's as the author wrote it in the template."""
    return _TOKENS.get(name, name)


def explain(message: str) -> str:
    """What a Jinja syntax error means, in Vietnamese; Jinja's own words only when hoso cannot
    say it."""
    for pattern, meaning in _MEANINGS:
        found = re.search(pattern, message.strip(), re.DOTALL)
        if found:
            words = [_token(group) for group in found.groups()]
            opener = _OPENERS.get(words[0], "") if words else ""
            return meaning.format(*words, opener)
    return f"một thẻ {{{{ … }}}} hoặc {{% … %}} viết sai (chi tiết kỹ thuật: {message.strip()})"


def raised_in_template(exc: BaseException) -> bool:
    """Whether an error was raised while a template's own code ran (a tag, a filter it calls)."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_FRAME:
            return True
        tb = tb.tb_next
    return False


def runtime_meaning(exc: BaseException) -> str:
    """What went wrong in a template's tag: hoso's filters say it in Vietnamese themselves; for
    Python's own errors (English), what it means, then its words for a technician."""
    tb, last = exc.__traceback__, None
    while tb is not None:
        last, tb = tb, tb.tb_next
    where = Path(last.tb_frame.f_code.co_filename) if last is not None else None
    if where is not None and where.is_relative_to(_OWN) and str(exc):
        return str(exc).rstrip(".")
    if isinstance(exc, TypeError) and "no loader" in str(exc):  # include, import, extends
        return (
            "mẫu văn bản không chèn được tệp khác ({% include %}, {% import %}, {% extends %}): "
            "hãy chép nội dung cần dùng vào chính mẫu"
        )
    return (
        "một bộ lọc hay phép tính trong thẻ {{ … }} không dùng được với giá trị này "
        f"(chi tiết kỹ thuật: {type(exc).__name__}: {exc})"
    )


def undefined_meaning(message: str) -> str:
    """What a missing value in a template's tag is, in Vietnamese (Jinja's words after it)."""
    found = re.search(r"has no attribute '([^']+)'", message)
    element = re.search(r"has no element (\d+)", message)
    if element:
        said = (
            f"danh sách không có phần tử [{element.group(1)}] (phần tử đầu là [0]; xem danh sách "
            "biến: hoso templates)"
        )
    elif found:
        said = f"giá trị này không có phần “{found.group(1)}” (xem danh sách biến: hoso templates)"
    else:
        found = re.search(r"'([^']+)' is undefined", message)
        name = found.group(1) if found else "?"
        said = f"biến “{name}” không có (xem danh sách biến: hoso templates)"
    return f"{said} (chi tiết kỹ thuật: {message})"
