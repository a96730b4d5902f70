"""A template's tags checked as `hoso build` checks them: Jinja syntax, blocks, variables."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pipeline.documents import template_keys
from pipeline.lint.fields import field_issues
from pipeline.lint.level_tags import level_tag_issues
from pipeline.lint.model import LintIssue
from pipeline.lint.shapes import SHAPES
from pipeline.render.places import read_stories
from pipeline.render.renderer import BLOCK, NOTED, SYNTAX, TRACKED, Renderer, TagProblem
from pipeline.render.templates import TemplateSet, nearest_template

WHERE = "thẻ của mẫu"  # a problem of the tags whose place in the document is not known
# Tags that do not parse, or changes tracked in Word: the template's text cannot be known.
BROKEN = "template-syntax"


def check_tags(path: Path) -> list[LintIssue]:
    """The template's syntax errors, misplaced blocks and unknown variables, in the build's words,
    each where it is in the document."""
    known = template_keys()
    allowed = known.get(path.name) or {key for keys in known.values() for key in keys}
    issues = [] if path.name in known else [_unknown_name(path, known)]
    renderer = Renderer(TemplateSet((path.parent,)))
    problems = renderer.tag_problems(path.name, allowed, known, SHAPES.get(path.name))
    issues += [_issue(problem) for problem in problems]
    stories = read_stories(path.read_bytes())
    issues += [issue for story in stories for issue in level_tag_issues(story)]
    shapes = SHAPES.get(path.name)
    if shapes is None or any(issue.rule == BROKEN for issue in issues):
        return issues  # a name hoso never looks for: its documents' values are not known
    for story in stories:
        issues += field_issues(story, shapes, set(allowed))
    return issues


def _issue(problem: TagProblem) -> LintIssue:
    """One problem of the build's pre-flight, where it is."""
    rule = BROKEN if problem.kind in (SYNTAX, TRACKED) else "template-tags"
    if problem.kind == NOTED:
        rule = "template-comments"
    said = problem.said
    if problem.kind == BLOCK and problem.place:  # the place says it: not the package's part name
        said = said.split("): ", 1)[-1]
    return LintIssue(rule, said, problem.place or WHERE)


def _unknown_name(path: Path, known: Collection[str]) -> LintIssue:
    """A template whose file name hoso never looks for."""
    return LintIssue(
        "template-name",
        f"“{path.name}” không phải tên một mẫu của hoso ({nearest_template(path.name, known)}"
        "các tên: hoso templates): hoso build dừng khi thư mục mẫu có tệp này; biến được kiểm "
        "tra theo mọi mẫu",
        "tên tệp",
    )
