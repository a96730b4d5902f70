"""Rows of a table that hold no item: the "(1) (2) (3)" row numbering the columns, as official
tables have under their headers, a group's heading ("I. Khối cơ quan huyện"), a "Tổng cộng"
row typed at the bottom, and the paragraphs of a text pasted from Word that Excel put one to a
row under the cell they belong to. They are left out, said once instead of a dozen "thiếu …".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from itertools import pairwise
from typing import Any, Literal

from pipeline.vietnamese import format_ranges

RowKind = Literal["numbering", "heading", "total"]

# A column number as such rows show it: 1, "1", "(1)", "[1]", "1." (a whole-number float too).
_COLUMN_NUMBER = re.compile(r"[(\[]?\s*(\d{1,2})\s*[)\]]?\.?")
# What a totals row's first words are, with its accents (“Tổng công ty …”, “Cộng đồng …” are
# names): a colon, a number or nothing may follow, never another word.
_TOTAL = re.compile(r"(?:tổng\s+cộng|tổng\s+số|cộng|tổng)(?=\s*[:\-–]|\s+\d|\s*$)", re.IGNORECASE)
_NAME_KEYS = ("name", "nominee")
# A group's number in the STT column (I, II, A, B) or before its heading ("II. Khối xã", "B) …").
_GROUP_NUMBER = re.compile(r"(?:[IVX]{1,5}|[A-Z])\.?")
_GROUP_HEADING = re.compile(r"(?:[IVX]{1,5}|[A-Z])[.)]\s+\S")


def column_number(value: Any) -> int | None:
    """The number of a cell of a column-numbering row ("(3)", 3), None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return int(value)
    if isinstance(value, str) and (m := _COLUMN_NUMBER.fullmatch(value.strip())):
        return int(m[1])
    return None


def layout_row(values: Mapping[str, Any], fields: int) -> RowKind | None:
    """What a row of a table sheet is when it holds no item (`values` by field key, `fields` the
    sheet's column count): "numbering", "total", or None for an item's row."""
    filled = [v for v in values.values() if v is not None]
    numbers = [n for v in filled if (n := column_number(v)) is not None]
    if (
        2 * len(filled) >= fields
        and len(numbers) == len(filled)
        and all(a < b for a, b in pairwise(numbers))
    ):
        return "numbering"
    key = next((k for k in _NAME_KEYS if values.get(k) is not None), None)
    name = unicodedata.normalize("NFC", str(values[key])).strip() if key else ""
    if _TOTAL.match(name):
        return "total"
    stt = values.get("stt")
    if name and all(v is None for k, v in values.items() if k not in ("stt", key)):
        numbered = isinstance(stt, str) and _GROUP_NUMBER.fullmatch(stt.strip())
        if numbered or (stt is None and _GROUP_HEADING.match(name)):
            return "heading"
    return None


def layout_message(kind: RowKind, row: int, shown: str, noun: str) -> str:
    """What the check says at a row it left out (`shown`: its name cell as typed, `noun`: what
    the sheet's rows are, "cá nhân")."""
    if kind == "heading":
        return (
            f"dòng {row} (“{shown}”) là dòng tiêu đề nhóm, không phải một {noun}: hoso bỏ qua "
            "dòng này, không in vào văn bản (danh sách in các dòng theo thứ tự trong sheet); "
            "nên xóa dòng này."
        )
    if kind == "numbering":
        return (
            f"dòng {row} là dòng đánh số cột ((1), (2), (3)…), không phải một {noun}: hoso bỏ "
            "qua dòng này, không in vào văn bản; nên xóa dòng này."
        )
    return (
        f"dòng {row} (“{shown}”) là dòng tổng cộng, không phải một {noun}: hoso bỏ qua dòng "
        "này, không in vào văn bản và không đếm; nên xóa dòng này."
    )


def continues(
    values: Mapping[str, Any], above: Mapping[str, Any], paragraphs: frozenset[str]
) -> bool:
    """Whether a row is the next paragraph of the multi-paragraph cells above it: text in those
    fields only (`paragraphs`, no STT, no name), each filled in the row above too. Excel puts
    each paragraph of a text pasted from Word into a cell of its own, one row below another."""
    filled = [k for k, v in values.items() if v is not None]
    return bool(filled) and all(k in paragraphs and above.get(k) is not None for k in filled)


def continued_message(header: str, rows: list[int], head: str, noun: str) -> str:
    """What the check says at the first of the rows that continue the cell `head`."""
    where = format_ranges(rows)
    return (
        f"dòng {where} chỉ có “{header}”, không có {noun} nào: đó là {len(rows)} đoạn tiếp theo "
        f"của ô {head} (Excel tách văn bản dán từ Word thành mỗi đoạn một dòng) nên không được in. "
        f"Hãy gộp vào ô {head}: bấm đúp vào ô (hoặc nhấn F2) rồi mới dán, sau đó xóa dòng "
        f"{where}. Nếu đó là {noun} mới, hãy điền đủ các cột của dòng."
    )
