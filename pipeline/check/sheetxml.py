"""What openpyxl's read-only mode hides, read from the sheet XML: merged cells, formulas without a
value, hidden rows and columns, filters, hidden sheets."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from lxml import etree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TRUE = ("1", "true")
# Only these make a sheet worth parsing; the usual clerk's sheet has none of them.
_MARKERS = (b"<f", b"mergeCell", b'hidden="1"', b'hidden="true"', b"autoFilter")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]")  # a cell's value, cached or inline


@dataclass(frozen=True)
class SheetPart:
    """A sheet of the workbook: its XML part and whether Excel shows its tab."""

    part: str
    hidden: bool


@dataclass(frozen=True)
class SheetXml:
    """What a sheet's XML says beyond its values."""

    merged: tuple[str, ...] = ()
    no_value: frozenset[str] = frozenset()  # formulas with no cached value
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()  # 1-based
    filtered: bool = False  # an AutoFilter is on: hidden rows are filtered out
    table_filter: bool = False  # the filter is an Excel table's (Ctrl+T), not the sheet's


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, SheetPart]:
    """Sheet titles with their XML part names and visibility, from the workbook's relationships."""
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    book = etree.fromstring(zf.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iterfind(f"{_MAIN}sheets/{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        hidden = sheet.get("state", "visible") != "visible"
        parts[sheet.get("name")] = SheetPart(part, hidden)
    return parts


def scan(zf: zipfile.ZipFile, part: str) -> SheetXml:
    """Merged ranges, formulas without values, hidden rows and columns, and the filter state."""
    data = zf.read(part)
    if not any(marker in data for marker in _MARKERS):
        return SheetXml()  # the usual sheet: nothing to look for, skip the parse
    merged: list[str] = []
    no_value: set[str] = set()
    rows: set[int] = set()
    columns: set[int] = set()
    filtered = False
    tags = tuple(f"{_MAIN}{t}" for t in ("c", "mergeCell", "row", "col", "autoFilter"))
    with io.BytesIO(data) as fh:
        for _, el in etree.iterparse(fh, tag=tags):
            tag = el.tag.removeprefix(_MAIN)
            if tag == "mergeCell":
                merged.append(el.get("ref", ""))
            elif tag == "c" and el.find(f"{_MAIN}f") is not None and _uncomputed(el):
                no_value.add(el.get("r", ""))
            elif tag == "row" and el.get("hidden") in _TRUE:
                rows.add(int(el.get("r", "0")))
            elif tag == "col" and el.get("hidden") in _TRUE:
                columns.update(range(int(el.get("min", "1")), int(el.get("max", "1")) + 1))
            elif tag == "autoFilter":
                filtered = el.find(f"{_MAIN}filterColumn") is not None
            if tag in ("c", "row"):
                el.clear()
    table = bool(rows) and not filtered and _table_filtered(zf, part)
    return SheetXml(
        tuple(merged),
        frozenset(no_value),
        frozenset(rows),
        frozenset(columns),
        filtered or table,
        table,
    )


def _uncomputed(cell: Any) -> bool:
    """Whether a formula cell has no value computed: a program that writes formulas without
    computing them (openpyxl) leaves <v> empty and no type; Excel and LibreOffice write a text
    result's type, "str", so an empty <v> of that type is a computed empty text
    (=IF(B2="","",…) filled down a sheet), not a missing value."""
    return not cell.findtext(f"{_MAIN}v") and cell.get("t") != "str"


def has_values(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet holds any cell value (a missing part holds none)."""
    try:
        return bool(_VALUE.search(zf.read(part)))
    except KeyError:
        return False


def typed_beside(zf: zipfile.ZipFile, part: str, column: str = "A") -> tuple[str, ...]:
    """The cells holding a value outside one column (hoso's guide writes only column A)."""
    found: list[str] = []
    try:
        data = zf.read(part)
    except KeyError:
        return ()
    with io.BytesIO(data) as fh:
        for _, el in etree.iterparse(fh, tag=f"{_MAIN}c"):
            ref = el.get("r", "")
            valued = el.findtext(f"{_MAIN}v") or el.find(f"{_MAIN}is") is not None
            if valued and ref.rstrip("0123456789") != column:
                found.append(ref)
            el.clear()
    return tuple(found)


def _table_filtered(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether an Excel table (Ctrl+T) of the sheet has a filter on one of its columns."""
    path = PurePosixPath(part)
    try:
        rels = etree.fromstring(zf.read(str(path.parent / "_rels" / f"{path.name}.rels")))
    except KeyError:
        return False
    for rel in rels:
        if not (rel.get("Type") or "").endswith("/table"):
            continue
        target = rel.get("Target", "")
        table = target.lstrip("/") if target.startswith("/") else _joined(path.parent, target)
        try:
            if b"filterColumn" in zf.read(table):
                return True
        except KeyError:
            continue
    return False


def cell_notes(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The notes (comments) of a sheet's cells by cell, their text on one line."""
    path = PurePosixPath(part)
    try:
        rels = etree.fromstring(zf.read(str(path.parent / "_rels" / f"{path.name}.rels")))
    except KeyError:
        return {}
    notes: dict[str, str] = {}
    for rel in rels:
        if not (rel.get("Type") or "").endswith("/comments"):
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else _joined(path.parent, target)
        try:
            root = etree.fromstring(zf.read(name))
        except (KeyError, etree.XMLSyntaxError):
            continue
        for comment in root.iter(f"{_MAIN}comment"):
            text = " ".join("".join(t.text or "" for t in comment.iter(f"{_MAIN}t")).split())
            notes[comment.get("ref", "")] = text
    return notes


def _joined(folder: PurePosixPath, target: str) -> str:
    """A relative target resolved against the folder of the part that names it."""
    parts: list[str] = []
    for piece in (*folder.parts, *target.split("/")):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def typed_numbers(zf: zipfile.ZipFile, part: str, coords: set[str]) -> dict[str, int | float]:
    """The numbers stored in these cells of a sheet (cells holding an error or text are left out)."""
    found: dict[str, int | float] = {}
    with zf.open(part) as fh:
        for _, el in etree.iterparse(fh, tag=f"{_MAIN}c"):
            coord, text = el.get("r", ""), el.findtext(f"{_MAIN}v")
            if coord in coords and el.get("t", "n") == "n" and (number := _number(text)):
                found[coord] = number
            el.clear()
    return found


def _number(text: str | None) -> int | float | None:
    for kind in (int, float):
        try:
            return kind(text or "")
        except ValueError:
            pass
    return None
