"""What a text cell holds beyond what it shows, cleaned and said at the cell: text typed in a
legacy encoding, invisible characters, odd spaces, letters of other alphabets drawn like ours,
signs the documents' fonts lack, and template-like signs printed as typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.check.excel_values import short
from pipeline.check.workbook import RawCell
from pipeline.inputs.contract import FieldSpec
from pipeline.vietnamese import decode_legacy, nfc
from pipeline.vietnamese.hygiene import (
    clean_invisible,
    latin_lookalikes,
    plain_spaces,
    unprintable,
    vietnamese_d,
)

if TYPE_CHECKING:
    from pipeline.check.cells import CellReader

_TEMPLATE_LIKE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#")


def clean_text(rd: CellReader, cell: RawCell, spec: FieldSpec, value: str) -> str:
    """Legacy encodings converted, invisible characters dropped, odd spaces made plain, letters
    of other alphabets made Vietnamese; each said at the cell, as are signs kept as typed."""
    # Legacy text first: TCVN3 writes "ư" as 0xAD, which is the soft hyphen in Unicode.
    decoded, encoding = decode_legacy(nfc(value))
    if encoding:
        rd.warning(
            cell,
            f"“{spec.header}” được gõ bằng bảng mã {encoding}; hoso đã chuyển sang Unicode: "
            f"“{short(decoded)}”. Nên sửa lại trong tệp.",
            "legacy-encoding",
        )
    value, invisible = clean_invisible(decoded)
    if invisible:
        rd.warning(
            cell,
            f"“{spec.header}” có ký tự ẩn ({', '.join(invisible)}) làm dính hoặc tách chữ "
            f"khi in; hoso đã bỏ: “{short(value)}”.",
            "invisible",
        )
    value = _lookalikes(rd, cell, spec, plain_spaces(value))
    if signs := unprintable(value):
        rd.warning(
            cell,
            f"“{spec.header}” có ký tự “{signs}” (biểu tượng, emoji) mà phông chữ của văn bản "
            "(Times New Roman) không in được, văn bản sẽ để trống chỗ đó; hãy xóa hoặc thay "
            "bằng chữ.",
            "unprintable",
        )
    if _TEMPLATE_LIKE.search(value):
        rd.warning(
            cell,
            f"“{spec.header}” có ký hiệu giống mã mẫu ({{{{ }}}} hoặc {{% %}}); "
            "hoso sẽ in nguyên văn.",
            "template-like",
        )
    return value


def _lookalikes(rd: CellReader, cell: RawCell, spec: FieldSpec, value: str) -> str:
    """Cyrillic and Greek letters that look Latin made Latin, Eth made Đ, said at the cell."""
    fixed, letters, script = latin_lookalikes(value)
    if letters:
        rd.warning(
            cell,
            f"“{spec.header}” có chữ “{letters}” của bảng chữ cái {script}, trông giống chữ "
            "Latinh nhưng máy coi là chữ khác (không nhận ra tên trùng, tên ở sheet khác); "
            f"hoso đã thay bằng chữ Latinh: “{short(fixed)}”. Hãy gõ lại ô này.",
            "lookalike",
        )
    fixed, eth = vietnamese_d(fixed)
    if eth:
        rd.warning(
            cell,
            f"“{spec.header}” có chữ “{eth}” (chữ Eth của tiếng Iceland, thường sinh ra khi "
            "chuyển bảng mã) trông giống chữ “Đ” nhưng máy coi là chữ khác (không nhận ra tên "
            f"trùng, tên ở sheet khác, xếp sai thứ tự); hoso đã thay bằng “Đ”: “{short(fixed)}”. "
            "Hãy gõ lại ô này.",
            "lookalike",
        )
    return fixed
