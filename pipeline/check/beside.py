"""A form sheet's value typed beside its own cell (over the guidance in column C, or further
right, or after its label: "Số tờ trình: 15"), where hoso does not read it: named at the empty
value cell; a value after its label that differs from the value cell's is named at the label."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from openpyxl.utils.cell import get_column_letter

from pipeline.check.excel_values import EXCEL_ERROR, short, shown
from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.hygiene import clean_invisible

if TYPE_CHECKING:  # the workbook reader imports this module
    from pipeline.check.workbook import RawSheet

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


def label_conflicts(sheet: RawSheet) -> Iterator[tuple[str, str]]:
    """(label cell, message) for each value typed after its label ("Số tờ trình: 15") that
    differs from the value its value cell holds."""
    for spec in sheet.spec.fields:
        typed, cell = sheet.beside.get(spec.key), sheet.form.get(spec.key)
        if typed is None or cell is None or cell.value is None or typed.coord[0] != "A":
            continue
        if EXCEL_ERROR.fullmatch(str(cell.value).strip()):
            continue  # said at the value cell already
        if said := label_conflict(spec.header, typed.value, typed.coord, cell.value, cell.coord):
            yield typed.coord, said


def label_conflict(header: str, label: Any, label_coord: str, value: Any, value_coord: str) -> str:
    """What a label cell is told when the value typed after it differs from its value cell's
    ("" when both say the same): both values, and that hoso prints the value cell's."""
    if _same(label, value):
        return ""
    return (
        f"“{header}” ghi hai giá trị khác nhau: “{short(label)}” sau tên dòng ở ô {label_coord} "
        f"và “{short(value)}” ở ô {value_coord}; hoso chỉ đọc cột “Giá trị” nên in "
        f"“{short(value)}”. Hãy xóa phần sau dấu “:” ở ô {label_coord}, hoặc sửa ô {value_coord}."
    )


def _same(label: Any, value: Any) -> bool:
    """Whether a label's text and a cell's value read alike (case, spaces and leading zeros of a
    number aside: "15/3/2024" is 15/03/2024)."""
    return _plain(label) == _plain(shown(value))


def _plain(text: Any) -> str:
    folded = " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())
    return re.sub(r"(?<!\d)0+(?=\d)", "", folded)
