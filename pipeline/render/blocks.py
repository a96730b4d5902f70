"""Template blocks that open in one place of the Word document and close in another.

A `{% if %}` opened in a table cell and closed after the table still renders, but what it keeps
or drops cuts through the table: the document loses its heading, or every later paragraph ends up
inside one cell. A block's opening and closing tags must sit at the same level of the document
(the same paragraph, cell or row, or between the same paragraphs); docxtpl's `{%p %}`, `{%tr %}`
and `{%tc %}` tags are moved to their paragraph's, row's or cell's place before this is checked.
"""

from __future__ import annotations

import re

# An XML tag, or a Jinja statement; a docxtpl template's XML has no ">" inside attribute values.
_TOKEN = re.compile(r"<(/?)([\w:.-]+)[^>]*?(/?)>|\{%-?\s*(\w+)(.*?)-?%\}", re.DOTALL)
_OPENS = {"if", "for", "macro", "call", "filter", "with", "block"}
_MIDDLE = {"elif", "else"}
_CONTAINERS = {
    "w:tc": "một ô bảng",
    "w:tr": "một dòng bảng",
    "w:tbl": "một bảng",
    "w:p": "một đoạn",
}


def misplaced_block(xml: str) -> str | None:
    """The first block whose tags sit at different levels of the document, said in Vietnamese
    (None when every block opens and closes at one level)."""
    elements: list[str] = []
    blocks: list[tuple[str, tuple[str, ...]]] = []
    for match in _TOKEN.finditer(xml):
        closing, name, empty, keyword, rest = match.groups()
        if name is not None:
            if closing:
                if elements:
                    elements.pop()
            elif not empty:
                elements.append(name)
            continue
        tag = "{% " + f"{keyword} {rest.strip()}".strip() + " %}"
        opens = keyword in _OPENS or (keyword == "set" and "=" not in rest)
        if opens:
            blocks.append((tag, tuple(elements)))
        elif (keyword in _MIDDLE or keyword.startswith("end")) and blocks:
            opened, where = blocks[-1]
            if where != tuple(elements):
                return _said(opened, where, tag, tuple(elements))
            if keyword.startswith("end"):
                blocks.pop()
    return None


def _said(opened: str, where: tuple[str, ...], closed: str, here: tuple[str, ...]) -> str:
    """Where each tag of a misplaced block is, as a Word user sees it."""
    return (
        f"thẻ “{opened}” nằm trong {_place(where)} nhưng thẻ “{closed}” của nó nằm trong "
        f"{_place(here)}: phần được giữ hay bỏ sẽ cắt ngang bảng hay đoạn văn. Hãy đặt cả hai thẻ "
        "trong cùng một đoạn, cùng một ô bảng, hoặc mỗi thẻ một đoạn riêng với {%p … %}, mỗi thẻ "
        "một dòng bảng riêng với {%tr … %}"
    )


def _place(elements: tuple[str, ...]) -> str:
    """The innermost table or paragraph around a tag."""
    for name in reversed(elements):
        if name in _CONTAINERS and (name != "w:p" or "w:tc" not in elements):
            return _CONTAINERS[name]
    return "thân văn bản"
