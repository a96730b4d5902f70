"""A form sheet's value typed beside its own cell (over the guidance in column C, or further
right, or after its label: "Số tờ trình: 15"), where hoso does not read it: named at the empty
value cell."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from openpyxl.utils.cell import get_column_letter

from pipeline.check.excel_values import short
from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.hygiene import clean_invisible

_LAST = 8  # columns C to H: further right is no longer "beside"
# A workbook of an older hoso, or one an office reworded, keeps guidance close to today's.
_GUIDANCE_LIKE = 0.6


def value_beside(row: Sequence[Any], spec: FieldSpec) -> tuple[Any, str] | None:
    """The first value right of a form's value cell (column B) that is not the field's guidance,
    with its column letter; None when there is none."""
    for index in range(2, min(len(row), _LAST)):
        value = getattr(row[index], "value", None)
        if isinstance(value, str):
            value = clean_invisible(value)[0].strip() or None
        if value is not None and not (isinstance(value, str) and _guidance(value, spec.comment)):
            return value, get_column_letter(index + 1)
    return None


def _guidance(text: str, comment: str) -> bool:
    """Whether a text reads as the field's guidance rather than a value typed over it."""
    typed, guide = tone_key(text), tone_key(comment)
    matcher = SequenceMatcher(None, typed, guide, autojunk=False)
    return typed == guide or (
        matcher.real_quick_ratio() >= _GUIDANCE_LIKE and matcher.ratio() >= _GUIDANCE_LIKE
    )


def beside_hint(value_cell: str, beside: Any, coord: str) -> str:
    """The words saying where the value seems to be: " Có vẻ giá trị (“15”) … ô C9 bên cạnh …"."""
    where = ", cùng ô với tên dòng" if coord.startswith("A") else " bên cạnh"
    return (
        f" Có vẻ giá trị (“{short(beside)}”) đã ghi ở ô {coord}{where}, nhưng hoso chỉ đọc "
        f"cột “Giá trị”; hãy chuyển sang ô {value_cell}."
    )
