"""Signature block rules: authority and title lines, the signer's name, Nơi nhận and recipients."""

from __future__ import annotations

import re

from pipeline.lint.checks import Look, expect
from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element
from pipeline.lint.layout import NOI_NHAN, SO_LINE, Layout, is_authority, normalize_upper
from pipeline.lint.model import LintIssue

SIGN_SIZE = (13.0, 14.0)
_NOTE = re.compile(r"^\(.*\)$", re.S)
# An issuer that is a Ủy ban or Hội đồng nhân dân itself ("ỦY BAN NHÂN DÂN / XÃ BÙ GIA MẬP"),
# not an office under it ("UBND HUYỆN X / PHÒNG VĂN HÓA"): a place of at most four words.
_COLLECTIVE = re.compile(
    r"(?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND) "
    r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)(?: [^ ]+){1,4}"
)
# A Chủ tịch's own decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …" above its Căn cứ): "KT." alone.
_HEADS_OWN = re.compile(r"^CHỦ TỊCH (?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|HĐND)\b")


def _clean(ctx: LintContext, p: Element) -> str:
    return re.sub(r"[\t\u00a0]", " ", ctx.visible(p)).strip()


def check_signature(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """Check each cell (or the trailing paragraphs) of the signature block."""
    issues: list[LintIssue] = []
    for cell in layout.signature:
        lines = [p for p in cell if ctx.has_text(p)]
        start = next((i for i, p in enumerate(lines) if NOI_NHAN.match(ctx.visible(p))), None)
        if start is None:
            issues += _check_signers(ctx, lines)
            continue
        end = next(
            (j for j in range(start + 1, len(lines)) if is_authority(ctx, lines[j])), len(lines)
        )
        issues += _check_noi_nhan(ctx, lines[start], lines[start + 1 : end])
        issues += _check_signers(ctx, lines[:start] + lines[end:])
    return issues + _check_collective(ctx, layout)


def _check_collective(ctx: LintContext, layout: Layout) -> list[LintIssue]:
    """A deputy signing a Ủy ban or Hội đồng nhân dân's document signs for the body too: "TM."
    above "KT. CHỦ TỊCH" (NĐ 30, Phụ lục I); a Chủ tịch's own decision has "KT." alone."""
    if layout.header is None or ctx.template:
        return []
    issuer = " ".join(
        normalize_upper(ctx.visible(p))
        for p in layout.header.left_paragraphs()
        if ctx.has_text(p) and not SO_LINE.match(ctx.visible(p))
    )
    if not _COLLECTIVE.fullmatch(issuer):
        return []
    if any(_HEADS_OWN.match(normalize_upper(ctx.visible(p))) for p in layout.body):
        return []
    for cell in layout.signature:
        titles = [p for p in cell if ctx.has_text(p) and is_authority(ctx, p)]
        first = normalize_upper(ctx.visible(titles[0])) if titles else ""
        if first.startswith("KT."):
            message = (
                "Chữ ký: cơ quan làm việc theo chế độ tập thể, cấp phó ký thay Chủ tịch thì ghi "
                "“TM. ỦY BAN NHÂN DÂN” (hoặc tên tập thể) trên dòng “KT. CHỦ TỊCH” "
                "(Nghị định 30/2020/NĐ-CP, Phụ lục I)"
            )
            return [ctx.issue("signer-collective", message, titles[0])]
    return []


def _check_signers(ctx: LintContext, lines: list[Element]) -> list[LintIssue]:
    """Authority lines and the name are bold 13–14; notes in brackets italic, not bold."""
    notes = [p for p in lines if _NOTE.match(_clean(ctx, p))]
    titles = [p for p in lines if p not in notes and ctx.is_upper(p)]
    if not titles:
        return []
    issues: list[LintIssue] = []
    for p in titles:
        issues += expect(
            ctx, p, "signer", "Quyền hạn, chức vụ người ký", Look(bold=True, size=SIGN_SIZE)
        )
    for p in notes:
        issues += expect(
            ctx, p, "signer", "Ghi chú ký", Look(italic=True, bold=False, size=SIGN_SIZE)
        )
    names = [p for p in lines if p not in notes and p not in titles]
    # The name comes last, under the signature space; lines before the title are not names.
    if names and lines.index(names[-1]) > lines.index(titles[-1]):
        issues += expect(
            ctx, names[-1], "signer", "Họ tên người ký", Look(bold=True, size=SIGN_SIZE)
        )
    return issues


def _check_noi_nhan(ctx: LintContext, label: Element, recipients: list[Element]) -> list[LintIssue]:
    """Check the label (12 pt bold italic) and each recipient (11 pt, "- …;", last "- Lưu….")."""
    issues = expect(ctx, label, "noi-nhan", "Nơi nhận", Look(size=(12, 12), bold=True, italic=True))
    for i, p in enumerate(recipients):
        issues += expect(ctx, p, "recipients", "Nơi nhận", Look(size=(11, 11), bold=False))
        if ctx.template:
            continue  # the lines' wording is filled in later; only their format shows now
        text = _clean(ctx, p)
        if i == len(recipients) - 1:
            if not (text.startswith("- Lưu") and text.endswith(".")):
                message = "Nơi nhận: dòng cuối phải là “- Lưu: VT, …” và kết thúc bằng dấu chấm “.”"
                issues.append(ctx.issue("recipients", message, p))
        elif not (text.startswith("- ") and text.endswith(";")):
            message = "Nơi nhận: mỗi dòng phải bắt đầu bằng gạch đầu dòng “- ” và kết thúc bằng dấu chấm phẩy “;”"
            issues.append(ctx.issue("recipients", message, p))
    if not recipients:
        issues.append(ctx.issue("recipients", "Nơi nhận: chưa có dòng nào dưới nhãn", label))
    return issues
