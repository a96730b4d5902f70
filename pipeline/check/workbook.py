"""Reading the clerk's workbook: raw cells of every contract sheet, each with its source cell."""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

from pipeline.check.beside import value_beside
from pipeline.check.container import SPREADSHEET_SUFFIXES, check_container, unusable
from pipeline.check.headers import (
    blank,
    header_key,
    headers,
    hits,
    loose,
    matched,
    sheet_key,
)
from pipeline.check.layout_rows import Paragraphs, RowKind, first_text, layout_row
from pipeline.check.sheetxml import (
    SheetPart,
    SheetXml,
    cell_notes,
    has_values,
    scan,
    sheet_parts,
    typed_beside,
    typed_numbers,
)
from pipeline.errors import WorkbookUnusable
from pipeline.files import reason
from pipeline.inputs.contract import (
    EXAMPLE_MARKS,
    GUIDE,
    LISTS,
    SHEETS,
    FieldSpec,
    SheetSpec,
)

MAX_ROWS = 50_000  # rows with a value in one sheet; a district's dossier has a few hundred
FAR = 100  # empty rows above a value that make it look typed there by mistake
_TOO_MANY = (
    "sheet “{sheet}” có hơn {rows} dòng có dữ liệu, quá nhiều cho một tệp đề nghị khen thưởng; "
    "hãy chia thành nhiều tệp."
)
# The parser's own words (English, a line and column of XML) would not help a clerk: what helps is
# saving it anew, which rewrites every part, or going back to a copy.
DAMAGED = (
    "tệp Excel bị hỏng, không đọc được. Hãy mở tệp bằng Excel hoặc LibreOffice Calc và lưu "
    "thành tệp .xlsx mới (Excel tự sửa được nhiều chỗ hỏng), hoặc dùng bản sao trước đó."
)


@dataclass(frozen=True)
class RawCell:
    """A cell as read: its value (cached value for formulas), coordinate and number format, and
    whether it was typed after an apostrophe ("'15/03/1985": text on purpose, Excel's quote prefix)."""

    value: Any
    coord: str
    number_format: str = "General"
    quoted: bool = False


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
    beside: dict[str, RawCell] = field(default_factory=dict)  # a value typed beside its cell
    rows: list[RawRow] = field(default_factory=list)  # table layout
    columns: dict[str, str] = field(default_factory=dict)  # table layout: field key → column letter
    missing: list[tuple[FieldSpec, str, str]] = field(default_factory=list)  # (spec, cell, found)
    merged: list[str] = field(default_factory=list)  # merged ranges touching data
    formula_without_value: set[str] = field(default_factory=set)
    hidden_rows: list[RawRow] = field(default_factory=list)  # table rows hidden or filtered out
    hidden_form_rows: list[str] = field(default_factory=list)  # form labels on hidden rows
    hidden_columns: list[str] = field(default_factory=list)  # table fields in hidden columns
    filtered: bool = False  # hidden rows are those an AutoFilter hides
    table_filter: bool = False  # that filter is an Excel table's (Ctrl+T)
    far: list[tuple[str, int]] = field(default_factory=list)  # (cell, the row with data above)
    hidden: bool = False  # the sheet's tab is hidden
    title: str = ""  # the sheet's name as typed (when it differs only invisibly from the contract)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # (header, first, again)
    header_row: int = 1  # table layout: the row the headers were found in
    # "title": rows above the headers; "sorted": headers among the data; "column:C": a form's
    # labels in column C, not A
    header_moved: str = ""
    merged_headers: list[str] = field(default_factory=list)  # merged ranges hiding a header
    notes: dict[str, str] = field(default_factory=dict)  # cell notes (comments) by cell
    # rows holding no item, left out: (row, its RowKind, its name cell, the name typed)
    layout_rows: list[tuple[int, RowKind, str, str]] = field(default_factory=list)
    # paragraphs pasted one to a row under their cell, left out: (row, field key, the cell above)
    continued: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    """Every contract sheet found in a workbook (absent sheets are simply missing)."""

    path: Path
    sheets: dict[str, RawSheet]
    titles: tuple[str, ...] = ()  # every sheet's name, contract or not, in workbook order
    example_marks: frozenset[str] = frozenset()  # marks of the example rows hoso wrote
    unread: tuple[str, ...] = ()  # sheets hoso does not read that hold values
    clashes: tuple[tuple[str, str], ...] = ()  # two tabs whose names read the same
    guide: tuple[str, tuple[str, ...]] = ("", ())  # the guide's tab and the cells typed in it


