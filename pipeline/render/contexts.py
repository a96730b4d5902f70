"""What a document's context holds: plain values the fast path renders exactly as docxtpl does,
or objects that need the package (pictures, hyperlinks, sub-documents) and docxtpl's full path.

hoso's own contexts hold texts, numbers, booleans, lists and dicts only; the template variable list
(`hoso templates`) says pictures, formatted text and sub-documents are not offered. A context that
holds anything else still renders: it is routed to docxtpl's full path, never to the fast one.
"""

from __future__ import annotations

import copy
import datetime
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

# docxtpl (with python-docx and jinja2) is imported when a context is rendered: `hoso check` and
# `hoso templates` import this module through the CLI for VALUES_NOTE alone.
if TYPE_CHECKING:
    from docxtpl import DocxTemplate

# What `hoso templates` tells a template author about the values of variables.
VALUES_NOTE = (
    "Giá trị của biến: chữ, số, đúng/sai, danh sách và nhóm {…} của chúng. hoso không đưa ảnh "
    "(InlineImage), chữ định dạng hay liên kết (RichText) và văn bản con (Subdoc) vào biến; ảnh cố "
    "định (quốc huy, biểu trưng) hãy đặt thẳng trong tệp Word. Thẻ của docxtpl dùng được cả ở đầu "
    "trang, chân trang: {%tr %}, {%tc %}, {%p %}, {%r %}, {% vm %}, {% hm %}, {% cellbg %}, "
    "{% colspan %}, ghi chú {# … #}."
)


@functools.cache
def _kinds() -> tuple[tuple[type, ...], tuple[type, ...]]:
    """Values whose rendering depends on the context alone, never on the package being rendered;
    and docxtpl's formatted texts, which do unless they hold no link."""
    from docxtpl import Listing, RichText, RichTextParagraph  # here: see the TYPE_CHECKING comment

    return (str, int, float, Decimal, datetime.date, datetime.time, Listing, type(None)), (
        RichText,
        RichTextParagraph,
    )


def plain(value: Any) -> bool:
    """True when every value in the context renders without the package (no picture, no link)."""
    plain_kinds, rich_kinds = _kinds()
    if isinstance(value, plain_kinds):
        return True
    if isinstance(value, Mapping):
        return all(plain(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(plain(v) for v in value)
    if isinstance(value, rich_kinds):
        return "<w:hyperlink" not in value.xml  # a link's r:id belongs to one package
    return False


def bind(value: Any, tpl: DocxTemplate) -> Any:
    """The context with every InlineImage drawn into `tpl`, the template docxtpl renders.

    docxtpl inserts a picture into the template it was made with; hoso's full path opens the
    template afresh, so a picture made for another copy of it would find no part to go into.
    """
    from docxtpl import InlineImage  # loaded by the rendering already

    if isinstance(value, InlineImage):
        bound = copy.copy(value)
        bound.tpl = tpl
        return bound
    if isinstance(value, Mapping):
        return {k: bind(v, tpl) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [bind(v, tpl) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value
