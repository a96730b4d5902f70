"""Workbooks the office reads (register, statistics): plain tables with a bold header, as bytes."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pipeline.files import normal_permissions, os_error

Table = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # sheet title, headers, rows


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """An xlsx with one sheet per table: bold, wrapped header, columns sized to the content."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in tables:
        ws = wb.create_sheet(title)
        ws.append(list(headers))
        for row in rows:
            ws.append(list(row))
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
    """Write beside the target and rename: a reader never sees half a file."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        normal_permissions(Path(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise os_error(exc, path) from None
