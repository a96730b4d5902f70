"""Template blocks that open in one place of the Word document and close in another.

A `{% if %}` opened in a table cell and closed after the table still renders, but what it keeps
or drops cuts through the table: the document loses its heading, or every later paragraph ends up
inside one cell. A block's opening and closing tags must sit at the same level of the document
(the same paragraph, cell or row, or between the same paragraphs); docxtpl's `{%p %}`, `{%tr %}`
and `{%tc %}` tags are moved to their paragraph's, row's or cell's place before this is checked.
The same level means the same table, row and cell too: a `{% for %}` typed in one table and its
`{% endfor %}` in another (or in the next cell) keeps the XML whole but repeats the tables' ends
and the text between them, or merges two cells into one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# An XML tag, or a Jinja statement; a docxtpl template's XML has no ">" inside attribute values.
_TOKEN = re.compile(r"<(/?)([\w:.-]+)[^>]*?(/?)>|\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_OPENS = {"if", "for", "macro", "call", "filter", "with", "block"}
_MIDDLE = {"elif", "else"}
_TABLE_PARTS = {"w:tbl", "w:tr", "w:tc"}  # told apart one by one, not only by their kind
_CONTAINERS = {
    "w:tc": "một ô bảng",
    "w:tr": "một dòng bảng",
    "w:tbl": "một bảng",
    "w:p": "một đoạn",
}


@dataclass(frozen=True)
class Misplaced:
    """A block whose tags sit at different levels: what to say, its opening tag as quoted, and
    how many tags of the same text come before that one in the part (to find it in Word)."""

    said: str
    opened: str
    nth: int


def misplaced_block(xml: str) -> Misplaced | None:
    """The first block whose tags sit at different levels of the document, said in Vietnamese
    (None when every block opens and closes at one level)."""
    elements: list[str] = []  # "w:tc#12": a table's part with its number in the document
    blocks: list[tuple[str, tuple[str, ...], int]] = []
    seen: Counter[str] = Counter()
    for count, match in enumerate(_TOKEN.finditer(xml)):
        closing, name, empty, keyword, rest = match.groups()
        if name is not None:
            if closing:
                if elements:
                    elements.pop()
            elif not empty:
                elements.append(f"{name}#{count}" if name in _TABLE_PARTS else name)
            continue
        tag = "{% " + f"{keyword} {rest.strip()}".strip() + " %}"
        opens = keyword in _OPENS or (keyword == "set" and "=" not in rest)
        if opens:
            blocks.append((tag, tuple(elements), seen[tag]))
            seen[tag] += 1
        elif (keyword in _MIDDLE or keyword.startswith("end")) and blocks:
            opened, where, nth = blocks[-1]
            if where != tuple(elements):
                return Misplaced(_said(opened, where, tag, tuple(elements)), opened, nth)
            if keyword.startswith("end"):
                blocks.pop()
    return None


def _said(opened: str, where: tuple[str, ...], closed: str, here: tuple[str, ...]) -> str:
    """Where each tag of a misplaced block is, as a Word user sees it."""
    there, other = _place(where), _place(here)
    if other == there:  # two cells, rows or tables: the same kind of place, not the same one
        other += " khác"
    return (
        f"thẻ “{opened}” nằm trong {there} nhưng thẻ “{closed}” của nó nằm trong "
        f"{other}: phần được giữ hay bỏ sẽ cắt ngang bảng hay đoạn văn. Hãy đặt cả hai thẻ "
        "trong cùng một đoạn, cùng một ô bảng, hoặc mỗi thẻ một đoạn riêng với {%p … %}, mỗi thẻ "
        "một dòng bảng riêng với {%tr … %}"
    )


def _place(elements: tuple[str, ...]) -> str:
    """The innermost table or paragraph around a tag."""
    kinds = [name.partition("#")[0] for name in elements]
    for kind in reversed(kinds):
        if kind in _CONTAINERS and (kind != "w:p" or "w:tc" not in kinds):
            return _CONTAINERS[kind]
    return "thân văn bản"
