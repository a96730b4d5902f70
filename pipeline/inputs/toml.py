"""The one TOML loader: a file read, validated against a typed schema, errors as `file › key`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from pipeline.errors import PlanError
from pipeline.files import reason

T = TypeVar("T")

_MESSAGES = {
    "missing": "thiếu khóa bắt buộc",
    "extra_forbidden": "khóa không được hỗ trợ (gõ nhầm?)",
    "unexpected_keyword_argument": "khóa không được hỗ trợ (gõ nhầm?)",
    "string_type": "phải là chuỗi văn bản",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "date_type": "phải là ngày (YYYY-MM-DD)",
    "date_parsing": "phải là ngày (YYYY-MM-DD)",
    "date_from_datetime_inexact": "phải là ngày (YYYY-MM-DD), không kèm giờ",
    "date_from_datetime_parsing": "phải là ngày (YYYY-MM-DD)",
    "tuple_type": "phải là danh sách",
    "list_type": "phải là danh sách",
    "dataclass_type": "phải là một bảng (table)",
    "model_type": "phải là một bảng (table)",
}


_PATTERNS = {  # a schema's pattern → what a value must look like
    r"^#[0-9A-Fa-f]{6}$": "không phải mã màu: ghi # và 6 chữ số hệ 16, ví dụ #000000 (đen), #C00000 (đỏ)",
}


_BOUNDS = {  # pydantic's error type → (its ctx key, the message)
    "greater_than": ("gt", "phải lớn hơn {}"),
    "greater_than_equal": ("ge", "phải từ {} trở lên"),
    "less_than_equal": ("le", "không được lớn hơn {}"),
    "less_than": ("lt", "phải nhỏ hơn {}"),
}


def _number(value: object) -> str:
    """A bound as a Vietnamese reader writes it: 0,5 not 0.5, 3 not 3.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The parsed table of a TOML file; PlanError naming the file when it cannot be read."""
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise PlanError(f"{path}: không đọc được {what} ({reason(exc, 'đọc')})") from None
    return parse_toml(text, path, what)


def parse_toml(data: bytes, path: Path, what: str) -> dict[str, Any]:
    """The parsed table of a TOML text (an upload, say); errors name `path` as read_toml's do."""
    try:
        text = data.decode("utf-8-sig")  # Windows Notepad starts a UTF-8 file with a BOM
    except UnicodeDecodeError:
        # Notepad's "Unicode" is UTF-16, its "ANSI" the Windows code page: both saved again (a
        # file with NUL bytes and no UTF-16 mark is no text at all: nothing to save again).
        kind = " mà UTF-16 (“Unicode” của Notepad)" if _utf16(data) else ""
        again = (
            " Hãy mở tệp bằng Notepad, chọn Tệp › Lưu thành…, ở ô Mã hóa (Encoding) chọn UTF-8 "
            "rồi lưu."
        )
        again = again if kind or b"\x00" not in data else ""
        raise PlanError(f"{path}: {what} không phải văn bản UTF-8{kind}.{again}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's reason is English: said again in Vietnamese, with what usually causes it.
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line = where.group(1) if where else _repeated_key_line(text)
        at = f" ở dòng {line}" + (f", cột {where.group(2)}" if where else "") if line else ""
        raise PlanError(f"{path}: {what} không phải TOML hợp lệ{at}: {_reason(str(exc))}") from None


def _utf16(data: bytes) -> bool:
    """True for a UTF-16 text with its byte-order mark, as Notepad saves "Unicode"."""
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return False
    try:
        data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


_REASONS = (  # tomllib's reason (its start) → what to check, in Vietnamese
    ("Invalid date", "ngày không có thật hoặc viết sai; ghi NĂM-THÁNG-NGÀY, ví dụ 2026-02-28."),
    ("Cannot overwrite", "một khóa được ghi hai lần; mỗi khóa chỉ ghi một lần trong một bảng."),
    ("Cannot declare", "một bảng [..] được ghi hai lần (bảng lặp lại nhiều lần thì ghi [[..]])."),
    ("Unterminated string", 'thiếu dấu ngoặc kép đóng (") ở cuối một văn bản.'),
    (
        "Expected newline",
        "sau giá trị phải xuống dòng: mỗi khóa một dòng; số thập phân dùng dấu chấm (25.5, không "
        "phải 25,5); ngày ghi NĂM-THÁNG-NGÀY với tháng từ 01 đến 12.",
    ),
    ("Invalid value", 'giá trị viết sai: văn bản phải đặt trong ngoặc kép ("…"), số viết liền.'),
)


def _reason(english: str) -> str:
    """What is wrong, as a person fixing the file needs it."""
    for start, said in _REASONS:
        if english.startswith(start):
            return said
    return "kiểm tra dấu “=”, dấu ngoặc kép và tên khóa (chỉ gồm chữ không dấu, số, “_”, “-”)."


def _repeated_key_line(text: str) -> str:
    """The line where a key is written a second time in its table (tomllib does not say), or ""."""
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            seen = set()
        elif found := re.match(r"([A-Za-z0-9_.\-]+)\s*=", stripped):
            if found.group(1) in seen:
                return str(number)
            seen.add(found.group(1))
    return ""


def load_toml(path: Path, schema: type[T], what: str) -> T:
    """A TOML file validated against `schema`; every problem named as `file › key: message`."""
    return validate(read_toml(path, what), schema, path, what)


def validate(raw: dict[str, Any], schema: type[T], path: Path, what: str) -> T:
    """Validate an already parsed table against `schema` (errors as in load_toml)."""
    try:
        return TypeAdapter(schema).validate_python(raw)
    except ValidationError as exc:
        raise invalid(path, what, schema_messages(exc)) from None


def invalid(path: Path, what: str, problems: list[str]) -> PlanError:
    """The error listing every problem of a data file, one `file › key: message` per line."""
    lines = "\n".join(f"  {path.name} › {m}" for m in problems)
    return PlanError(f"{what[:1].upper()}{what[1:]} {path} không hợp lệ:\n{lines}", tuple(problems))


def key_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a TOML key path: awards[0].quotas[1].tap_the."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out or "(gốc)"


def schema_messages(exc: ValidationError) -> list[str]:
    """Every validation error as `key: Vietnamese message`."""
    messages = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if p not in ("tagged-union",))
        if err["type"] == "literal_error":
            allowed = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
            text = f"giá trị “{err.get('input')}” không hợp lệ; chỉ nhận {allowed}"
        elif err["type"] == "string_pattern_mismatch":
            pattern = str(err.get("ctx", {}).get("pattern", ""))
            text = f"“{err.get('input')}” {_PATTERNS.get(pattern, 'không đúng dạng quy định')}"
        elif err["type"] in _BOUNDS:
            key, template = _BOUNDS[err["type"]]
            text = template.format(_number(err.get("ctx", {}).get(key)))
        elif err["type"] == "value_error":
            text = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            text = _MESSAGES.get(err["type"], err["msg"])
        messages.append(f"{key_path(loc)}: {text}")
    return messages