def read_workbook(path: Path, specs: Sequence[SheetSpec] = SHEETS) -> RawWorkbook:
    """Read every contract sheet's raw cells (of `specs`: a unit's workbook unless told);
    WorkbookUnusable when the file cannot be used."""
    check_container(path)
    with _quiet():
        raw = _read_workbook(path, specs)
    return raw


@contextmanager
def _quiet() -> Iterator[None]:
    """openpyxl's English warnings about the file kept off the clerk's screen while it reads."""
    # A date-formatted number past the year 9999 (a date typed without separators, 19850305) is
    # the usual one; its number is read back from the sheet XML (see _typed_numbers).
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
        yield


def _read_workbook(path: Path, specs: Sequence[SheetSpec]) -> RawWorkbook:
    try:
        with zipfile.ZipFile(path) as zf:
            parts = sheet_parts(zf)
            titles = _contract_titles(parts, specs)
            extras = {name: scan(zf, parts[title].part) for name, title in titles.items()}
            notes = {name: cell_notes(zf, parts[title].part) for name, title in titles.items()}
            unread = _unread(zf, parts, specs, set(titles.values()))
            guide = _guide(zf, parts)
        # keep_vba=False and values only: macros in an .xlsm are never loaded, let alone run.
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError):
        raise unusable(path, DAMAGED) from None
    try:
        sheets = {}
        for spec in specs:
            title = titles.get(spec.name)
            if title is not None:
                raw = _read_sheet(path, spec, wb[title], extras[spec.name])
                raw.hidden, raw.title, raw.notes = parts[title].hidden, title, notes[spec.name]
                _typed_numbers(path, parts[title].part, raw)
                sheets[spec.name] = raw
        marks = _example_marks(wb[LISTS]) if LISTS in wb.sheetnames else frozenset()
    except WorkbookUnusable:
        raise
    except Exception:  # openpyxl raises assorted errors on damaged parts
        raise unusable(path, DAMAGED) from None
    finally:
        wb.close()
    return RawWorkbook(path, sheets, tuple(parts), marks, unread, _clashes(parts), guide)


def _guide(zf: zipfile.ZipFile, parts: dict[str, SheetPart]) -> tuple[str, tuple[str, ...]]:
    """The guide's tab and the cells a clerk typed in it beside its text (hoso never reads it)."""
    title = next((t for t in parts if sheet_key(t) == sheet_key(GUIDE)), "")
    return (title, typed_beside(zf, parts[title].part)) if title else ("", ())


def _typed_numbers(path: Path, part: str, raw: RawSheet) -> None:
    """Put back the number of each date-formatted cell openpyxl turned into "#VALUE!" because no
    date has that serial: the clerk typed a number (19850305), not a formula that failed."""
    cells = [c for row in (*raw.rows, *raw.hidden_rows) for c in row.cells.values()]
    cells += raw.form.values()
    errors = {c.coord for c in cells if c.value == "#VALUE!"}
    if not errors:
        return
    with zipfile.ZipFile(path) as zf:
        numbers = typed_numbers(zf, part, errors)
    for row in (*raw.rows, *raw.hidden_rows):
        row.cells.update(_restored(row.cells, numbers))
    raw.form.update(_restored(raw.form, numbers))


def _restored(cells: dict[str, RawCell], numbers: dict[str, int | float]) -> dict[str, RawCell]:
    return {
        key: replace(cell, value=numbers[cell.coord])
        for key, cell in cells.items()
        if cell.coord in numbers and cell.value == "#VALUE!"
    }


