"""A template's tags that reach into a value the wrong way ({{ so.ten }}, {{ ky.chuc_vu }},
{{ ca_nhan.ho_ten }}), found by the declared shapes of the built-in templates (the walk itself is
pipeline.render.fields: the build's pre-flight says the same)."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.lint.model import LintIssue
from pipeline.lint.shapes import SHAPES, Shape
from pipeline.render.fields import field_problems
from pipeline.render.places import Story

RULE = "template-field"


def field_issues(story: Story, shapes: Mapping[str, Shape], known: set[str]) -> list[LintIssue]:
    """Every tag of a story reaching into a value that has no such part, and every variable of
    the template's kind its own documents do not have, in the order of the document."""
    found = field_problems(story, shapes, known, _others)
    return [LintIssue(RULE, said, place) for place, said in found]


def _others(name: str) -> str:
    """The built-in templates whose documents have this variable."""
    return ", ".join(file for file, keys in SHAPES.items() if name in keys)
