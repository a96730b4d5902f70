"""The body's end kept with the signature block: a signature never stands alone on a page.

Works on the template's XML, where docxtpl's tag paragraphs ({%p if %}, {%tr for %}) sit among
the text: the last printed paragraph, a loop's last item or a data table's last row keeps with
the next, never a whole list (which could not fit a page).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

_TAG = re.compile(r"\{%(p|tr) (\w+)\b.*%\}")
_OPENS, _CLOSES = {"if": "endif", "for": "endfor"}, {"endif": "if", "endfor": "for"}


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()


def _tag(element: etree._Element, kind: str = "p") -> str | None:
    """The keyword of a docxtpl tag paragraph ("if", "endfor"…), None for a paragraph of text."""
    found = _TAG.fullmatch(_text(element))
    return found.group(2) if found and found.group(1) == kind else None


def _keep(element: etree._Element) -> None:
    """Keep-with-next on every paragraph of an element (a paragraph, a row, a table)."""
    paragraphs = [element] if element.tag == qn("w:p") else list(element.iter(qn("w:p")))
    for p in paragraphs:
        p.get_or_add_pPr().keepNext_val = True


def keep_rows(rows: Sequence[etree._Element]) -> None:
    """Rows that stay on one page each and keep with what follows: a table "kept with next"."""
    for row in rows:
        _keep(row)


def _last_of_loop(first: etree._Element, last: etree._Element, kind: str) -> None:
    """Make the last repetition of a loop's body (elements first…last) keep with what follows:
    the body becomes {% if loop.last %} a kept copy {% else %} the body {% endif %}."""
    body = []
    element = first
    while True:
        body.append(element)
        if element is last:
            break
        element = element.getnext()
    if kind == "tr":
        tags = [_loop_row(first, text) for text in ("{%tr if loop.last %}", "{%tr else %}")]
        end = _loop_row(first, "{%tr endif %}")
    else:
        tags = [_tag_paragraph(first, text) for text in ("{%p if loop.last %}", "{%p else %}")]
        end = _tag_paragraph(first, "{%p endif %}")
    first.addprevious(tags[0])
    anchor = tags[0]
    for element in body:
        kept = deepcopy(element)
        _keep(kept)
        anchor.addnext(kept)
        anchor = kept
    anchor.addnext(tags[1])
    last.addnext(end)


def _tag_paragraph(like: etree._Element, text: str) -> etree._Element:
    """A paragraph holding only a docxtpl tag, in the style of `like`."""
    p = deepcopy(like)
    for run in p.findall(qn("w:r")):
        p.remove(run)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    p.append(run)
    return p


def _loop_row(like: etree._Element, text: str) -> etree._Element:
    """A table row holding only a docxtpl row tag in its first cell, shaped like `like`."""
    row = deepcopy(like)
    for i, cell in enumerate(row.findall(qn("w:tc"))):
        paragraphs = cell.findall(qn("w:p"))
        for extra in paragraphs[1:]:
            cell.remove(extra)
        cell.replace(paragraphs[0], _tag_paragraph(paragraphs[0], text if i == 0 else ""))
    return row


def _keep_table(table: etree._Element) -> None:
    """Keep a table's last printed row with what follows it: a data table's last repetition
    (its {%tr for %} row loop), else its last row."""
    rows = table.findall(qn("w:tr"))
    tags = [_tag(row, "tr") for row in rows]
    if "endfor" in tags:
        end = len(tags) - 1 - tags[::-1].index("endfor")
        start = max(i for i in range(end) if tags[i] == "for")
        if end - start > 1:
            _last_of_loop(rows[start + 1], rows[end - 1], "tr")
            return
    keep_rows(rows[-1:])


def keep_body_end(before: etree._Element, stop: etree._Element | None = None) -> None:
    """Keep the body's last printed paragraph (or table row) with the element `before`.

    Walking back from `before` (not past `stop`) over docxtpl's tag paragraphs: a {%p if %}
    block may print nothing, so what is before it may end the body too and is kept as well; of
    a {%p for %} loop only the last repetition is kept (an {% if loop.last %} copy of its body),
    never every one, which would glue a long list into one block. The first paragraph or table
    printed whatever the data is, is the last one kept.
    """
    element = before.getprevious()
    while element is not None and element is not stop:
        if element.tag == qn("w:tbl"):
            _keep_table(element)
            return
        tag = _tag(element) if element.tag == qn("w:p") else "?"
        if tag is None:
            _keep(element)
            return
        if tag not in _CLOSES:
            element = element.getprevious()  # an else, or something not a paragraph
            continue
        # A block ends here: keep its last printed content, then go on before the block.
        opener = _opener(element, _CLOSES[tag])
        if tag == "endfor" and opener.getnext() is not element:
            _last_of_loop(opener.getnext(), element.getprevious(), "p")
        elif tag == "endif":
            keep_body_end(element, stop=opener)
        element = opener.getprevious()


def _opener(end: etree._Element, keyword: str) -> etree._Element:
    """The {%p if %} or {%p for %} paragraph an {%p endif %} or {%p endfor %} closes."""
    depth, element = 0, end.getprevious()
    while element is not None:
        tag = _tag(element) if element.tag == qn("w:p") else None
        if tag in _OPENS:
            if depth == 0:
                if tag != keyword:
                    raise ValueError(f"{{%p {tag} %}} closed as a {keyword}")
                return element
            depth -= 1
        elif tag in _CLOSES:
            depth += 1
        element = element.getprevious()
    raise ValueError(f"no {{%p {keyword} %}} opens this block")
