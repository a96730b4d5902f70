"""One reusable check of a paragraph's case, size, bold, italics and alignment against expectations."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element
from pipeline.lint.model import LintIssue, fmt_pt, fmt_range

ALIGN_NAMES = {
    "left": "căn trái",
    "right": "căn phải",
    "center": "căn giữa",
    "both": "căn đều hai bên",
    "distribute": "căn đều hai bên",
}
# Half a point of slack: sizes come from half-point units, floats compare exactly otherwise.
_EPS = 0.01


def size_problem(sizes: set[float], lo: float, hi: float) -> str | None:
    """Describe sizes outside lo–hi or mixed within one element; None when fine."""
    if not sizes:
        return None
    if len(sizes) > 1:
        return f"cỡ chữ không đồng nhất ({fmt_pt(sizes)}), cần {fmt_range(lo, hi)}"
    size = next(iter(sizes))
    if lo - _EPS <= size <= hi + _EPS:
        return None
    return f"cỡ chữ {fmt_pt(sizes)}, cần {fmt_range(lo, hi)}"


def _toggle_problem(flags: list[bool], want: bool, on: str, off: str) -> str | None:
    if not flags:
        return None
    if want and not all(flags):
        return f"chưa {on}, cần {on}" if not any(flags) else f"có chữ chưa {on}, cần {on} cả dòng"
    if not want and any(flags):
        return f"đang {on}, cần {off}"
    return None


@dataclass(frozen=True)
class Look:
    """How a paragraph must look; None (or False for `upper`) means "not checked"."""

    upper: bool = False
    size: tuple[float, float] | None = None
    bold: bool | None = None
    italic: bool | None = None
    align: str | None = None


def expect(
    ctx: LintContext, p: Element | None, rule: str, label: str, look: Look
) -> list[LintIssue]:
    """Check p against how it must look; one issue per property that is wrong."""
    if p is None or not ctx.text_runs(p):
        return []
    problems = []
    if look.upper and not ctx.is_upper(p):
        problems.append("chưa viết in hoa toàn bộ, cần CHỮ IN HOA")
    if look.size is not None:
        problems.append(size_problem(ctx.sizes(p), *look.size))
    if look.bold is not None:
        problems.append(_toggle_problem(ctx.flags(p, "w:b"), look.bold, "in đậm", "chữ không đậm"))
    if look.italic is not None:
        flags = ctx.flags(p, "w:i")
        italic = _toggle_problem(flags, look.italic, "in nghiêng", "chữ đứng (không nghiêng)")
        problems.append(italic)
    if look.align is not None and ctx.alignment(p) != look.align:
        actual = ALIGN_NAMES.get(ctx.alignment(p), ctx.alignment(p))
        problems.append(f"{actual}, cần {ALIGN_NAMES[look.align]}")
    return [ctx.issue(rule, f"{label}: {text}", p) for text in problems if text]
