"""Data table rules: cell sizes, a repeated header row, rows kept whole, and a grid that matches."""

from __future__ import annotations

from pipeline.lint.checks import size_problem
from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, cell_location, paragraphs, q, table_location
from pipeline.lint.layout import Layout
from pipeline.lint.lines import grid_position
from pipeline.lint.model import LintIssue, fmt_num
from pipeline.lint.styles import on_off

TABLE_SIZE = (12.0, 14.0)
GRID_TOLERANCE = 0.02


def check_tables(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """Check every data table (bordered, two rows or more)."""
    issues: list[LintIssue] = []
    for tbl in layout.data_tables:
        rows = [tr for tr in tbl.findall(q("w:tr")) if not _is_control_row(ctx, tr)]
        issues += _check_cell_sizes(ctx, rows)
        issues += _check_header_row(tbl, rows)
        issues += _check_row_split(tbl, rows)
        issues += _check_grid(tbl)
    return issues


def _is_control_row(ctx: LintContext, tr: Element) -> bool:
    """True for a template row holding only {%tr … %} tags: docxtpl removes it when rendering."""
    paras = list(paragraphs(tr))
    return (
        ctx.template
        and any(ctx.text(p).strip() for p in paras)
        and not any(ctx.has_text(p) for p in paras)
    )


def _check_cell_sizes(ctx: LintContext, rows: list[Element]) -> list[LintIssue]:
    issues = []
    for tr in rows:
        for tc in tr.findall(q("w:tc")):
            sizes = {size for p in paragraphs(tc) for size in ctx.sizes(p)}
            problem = size_problem(sizes, *TABLE_SIZE)
            if problem:
                issues.append(LintIssue("table-size", f"Ô bảng: {problem}", cell_location(tc)))
    return issues


def _check_header_row(tbl: Element, rows: list[Element]) -> list[LintIssue]:
    if not rows or on_off(rows[0].find(f"{q('w:trPr')}/{q('w:tblHeader')}")):
        return []
    message = (
        "Hàng tiêu đề chưa được lặp lại ở đầu mỗi trang: cần chọn “Lặp lại hàng tiêu đề” "
        "cho hàng này"
    )
    return [LintIssue("table-header-repeat", message, f"{table_location(tbl)}, hàng 1")]


def _ranges(numbers: list[int]) -> str:
    """Compress [2, 3, 4, 7] to "2–4, 7"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def _check_row_split(tbl: Element, rows: list[Element]) -> list[LintIssue]:
    position = {tr: i for i, tr in enumerate(tbl.findall(q("w:tr")), 1)}
    numbers = [
        position[tr] for tr in rows if not on_off(tr.find(f"{q('w:trPr')}/{q('w:cantSplit')}"))
    ]
    if not numbers:
        return []
    message = (
        f"{len(numbers)} hàng có thể bị ngắt ngang, nửa trên nửa dưới ở hai trang: cần bỏ chọn "
        "“Cho phép hàng ngắt qua các trang” (Thuộc tính bảng, thẻ Hàng) cho mọi hàng"
    )
    label = "hàng" if len(numbers) == 1 else "các hàng"
    where = f"{table_location(tbl)}, {label} {_ranges(numbers)}"
    return [LintIssue("table-row-split", message, where)]


def _grid_widths(tbl: Element) -> list[int | None]:
    cols = tbl.findall(f"{q('w:tblGrid')}/{q('w:gridCol')}")
    return [int(c.get(q("w:w"))) if (c.get(q("w:w")) or "").isdigit() else None for c in cols]


def _check_grid(tbl: Element) -> list[LintIssue]:
    """LibreOffice lays a table out by w:tblGrid, Word by the cells: they must agree."""
    where = table_location(tbl)
    grid = _grid_widths(tbl)
    cells = [tc for tr in tbl.findall(q("w:tr")) for tc in tr.findall(q("w:tc"))]
    columns = max((sum(grid_position(tc)) for tc in cells), default=0)
    if not grid or not all(grid):
        message = "Bảng chưa khai báo độ rộng các cột; khi chuyển sang PDF, bảng có thể bị dàn sai"
        return [LintIssue("table-grid", message, where)]
    if len(grid) != columns:
        message = f"Bảng khai báo {len(grid)} cột nhưng các hàng có {columns} cột"
        return [LintIssue("table-grid", message, where)]
    wrong = [tc for tc in cells if _width_mismatch(tc, grid)]
    if not wrong:
        return []
    tc = wrong[0]
    start, span = grid_position(tc)
    cell_w = int(tc.find(f"{q('w:tcPr')}/{q('w:tcW')}").get(q("w:w")))
    message = (
        f"Độ rộng ô {fmt_num(cell_w / 567, 2)} cm khác độ rộng khai báo của cột "
        f"{fmt_num(sum(grid[start : start + span]) / 567, 2)} cm (lệch quá 2 %); "
        f"{len(wrong)} ô của bảng không khớp độ rộng cột, bảng có thể bị dàn sai khi chuyển sang PDF"
    )
    return [LintIssue("table-grid", message, cell_location(tc))]


def _width_mismatch(tc: Element, grid: list[int | None]) -> bool:
    """True when a cell's fixed width (dxa) differs from its grid columns by more than 2 %."""
    tcw = tc.find(f"{q('w:tcPr')}/{q('w:tcW')}")
    if tcw is None or tcw.get(q("w:type"), "dxa") != "dxa":
        return False
    value = tcw.get(q("w:w"), "")
    if not value.isdigit():
        return False
    start, span = grid_position(tc)
    expected = sum(w or 0 for w in grid[start : start + span])
    return abs(int(value) - expected) > GRID_TOLERANCE * max(expected, 1)
