"""Certificate stock calibrations (data/certificates/*.toml): page size and each field's box in mm."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from pipeline.errors import PlanError
from pipeline.inputs.toml import invalid, read_toml, validate
from pipeline.resources import DATA_DIR
from pipeline.vietnamese.text import slug

CERTIFICATES_DIR = DATA_DIR / "certificates"
WHAT = "tệp căn chỉnh phôi"
KINDS = {"giay-khen": "Giấy khen", "bang-khen": "Bằng khen"}  # the stocks hoso prints on
# The fields hoso prints, in the order a person reads a certificate, with what each holds.
FIELD_LABELS = {
    "chuc_danh": "Chức danh người quyết định",
    "nguoi_nhan": "Ông/Bà và họ tên, hoặc tên tập thể",
    "chuc_vu_don_vi": "Chức vụ, đơn vị công tác",
    "thanh_tich": "Thành tích",
    "quyet_dinh": "Số, ngày Quyết định",
    "so_so_vang": "Số sổ vàng",
    "dia_danh_ngay": "Địa danh, ngày tháng",
    "chuc_vu_ky": "Chức vụ người ký",
    "nguoi_ky": "Họ tên người ký",
}
FIELDS = tuple(FIELD_LABELS)

_STRICT = ConfigDict(extra="forbid")  # numbers strict below: "22" for a size is a typing slip
Mm = Annotated[float, Field(strict=True, ge=0, le=2000)]
Size = Annotated[float, Field(strict=True, gt=3, le=120)]
# The smallest size a long text shrinks to before it wraps: below 6 pt a certificate is unreadable.
MinSize = Annotated[float, Field(strict=True, ge=6, le=120)]
COLOR = r"^#[0-9A-Fa-f]{6}$"  # a colour as the file writes it: "#C00000"


@dataclass(frozen=True)
class Page:
    """The stock's size in mm."""

    __pydantic_config__ = _STRICT
    width: Annotated[float, Field(strict=True, gt=50, le=2000)]
    height: Annotated[float, Field(strict=True, gt=50, le=2000)]


@dataclass(frozen=True)
class Offset:
    """A shift of every field (the printer's own misalignment), in mm."""

    __pydantic_config__ = _STRICT
    x: Annotated[float, Field(strict=True, ge=-50, le=50)] = 0
    y: Annotated[float, Field(strict=True, ge=-50, le=50)] = 0


@dataclass(frozen=True)
class FieldBox:
    """Where one field goes: its box (top-left corner, size), type size and style."""

    __pydantic_config__ = _STRICT
    x: Mm
    y: Mm
    width: Annotated[float, Field(strict=True, gt=5, le=2000)]
    height: Annotated[float, Field(strict=True, gt=2, le=2000)]
    size: Size
    min_size: MinSize = 8  # long texts shrink to this size, then wrap onto more lines
    bold: Annotated[bool, Field(strict=True)] = False
    italic: Annotated[bool, Field(strict=True)] = False
    align: Literal["center", "left", "right"] = "center"
    color: Annotated[str, Field(pattern=COLOR)] = "#000000"


@dataclass(frozen=True)
class Calibration:
    """A certificate stock: its name, page, printer offset and field boxes."""

    __pydantic_config__ = _STRICT
    name: str
    page: Page
    fields: dict[str, FieldBox]
    offset: Offset = field(default_factory=Offset)
    path: Path = Path()


def load_calibration(path: Path) -> Calibration:
    """A calibration file, validated; every problem named as `file › key: message`."""
    return parse_calibration(read_toml(path, WHAT), path)


def parse_calibration(raw: dict[str, Any], path: Path) -> Calibration:
    """A parsed calibration table, validated as load_calibration does (errors name `path`)."""
    problems = _field_names(raw) + _outside(raw)  # said together with the schema's problems
    try:
        calibration = validate(raw, Calibration, path, WHAT)
    except PlanError as exc:
        raise invalid(path, WHAT, [*exc.problems, *problems]) from None
    if problems:
        raise invalid(path, WHAT, problems)
    return Calibration(
        calibration.name, calibration.page, calibration.fields, calibration.offset, path
    )


