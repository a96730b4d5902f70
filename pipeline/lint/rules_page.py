"""Page rules: A4 portrait, margins, and page numbers in the header from page 2 on."""

from __future__ import annotations

import re

from pipeline.lint.checks import ALIGN_NAMES, size_problem
from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, header_footer_refs, paragraphs, q, section_properties
from pipeline.lint.model import LintIssue, fmt_num
from pipeline.lint.styles import on_off

A4_TWIPS = (11906, 16838)
SIZE_TOLERANCE = 20
TWIPS_PER_MM = 56.7
MARGIN_TOLERANCE_MM = 0.3
MARGINS_MM = {  # side: (Vietnamese name, low, high)
    "top": ("lề trên", 20, 25),
    "bottom": ("lề dưới", 20, 25),
    "left": ("lề trái", 30, 35),
    "right": ("lề phải", 15, 20),
}
PAGE_NUMBER_SIZE = (13.0, 14.0)
_PAGE_FIELD = re.compile(r"\bPAGE\b")


def _suffix(number: int, count: int) -> str:
    return f", phần {number} của văn bản" if count > 1 else ""


def check_page(ctx: LintContext) -> list[LintIssue]:
    """Check paper size, orientation and margins of every section."""
    sections = section_properties(ctx.document)
    issues: list[LintIssue] = []
    for number, sect in enumerate(sections, start=1):
        suffix = _suffix(number, len(sections))
        issues += _check_size(sect, f"khổ giấy{suffix}")
        issues += _check_margins(sect, f"lề trang{suffix}")
    return issues


def _twips(el: Element | None, attr: str) -> int | None:
    value = el.get(q(f"w:{attr}")) if el is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _check_size(sect: Element, where: str) -> list[LintIssue]:
    size = sect.find(q("w:pgSz"))
    width, height = _twips(size, "w"), _twips(size, "h")
    if width is None or height is None:
        return [LintIssue("page-size", "Chưa đặt khổ giấy, cần A4 đứng 210 × 297 mm", where)]
    if all(abs(a - b) <= SIZE_TOLERANCE for a, b in zip((width, height), A4_TWIPS, strict=True)):
        return []
    if all(abs(a - b) <= SIZE_TOLERANCE for a, b in zip((height, width), A4_TWIPS, strict=True)):
        message = "Trang đặt khổ ngang (A4 ngang), cần A4 đứng 210 × 297 mm"
    else:
        name = " (Letter)" if (width, height) == (12240, 15840) else ""
        message = (
            f"Khổ giấy {fmt_num(width / TWIPS_PER_MM)} × {fmt_num(height / TWIPS_PER_MM)} mm"
            f"{name}, cần A4 đứng 210 × 297 mm"
        )
    return [LintIssue("page-size", message, where)]


def _check_margins(sect: Element, where: str) -> list[LintIssue]:
    margins = sect.find(q("w:pgMar"))
    issues = []
    for side, (name, low, high) in MARGINS_MM.items():
        value = _twips(margins, side)
        if value is None:
            issues.append(LintIssue(f"margin-{side}", f"Chưa đặt {name}", where))
            continue
        if side == "left":
            value += _twips(margins, "gutter") or 0  # the gutter widens the left margin
        mm = abs(value) / TWIPS_PER_MM
        if not low - MARGIN_TOLERANCE_MM <= mm <= high + MARGIN_TOLERANCE_MM:
            message = f"{name.capitalize()} {fmt_num(mm)} mm, cần {low}–{high} mm"
            issues.append(LintIssue(f"margin-{side}", message, where))
    return issues


def _page_field(root: Element | None) -> Element | None:
    """Return the paragraph holding a PAGE field (simple or complex), or None."""
    if root is None:
        return None
    for p in paragraphs(root):
        codes = [t.text or "" for t in p.iter(q("w:instrText"))]
        codes += [f.get(q("w:instr"), "") for f in p.iter(q("w:fldSimple"))]
        if _PAGE_FIELD.search("".join(codes)):
            return p
    return None


def check_page_numbers(ctx: LintContext) -> list[LintIssue]:
    """Page numbers: centred PAGE field in the default header, none on page 1 (w:titlePg)."""
    sections = section_properties(ctx.document)
    current: dict[tuple[str, str], Element] = {}
    refs = list(header_footer_refs(ctx.document))
    issues: list[LintIssue] = []
    for number, sect in enumerate(sections, start=1):
        # A section without its own header/footer of a kind inherits the previous section's.
        current.update({(tag, kind): root for n, tag, kind, root in refs if n == number})
        suffix = _suffix(number, len(sections))
        title_pg = bool(on_off(sect.find(q("w:titlePg"))))
        if not title_pg:
            message = (
                "Chưa chọn “Trang đầu khác” ở đầu trang: số trang sẽ hiện ở trang 1, "
                "trong khi trang 1 không được đánh số"
            )
            issues.append(LintIssue("page-number", message, f"thiết lập trang{suffix}"))
        issues += _check_default_header(ctx, current, suffix)
        first = current.get(("headerReference", "first"))
        if title_pg and (p := _page_field(first)) is not None:
            message = (
                "Số trang: trang 1 không được đánh số, cần xóa số trang ở đầu trang của trang 1"
            )
            issues.append(ctx.issue("page-number", message, p))
    return issues


def _check_default_header(
    ctx: LintContext, current: dict[tuple[str, str], Element], suffix: str
) -> list[LintIssue]:
    p = _page_field(current.get(("headerReference", "default")))
    if p is None:
        in_footer = _page_field(current.get(("footerReference", "default"))) is not None
        message = (
            "Số trang đang ở chân trang, cần đặt ở giữa đầu trang"
            if in_footer
            else "Đầu trang không có số trang, cần số trang ở giữa đầu trang"
        )
        return [LintIssue("page-number", message, f"đầu trang{suffix}")]
    runs = [r for r in p.iter(q("w:r")) if r.find(q("w:t")) is not None]
    runs = runs or [r for r in p.iter(q("w:r")) if r.find(q("w:instrText")) is not None]
    problems = [size_problem({ctx.styles.size(r, p) for r in runs}, *PAGE_NUMBER_SIZE)]
    if any(ctx.styles.toggle(r, p, "w:i") for r in runs):
        problems.append("đang in nghiêng, cần chữ đứng")
    if ctx.alignment(p) != "center":
        problems.append(f"{ALIGN_NAMES.get(ctx.alignment(p), ctx.alignment(p))}, cần căn giữa")
    return [ctx.issue("page-number", f"Số trang: {text}", p) for text in problems if text]