def _example_marks(ws: Any) -> frozenset[str]:
    """The marks hoso left in the hidden lists sheet for the example rows it wrote."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows, ())
    if EXAMPLE_MARKS not in header:
        return frozenset()
    column = header.index(EXAMPLE_MARKS)
    return frozenset(
        row[column] for row in rows if column < len(row) and isinstance(row[column], str)
    )


def _unread(
    zf: zipfile.ZipFile, parts: dict[str, SheetPart], specs: Sequence[SheetSpec], read: set[str]
) -> tuple[str, ...]:
    """Sheets hoso does not read (nor writes for itself) that hold a value the clerk typed."""
    own = {sheet_key(name) for name in (GUIDE, LISTS, *(s.name for s in specs))}
    return tuple(
        title
        for title, sheet in parts.items()
        if title not in read and sheet_key(title) not in own and has_values(zf, sheet.part)
    )


def _clashes(parts: dict[str, SheetPart]) -> tuple[tuple[str, str], ...]:
    """Pairs of tabs whose names differ only in spaces, case or Unicode form."""
    first: dict[str, str] = {}
    found = []
    for title in parts:
        key = sheet_key(title)
        if key in first:
            found.append((first[key], title))
        else:
            first[key] = title
    return tuple(found)


def _contract_titles(parts: dict[str, SheetPart], specs: Sequence[SheetSpec]) -> dict[str, str]:
    """The workbook's title of each contract sheet, matched as a person reads sheet names."""
    by_key = {}
    for title in parts:
        by_key.setdefault(sheet_key(title), title)
    exact = {s.name for s in specs}
    by_key.update({sheet_key(t): t for t in parts if t in exact})  # exact first
    found = {spec.name: by_key.get(sheet_key(spec.name)) for spec in specs}
    return {name: title for name, title in found.items() if title is not None}


def _read_sheet(path: Path, spec: SheetSpec, ws: Any, xml: SheetXml) -> RawSheet:
    # Dimensions written by other programs may be wrong; read what is really there instead.
    ws.reset_dimensions()
    raw = RawSheet(
        spec,
        formula_without_value=set(xml.no_value),
        filtered=xml.filtered,
        table_filter=xml.table_filter,
    )
    rows = _numbered_rows(path, spec, ws, raw)
    if spec.layout == "form":
        _read_form(raw, rows, xml)
    else:
        _read_table(raw, rows, xml)
    for ref in xml.merged:
        _merge(raw, ref)
    inside = [r for r in raw.merged_headers if r]
    raw.missing = [m for m in raw.missing if not any(_within(m[1], r) for r in inside)]
    return raw


def _merge(raw: RawSheet, ref: str) -> None:
    """Note a merged range that hides data or a header (titles above the data are harmless)."""
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if raw.spec.layout == "form":
        if max_row >= 2 and max_row != min_row:  # a value merged across its row is one value
            raw.merged.append(ref)
    elif max_row == raw.header_row and max_col > min_col:
        raw.merged_headers.append(ref)  # one header shown over several columns
    elif max_row > raw.header_row:
        raw.merged.append(ref)


def merged_away(refs: Sequence[str], cell: str) -> bool:
    """Whether a cell is hidden under one of the merged ranges `refs` (which show the value of
    their first cell only)."""
    return any(_within(cell, ref) and cell != ref.split(":")[0] for ref in refs)


def _within(cell: str, ref: str) -> bool:
    """Whether a cell lies in a range."""
    col, row = coordinate_from_string(cell)
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    return min_col <= column_index_from_string(col) <= max_col and min_row <= row <= max_row


