"""Check a .docx against the machine-checkable formatting rules of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

from pathlib import Path

from pipeline.lint.context import LintContext, has_tags
from pipeline.lint.docx_io import open_docx, stories
from pipeline.lint.layout import find_layout
from pipeline.lint.model import LintIssue
from pipeline.lint.rules_body import check_body, check_title
from pipeline.lint.rules_header import check_header
from pipeline.lint.rules_page import check_page, check_page_numbers
from pipeline.lint.rules_signature import check_signature
from pipeline.lint.rules_tables import check_tables
from pipeline.lint.rules_text import (
    check_colours,
    check_drawn_fonts,
    check_fonts,
    check_leftovers,
)
from pipeline.lint.run import FileResult, lint_paths, lint_text
from pipeline.lint.tags import BROKEN, check_tags

__all__ = ["FileResult", "LintIssue", "is_template", "lint_docx", "lint_paths", "lint_text"]


def is_template(path: Path) -> bool:
    """True when the document still contains docxtpl/Jinja tags ({{ … }}, {% … %})."""
    return has_tags(stories(open_docx(Path(path))))


def lint_docx(path: Path, *, template: bool | None = None) -> list[LintIssue]:
    """Return every NĐ 30 violation found in a .docx (template=None: detect it from the tags)."""
    ctx = LintContext(open_docx(Path(path)), template)
    tags = check_tags(Path(path)) if ctx.template else []
    if any(issue.rule == BROKEN for issue in tags):
        # Tags that do not parse hide which text a reader will see: the format is checked once
        # they are mended, never guessed from a half-parsed template.
        return tags
    layout = find_layout(ctx)
    issues = [
        *check_page(ctx),
        *check_page_numbers(ctx),
        *check_header(ctx, layout),
        *check_title(ctx, layout),
        *check_body(ctx, layout),
        *check_tables(ctx, layout),
        *check_signature(ctx, layout),
        *check_fonts(ctx),
        *check_drawn_fonts(ctx),
        *check_colours(ctx),
        *check_leftovers(ctx),
        *tags,
    ]
    return list(dict.fromkeys(issues))  # the same issue found twice is reported once
