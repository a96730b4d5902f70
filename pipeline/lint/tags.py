"""A template's tags checked as `hoso build` checks them: Jinja syntax, blocks, variables."""

from __future__ import annotations

from pathlib import Path

from pipeline.documents import template_keys
from pipeline.errors import TemplateError
from pipeline.lint.model import LintIssue
from pipeline.render.renderer import Renderer
from pipeline.render.templates import TemplateSet

WHERE = "thẻ của mẫu"
BROKEN = "template-syntax"  # tags that do not parse: the template's text cannot be known


def check_tags(path: Path) -> list[LintIssue]:
    """The template's syntax errors, misplaced blocks and unknown variables, in the build's words."""
    known = template_keys()
    allowed = known.get(path.name) or {key for keys in known.values() for key in keys}
    issues = [] if path.name in known else [_unknown_name(path)]
    try:
        Renderer(TemplateSet((path.parent,))).preflight({path.name: allowed})
    except TemplateError as exc:
        issues += [_issue(line, path) for line in str(exc).splitlines() if line.strip()]
    return issues


def _issue(line: str, path: Path) -> LintIssue:
    """One problem of the build's pre-flight, without the template's name the report heads."""
    for prefix in (f"Mẫu {path}: ", f"Mẫu {path} "):
        line = line.removeprefix(prefix)
    rule = BROKEN if "lỗi cú pháp" in line else "template-tags"
    return LintIssue(rule, line.rstrip("."), WHERE)


def _unknown_name(path: Path) -> LintIssue:
    """A template whose file name hoso never looks for."""
    return LintIssue(
        "template-name",
        f"“{path.name}” không phải tên một mẫu của hoso (các tên: hoso templates): hoso build "
        "không dùng tệp này; biến được kiểm tra theo mọi mẫu",
        "tên tệp",
    )
