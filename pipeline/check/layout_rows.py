"""Rows of a table that hold no item: the "(1) (2) (3)" row numbering the columns, as official
tables have under their headers, a group's heading ("I. Khối cơ quan huyện"), a "Tổng cộng"
row typed at the bottom, and the paragraphs of a text pasted from Word that Excel put one to a
row under the cell they belong to. They are left out, said once instead of a dozen "thiếu …".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from pipeline.check.excel_values import short
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


@dataclass
class Paragraphs:
    """Follows a table's rows for the paragraphs of a text pasted from Word, which Excel puts
    one to a row under the cell they belong to: rows with text in the multi-paragraph fields
    only (`keys`; no STT, no name), each filled in the row above too, at most one empty row
    apart. `found` gets (row, field key, the cell they belong to)."""

    keys: frozenset[str]
    found: list[tuple[int, str, str]]
    above: tuple[int, dict[str, Any], dict[str, str]] = (0, {}, {})  # row, values, their cells

    def take(self, number: int, cells: Mapping[str, Any]) -> bool:
        """Whether the row (its RawCells by key) continues the cells above it; noted if so."""
        values = {k: c.value for k, c in cells.items() if c.value is not None}
        row, before, heads = self.above
        if (
            number - row > 2
            or not values
            or not all(k in self.keys and before.get(k) is not None for k in values)
        ):
            self.above = (number, values, {k: c.coord for k, c in cells.items()})
            return False
        heads = {k: heads[k] for k in values}
        self.found += [(number, k, head) for k, head in heads.items()]
        self.above = (number, values, heads)
        return True


def continued_message(header: str, rows: list[int], head: str, noun: str) -> str:
    """What the check says at the first of the rows that continue the cell `head`."""
    where = format_ranges(rows)
    return (
        f"dòng {where} chỉ có “{header}”, không có {noun} nào: đó là {len(rows)} đoạn tiếp theo "
        f"của ô {head} (Excel tách văn bản dán từ Word thành mỗi đoạn một dòng) nên không được in. "
        f"Hãy gộp vào ô {head}: bấm đúp vào ô (hoặc nhấn F2) rồi mới dán, sau đó xóa dòng "
        f"{where}. Nếu đó là {noun} mới, hãy điền đủ các cột của dòng."
    )


def first_text(cells: Mapping[str, Any], number: int) -> tuple[str, str]:
    """The name cell of a row (its first cell when the sheet has no name column) and its text."""
    cell = cells.get("name") or cells.get("nominee")
    if cell is None:
        return f"A{number}", ""
    return cell.coord, "" if cell.value is None else short(cell.value)
