"""Dossiers with pikepdf (qpdf): documents joined in order, one bookmark each, Vietnamese metadata, duplex."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pikepdf import OutlineItem, Pdf

A4 = (595.28, 841.89)  # points
# A dossier joins documents anew, which drops any signature they had: it is for printing.
FOR_PRINTING = (
    "Bản ghép để in, không có giá trị nộp trực tuyến: chữ ký số của từng văn bản không còn trong "
    "tệp này; nộp bản gốc đã ký (hoso package)."
)


@dataclass(frozen=True)
class Part:
    """A bookmark of a dossier: a document (pdf) or a group of documents (children)."""

    title: str
    pdf: Path | None = None
    children: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """What a dossier says about itself (shown by PDF readers)."""

    title: str
    author: str  # the proposing unit
    subject: str  # the movement


class Readers:
    """Parses each PDF once: a batch's shared documents go into every nominee's dossier."""

    def __init__(self) -> None:
        self._cache: dict[Path, Pdf] = {}

    def get(self, path: Path) -> Pdf:
        """The parsed PDF at a path (read into memory: no file stays open)."""
        if path not in self._cache:
            import pikepdf  # only when a dossier is joined, not at start-up

            self._cache[path] = pikepdf.Pdf.open(io.BytesIO(path.read_bytes()))
        return self._cache[path]


def bundle_pdfs(
    parts: Sequence[Part], meta: Metadata, *, duplex: bool = False, readers: Readers | None = None
) -> tuple[bytes, int]:
    """Join the parts into one PDF; returns its bytes and page count.

    With `duplex`, a blank page follows every document with an odd number of pages, so each
    document starts on a right-hand page when printed on both sides.
    """
    import pikepdf  # loaded when a dossier is joined, not at start-up

    readers = readers or Readers()
    pdf = pikepdf.new()
    starts: dict[int, int] = {}
    for part in parts:
        _append(pdf, part, readers, duplex, starts)
    # Bookmarks go in last: a bookmark must point at a page that already exists.
    with pdf.open_outline() as outline:
        outline.root.extend(_outline(part, starts) for part in parts)
    info = {
        "/Title": meta.title,
        "/Author": meta.author,
        "/Subject": meta.subject,
        "/Keywords": FOR_PRINTING,
        "/Creator": "hoso",
        "/Producer": "pikepdf",
    }
    for key, value in info.items():
        pdf.docinfo[key] = value
    pdf.Root.PageMode = pikepdf.Name.UseOutlines  # open with the bookmarks shown
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue(), len(pdf.pages)


def _append(pdf: Pdf, part: Part, readers: Readers, duplex: bool, starts: dict[int, int]) -> None:
    """Add a part's pages (a document's, or each child's in turn) and note where it starts."""
    starts[id(part)] = len(pdf.pages)
    if part.pdf is not None:
        source = readers.get(part.pdf)
        pdf.pages.extend(source.pages)
        if duplex and len(source.pages) % 2:
            pdf.add_blank_page(page_size=A4)
    for child in part.children:
        _append(pdf, child, readers, duplex, starts)


def _outline(part: Part, starts: dict[int, int]) -> OutlineItem:
    """A part's bookmark at its first page, with its children's under it."""
    from pikepdf import OutlineItem

    item = OutlineItem(part.title, starts[id(part)])
    item.children.extend(_outline(child, starts) for child in part.children)
    return item
