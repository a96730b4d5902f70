"""Certificate stock calibrations (data/certificates/*.toml): page size and each field's box in mm."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from pipeline.errors import PlanError
from pipeline.inputs.toml import invalid, load_toml
from pipeline.resources import DATA_DIR

CERTIFICATES_DIR = DATA_DIR / "certificates"
WHAT = "tệp căn chỉnh phôi"
# The fields hoso prints, in the order a person reads a certificate.
FIELDS = (
    "chuc_danh",
    "nguoi_nhan",
    "chuc_vu_don_vi",
    "thanh_tich",
    "quyet_dinh",
    "so_so_vang",
    "dia_danh_ngay",
    "chuc_vu_ky",
    "nguoi_ky",
)

_STRICT = ConfigDict(extra="forbid")
Mm = Annotated[float, Field(ge=0, le=2000)]
Size = Annotated[float, Field(gt=3, le=120)]


@dataclass(frozen=True)
class Page:
    """The stock's size in mm."""

    __pydantic_config__ = _STRICT
    width: Annotated[float, Field(gt=50, le=2000)]
    height: Annotated[float, Field(gt=50, le=2000)]


@dataclass(frozen=True)
class Offset:
    """A shift of every field (the printer's own misalignment), in mm."""

    __pydantic_config__ = _STRICT
    x: Annotated[float, Field(ge=-50, le=50)] = 0
    y: Annotated[float, Field(ge=-50, le=50)] = 0


@dataclass(frozen=True)
class FieldBox:
    """Where one field goes: its box (top-left corner, size), type size and style."""

    __pydantic_config__ = _STRICT
    x: Mm
    y: Mm
    width: Annotated[float, Field(gt=5, le=2000)]
    height: Annotated[float, Field(gt=2, le=2000)]
    size: Size
    min_size: Size = 8  # long texts shrink to this size, then wrap onto more lines
    bold: bool = False
    italic: bool = False
    align: Literal["center", "left"] = "center"
    color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] = "#000000"


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
    calibration = load_toml(path, Calibration, WHAT)
    problems = [
        f"fields.{k}: không có ô này (các ô: {', '.join(FIELDS)})"
        for k in calibration.fields
        if k not in FIELDS
    ]
    problems += [f"fields.{k}: thiếu ô này" for k in FIELDS if k not in calibration.fields]
    for key, box in calibration.fields.items():
        if (
            box.x + box.width > calibration.page.width
            or box.y + box.height > calibration.page.height
        ):
            problems.append(f"fields.{key}: khung vượt ra ngoài trang")
    if problems:
        raise invalid(path, WHAT, problems)
    return Calibration(
        calibration.name, calibration.page, calibration.fields, calibration.offset, path
    )


def builtin_calibration(kind: str) -> Calibration:
    """The shipped calibration of a kind of certificate ("giay-khen", "bang-khen")."""
    path = CERTIFICATES_DIR / f"{kind}.toml"
    if not path.is_file():
        raise PlanError(f"Không có tệp căn chỉnh phôi cho “{kind}” ({path}).")
    return load_calibration(path)
