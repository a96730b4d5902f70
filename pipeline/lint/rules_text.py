"""Rules on every run of every story: Times New Roman everywhere, and no unfilled template values."""

from __future__ import annotations

import re

from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, paragraphs, q
from pipeline.lint.drawings import drawn
from pipeline.lint.model import LintIssue

FONT = "Times New Roman"
LEFTOVER_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\}\}|\{%|%\}")
# "nan" is also a Vietnamese syllable ("nan giải", "nan y"): only a lone "nan" is a leftover.
LEFTOVER_VALUE = re.compile(r"\bNone\b|\bnan\b(?!\s+\w)")


def check_fonts(ctx: LintContext) -> list[LintIssue]:
    """Every text run of the body, tables, text boxes, headers and footers is in Times New Roman;
    a font set in a style (or the file's defaults) is said once, with how many paragraphs use it."""
    issues: list[LintIssue] = []
    shared: dict[tuple[str, str], list[Element]] = {}  # (fonts, where set) → its paragraphs
    for story in ctx.stories:
        for p in paragraphs(story.root):
            wrong = {
                (font or "", ctx.styles.font_origin(r, p, slot))
                for r in ctx.text_runs(p)
                for slot in ("ascii", "hAnsi")
                if (font := ctx.styles.font(r, p, slot)) is None
                or font.casefold() != FONT.casefold()
            }
            if not wrong:
                continue
            named = ", ".join(f"“{f}”" if f else "chưa đặt" for f in sorted({f for f, _ in wrong}))
            origins = {origin for _, origin in wrong}
            if len(origins) == 1 and "" not in origins:
                shared.setdefault((named, origins.pop()), []).append(p)
            else:
                issues.append(ctx.issue("font-family", f"Phông chữ {named}, cần {FONT}", p))
    for (named, origin), found in shared.items():
        message = f"Phông chữ {named}, cần {FONT}"
        if len(found) > 1:  # one change in Word mends them all
            message += (
                f" (đặt ở {origin}, dùng ở {len(found)} đoạn kể từ đoạn này: sửa phông của "
                f"{origin} một lần là đủ)"
            )
        issues.append(ctx.issue("font-family", message, found[0]))
    return issues


def check_drawn_fonts(ctx: LintContext) -> list[LintIssue]:
    """Every chart's and SmartArt's text is in Times New Roman too: they are printed with the
    page. Sizes are not checked: NĐ 30 sets none for them."""
    issues = []
    for item in drawn(ctx.document):
        wrong = sorted(f for f in item.fonts if f.casefold() != FONT.casefold())
        if wrong:
            named = ", ".join(f"“{f}”" for f in wrong)
            issues.append(LintIssue("font-family", f"Phông chữ {named}, cần {FONT}", item.where))
    return issues


def check_colours(ctx: LintContext) -> list[LintIssue]:
    """Text printed black on white: a template's tags marked in yellow, or a value typed in red,
    stay so in every document made from it. Said once each, with how many paragraphs."""
    marked: list[Element] = []
    coloured: list[Element] = []
    for story in ctx.stories:
        for p in paragraphs(story.root):
            runs = ctx.text_runs(p)
            if any(_background(ctx, r, p) for r in runs):
                marked.append(p)
            if any(_coloured(ctx, r, p) for r in runs):
                coloured.append(p)
    issues = []
    for rule, found, what, mend in (
        ("text-highlight", marked, "Chữ tô nền (highlight)", "Màu tô sáng văn bản › Không màu"),
        ("text-color", coloured, "Chữ màu khác màu đen", "Màu phông › Tự động"),
    ):
        if found:
            many = f" ở {len(found)} đoạn kể từ đoạn này" if len(found) > 1 else ""
            message = (
                f"{what}{many}: văn bản in ra giữ nguyên màu đó; chọn chữ rồi chọn Trang chủ › "
                f"{mend}"
            )
            issues.append(ctx.issue(rule, message, found[0]))
    return issues


def _property(ctx: LintContext, r: Element, p: Element, tag: str) -> Element | None:
    """The run's property as Word applies it: the run's own, else its styles'."""
    for rpr in ctx.styles.run_chain(r, p):
        found = rpr.find(q(tag))
        if found is not None:
            return found
    return None


def _background(ctx: LintContext, r: Element, p: Element) -> bool:
    highlight = _property(ctx, r, p, "w:highlight")
    shading = _property(ctx, r, p, "w:shd")
    fill = (shading.get(q("w:fill")) or "auto").lower() if shading is not None else "auto"
    lit = highlight is not None and highlight.get(q("w:val")) not in (None, "none")
    return lit or fill not in ("auto", "ffffff")


def _coloured(ctx: LintContext, r: Element, p: Element) -> bool:
    colour = _property(ctx, r, p, "w:color")
    if colour is None:
        return False
    theme = colour.get(q("w:themeColor"))
    if theme is not None:
        return theme not in ("text1", "dark1")
    return (colour.get(q("w:val")) or "auto").lower() not in ("auto", "000000")


def check_leftovers(ctx: LintContext) -> list[LintIssue]:
    """No template tags and no None/nan printed for missing values (rendered documents only)."""
    if ctx.template:
        return []
    issues = []
    for story in ctx.stories:
        for p in paragraphs(story.root):
            text = ctx.text(p)
            tags = [m.group(0) for m in LEFTOVER_TAG.finditer(text)]
            values = [m.group(0) for m in LEFTOVER_VALUE.finditer(text)]
            if tags:
                found = ", ".join(f"“{t}”" for t in dict.fromkeys(tags))
                message = f"Còn sót thẻ mẫu chưa được điền: {found}"
                issues.append(ctx.issue("leftover", message, p))
            if values:
                found = ", ".join(f"“{v}”" for v in dict.fromkeys(values))
                message = f"Còn sót giá trị trống {found} (dữ liệu thiếu khi điền mẫu)"
                issues.append(ctx.issue("leftover", message, p))
    return issues
