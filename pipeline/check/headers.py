"""Headers and labels as a clerk types them: the key a person reads, a note added after it."""

from __future__ import annotations

import re
from typing import Any

from openpyxl.utils.cell import get_column_letter

from pipeline.inputs.contract import SHEETS, FieldSpec, SheetSpec
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.hygiene import clean_invisible, latin_lookalikes, plain_spaces


def sheet_key(title: str) -> str:
    """A sheet name or a header as a person sees it: invisible differences (spaces, Unicode
    forms, zero-width characters, tone placement, a Cyrillic letter drawn like a Latin one) and a
    label's closing colon ("Kính gửi:") do not count."""
    text = latin_lookalikes(plain_spaces(clean_invisible(str(title))[0]))[0]
    return tone_key(text).rstrip(" :")


def blank(value: Any) -> bool:
    """No value, or only spaces and invisible characters: nothing a reader would see."""
    return value is None or (isinstance(value, str) and not clean_invisible(value)[0].strip())


def header_key(text: Any) -> str:
    """A header cell's key ("" for an empty cell)."""
    return sheet_key(text) if text is not None else ""


# What clerks add after a header's words: a note in brackets ("(dd/mm/yyyy)", "(1)", "(*)"), a
# mark for required ("*"), a closing dash or colon. Said the same, the header is the same column.
_ADDED = re.compile(r"(?:\s*[(\[][^()\[\]]*[)\]]|\s*\*+|\s*[:\-–])$")


def loose(key: str) -> str:
    """A header's key without what a clerk added after its words ("ngày sinh (dd/mm/yyyy)" →
    "ngày sinh"); the contract's own are loosened alike ("đăng ký (%)" → "đăng ký")."""
    while (shorter := _ADDED.sub("", key)) != key and shorter:
        key = shorter
    return key


def hits(spec: FieldSpec, found: dict[str, list[tuple[str, Any]]]) -> list[tuple[str, Any]]:
    """The cells a field's header is written in: exactly, else with a note added after it."""
    exact = found.get(header_key(spec.header)) or found.get(_ALIASES.get(spec.key, ""))
    if exact:
        return exact
    want, taken = loose(header_key(spec.header)), _CONTRACT_KEYS
    return [
        hit
        for key, cells in found.items()
        if key not in taken and loose(key) == want
        for hit in cells
    ]


def headers(row: tuple) -> dict[str, list[tuple[str, Any]]]:
    """Each header's key with the cells (column letter, value) it is written in, left first."""
    found: dict[str, list[tuple[str, Any]]] = {}
    for i, cell in enumerate(row):
        value = getattr(cell, "value", None)
        if not blank(value):
            found.setdefault(header_key(value), []).append((get_column_letter(i + 1), value))
    return found


def matched(spec: SheetSpec, found: dict[str, Any]) -> int:
    """How many of the sheet's headers a row holds."""
    return sum(bool(hits(f, found)) for f in spec.fields)


# Every header and label of the contract: a cell holding one is that field's, never another's.
_CONTRACT_KEYS = frozenset(sheet_key(f.header) for s in SHEETS for f in s.fields)
# A header read as the form's when the form's is absent: lists print "Năm sinh" (years read).
_ALIASES = {"birth_date": sheet_key("Năm sinh")}
