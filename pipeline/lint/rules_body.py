"""Title and body rules: tên loại, trích yếu, đề mục, and the size, alignment and spacing of text."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.lint.checks import ALIGN_NAMES, Look, expect
from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, run_text, to_int
from pipeline.lint.layout import KINH_GUI, Layout
from pipeline.lint.model import LintIssue, fmt_num, fmt_pt

PART_HEADING = re.compile(r"^\s*(X{0,3})(IX|IV|V?I{0,3})\.\s")
LIST_ITEM = re.compile(r"^\s*([-+•–]|\d+[.)]|[a-zđ]\))")
LONG_PARAGRAPH = 80
BODY_SIZE = (13.0, 14.0)
FIRST_LINE = (560, 727)  # 1–1.27 cm in twips, with a few twips for rounding by editors
MIN_SPACING = 120  # 6 pt in twentieths of a point
AUTO_LINE = (240, 360)  # single to 1.5 lines, in 240ths of a line
EXACT_LINE = (260, 420)  # 13–21 pt in twentieths of a point


def is_part_heading(ctx: LintContext, p: Element) -> bool:
    """True for "I. …", "II. …": a Roman numeral, a dot and a space."""
    found = PART_HEADING.match(ctx.visible(p))
    return bool(found and (found.group(1) or found.group(2)))


def check_title(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """Check the document type line and the trích yếu under it."""
    issues = expect(
        ctx,
        layout.title,
        "doc-type",
        "Tên loại văn bản",
        Look(upper=True, bold=True, size=(13, 14), align="center"),
    )
    for p in layout.trich_yeu:
        if ctx.visible(p).strip().startswith("("):
            continue  # "(Kèm theo …)" notes under a title are italic by practice
        if ctx.template and not ctx.letters(p).strip():
            continue  # a line that is only a tag: whether it is such a note shows once rendered
        issues += expect(
            ctx, p, "trich-yeu", "Trích yếu", Look(bold=True, size=(13, 14), align="center")
        )
    return issues


def check_body(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """Check part headings, then size, alignment, indent and spacing of body paragraphs."""
    paras = [p for p in layout.body if ctx.has_text(p)]
    issues: list[LintIssue] = []
    for p in paras:
        if is_part_heading(ctx, p):
            issues += expect(
                ctx, p, "part-heading", "Đề mục", Look(upper=True, bold=True, size=(13, 14))
            )
    text = [p for p in paras if not is_part_heading(ctx, p) and not ctx.is_bold(p)]
    issues += _check_sizes(ctx, text)
    for p in text:
        issues += _check_shape(ctx, p)
    return issues


def _check_sizes(ctx: LintContext, paras: list[Element]) -> list[LintIssue]:
    """One size for all body text, inside 13–14 pt; the most used size is the reference."""
    weights: Counter[float] = Counter()
    for p in paras:
        for r in ctx.text_runs(p):
            weights[ctx.styles.size(r, p)] += len(run_text(r))
    if not weights:
        return []
    usual = weights.most_common(1)[0][0]
    issues = []
    for p in paras:
        sizes = ctx.sizes(p)
        size = next(iter(sizes)) if len(sizes) == 1 else None
        if size is None:
            message = f"Nội dung: cỡ chữ không đồng nhất trong đoạn ({fmt_pt(sizes)}), cần một cỡ"
        elif not BODY_SIZE[0] <= size <= BODY_SIZE[1]:
            message = f"Nội dung: cỡ chữ {fmt_pt(sizes)}, cần 13–14 pt"
        elif size != usual and BODY_SIZE[0] <= usual <= BODY_SIZE[1]:
            message = (
                f"Nội dung: cỡ chữ {fmt_pt(sizes)}, khác cỡ chữ của phần còn lại "
                f"({fmt_num(usual)} pt); toàn bộ nội dung phải cùng một cỡ 13–14 pt"
            )
        else:
            continue
        issues.append(ctx.issue("body-size", message, p))
    return issues


def _check_shape(ctx: LintContext, p: Element) -> list[LintIssue]:
    """Alignment and first-line indent (long paragraphs), spacing and line spacing (all)."""
    text = ctx.visible(p).strip()
    issues = [*_check_spacing(ctx, p), *_check_line_spacing(ctx, p)]
    if len(text) <= LONG_PARAGRAPH or KINH_GUI.match(text):
        return issues
    if ctx.alignment(p) not in ("both", "distribute"):
        actual = ALIGN_NAMES.get(ctx.alignment(p), ctx.alignment(p))
        issues.append(ctx.issue("body-align", f"Nội dung: {actual}, cần căn đều hai bên", p))
    first = ctx.styles.indents(p)["first"]
    if not LIST_ITEM.match(text) and not FIRST_LINE[0] <= first <= FIRST_LINE[1]:
        message = f"Nội dung: thụt đầu dòng {fmt_num(first / 567, 2)} cm, cần 1–1,27 cm"
        issues.append(ctx.issue("body-indent", message, p))
    return issues


def _spacing_twips(spacing: dict[str, str], side: str) -> int:
    """Return the space before/after in twentieths of a point (auto spacing counts as enough)."""
    if spacing.get(f"{side}Autospacing", "0").lower() in ("1", "true", "on"):
        return MIN_SPACING
    lines = spacing.get(f"{side}Lines", "")
    if lines.isdigit():
        return int(lines) * 240 // 100  # hundredths of a 12 pt line
    value = spacing.get(side, "0")
    return to_int(value)


def _check_spacing(ctx: LintContext, p: Element) -> list[LintIssue]:
    spacing = ctx.styles.merged_attrs(p, "w:spacing")
    total = _spacing_twips(spacing, "before") + _spacing_twips(spacing, "after")
    if total >= MIN_SPACING:
        return []
    message = f"Nội dung: khoảng cách giữa các đoạn {fmt_num(total / 20)} pt (trước và sau đoạn), cần ít nhất 6 pt"
    return [ctx.issue("body-spacing", message, p)]


def _check_line_spacing(ctx: LintContext, p: Element) -> list[LintIssue]:
    spacing = ctx.styles.merged_attrs(p, "w:spacing")
    line = spacing.get("line", "240")
    if not line.isdigit():
        return []
    value, rule = int(line), spacing.get("lineRule", "auto")
    if rule == "auto" and not AUTO_LINE[0] <= value <= AUTO_LINE[1]:
        actual = f"{fmt_num(value / 240, 2)} dòng"
    elif rule == "exact" and not EXACT_LINE[0] <= value <= EXACT_LINE[1]:
        actual = f"chính xác {fmt_num(value / 20)} pt"
    elif rule == "atLeast" and value > EXACT_LINE[1]:
        actual = f"tối thiểu {fmt_num(value / 20)} pt"
    else:
        return []
    message = f"Nội dung: giãn dòng {actual}, cần từ 1 dòng (giãn dòng đơn) đến 1,5 dòng"
    return [ctx.issue("body-line-spacing", message, p)]
