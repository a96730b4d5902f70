"""Reading the clerk's workbook: raw cells of every contract sheet, each with its source cell."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries

from pipeline.check.container import check_container, unusable
from pipeline.errors import WorkbookUnusable
from pipeline.inputs.contract import SHEETS, FieldSpec, SheetSpec
from pipeline.vietnamese import tone_key

MAX_ROWS = 50_000


@dataclass(frozen=True)
class RawCell:
    """A cell as read: its value (cached value for formulas), coordinate and number format."""

    value: Any
    coord: str
    number_format: str = "General"


@dataclass(frozen=True)
class RawRow:
    """A data row of a table sheet: its number and its cells by field key."""

    number: int
    cells: dict[str, RawCell]


@dataclass
class RawSheet:
    """What was read from one contract sheet, and what the reader could not match."""

    spec: SheetSpec
    form: dict[str, RawCell] = field(default_factory=dict)  # form layout: field key → value cell
    rows: list[RawRow] = field(default_factory=list)  # table layout
    columns: dict[str, str] = field(default_factory=dict)  # table layout: field key → column letter
    missing: list[tuple[FieldSpec, str, str]] = field(default_factory=list)  # (spec, cell, found)
    merged: list[str] = field(default_factory=list)  # merged ranges touching data
    formula_without_value: set[str] = field(default_factory=set)


@dataclass
class RawWorkbook:
    """Every contract sheet found in a workbook (absent sheets are simply missing)."""

    path: Path
    sheets: dict[str, RawSheet]


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map sheet titles to their XML part names, from the workbook's relationships."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    book = etree.fromstring(zf.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{rel_ns}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        parts[sheet.get("name")] = part
    return parts


def _scan_part(zf: zipfile.ZipFile, part: str) -> tuple[list[str], set[str]]:
    """Merged ranges and formulas without a cached value: openpyxl's read-only mode hides both."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    merged: list[str] = []
    no_value: set[str] = set()
    data = zf.read(part)
    if b"<f" not in data and b"mergeCell" not in data:
        return merged, no_value  # the usual sheet: nothing to look for, skip the parse
    with io.BytesIO(data) as fh:
        for _, el in etree.iterparse(fh, tag=(f"{main}c", f"{main}mergeCell")):
            if el.tag == f"{main}mergeCell":
                merged.append(el.get("ref", ""))
            elif el.find(f"{main}f") is not None and not el.findtext(f"{main}v"):
                no_value.add(el.get("r", ""))
            el.clear()
    return merged, no_value


def read_workbook(path: Path) -> RawWorkbook:
    """Read every contract sheet's raw cells; WorkbookUnusable when the file cannot be used."""
    check_container(path)
    try:
        with zipfile.ZipFile(path) as zf:
            parts = _sheet_parts(zf)
            extras = {s.name: _scan_part(zf, parts[s.name]) for s in SHEETS if s.name in parts}
        # keep_vba=False and values only: macros in an .xlsm are never loaded, let alone run.
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError) as exc:
        raise unusable(path, f"tệp Excel bị hỏng, không đọc được ({exc}).") from None
    try:
        sheets = {}
        for spec in SHEETS:
            if spec.name in wb.sheetnames:
                ws = wb[spec.name]
                merged, no_value = extras.get(spec.name, ([], set()))
                sheets[spec.name] = _read_sheet(path, spec, ws, merged, no_value)
    except WorkbookUnusable:
        raise
    except Exception as exc:  # openpyxl raises assorted errors on damaged parts
        raise unusable(path, f"tệp Excel bị hỏng, không đọc được ({exc}).") from None
    finally:
        wb.close()
    return RawWorkbook(path, sheets)


def _read_sheet(path, spec: SheetSpec, ws, merged: list[str], no_value: set[str]) -> RawSheet:
    # Dimensions written by other programs may be wrong; read what is really there instead.
    ws.reset_dimensions()
    raw = RawSheet(spec, formula_without_value=no_value)
    rows = _numbered_rows(path, spec, ws)
    if spec.layout == "form":
        _read_form(raw, rows)
    else:
        _read_table(raw, rows)
    for ref in merged:
        _, min_row, _, max_row = range_boundaries(ref)
        if max_row < 2:
            continue  # merged titles above the data are harmless
        if spec.layout == "form" and max_row == min_row:
            continue  # a value merged across columns of its own row is still one value
        raw.merged.append(ref)
    return raw


def _numbered_rows(path: Path, spec: SheetSpec, ws):
    """Yield (row number, cells); the size bound protects against sheets padded to a million rows."""
    for number, row in enumerate(ws.iter_rows(), start=1):
        if number > MAX_ROWS and any(getattr(c, "value", None) is not None for c in row):
            raise unusable(path, f"sheet “{spec.name}” có hơn {MAX_ROWS} dòng; hãy chia nhỏ tệp.")
        yield number, row


def _key(text: Any) -> str:
    return tone_key(str(text)) if text is not None else ""


def _cell(row: tuple, index: int, with_format: bool = True) -> tuple[Any, str]:
    cell = row[index] if index < len(row) else None
    value = getattr(cell, "value", None)
    if isinstance(value, str) and not value.strip():
        value = None
    # A cell's number format means a style lookup; only percentages need it (0.9 shown as 90%).
    fmt = (getattr(cell, "number_format", None) or "General") if with_format else "General"
    return value, fmt


def _read_form(raw: RawSheet, rows) -> None:
    by_label = {_key(f.header): f for f in raw.spec.fields}
    for number, row in rows:
        if number == 1 or not row:
            continue
        spec = by_label.get(_key(_cell(row, 0)[0]))
        if spec is None or spec.key in raw.form:
            continue
        value, fmt = _cell(row, 1)
        raw.form[spec.key] = RawCell(value, f"B{number}", fmt)
    for position, spec in enumerate(raw.spec.fields, start=2):
        if spec.key not in raw.form:
            raw.missing.append((spec, f"A{position}", ""))


def _read_table(raw: RawSheet, rows) -> None:
    _, header_row = next(rows, (1, ()))
    found: dict[str, tuple[str, Any]] = {}
    for i, cell in enumerate(header_row):
        value = getattr(cell, "value", None)
        if value is not None and _key(value) not in found:
            found[_key(value)] = (get_column_letter(i + 1), value)
    index: dict[str, int] = {}
    for position, spec in enumerate(raw.spec.fields, start=1):
        hit = found.get(_key(spec.header))
        if hit is None:
            letter = get_column_letter(position)
            there = next((v for col, v in found.values() if col == letter), "")
            raw.missing.append((spec, f"{letter}1", str(there or "")))
            continue
        raw.columns[spec.key] = hit[0]
        index[spec.key] = column_index_from_string(hit[0]) - 1
    formats = {f.key for f in raw.spec.fields if f.kind == "percent"}
    pending_cells = raw.formula_without_value
    for number, row in rows:
        cells = {}
        for key, i in index.items():
            value, fmt = _cell(row, i, key in formats)
            cells[key] = RawCell(value, f"{raw.columns[key]}{number}", fmt)
        filled = any(c.value is not None for k, c in cells.items() if k != "stt")
        pending = bool(pending_cells) and any(c.coord in pending_cells for c in cells.values())
        if filled or pending:
            raw.rows.append(RawRow(number, cells))


def find_workbooks(paths: list[Path]) -> list[Path]:
    """Expand folders into the workbooks they hold (sorted), keep files as given, skip lock files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith("~$")
            )
        else:
            found.append(path)
    return found
