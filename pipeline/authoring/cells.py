"""Values written into the workbooks hoso makes: a text is stored as text, never as a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def put(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write a value into a cell. openpyxl stores any text that begins with "=" as a formula; text
    typed by a clerk ("=HYPERLINK(…)" in a name, say) must reach the office's workbook as the text
    it is, not as something Excel runs."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell
