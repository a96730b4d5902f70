"""Header block rules: quốc hiệu, tiêu ngữ, cơ quan chủ quản/ban hành, số ký hiệu, địa danh-ngày."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.lint.checks import Look, expect
from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element
from pipeline.lint.layout import (
    MOTTO,
    NATIONAL,
    PLACE_DATE,
    SO_LINE,
    HeaderBlock,
    Layout,
    is_national,
    normalize_upper,
)
from pipeline.lint.lines import rule_under
from pipeline.lint.model import LintIssue, fmt_num

MOTTO_TEXTS = ("Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc")
# Phụ lục III's type codes TTr and CTr carry a lower-case "r", so the first group allows it.
SO_PATTERN = re.compile(r"^Số: *(\d{2,}|\s*)/[A-ZĐ]+r?(-[A-ZĐ0-9]+)+$")
DATE_OK = re.compile(r"ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}")
DATE_BLANK = re.compile(r"ngày\s+tháng\s+năm \d{4}")
_DATE_LOOSE = re.compile(r"ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm\s*(\d*)")
_RULE_WIDTH = (1 / 4, 2 / 3)


def _spaces(text: str) -> str:
    """Tabs, line breaks and no-break spaces count as plain spaces."""
    return re.sub(r"[\t\n\u00a0\u202f]", " ", text).strip()


def _first(
    ctx: LintContext, paras: list[Element], test: Callable[[Element], bool]
) -> Element | None:
    return next((p for p in paras if ctx.has_text(p) and test(p)), None)


def check_header(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """Check every header element that is present."""
    header = layout.header
    if header is None:
        return []
    right = header.right_paragraphs() or header.left_paragraphs()
    national = _first(ctx, right, lambda p: is_national(ctx, p))
    motto = _first(ctx, right, lambda p: bool(MOTTO.search(ctx.visible(p))))
    place = _first(ctx, right, lambda p: bool(PLACE_DATE.search(ctx.visible(p))))
    return [
        *_check_national(ctx, national),
        *_check_motto(ctx, header, motto, national),
        *_check_bodies(ctx, header, {national, motto, place}),
        *_check_place_date(ctx, place),
    ]


def _check_national(ctx: LintContext, p: Element | None) -> list[LintIssue]:
    if p is None:
        return []
    issues = expect(
        ctx, p, "national-title", "Quốc hiệu", Look(upper=True, bold=True, size=(12, 13))
    )
    text = ctx.visible(p).strip()
    if "\n" in text or normalize_upper(text) != NATIONAL:
        message = f"Quốc hiệu: cần đúng “{NATIONAL}” trên một dòng (một đoạn, không ngắt dòng)"
        issues.append(ctx.issue("national-title", message, p))
    return issues


def _check_motto(
    ctx: LintContext, header: HeaderBlock, p: Element | None, national: Element | None
) -> list[LintIssue]:
    if p is None:
        if national is None:
            return []
        return [
            ctx.issue(
                "motto", "Thiếu tiêu ngữ “Độc lập - Tự do - Hạnh phúc” dưới Quốc hiệu", national
            )
        ]
    issues = expect(ctx, p, "motto", "Tiêu ngữ", Look(bold=True, size=(13, 14)))
    text = " ".join(ctx.visible(p).split())
    if text not in MOTTO_TEXTS:
        message = (
            f"Tiêu ngữ: “{text}”, cần đúng “{MOTTO_TEXTS[0]}” "
            "(viết hoa chữ đầu mỗi cụm, gạch nối có dấu cách hai bên)"
        )
        issues.append(ctx.issue("motto", message, p))
    sizes, national_sizes = ctx.sizes(p), ctx.sizes(national) if national is not None else set()
    if len(sizes) == 1 and len(national_sizes) == 1:
        size, wanted = next(iter(sizes)), next(iter(national_sizes)) + 1
        if size != wanted:
            message = (
                f"Tiêu ngữ: cỡ chữ {fmt_num(size)} pt, cần lớn hơn Quốc hiệu 1 pt "
                f"({fmt_num(wanted)} pt)"
            )
            issues.append(ctx.issue("motto", message, p))
    if rule_under(ctx, p, header.next_in_cell(p)) is None:
        message = "Tiêu ngữ: thiếu đường kẻ ngang nét liền bên dưới"
        issues.append(ctx.issue("motto-rule", message, p))
    return issues


def _left_lines(
    ctx: LintContext, header: HeaderBlock, skip: set[Element | None]
) -> tuple[list[Element], Element | None]:
    """Return the left column's lines before the Số line (or up to the first rule), and Số."""
    lines: list[Element] = []
    for p in header.left_paragraphs():
        if not ctx.has_text(p):
            continue
        if SO_LINE.match(ctx.visible(p)):
            return lines, p
        if p in skip:
            continue
        lines.append(p)
    with_rule = [p for p in lines if rule_under(ctx, p, header.next_in_cell(p)) is not None]
    return (lines[: lines.index(with_rule[0]) + 1] if with_rule else lines), None


def _check_bodies(
    ctx: LintContext, header: HeaderBlock, skip: set[Element | None]
) -> list[LintIssue]:
    """Check cơ quan chủ quản, cơ quan ban hành (and its rule) and the Số line."""
    lines, so = _left_lines(ctx, header, skip)
    issues = _check_so(ctx, so)
    if not lines:
        return issues
    # The rule marks the issuer best; else it is the last upper-case line (the parent is first).
    ruled = [p for p in lines if rule_under(ctx, p, header.next_in_cell(p)) is not None]
    upper = [p for p in lines if ctx.is_upper(p)]
    issuer = (ruled or upper or lines)[-1]
    if len(lines) >= 2 and lines[0] is not issuer:
        issues += expect(
            ctx,
            lines[0],
            "parent-body",
            "Cơ quan chủ quản",
            Look(upper=True, bold=False, size=(12, 13)),
        )
    issues += expect(
        ctx, issuer, "issuer", "Cơ quan ban hành", Look(upper=True, bold=True, size=(12, 13))
    )
    return issues + _check_issuer_rule(ctx, header, issuer)


def _check_issuer_rule(ctx: LintContext, header: HeaderBlock, issuer: Element) -> list[LintIssue]:
    rule = rule_under(ctx, issuer, header.next_in_cell(issuer))
    if rule is None:
        message = "Cơ quan ban hành: thiếu đường kẻ ngang nét liền bên dưới tên cơ quan"
        return [ctx.issue("issuer-rule", message, issuer)]
    if rule.width is None or not rule.cell_width:
        return []
    ratio = rule.width / rule.cell_width
    if _RULE_WIDTH[0] <= ratio <= _RULE_WIDTH[1]:
        return []
    message = (
        f"Cơ quan ban hành: đường kẻ dài {fmt_num(ratio * 100)} % bề rộng ô, "
        "cần khoảng 1/3–1/2 (chấp nhận 1/4–2/3)"
    )
    return [ctx.issue("issuer-rule-width", message, issuer)]


def _check_so(ctx: LintContext, p: Element | None) -> list[LintIssue]:
    if p is None:
        return []
    issues = expect(ctx, p, "so-line", "Số, ký hiệu", Look(size=(13, 13), bold=False))
    if ctx.template:
        return issues
    text = ctx.visible(p)
    # Paragraph-only headers may put the date line after tabs on the same line.
    head, _, tail = text.partition("\t")
    if PLACE_DATE.search(tail):
        text = head
    text = _spaces(text)
    if not SO_PATTERN.match(text):
        hint = "số dưới 10 phải có số 0 đứng trước; " if re.match(r"^Số: *\d/", text) else ""
        message = (
            f"Số, ký hiệu “{text}” sai quy tắc: {hint}cần dạng “Số: 05/TTr-VHTT” "
            "(hoặc “Số:     /TTr-VHTT” khi chưa có số; “/” trước ký hiệu, “-” giữa các nhóm)"
        )
        issues.append(ctx.issue("so-line", message, p))
    return issues


def _check_place_date(ctx: LintContext, p: Element | None) -> list[LintIssue]:
    if p is None:
        return []
    issues = expect(ctx, p, "place-date", "Địa danh, ngày tháng", Look(italic=True, size=(13, 14)))
    if ctx.template:
        return issues
    text = _spaces(ctx.visible(p))
    if DATE_OK.search(text) or DATE_BLANK.search(text):
        return issues
    message = f"Ngày tháng “{text}” sai quy tắc: {_date_hint(text)}"
    return [*issues, ctx.issue("place-date", message, p)]


def _date_hint(text: str) -> str:
    """Say precisely which padding rule a date breaks."""
    found = _DATE_LOOSE.search(text)
    example = "ví dụ: ngày 05 tháng 02 năm 2024, ngày 15 tháng 10 năm 2024"
    if found is None:
        return f"cần dạng “Địa danh, ngày … tháng … năm …” ({example})"
    day, month, _ = found.groups()
    if day and len(day) == 1:
        return f"ngày dưới 10 phải có số 0 đứng trước ({example})"
    if month and month.isdigit() and int(month) in (1, 2) and len(month) == 1:
        return f"tháng 1 và 2 phải viết 01, 02 ({example})"
    if month and month.startswith("0") and month.isdigit() and int(month) >= 3:
        return f"từ tháng 3 trở đi không viết số 0 đứng trước (tháng {int(month)}; {example})"
    return f"ngày hoặc tháng không hợp lệ, hoặc sai khoảng cách ({example})"
