"""Typed reading of one raw cell: text, numbers, dates, times, choices and percentages, with findings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pipeline.check.acronyms import DATED_PLACES, acronyms_said, dated_place
from pipeline.check.beside import beside_hint
from pipeline.check.choices import chosen
from pipeline.check.cleaning import clean_text
from pipeline.check.excel_values import (
    EXCEL_ERROR,
    error_value,
    phone_number,
    share_hint,
    short,
    typed_as_date,
    unquoted,
)
from pipeline.check.findings import Findings, Source
from pipeline.check.person_names import read_person
from pipeline.check.printed import strip_printed
from pipeline.check.similar import likeliest
from pipeline.check.workbook import RawCell, merged_away
from pipeline.inputs.contract import (
    COLLECTIVES,
    COUNCIL,
    INDIVIDUALS,
    INFO,
    MEMBERS,
    NO,
    YES,
    FieldSpec,
)
from pipeline.vietnamese import (
    DateParseError,
    TimeParseError,
    format_decimal,
    modern_tones,
    nfc,
    normalize_name,
    parse_date,
    parse_time,
)
from pipeline.vietnamese.hygiene import case_of, dash_bullets, latin_lookalikes, placeholder

# Fields printed in a document's text (lists, reports and their Quê quán, Nơi ở, Địa chỉ, Tờ
# trình, Biên bản, signature blocks): acronyms written out as NĐ 30 wants (True: a post, whose own
# count too). Only the header's parent body and Nơi nhận keep what custom (and NĐ 30's models:
# "- UBND tỉnh …;") abbreviates; a unit heads its pages but is named in their text too.
_SPELT_OUT = {
    (COLLECTIVES, "name"): False, (INDIVIDUALS, "name"): False, (INDIVIDUALS, "workplace"): False,
    (INDIVIDUALS, "position"): True, (COLLECTIVES, "head_title"): True, (INFO, "unit"): False,
    (INFO, "recipient"): True, (INFO, "signer_title"): True, (COUNCIL, "place"): False,
    (MEMBERS, "position"): True, (MEMBERS, "absence_reason"): False, (COLLECTIVES, "address"): False,
    (INDIVIDUALS, "hometown"): False, (INDIVIDUALS, "residence"): False, (INFO, "place"): False,
    (INDIVIDUALS, "report_place"): False, (COLLECTIVES, "report_place"): False,
}  # fmt: skip
# A date the clerk may leave without its day for the văn thư to write when the document is issued.
_UNDATED = {
    "Ngày tờ trình": " Chưa có số Tờ trình thì văn bản vẫn in để trống ngày và tháng cho văn thư "
    "ghi khi phát hành: ô này chỉ cần ngày dự kiến."
}
_SPACES = re.compile(r" +")
# A whole number as clerks type it: "7", "07", "1.234" or "1 234", "7,0" or "7.0" (a decimal
# point with no fraction, as a number cell 7.0 is), with the unit it counts.
_INT_TEXT = re.compile(
    r"(-?\d{1,3}(?:[.\s]\d{3})+|-?\d{1,9})(?:[.,]0{1,2})?"
    r"\s*(?:phiếu|người|thành viên|cán bộ|đồng chí)?\.?",
    re.IGNORECASE,
)
# A row's number as lists write it: "1.", "1)", "(1)".
_ROW_NUMBER = re.compile(r"\(?\s*(\d{1,6})\s*[.)]?")
# A one-line value printed in a document's line or table cell: a person's name of a few words, a
# position, a unit's full name or an address; far past these it is a paste gone wrong.
_MAX_CHARS = {"person": 80, "phrase": 250, "proper": 250, "text": 500, "phone": 100}


class CellReader:
    """Parses cells of one sheet into Python values, recording every problem as a finding."""

    def __init__(
        self,
        source: Source,
        findings: Findings,
        formula_without_value: set[str],
        beside: dict[str, RawCell] | None = None,
        merged: Sequence[str] = (),
        notes: dict[str, str] | None = None,
    ):
        self.source = source
        self.findings = findings
        self.pending = formula_without_value
        self.beside = beside or {}  # a form's empty values by key: what was typed next to them
        self.merged = merged  # merged ranges of data, each an error of its own
        self.notes = notes or {}  # cell notes (comments): never read as values
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
            if isinstance(cell.value, str) and EXCEL_ERROR.fullmatch(cell.value.strip()):
                self.error(cell, error_value(spec, cell.value.strip()), "formula")
                return False
            return True
        if cell is not None and cell.coord in self.pending:
            self.error(
                cell,
                f"“{spec.header}”: ô có công thức nhưng chưa có giá trị đã tính; "
                "hãy mở tệp bằng Excel hoặc LibreOffice và lưu lại.",
                "formula-pending",
            )
        elif required and cell is not None and not merged_away(self.merged, cell.coord):
            self.error(
                cell,
                f"thiếu “{spec.header}”.{self.hint(cell, spec.key)}{self._noted(cell)}",
                "required",
            )
        elif cell is not None and spec.key in self.beside:
            self.warning(cell, f"“{spec.header}” để trống.{self.hint(cell, spec.key)}", "beside")
        return False

    def _noted(self, cell: RawCell) -> str:
        """What an empty cell's note (comment) says, when the value was written there."""
        note = self.notes.get(cell.coord)
        if not note:
            return ""
        return (
            f" Ô này chỉ có ghi chú (comment) “{short(note)}”: hoso không đọc ghi chú; nếu đó là "
            "giá trị, hãy ghi vào ô."
        )

    def hint(self, cell: RawCell, key: str) -> str:
        """Where an empty form value seems to be typed instead ("" when nowhere)."""
        found = self.beside.get(key)
        return beside_hint(cell.coord, found.value, found.coord) if found else ""

    def value(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> Any:
        """The cell's value (None when absent or in error): text without the apostrophe Excel
        uses to mark text, when it was kept as a character (said at the cell)."""
        if not self.present(cell, spec, required):
            return None
        assert cell is not None
        text, mark = unquoted(cell.value)
        if not mark:
            return cell.value
        if not text.strip():
            if required:
                self.error(cell, f"thiếu “{spec.header}” (ô chỉ có dấu “{mark}”).", "required")
            return None
        self.warning(
            cell,
            f"“{spec.header}” bắt đầu bằng dấu nháy “{mark}”: Excel dùng dấu này để ghi chữ và "
            "không hiện nó, nhưng trong ô định dạng Văn bản (hoặc chữ dán vào) nó là một ký tự "
            f"và sẽ được in ra; hoso đã bỏ: “{short(text.strip())}”. Hãy xóa dấu nháy trong ô.",
            "apostrophe",
        )
        return text

    def text(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A single-line text: NFC, trimmed, spaces collapsed, legacy encodings converted."""
        value = self.value(cell, spec, required)
        if value is None:
            return ""
        assert cell is not None
        text = self._held(
            cell, spec, required, self._printed(cell, spec, self._line(cell, spec, value))
        )
        # Names and posts say their acronyms after their own case checks (proper, phrase).
        return self._spelt(cell, spec, text) if spec.kind == "text" else text

    def _held(self, cell: RawCell, spec: FieldSpec, required: bool, text: str) -> str:
        """A text that only holds a place ("...", "-", "x", "đang cập nhật") is no value: an error
        where the value is required, else the cell is empty (said when words were typed)."""
        kind = placeholder(text) if text else None
        if kind is None:
            return text
        typed = " ".join(str(cell.value).split())  # as the clerk sees it, before any bullet is made
        if required:
            self.error(
                cell,
                f"thiếu “{spec.header}”: ô chỉ ghi “{short(typed)}”, là dấu giữ chỗ chứ không "
                "phải nội dung để in; hãy ghi nội dung thật.",
                "required",
            )
        elif kind == "words":
            self.warning(
                cell,
                f"“{spec.header}” ghi “{short(typed)}”, tức là chưa có; hoso coi ô là để trống.",
                "placeholder",
            )
        return ""

    def _printed(self, cell: RawCell, spec: FieldSpec, text: str) -> str:
        """The text without words its documents already print around it, said at the cell."""
        # The council's "place" is where it met, not the place a document is dated at.
        key = "" if (self.source.sheet, spec.key) == (COUNCIL, "place") else spec.key
        kept, dropped, where = strip_printed(key, text)
        if dropped:
            self.warning(
                cell,
                f"“{spec.header}” có “{short(dropped)}” mà {where}; hoso đã bỏ để không in hai "
                f"lần: “{short(kept)}”. Hãy xóa phần đó trong ô.",
                "printed-twice",
            )
        return kept

    def _line(self, cell: RawCell, spec: FieldSpec, value: Any) -> str:
        """A value read as one line of text, too long an error."""
        text = " ".join(self._clean(cell, spec, _as_text(value)).split())
        limit = _MAX_CHARS.get(spec.kind)
        if limit is not None and len(text) > limit:
            self.error(
                cell,
                f"“{spec.header}” dài {len(text)} ký tự (“{short(text)}”), vượt giới hạn "
                f"{limit} ký tự; hãy kiểm tra lại ô này (có thể đã dán nhầm) và ghi ngắn gọn.",
                "too-long",
            )
        return text

    def read(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> Any:
        """The cell read as its field's kind says (text, names, numbers, dates, times, yes/no)."""
        method = {"int": "integer", "yesno": "yesno"}.get(spec.kind, spec.kind)
        return getattr(self, method)(cell, spec, required)

    def person(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A person's name: text without a title, row number or marks around it, capitalised
        word by word (said at the cell); a phone or ID number in it is an error."""
        name = self.text(cell, spec, required)
        if not name:
            return ""
        assert cell is not None
        return read_person(self, cell, spec, name)

    def proper(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A name of a unit or a place: text whose proper nouns must keep their capitals."""
        text = self.text(cell, spec, required)
        if cell is not None and (self.source.sheet, spec.key) in DATED_PLACES:
            printed, said, code = dated_place(spec.header, text)  # its case said with it
            if said:
                self.warning(cell, said, code)
                return printed
        case = case_of(text)
        if case is None:
            return self._spelt(cell, spec, text)
        assert cell is not None
        if case == "lower":
            text = text[:1].upper() + text[1:]
            what = "toàn chữ thường; tên riêng (tên đơn vị, địa danh) phải viết hoa chữ đầu"
        else:
            what = "toàn chữ in hoa; chỉ viết hoa chữ đầu và tên riêng"
        self.warning(
            cell,
            f"“{spec.header}” gõ {what} (ví dụ “Ủy ban nhân dân xã Phú Nghĩa”), vì văn bản in "
            f"đúng như ô: “{short(text)}”.",
            "case",
        )
        return self._spelt(cell, spec, text)

    def phrase(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A position, degree or the like: its first letter capitalised when typed all lower case."""
        text = self.text(cell, spec, required)
        if spec.key == "ethnicity":
            return self._ethnicity(cell, spec, text)
        if case_of(text) == "upper":
            assert cell is not None
            self.warning(
                cell,
                f"“{spec.header}” gõ toàn chữ in hoa: “{short(text)}”; văn bản in đúng như ô, "
                "hãy viết như câu thường (ví dụ “Phó Trưởng phòng”).",
                "case",
            )
        return self._spelt(cell, spec, text[:1].upper() + text[1:])

    def _ethnicity(self, cell: RawCell | None, spec: FieldSpec, text: str) -> str:
        """An ethnic group's name, a proper name: each word capitalised ("Ê Đê", "Kinh") when
        typed in one case, said at the cell when it was all capitals or a word was left small."""
        letters = [ch for ch in text if ch.isalpha()]
        if not letters or not (text == text.upper() or text == text.lower()):
            return text
        fixed = normalize_name(text)
        if cell is not None and fixed != text[:1].upper() + text[1:]:
            case = "in hoa" if text == text.upper() else "thường"
            self.warning(
                cell,
                f"“{spec.header}” gõ toàn chữ {case}: “{short(text)}”; tên dân tộc viết hoa chữ "
                f"đầu mỗi tiếng, văn bản sẽ in “{short(fixed)}”. Hãy sửa lại trong tệp cho đúng.",
                "case",
            )
        return fixed

    def _spelt(self, cell: RawCell | None, spec: FieldSpec, text: str) -> str:
        """A unit's name, a post or a place printed in a document's text with its acronyms written
        in full ("UBND" → "Ủy ban nhân dân"), said at the cell; other fields as typed."""
        post = _SPELT_OUT.get((self.source.sheet, spec.key))
        if cell is None or post is None:
            return text
        full, said = acronyms_said((self.source.sheet, spec.key), spec.header, text, post)
        if said:
            self.warning(cell, said, "acronym")
        return full

    def multiline(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """Multi-paragraph text: lines kept, each trimmed; runs of blank lines become one."""
        raw = self.value(cell, spec, required)
        if raw is None:
            return ""
        assert cell is not None
        value = self._clean(cell, spec, _as_text(raw)).replace("\r\n", "\n").replace("\r", "\n")
        lines = [_SPACES.sub(" ", line).strip() for line in dash_bullets(value).split("\n")]
        text = self._printed(cell, spec, re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())
        if text and placeholder(text):
            return self._held(cell, spec, required, text)
        if required and not text:
            self.error(cell, f"thiếu “{spec.header}”.", "required")
        return self._spelt(cell, spec, text)

    def _clean(self, cell: RawCell, spec: FieldSpec, value: str) -> str:
        """What the text holds beyond what it shows, cleaned and said (pipeline.check.cleaning)."""
        value = clean_text(self, cell, spec, value)
        return modern_tones(value) if self.modern else value

    def phone(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> str:
        """A phone number: text as typed; one Excel stored as a number is printed with the 0 (or
        "+") it dropped when that is clear, said at the cell, and an error when it cannot be."""
        value = self.value(cell, spec, required)
        if value is None:
            return ""
        assert cell is not None
        if isinstance(value, bool) or not isinstance(value, int | float | dt.date | dt.time):
            return self._line(cell, spec, value)
        printed, problem = phone_number(value)
        if printed is None:
            self.error(cell, f"“{spec.header}” {problem}", "phone")
            return ""
        self.warning(cell, f"“{spec.header}” {problem}", "phone")
        return printed

    def integer(
        self, cell: RawCell | None, spec: FieldSpec, required: bool, minimum: int = 0
    ) -> int | None:
        """A whole number not below `minimum` (a number cell, or digits typed as text)."""
        value = typed = self.value(cell, spec, required)
        if value is None:
            return None
        assert cell is not None
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and "%" in cell.number_format
        ):
            typed = f"{format_decimal(value * 100, 2)}%"  # "100%" typed: Excel keeps 1
            value = None
        if isinstance(value, bool):
            value = None
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        elif isinstance(value, str) and (match := _INT_TEXT.fullmatch(nfc(value).strip())):
            value = int(re.sub(r"[.\s]", "", match.group(1)))
        elif spec.key == "stt" and isinstance(value, str) and (m := _ROW_NUMBER.fullmatch(value)):
            value = int(m[1])
        if not isinstance(value, int):
            self.error(
                cell,
                f"“{spec.header}” phải là số nguyên (ô ghi “{short(typed)}”{typed_as_date(cell.value)})."
                + share_hint(spec, typed),
                "type",
            )
            return None
        if value < minimum:
            self.error(cell, f"“{spec.header}” phải từ {minimum} trở lên (ô ghi {value}).", "range")
            return None
        return value

    def date(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> dt.date | None:
        """A date: a real date, an Excel serial or day-first text."""
        value = self.value(cell, spec, required)
        if value is None:
            return None
        assert cell is not None
        try:
            return parse_date(value)
        except DateParseError as exc:
            self.error(cell, f"“{spec.header}”: {exc}{_UNDATED.get(spec.header, '')}", "date")
            return None

    def time(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> dt.time | None:
        """A time of day ("14:30", a time cell, an Excel fraction of a day)."""
        value = self.value(cell, spec, required)
        if value is None:
            return None
        assert cell is not None
        try:
            return parse_time(value)
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
        value = self.value(cell, spec, required)
        if value is None:
            return None
        assert cell is not None
        if isinstance(value, bool) and tuple(allowed) == (YES, NO):
            return YES if value else NO  # a checkbox or TRUE/FALSE typed: Excel's own yes and no
        typed = latin_lookalikes(nfc(_as_text(value)).strip())[0]
        found = chosen(spec.key, tuple(allowed), typed)
        if found is not None:
            return found
        if not required and placeholder(typed) == "mark":
            return None  # "-" where nothing need be chosen: nothing chosen, as an empty cell
        options = (
            "; ".join(f"“{a}”" for a in allowed) if len(allowed) <= 8 else "danh sách thả xuống"
        )
        like = likeliest(typed, allowed)
        self.error(
            cell,
            f"“{spec.header}” không hợp lệ: “{short(typed)}”; chọn một trong: {options}."
            + (f" Có phải là “{like}”?" if like else ""),
            "choice",
        )
        return None

    def percent(self, cell: RawCell | None, spec: FieldSpec, required: bool) -> float | None:
        """A percentage 0–100: a number, a %-formatted cell (0.9 → 90) or text like "95,5%"."""
        raw = self.value(cell, spec, required)
        if raw is None:
            return None
        assert cell is not None
        value = _number(raw)
        if value is not None and "%" in cell.number_format and not isinstance(cell.value, str):
            value *= 100
        if value is None or not 0 <= value <= 100:
            self.error(
                cell,
                f"“{spec.header}” phải là tỷ lệ phần trăm từ 0 đến 100 (ô ghi “{short(raw)}”).",
                "percent",
            )
            return None
        if 0 < value < 1:  # a share written as a fraction (0,95 for 95%), not a percentage
            self.warning(
                cell,
                f"“{spec.header}” ghi “{short(raw)}”, tức {format_decimal(value, 2)}%; nếu ý là "
                f"{format_decimal(value * 100, 2)}% hãy ghi {format_decimal(value * 100, 2)}.",
                "percent-fraction",
            )
        return round(value, 4)


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
