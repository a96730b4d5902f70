"""Text typed beside docxtpl's paragraph-level tags: `{%p %}`, `{%tr %}` and `{%tc %}` replace
their whole paragraph, table row or cell with the tag when a document is made, so any other text
in that paragraph never reaches a document, without an error. Someone editing a template in Word
types into what looks like an empty line holding only a tag; lint says so."""

from __future__ import annotations

import re

from pipeline.lint.model import LintIssue
from pipeline.render.places import Story

RULE = "template-level-tag"
# docxtpl's tags that stand for their whole paragraph, row or cell ({%r %} is a run's: not here).
_LEVEL_TAG = re.compile(r"\{%-?\s*(p|tr|tc)\s.*?%\}", re.S)
_WHOLE = {"p": "cả đoạn", "tr": "cả dòng bảng", "tc": "cả ô bảng"}
_ALONE = {"p": "một đoạn", "tr": "một dòng bảng", "tc": "một ô bảng"}


def level_tag_issues(story: Story) -> list[LintIssue]:
    """Every paragraph holding a paragraph-, row- or cell-level tag and other text besides."""
    issues = []
    for text, place in zip(story.texts, story.places, strict=True):
        tag = _LEVEL_TAG.search(text)
        left = _LEVEL_TAG.sub("", text).strip()
        if tag is None or not left:
            continue
        level = tag.group(1)
        issues.append(
            LintIssue(
                RULE,
                f"chữ “{_short(left)}” nằm cùng đoạn với thẻ “{' '.join(tag.group(0).split())}”: "
                f"khi tạo văn bản, {_WHOLE[level]} được thay bằng thẻ đó nên chữ này bị mất. Hãy "
                f"để thẻ {{%{level} … %}} một mình {_ALONE[level]}, chữ sang đoạn khác",
                place,
            )
        )
    return issues


def _short(text: str, most: int = 40) -> str:
    """A text quoted in a message: its beginning when long."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
