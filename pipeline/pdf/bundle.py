"""Dossiers with pypdf: documents joined in order, one bookmark each, Vietnamese metadata, duplex."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PdfReader, PdfWriter

A4 = (595.28, 841.89)  # points
# A dossier joins documents with pypdf, which drops any signature they had: it is for printing.
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
        self._cache: dict[Path, PdfReader] = {}

    def get(self, path: Path) -> PdfReader:
        """The parsed PDF at a path."""
        if path not in self._cache:
            from pypdf import PdfReader  # only when a dossier is joined, not at start-up

            self._cache[path] = PdfReader(path)
        return self._cache[path]


def bundle_pdfs(
    parts: Sequence[Part], meta: Metadata, *, duplex: bool = False, readers: Readers | None = None
) -> tuple[bytes, int]:
    """Join the parts into one PDF; returns its bytes and page count.

    With `duplex`, a blank page follows every document with an odd number of pages, so each
    document starts on a right-hand page when printed on both sides.
    """
    from pypdf import PdfWriter  # loaded when a dossier is joined, not at start-up

    readers = readers or Readers()
    writer = PdfWriter()
    starts: list[tuple[Part, int]] = []
    for part in parts:
        _append(writer, part, readers, duplex, starts)
    # Bookmarks go in last: a bookmark must point at a page that already exists.
    where = {id(p): start for p, start in starts}
    for part in parts:
        _outline(writer, part, None, where)
    writer.add_metadata(
        {
            "/Title": meta.title,
            "/Author": meta.author,
            "/Subject": meta.subject,
            "/Keywords": FOR_PRINTING,
            "/Creator": "hoso",
        }
    )
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _append(
    writer: PdfWriter, part: Part, readers: Readers, duplex: bool, starts: list[tuple[Part, int]]
) -> None:
    """Add a part's pages (a document's, or each child's in turn) and note where it starts."""
    starts.append((part, len(writer.pages)))
    if part.pdf is not None:
        reader = readers.get(part.pdf)
        writer.append(reader, import_outline=False)
        if duplex and len(reader.pages) % 2:
            writer.add_blank_page(*A4)
    for child in part.children:
        _append(writer, child, readers, duplex, starts)


def _outline(writer: PdfWriter, part: Part, parent: Any, starts: dict[int, int]) -> None:
    """Bookmark a part at its first page, and its children under it."""
    mark = writer.add_outline_item(title=part.title, page_number=starts[id(part)], parent=parent)
    for child in part.children:
        _outline(writer, child, mark, starts)
