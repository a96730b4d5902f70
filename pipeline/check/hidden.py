"""What the clerk does not see: hidden sheets, rows and columns, rows a filter hides, values far below;
and rows left out as holding no item (column numbers, a group heading, totals).

A row hidden or filtered out in Excel is not in what the clerk looks at, so it is not put in the
dossier (the reader leaves it out); hidden columns and form rows are still used. Either way the
clerk is told at the cell, so nothing is printed or dropped unseen.
"""

from __future__ import annotations

from openpyxl.utils.cell import coordinate_from_string

from pipeline.check.checking import Checking, field_spec
from pipeline.check.findings import Source
from pipeline.check.layout_rows import continued_message, layout_message
from pipeline.check.workbook import RawRow, RawSheet
from pipeline.inputs.contract import COLLECTIVES, CRITERIA, INDIVIDUALS, MEMBERS, VOTES

_NOUNS = {
    COLLECTIVES: "tập thể",
    INDIVIDUALS: "cá nhân",
    MEMBERS: "thành viên",
    CRITERIA: "dòng chỉ tiêu",
    VOTES: "dòng biểu quyết",
}


def hidden_parts(ctx: Checking, sheet: RawSheet) -> None:
    """Warn about every hidden part of a contract sheet, saying what hoso does with it."""
    name = sheet.spec.name
    if sheet.hidden:
        ctx.findings.warning(
            Source(ctx.label, name),
            f"sheet “{name}” đang bị ẩn nhưng dữ liệu của nó vẫn được dùng cho hồ sơ; "
            "hãy bỏ ẩn sheet để thấy những gì sẽ được in.",
            "hidden-sheet",
        )
    for key in sheet.hidden_form_rows:
        ctx.findings.warning(
            ctx.reader(sheet).where(sheet.form[key]),
            f"dòng “{field_spec(sheet.spec, key).header}” đang bị ẩn nhưng giá trị vẫn được "
            "dùng; hãy bỏ ẩn dòng để thấy những gì sẽ được in.",
            "hidden-row",
        )
    for key in sheet.hidden_columns:
        if any(row.cells[key].value is not None for row in sheet.rows):
            ctx.findings.warning(
                Source(ctx.label, name, f"{sheet.columns[key]}1"),
                f"cột “{field_spec(sheet.spec, key).header}” đang bị ẩn nhưng dữ liệu của cột "
                "vẫn được dùng và in; hãy bỏ ẩn cột để thấy những gì sẽ được in.",
                "hidden-column",
            )
    for row in sheet.hidden_rows:
        ctx.findings.warning(_row_cell(ctx, sheet, row), _left_out(sheet, row), "hidden-row")
    for cell, above in sheet.far:
        ctx.findings.warning(ctx.reader(sheet).where(cell), _far(cell, above), "far-row")
    noun = _NOUNS.get(name, "dòng dữ liệu")
    for row, kind, cell, shown in sheet.layout_rows:
        said = layout_message(kind, row, shown, noun)
        ctx.findings.warning(ctx.reader(sheet).where(cell), said, "layout-row")
    _continued(ctx, sheet, noun)


def _continued(ctx: Checking, sheet: RawSheet, noun: str) -> None:
    """One error for each cell whose pasted paragraphs went into the rows below it."""
    runs: dict[tuple[str, str], list[int]] = {}
    for row, key, head in sheet.continued:
        runs.setdefault((key, head), []).append(row)
    for (key, head), rows in runs.items():
        column = coordinate_from_string(head)[0]
        said = continued_message(field_spec(sheet.spec, key).header, rows, head, noun)
        ctx.findings.error(ctx.reader(sheet).where(f"{column}{rows[0]}"), said, "continued-row")


def _far(cell: str, above: int) -> str:
    """A value typed far below the rest, out of sight when the clerk reads the sheet over."""
    row = coordinate_from_string(cell)[1]
    return (
        f"ô này ở dòng {row}, cách dữ liệu phía trên (dòng {above}) {row - above - 1} dòng trống "
        "nên dễ bị bỏ sót khi xem lại; nếu gõ nhầm, hãy xóa ô này, nếu là dữ liệu thật, hãy "
        "chuyển lên ngay dưới bảng."
    )


def _row_cell(ctx: Checking, sheet: RawSheet, row: RawRow) -> Source:
    cell = row.cells.get("name") or next(iter(row.cells.values()), None)
    return ctx.reader(sheet).where(cell.coord if cell else f"A{row.number}")


def _left_out(sheet: RawSheet, row: RawRow) -> str:
    """What happened to a hidden row, naming who is on it."""
    cell = row.cells.get("name") or row.cells.get("nominee")
    who = f" (“{cell.value}”)" if cell is not None and cell.value is not None else ""
    if sheet.table_filter:
        why = "bị bộ lọc của bảng (Ctrl+T) ẩn đi"
        fix = (
            "bỏ ẩn dòng không có tác dụng với dòng bị lọc; nếu vẫn cần, hãy xóa bộ lọc của bảng "
            "(bấm vào bảng, chọn Dữ liệu › Xóa) rồi kiểm tra lại"
        )
    elif sheet.filtered:
        why = "bị bộ lọc ẩn đi"
        fix = "nếu vẫn cần, hãy xóa bộ lọc (Dữ liệu › Bộ lọc) rồi kiểm tra lại"
    else:
        why = "đang bị ẩn"
        fix = "nếu vẫn cần, hãy bỏ ẩn dòng này"
    return (
        f"dòng {row.number}{who} {why} nên không được đưa vào hồ sơ (văn bản chỉ in những dòng "
        f"nhìn thấy); {fix}."
    )
