"""Horizontal rules under a paragraph: a border, or a drawn line (DrawingML or VML)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, ancestor, q, to_int, xp

# Solid rules only: the decree asks for "nét liền"; dotted or dashed borders do not count.
_SOLID = {"single", "thick"}
_LINE_SHAPES = xp(
    ".//wps:wsp[wps:cNvCnPr or .//a:prstGeom[@prst='line' or starts-with(@prst, 'straightConnector')]]"
    " | .//v:line | .//v:shape[@type='#_x0000_t32']"
)
_EMU_PER_TWIP = 635


@dataclass(frozen=True)
class Rule:
    """A rule found under a paragraph: how it is drawn and its width in twips when known."""

    kind: str
    width: int | None
    cell_width: int | None


def _solid(border: Element | None) -> bool:
    return border is not None and border.get(q("w:val")) in _SOLID


def cell_width(tc: Element) -> int | None:
    """Return a cell's width in twips from w:tcW, or else from the table grid."""
    tcw = tc.find(f"{q('w:tcPr')}/{q('w:tcW')}")
    if tcw is not None and tcw.get(q("w:type"), "dxa") == "dxa":
        width = tcw.get(q("w:w"), "")
        if width.isdigit() and int(width) > 0:
            return int(width)
    tbl = ancestor(tc, "w:tbl")
    cols = tbl.iterfind(f"{q('w:tblGrid')}/{q('w:gridCol')}")
    grid = [to_int(c.get(q("w:w"))) for c in cols]
    start, span = grid_position(tc)
    widths = grid[start : start + span]
    return sum(widths) if len(widths) == span and all(widths) else None


def grid_position(tc: Element) -> tuple[int, int]:
    """Return (first grid column, number of grid columns) a cell covers."""
    tr = tc.getparent()
    before = tr.find(f"{q('w:trPr')}/{q('w:gridBefore')}")
    position = to_int(before.get(q("w:val"))) if before is not None else 0
    for cell in tr.findall(q("w:tc")):
        span_el = cell.find(f"{q('w:tcPr')}/{q('w:gridSpan')}")
        span = max(1, to_int(span_el.get(q("w:val")), 1)) if span_el is not None else 1
        if cell is tc:
            return position, span
        position += span
    return position, 1


def _border_rule(ctx: LintContext, host: Element) -> Rule:
    """A paragraph border spans the cell minus the paragraph's left and right indents."""
    tc = ancestor(host, "w:tc")
    full = cell_width(tc) if tc is not None else None
    if full is None:
        return Rule("border", None, None)
    indents = ctx.styles.indents(host)
    return Rule("border", full - indents["left"] - indents["right"], full)


def _drawn_rule(host: Element) -> Rule | None:
    shapes = _LINE_SHAPES(host)
    if not shapes:
        return None
    frame = next(shapes[0].iterancestors(q("wp:anchor"), q("wp:inline")), None)
    extent = frame.find(q("wp:extent")) if frame is not None else None
    width = None
    if extent is not None and extent.get("cx", "").isdigit():
        width = int(extent.get("cx")) // _EMU_PER_TWIP
    tc = ancestor(host, "w:tc")
    return Rule("drawing", width, cell_width(tc) if tc is not None else None)


def rule_under(ctx: LintContext, p: Element, nxt: Element | None) -> Rule | None:
    """Return the solid rule under p (its bottom border, nxt's top border, a line), or None."""
    if _solid(ctx.styles.border(p, "bottom")):
        return _border_rule(ctx, p)
    if nxt is not None and _solid(ctx.styles.border(nxt, "top")):
        return _border_rule(ctx, nxt)
    for host in (p, nxt):
        if host is not None and (rule := _drawn_rule(host)) is not None:
            return rule
    return None


def is_rule_paragraph(ctx: LintContext, p: Element) -> bool:
    """True for an empty paragraph that only draws a rule (a border or a line)."""
    if ctx.has_text(p):
        return False
    return _solid(ctx.styles.border(p, "top")) or rule_under(ctx, p, None) is not None
