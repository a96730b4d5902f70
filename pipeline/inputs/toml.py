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
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise PlanError(f"{path}: {what} không phải văn bản UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib's reason is English; the place is what a person needs to fix it.
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f" ở dòng {where.group(1)}, cột {where.group(2)}" if where else ""
        raise PlanError(
            f"{path}: {what} không phải TOML hợp lệ{at}: kiểm tra dấu “=”, dấu ngoặc kép và "
            "tên khóa (chỉ gồm chữ không dấu, số, “_”, “-”)."
        ) from None


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
            allowed = err.get("ctx", {}).get("expected", "")
            text = f"giá trị {err.get('input')!r} không hợp lệ; chỉ nhận {allowed}"
        elif err["type"] in _BOUNDS:
            key, template = _BOUNDS[err["type"]]
            text = template.format(_number(err.get("ctx", {}).get(key)))
        elif err["type"] == "value_error":
            text = str(err.get("ctx", {}).get("error", err["msg"]))
        else:
            text = _MESSAGES.get(err["type"], err["msg"])
        messages.append(f"{key_path(loc)}: {text}")
    return messages
