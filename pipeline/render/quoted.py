"""A variable's name typed in quotes: `{{ “ho_ten” }}` (Word's AutoCorrect curls quotes typed
around a name) prints the name itself in every document, not its value, without an error. docxtpl
straightens curly quotes inside tags, so this is a text constant to Jinja; said where it is."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from jinja2 import TemplateSyntaxError, nodes

from pipeline.render.places import Story

_NAME = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")


def quoted_names(story: Story, known: Collection[str]) -> list[tuple[str, str]]:
    """Each tag of a story printing, testing or looping over a quoted variable's name: its
    place and what to do."""
    try:
        tree = story.parse()
    except TemplateSyntaxError:
        return []  # said by the syntax check
    names = set(known) | {n.name for n in tree.find_all(nodes.Name) if n.ctx == "store"}
    found = []
    for const in _used_whole(tree):
        text = const.value.strip()
        if _NAME.fullmatch(text) and text.split(".")[0] in names:
            found.append((story.where(const.lineno), _said(text)))
    return list(dict.fromkeys(found))


def _used_whole(tree: nodes.Template) -> Iterator[nodes.Const]:
    """Text constants standing where a variable is expected: a whole {{ }} (filters allowed),
    a condition, a loop's list. A constant compared with (`== "ca_nhan"`) is meant as text."""
    wholes: list[nodes.Node] = []
    for output in tree.find_all(nodes.Output):
        wholes += [n for n in output.nodes if not isinstance(n, nodes.TemplateData)]
    wholes += [n.test for n in tree.find_all(nodes.If)]
    wholes += [n.iter for n in tree.find_all(nodes.For)]
    for node in wholes:
        while isinstance(node, nodes.Filter) and node.node is not None:
            node = node.node
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            yield node


def _said(name: str) -> str:
    """What a quoted name does, and the fix."""
    return (
        f"tên biến “{name}” nằm trong dấu nháy (Word tự đổi dấu nháy khi gõ) nên mọi văn bản in "
        f"đúng chữ “{name}” thay cho giá trị của biến: hãy xóa hai dấu nháy, viết {{{{ {name} }}}}"
    )
