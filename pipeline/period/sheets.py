"""Workbooks the office reads (register, statistics): plain tables with a bold header, as bytes."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pipeline.authoring.cells import put
from pipeline.files import write_atomically

Table = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # sheet title, headers, rows
# A share written as a number and shown as a percentage, in Vietnamese (the locale code makes
# LibreOffice write "80,0%"; Excel follows the reader's own separators).
PERCENT_FORMAT = "[$-42A]0.0%"


class Percent(float):
    """A share (0.8) that a workbook shows as a percentage ("80,0%")."""


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """An xlsx with one sheet per table: bold, wrapped header, columns sized to the content."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in tables:
        ws = wb.create_sheet(title)
        for r, values in enumerate([headers, *rows], start=1):
            for c, value in enumerate(values, start=1):
                cell = put(ws, r, c, value)  # a clerk's text stays text
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"  # as a Vietnamese reader writes it
                elif isinstance(value, Percent):
                    cell.number_format = PERCENT_FORMAT
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for i, header in enumerate(headers, start=1):
            longest = max([len(str(header)), *(len(str(r[i - 1] or "")) for r in rows)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (see pipeline.files.write_atomically)."""
    write_atomically(path, lambda tmp: tmp.write_bytes(data))
