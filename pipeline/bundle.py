"""Dossiers with pypdf: documents joined in order, one bookmark each, Vietnamese metadata, duplex."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

A4 = (595.28, 841.89)  # points


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
            self._cache[path] = PdfReader(path)
        return self._cache[path]


def bundle(parts: Sequence[Part], meta: Metadata, *, duplex: bool = False, readers: Readers | None = None) -> tuple[bytes, int]:
    """Join the parts into one PDF; returns its bytes and page count.

    With `duplex`, a blank page follows every document with an odd number of pages, so each
    document starts on a right-hand page when printed on both sides.
    """
    readers = readers or Readers()
    writer = PdfWriter()
    for part in parts:
        _add(writer, part, None, readers, duplex)
    writer.add_metadata({"/Title": meta.title, "/Author": meta.author, "/Subject": meta.subject, "/Creator": "hoso"})
    writer.page_mode = "/UseOutlines"  # open with the bookmarks shown
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _add(writer: PdfWriter, part: Part, parent, readers: Readers, duplex: bool) -> None:
    start = len(writer.pages)
    if part.pdf is not None:
        reader = readers.get(part.pdf)
        writer.append(reader, import_outline=False)
        if duplex and len(reader.pages) % 2:
            writer.add_blank_page(*A4)
        mark = writer.add_outline_item(title=part.title, page_number=start, parent=parent)
    else:
        mark = None
    for child in part.children:
        if mark is None:
            mark = writer.add_outline_item(title=part.title, page_number=len(writer.pages), parent=parent)
        _add(writer, child, mark, readers, duplex)


def page_count(path: Path) -> int:
    """The number of pages of a PDF."""
    return len(PdfReader(path).pages)