def _numbered_rows(path: Path, spec: SheetSpec, ws: Any, raw: RawSheet) -> Iterator[tuple]:
    """Yield (row number, cells); a value far below the rest is noted in `raw.far`. The bound on
    rows with a value (blank-looking cells do not count) keeps a pasted giant sheet out."""
    filled, last = 0, 1
    for number, row in enumerate(ws.iter_rows(), start=1):
        cell = next((c for c in row if not blank(getattr(c, "value", None))), None)
        if cell is not None:
            filled += 1
            if filled > MAX_ROWS:
                raise unusable(path, _TOO_MANY.format(sheet=spec.name, rows=MAX_ROWS))
            if number - last > FAR:
                raw.far.append((f"{get_column_letter(cell.column)}{number}", last))
            last = number
        yield number, row


def _cell(row: tuple, index: int, with_format: bool = True) -> tuple[Any, str, bool]:
    cell = row[index] if index < len(row) else None
    value = getattr(cell, "value", None)
    if isinstance(value, str) and not value.strip():
        value = None
    # A cell's number format means a style lookup: only asked for where it is needed.
    fmt = (getattr(cell, "number_format", None) or "General") if with_format else "General"
    style = getattr(cell, "style_array", None) if with_format and isinstance(value, str) else None
    return value, fmt, bool(getattr(style, "quotePrefix", 0))


def _read_form(raw: RawSheet, rows: Any, xml: SheetXml) -> None:
    by_label = {header_key(f.header): f for f in raw.spec.fields}
    by_loose = {loose(key): f for key, f in by_label.items()}
    labels: dict[str, str] = {}  # field key → the cell of its label
    rows = list(rows)  # a form is a few dozen rows
    for number, row in rows:
        if number == 1 or not row:
            continue
        label = _cell(row, 0)[0]
        spec, in_label = (
            by_label.get(header_key(label)) or by_loose.get(loose(header_key(label))),
            None,
        )
        if spec is None and isinstance(label, str):  # "Số tờ trình: 15": the value after its label
            head, _, tail = label.partition(":")
            spec, in_label = by_label.get(header_key(head)), tail.strip() or None
        if spec is None:
            continue
        if spec.key in raw.form:
            raw.duplicates.append((spec.header, labels[spec.key], f"A{number}"))
            continue
        labels[spec.key] = f"A{number}"
        value, fmt, quoted = _cell(row, 1)
        raw.form[spec.key] = RawCell(value, f"B{number}", fmt, quoted)
        if in_label is not None:  # with a value cell filled too: compared when it is read
            raw.beside[spec.key] = RawCell(in_label, f"A{number}")
        elif value is None and (found := value_beside(row, spec)):
            raw.beside[spec.key] = RawCell(found[0], f"{found[1]}{number}")
        if number in xml.hidden_rows:
            raw.hidden_form_rows.append(spec.key)
    for position, spec in enumerate(raw.spec.fields, start=2):
        if spec.key not in raw.form:
            raw.missing.append((spec, f"A{position}", ""))
    if not raw.form:
        raw.header_moved = _labels_moved(rows, by_label)


def _labels_moved(rows: list[tuple[int, tuple]], by_label: dict[str, Any]) -> str:
    """ "column:C" when a form's labels are all in column C, not A (a column inserted before
    them); "" when they are nowhere."""
    for index in range(1, 4):
        found = sum(header_key(_cell(row, index, False)[0]) in by_label for _, row in rows if row)
        if 2 * found >= len(by_label):
            return f"column:{get_column_letter(index + 1)}"
    return ""