def _field_names(raw: dict[str, Any]) -> list[str]:
    """Fields hoso does not print, and fields the table lacks."""
    fields = raw.get("fields")
    if not isinstance(fields, dict):
        return []
    problems = [
        f"fields.{k}: không có ô này (các ô: {', '.join(FIELDS)})"
        for k in fields
        if k not in FIELDS
    ]
    return problems + [f"fields.{k}: thiếu ô này" for k in FIELDS if k not in fields]


def _outside(raw: dict[str, Any]) -> list[str]:
    """The boxes that leave the page (those whose numbers can be read at all)."""
    page, fields = raw.get("page"), raw.get("fields")
    if not isinstance(page, dict) or not isinstance(fields, dict):
        return []
    problems = []
    for key, box in fields.items():
        try:
            right = float(box["x"]) + float(box["width"])
            bottom = float(box["y"]) + float(box["height"])
            outside = right > float(page["width"]) or bottom > float(page["height"])
        except (KeyError, TypeError, ValueError):
            continue  # the schema names what is missing or not a number
        if outside:
            problems.append(f"fields.{key}: khung vượt ra ngoài trang")
    return problems


def named_kind(calibration: Calibration) -> str | None:
    """The stock a calibration's `name` says it is for ("giay-khen", "bang-khen"), if it names one."""
    return next((k for k in KINDS if slug(calibration.name).startswith(k)), None)


def wrong_kind(calibration: Calibration, kind: str) -> str | None:
    """Why a calibration cannot print `kind`'s stock: its name says it is another stock's (an A3
    Bằng khen layout on an A4 Giấy khen blank prints off the paper)."""
    named = named_kind(calibration)
    if named is None or named == kind:
        return None
    return (
        f"{calibration.path} › name: tệp này căn chỉnh phôi “{calibration.name}”, không dùng để in "
        f"{KINDS[kind]}."
    )


def builtin_calibration(kind: str) -> Calibration:
    """The shipped calibration of a kind of certificate ("giay-khen", "bang-khen")."""
    path = CERTIFICATES_DIR / f"{kind}.toml"
    if not path.is_file():
        raise PlanError(f"Không có tệp căn chỉnh phôi cho “{kind}” ({path}).")
    return load_calibration(path)


def as_table(calibration: Calibration) -> dict[str, Any]:
    """A calibration as the table its TOML file holds (what parse_calibration reads back)."""
    return {
        "name": calibration.name,
        "page": asdict(calibration.page),
        "offset": asdict(calibration.offset),
        "fields": {k: asdict(box) for k, box in calibration.fields.items()},
    }


def calibration_toml(calibration: Calibration) -> str:
    """A calibration written as an editable TOML file, with the same comments as the shipped ones."""
    page, offset = calibration.page, calibration.offset
    lines = [
        f"# Phôi {calibration.name}: hoso chỉ in phần chữ thay đổi lên phôi đã in sẵn.",
        "# Mọi số đo tính bằng milimét từ góc trên bên trái của tờ giấy. Mỗi ô (field) là một khung:",
        "# x, y (góc trên trái), width, height; size là cỡ chữ (pt). Chữ không bao giờ tràn ra ngoài",
        "# khung (tự thu nhỏ đến min_size, rồi xuống dòng). bold, italic: chữ đậm, chữ nghiêng",
        '# (true hoặc false); align: căn lề "left" (trái), "center" (giữa) hoặc "right" (phải);',
        '# color: màu chữ, # và 6 chữ số hệ 16 ("#000000" đen, "#C00000" đỏ); min_size: từ 6 pt.',
        f"name = {_toml_value(calibration.name)}",
        f"page = {{ width = {_toml_value(page.width)}, height = {_toml_value(page.height)} }}",
        f"offset = {{ x = {_toml_value(offset.x)}, y = {_toml_value(offset.y)} }}"
        "  # máy in lệch: dời cả trang (mm; dương là sang phải, xuống dưới)",
    ]
    for key, box in calibration.fields.items():
        lines += ["", f"[fields.{key}]  # {FIELD_LABELS.get(key, key)}"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in asdict(box).items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    """One TOML value: true/false, a number without a needless ".0", a quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        number = round(float(value), 2)
        return str(int(number)) if number.is_integer() else str(number)
    return json.dumps(str(value), ensure_ascii=False)  # JSON's escapes are TOML's
