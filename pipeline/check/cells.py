"""Typed reading of one raw cell: text, numbers, dates, times, choices and percentages, with findings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from pipeline.check.findings import Findings, Source
from pipeline.check.workbook import RawCell
from pipeline.inputs.contract import NO, YES, FieldSpec
from pipeline.vietnamese import (
    DateParseError,
    TimeParseError,
    decode_legacy,
    modern_tones,
    nfc,
    normalize_name,
    parse_date,
    parse_time,
    tone_key,
)

_TEMPLATE_LIKE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#")
_SPACES = re.compile(r"[ \t\u00a0]+")
_EXCEL_ERRORS = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
}


class CellReader:
    """Parses cells of one sheet into Python values, recording every problem as a finding."""

    def __init__(self, source: Source, findings: Findings, formula_without_value: set[str]):
        self.source = source
        self.findings = findings
        self.pending = formula_without_value
        self.modern = True  # print the modern tone placement (hòa, thủy) everywhere

    def where(self, cell: RawCell | str) -> Source:
        """The source of a cell."""
        return self.source.at(cell if isinstance(cell, str) else cell.coord)

    def error(self, cell: RawCell | str, message: str, code: str) -> None:
        """Record an error at a cell."""
        self.findings.error(self.where(cell), message, code)

    def warning(self, cell: RawCell | str, message: str, code: str) -> None:
        """Record a warning at a cell."""
        self.findings.warning(self.where(cell), message, code)

    def present(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> bool:
        """True when the cell has a value; records "required" or "formula" errors otherwise."""
        if cell is not None and cell.value is not None:
            if isinstance(cell.value, str) and cell.value in _EXCEL_ERRORS:
                self.error(cell, f"“{spec.header}”: ô có lỗi công thức ({cell.value}).", "formula")
                return False
            return True
        if cell is not None and cell.coord in self.pending:
            self.error(
                cell,
                f"“{spec.header}”: ô có công thức nhưng chưa có giá trị đã tính; "
                "hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại.",
                "formula",
            )
        elif required and cell is not None:
            self.error(cell, f"thiếu “{spec.header}”.", "required")
        return False

    def text(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A single-line text: NFC, trimmed, spaces collapsed, legacy encodings converted."""
        if not self.present(cell, spec, required):
            return ""
        assert cell is not None
        value = _as_text(cell.value)
        return _SPACES.sub(" ", self._clean(cell, spec, value).replace("\n", " ")).strip()

    def name(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A person's name: text, then capitalised when typed all lower or all upper case."""
        return normalize_name(self.text(cell, spec, required))

    def multiline(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """Multi-paragraph text: lines kept, each trimmed; runs of blank lines become one."""
        if not self.present(cell, spec, required):
            return ""
        assert cell is not None
        value = (
            self._clean(cell, spec, _as_text(cell.value)).replace("\r\n", "\n").replace("\r", "\n")
        )
        lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
        if required and not text:
            self.error(cell, f"thiếu “{spec.header}”.", "required")
        return text

    def _clean(self, cell: RawCell, spec: FieldSpec, value: str) -> str:
        value = nfc(value)
        decoded, encoding = decode_legacy(value)
        if encoding:
            self.warning(
                cell,
                f"“{spec.header}” được gõ bằng bảng mã {encoding}; hoso đã chuyển sang Unicode: "
                f"“{_short(decoded)}”. Nên sửa lại trong tệp.",
                "legacy-encoding",
            )
            value = decoded
        if _TEMPLATE_LIKE.search(value):
            self.warning(
                cell,
                f"“{spec.header}” có ký hiệu giống mã mẫu ({{{{ }}}} hoặc {{% %}}); "
                "hoso sẽ in nguyên văn.",
                "template-like",
            )
        return modern_tones(value) if self.modern else value

    def integer(
        self, cell: RawCell | None, spec: FieldSpec, required: bool, minimum: int = 0
    ) -> int | None:
        """A whole number not below `minimum` (a number cell, or digits typed as text)."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        value = cell.value
        if isinstance(value, bool):
            value = None
        elif (isinstance(value, float) and value.is_integer()) or (
            isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", value)
        ):
            value = int(value)
        if not isinstance(value, int):
            self.error(
                cell, f"“{spec.header}” phải là số nguyên (ô ghi “{_short(cell.value)}”).", "type"
            )
            return None
        if value < minimum:
            self.error(cell, f"“{spec.header}” phải từ {minimum} trở lên (ô ghi {value}).", "range")
            return None
        return value

    def date(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> dt.date | None:
        """A date: a real date, an Excel serial or day-first text."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        try:
            return parse_date(cell.value)
        except DateParseError as exc:
            self.error(cell, f"“{spec.header}”: {exc}", "date")
            return None

    def time(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> dt.time | None:
        """A time of day ("14:30", a time cell, an Excel fraction of a day)."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        try:
            return parse_time(cell.value)
        except TimeParseError as exc:
            self.error(cell, f"“{spec.header}”: {exc}", "time")
            return None

    def yesno(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> bool | None:
        """Có → True, Không → False."""
        choice = self.choice(cell, spec, required, (YES, NO))
        return None if choice is None else choice == YES

    def choice(
        self, cell: RawCell | None, spec: FieldSpec, required: bool, allowed: Sequence[str]
    ) -> str | None:
        """One of the allowed values (compared ignoring case and tone placement), canonical form."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        typed = nfc(_as_text(cell.value)).strip()
        found = _by_key(tuple(allowed)).get(tone_key(typed))
        if found is not None:
            return found
        options = (
            "; ".join(f"“{a}”" for a in allowed) if len(allowed) <= 8 else "danh sách thả xuống"
        )
        self.error(
            cell,
            f"“{spec.header}” không hợp lệ: “{_short(typed)}”; chọn một trong: {options}.",
            "choice",
        )
        return None

    def percent(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> float | None:
        """A percentage 0–100: a number, a %-formatted cell (0.9 → 90) or text like "95,5%"."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        value = _number(cell.value)
        if value is not None and "%" in cell.number_format and not isinstance(cell.value, str):
            value *= 100
        if value is None or not 0 <= value <= 100:
            self.error(
                cell,
                f"“{spec.header}” phải là tỷ lệ phần trăm từ 0 đến 100 (ô ghi “{_short(cell.value)}”).",
                "percent",
            )
            return None
        return round(value, 4)


@lru_cache(maxsize=128)
def _by_key(allowed: tuple[str, ...]) -> dict[str, str]:
    """The allowed values by comparison key (the same few lists are checked thousands of times)."""
    return {tone_key(a): a for a in allowed}


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().rstrip("%").strip().replace(" ", "")
        # A clerk types the decimal comma; a dot is accepted when it cannot be a thousands mark.
        text = text.replace(",", ".")
        try:
            return float(Decimal(text))
        except InvalidOperation:
            return None
    return None


def _short(value: Any, limit: int = 60) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