def _read_table(raw: RawSheet, rows: Any, xml: SheetXml) -> None:
    rows = iter(rows)
    number, header_row = next(rows, (1, ()))
    found = headers(header_row)
    if 2 * matched(raw.spec, found) < len(raw.spec.fields):
        rows, number, header_row = _find_headers(raw, rows, (number, header_row))
        found = headers(header_row)
    raw.header_row = number
    index = _columns(raw, found, xml)
    # Number formats mean a style lookup: percentages need them (0.9 shown as 90%), dates (a date
    # typed as text in a date cell tells Excel's order of day and month, see date_order) and votes
    # (100% typed is 1).
    formats = {f.key for f in raw.spec.fields if f.kind in ("percent", "date") or f.key == "votes"}
    pending_cells = raw.formula_without_value
    paragraphs = Paragraphs(
        frozenset(f.key for f in raw.spec.fields if f.kind == "multiline"), raw.continued
    )
    for number, row in rows:
        cells = {}
        for key, i in index.items():
            value, fmt, quoted = _cell(row, i, key in formats)
            cells[key] = RawCell(value, f"{raw.columns[key]}{number}", fmt, quoted)
        filled = any(c.value is not None for k, c in cells.items() if k != "stt")
        pending = bool(pending_cells) and any(c.coord in pending_cells for c in cells.values())
        if not (filled or pending):
            continue
        if paragraphs.take(number, cells):
            continue
        if kind := layout_row({k: c.value for k, c in cells.items()}, len(raw.spec.fields)):
            raw.layout_rows.append((number, kind, *first_text(cells, number)))
            continue
        # What the clerk sees is what is printed: a hidden or filtered-out row is left out.
        (raw.hidden_rows if number in xml.hidden_rows else raw.rows).append(RawRow(number, cells))


def _find_headers(
    raw: RawSheet, rows: Iterator, first: tuple[int, tuple]
) -> tuple[Any, int, tuple]:
    """The sheet's rows from below its header row, the header row's number and cells, when a row
    other than the first holds the headers (a title typed above, a sort that took the header row
    along); else the first row as the header row and the rows below it."""
    rest = list(rows)
    best = max(rest, key=lambda r: matched(raw.spec, headers(r[1])), default=None)
    if best is None or 2 * matched(raw.spec, headers(best[1])) < len(raw.spec.fields):
        return iter(rest), *first
    above = [first, *(r for r in rest if r[0] < best[0])]
    if all(sum(not blank(getattr(c, "value", None)) for c in r) <= 1 for _, r in above):
        raw.header_moved = "title"
        return iter(r for r in rest if r[0] > best[0]), *best
    raw.header_moved = "sorted"
    return iter(r for r in [first, *rest] if r[0] != best[0]), *best


def _columns(raw: RawSheet, found: dict[str, list[tuple[str, Any]]], xml: SheetXml) -> dict:
    """Each field's column (0-based index), noting missing, repeated and hidden header cells."""
    index: dict[str, int] = {}
    top = raw.header_row
    for position, spec in enumerate(raw.spec.fields, start=1):
        written = hits(spec, found)
        if not written:
            letter = get_column_letter(position)
            there = next((v for cells in found.values() for col, v in cells if col == letter), "")
            raw.missing.append((spec, f"{letter}{top}", str(there or "")))
            continue
        for again, _ in written[1:]:
            raw.duplicates.append((spec.header, f"{written[0][0]}{top}", f"{again}{top}"))
        raw.columns[spec.key] = written[0][0]
        index[spec.key] = column_index_from_string(written[0][0]) - 1
        if index[spec.key] + 1 in xml.hidden_columns:
            raw.hidden_columns.append(spec.key)
    return index


def _hidden(path: Path) -> bool:
    """Excel's lock files ("~$…"), hidden files and the "._…" files a Mac leaves on a USB stick:
    not a workbook anyone put there to be checked."""
    return path.name.startswith(("~$", "."))


def _is_dir(path: Path) -> bool:
    """Whether a path is a folder; False when a folder on the way cannot be read (the file's
    own check then says so, for that file alone)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def find_workbooks(paths: list[Path]) -> list[Path]:
    """Expand folders into the spreadsheets they hold (sorted; those not .xlsx are then named as
    unusable, with how to save them as .xlsx), keep files as given, skip Excel's lock files."""
    found: list[Path] = []
    for path in paths:
        if _is_dir(path):
            try:
                inside = sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in SPREADSHEET_SUFFIXES and not _hidden(p)
                )
            except OSError as exc:
                raise WorkbookUnusable(
                    f"Không đọc được thư mục {path}: {reason(exc, 'đọc')}."
                ) from None
            if not inside:
                raise WorkbookUnusable(f"Thư mục {path} không có tệp Excel (.xlsx) nào.")
            found += inside
        else:
            found.append(path)
    return found
