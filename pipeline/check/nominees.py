"""The "Tập thể" and "Cá nhân" sheets: one typed draft per row, every cell read and checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.check.birth import (
    BIRTH_MONTH_ONLY,
    BIRTH_YEAR_ONLY,
    month_only_message,
    read_birth,
    year_only_message,
)
from pipeline.check.cells import CellReader
from pipeline.check.checking import Checking, field_spec
from pipeline.check.drafts import Draft
from pipeline.check.excel_values import short
from pipeline.check.model import Collective, Council, Individual, ReportType
from pipeline.check.rules import vote_passed
from pipeline.check.workbook import RawCell, RawRow, RawSheet
from pipeline.inputs.contract import COLLECTIVES, GENDERS, REPORT_FULL, REPORT_SHORT, SheetSpec
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.authorities import LEVELS

_LEVEL_WORDS = frozenset(LEVELS)  # "xã", "thị trấn": a unit's name up to one is its kind
# Titles whose last word is the unit's kind ("Trưởng phòng", "Chánh Văn phòng", "Trưởng ban",
# "Chánh Thanh tra"): that word stays with the title when the unit is dropped from a post.
_TITLE_ENDS = ("trưởng", "chánh")
_TITLE_KINDS = ("văn phòng", "thanh tra", "phòng", "ban", "khoa", "trạm")


def read_nominees(ctx: Checking, sheet_name: str, council: Council | None) -> list[Draft]:
    """Every filled row of a nominee sheet as a draft (none when the sheet is absent)."""
    sheet = ctx.sheet(sheet_name)
    if sheet is None:
        return []
    rd = ctx.reader(sheet)
    return [
        _draft(ctx, rd, sheet, row, index, council) for index, row in enumerate(sheet.rows, start=1)
    ]


def _draft(
    ctx: Checking, rd: CellReader, sheet: RawSheet, row: RawRow, index: int, council: Council | None
) -> Draft:
    collective = sheet.spec.name == COLLECTIVES
    before = len(ctx.findings)
    values = _values(ctx, rd, sheet, row.cells)
    name_col = sheet.columns.get("name", "B")
    # A cell left empty is found by the person it belongs to; a row without its name is still
    # one error for all its empty cells.
    if values.get("name"):
        ctx.findings.name_missing(before, values["name"], f"{name_col}{row.number}")
    else:
        ctx.findings.name_missing(before, "", "")
    # A cell in error is said once: the rules across rows, which name a field's cell only when the
    # draft has it, say nothing more about the value in error (an empty one, for them).
    wrong = {
        cell
        for f in ctx.findings.items[before:]
        if f.severity == "error"
        for cell in (f.source.cell, *f.also)
    }
    values["passed"] = vote_passed(values["votes"], council, ctx.award)
    prefix = "tap-the" if collective else "ca-nhan"
    values.update(
        id=f"{prefix}-{index:02d}",
        index=index,
        source=rd.where(f"{name_col}{row.number}"),
        criteria=(),
    )
    nominee = Collective(**values) if collective else Individual(**values)
    cells = {key: rd.where(cell) for key, cell in row.cells.items() if cell.coord not in wrong}
    return Draft(nominee, cells)


def _values(
    ctx: Checking, rd: CellReader, sheet: RawSheet, cells: dict[str, RawCell]
) -> dict[str, Any]:
    """Every field of the row, typed; a field in error holds its empty value."""
    spec = sheet.spec
    report_type = _report_type(ctx, rd, sheet, cells)
    full = report_type == "bao-cao-thanh-tich"
    values: dict[str, Any] = {"report_type": report_type}
    shown = None  # the date Excel shows for a year typed in a date-formatted birth date cell
    for f in spec.fields:
        if f.key == "report_type":
            continue
        required = ctx.required(f, report=full)
        cell = cells.get(f.key)
        if f.key == "birth_date":
            values[f.key], shown = read_birth(rd, cell, f, required)
        elif f.key == "gender":
            values[f.key] = rd.choice(cell, f, required, GENDERS) or ""
        elif f.key == "group":
            groups = ctx.plan.groups_for("tap-the") if ctx.plan else ()
            values[f.key] = (rd.choice(cell, f, False, groups) if groups else None) or ""
        else:
            values[f.key] = rd.read(cell, f, required)
    _birth_partly_known(rd, spec, cells, values, shown)
    if "is_leader" in values:
        values["is_leader"] = bool(values["is_leader"])
        values["position"] = _position_alone(rd, cells, values["position"], values["workplace"])
    if not ctx.has_council:
        values["votes"] = None
    return values


def _birth_partly_known(
    rd: CellReader,
    spec: SheetSpec,
    cells: dict[str, RawCell],
    values: dict[str, Any],
    shown: dt.date | None,
) -> None:
    """A birth date without its day (a year alone, a month and year), said at its cell with
    what the documents will print."""
    birth = values.get("birth_date")
    if birth is None or birth.date is not None:
        return
    who = values["name"] or "dòng này"
    header = field_spec(spec, "birth_date").header
    report_type = values["report_type"]
    if birth.year_only:
        said = year_only_message(header, who, birth.year, report_type, shown)
        rd.warning(cells["birth_date"], said, BIRTH_YEAR_ONLY)
    else:
        said = month_only_message(header, who, birth, report_type, cells["birth_date"])
        rd.warning(cells["birth_date"], said, BIRTH_MONTH_ONLY)


def _position_alone(rd: CellReader, cells: dict[str, RawCell], position: str, unit: str) -> str:
    """A position typed with the workplace after it ("Kỹ thuật viên, Trung tâm …"): the lists
    print the position and then the workplace, so the unit is dropped from it, said at the cell."""
    key, unit_key = tone_key(position), tone_key(unit)
    if unit_key and not key.endswith(unit_key):
        unit_key = _unit_kind(key, unit_key)  # "Phó Chủ tịch UBND xã" at "UBND xã Bù Gia Mập"
    kept = position[: len(key) - len(unit_key)].rstrip(" ,;-–")
    if not unit_key or not key.endswith(unit_key) or not kept or "position" not in cells:
        return position
    kept = _title_whole(kept, position, unit_key)
    rd.warning(
        cells["position"],
        f"“Chức vụ” “{short(position)}” có cả tên đơn vị, mà văn bản in chức vụ rồi tới “Đơn vị "
        f"công tác”: tên đơn vị sẽ in hai lần; hoso đã bỏ khỏi chức vụ: “{kept}”. Hãy chỉ ghi "
        "chức vụ trong ô này.",
        "printed-twice",
    )
    return kept


def _title_whole(kept: str, position: str, unit: str) -> str:
    """The title with the unit's kind it ends with: "Trưởng phòng" of "Trưởng phòng Nội vụ",
    "Chánh Văn phòng" of "Chánh Văn phòng UBND huyện" (never "Trưởng", "Chánh" alone)."""
    kind = next((k for k in _TITLE_KINDS if unit.startswith(k + " ")), None)
    if kind is None or tone_key(kept).split()[-1] not in _TITLE_ENDS:
        return kept
    words = position[len(kept) :].lstrip(" ,;-–").split()[: len(kind.split())]
    return " ".join([kept, *words])


def _unit_kind(position: str, unit: str) -> str:
    """The unit's name up to its level word ("ủy ban nhân dân xã" of "ủy ban nhân dân xã bù gia
    mập") when the post ends with it; "" otherwise. Keys as tone_key makes them."""
    words = unit.split()
    for end in range(len(words) - 1, 1, -1):
        if words[end - 1] in _LEVEL_WORDS or " ".join(words[end - 2 : end]) in _LEVEL_WORDS:
            head = " ".join(words[:end])
            if position.endswith(" " + head):
                return head
    return ""


def _report_type(
    ctx: Checking, rd: CellReader, sheet: RawSheet, cells: dict[str, RawCell]
) -> ReportType:
    cell = cells.get("report_type")
    spec = field_spec(sheet.spec, "report_type")
    choice = rd.choice(cell, spec, False, (REPORT_FULL, REPORT_SHORT))
    if choice != REPORT_SHORT:
        return "bao-cao-thanh-tich"
    if ctx.plan is not None and not ctx.plan.dossier.trich_ngang_allowed and cell is not None:
        rd.error(
            cell,
            "kế hoạch này không cho phép trích ngang thành tích; chọn “Báo cáo thành tích”.",
            "trich-ngang",
        )
    return "trich-ngang"
