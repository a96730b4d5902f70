"""A workbook's sheets drawn as tables, the cells with findings marked and their messages beside."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

MAX_ROWS = 400
MAX_COLUMNS = 40
SKIPPED = {"Hướng dẫn"}  # the guide: text for people, never a finding's place


@dataclass(frozen=True)
class Cell:
    """One cell as shown: its coordinate, text, and the findings at it."""

    coordinate: str
    text: str
    severity: str = ""  # "error", "warning" or ""
    messages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    """One row: its number, its cells, and the messages of its marked cells."""

    number: int
    cells: tuple[Cell, ...]
    notes: tuple[tuple[str, str, str], ...]  # (coordinate, severity, message)


@dataclass(frozen=True)
class Sheet:
    """One sheet's used range (capped), its column letters and how many findings it has."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    marked: int
    truncated: bool
    errors: int = 0


MAX_TEXT = 160  # longer texts (achievements) are cut in the table; the workbook has them whole


def _text(value: Any) -> str:
    text = _plain(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, dt.datetime) else "%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _by_cell(findings: list[dict[str, Any]]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """sheet → cell → [(severity, message)], from the check's findings (and their `also` cells)."""
    marks: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        if not f.get("sheet") or not f.get("cell"):
            continue
        for cell in (f["cell"], *f.get("also", ())):
            sheet, _, at = str(cell).rpartition("!")  # "Thành viên HĐ!B4": another sheet's cell
            marks[(sheet or f["sheet"]).strip()][at.upper()].append((f["severity"], f["message"]))
    return marks


def draw_sheets(path: Path, findings: list[dict[str, Any]]) -> list[Sheet]:
    """Every sheet but the guide, with the findings' cells marked; sheets with findings first."""
    marks = _by_cell(findings)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = [
            _draw(ws, marks.get(ws.title.strip(), {}))
            for ws in book.worksheets
            if ws.title.strip() not in SKIPPED
        ]
    finally:
        book.close()
    return sorted(sheets, key=lambda s: (not s.errors, s.marked == 0))


def _draw(ws: Any, marks: dict[str, list[tuple[str, str]]]) -> Sheet:
    """One sheet's used range as rows of cells."""
    width = min(ws.max_column or 1, MAX_COLUMNS)
    height = min(ws.max_row or MAX_ROWS, MAX_ROWS)
    columns = tuple(get_column_letter(i) for i in range(1, width + 1))
    rows = []
    for number, values in enumerate(
        ws.iter_rows(min_row=1, max_row=height, max_col=width, values_only=True), start=1
    ):
        cells, notes = [], []
        for letter, value in zip(columns, (*values, *[None] * width), strict=False):
            here = marks.get(f"{letter}{number}", [])
            severity = "error" if any(s == "error" for s, _ in here) else here[0][0] if here else ""
            cells.append(
                Cell(f"{letter}{number}", _text(value), severity, tuple(m for _, m in here))
            )
            notes += [(f"{letter}{number}", s, m) for s, m in here]
        rows.append(Row(number, tuple(cells), tuple(notes)))
    while rows and not rows[-1].notes and not any(c.text for c in rows[-1].cells):
        rows.pop()  # formatted but empty rows at the end (a scaffold's dropdowns reach far)
    marked = sum(len(r.notes) for r in rows)
    errors = sum(1 for r in rows for _, severity, _ in r.notes if severity == "error")
    return Sheet(ws.title, columns, tuple(rows), marked, (ws.max_row or 0) > MAX_ROWS, errors)
