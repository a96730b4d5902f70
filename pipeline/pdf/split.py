"""A combined PDF split back into its documents' PDFs at the markers, checked before it is kept.

Each document's pages run from its marker's page (a named destination) to the next marker's.
What is checked on every split, cheaply: every marker is there, in order, on distinct pages; each
document's end marker (in its last paragraph) is on its last page, so no page of it was skipped
as empty and its section end spilled nowhere; each document's pages have a page size its own
DOCX asks for (one of its sections'). A combined PDF that fails a check is
not split at all: its documents are converted one by one instead (`pipeline.pdf.combined`).
`signature` is the stronger comparison the tests and the benchmark make against converting alone.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader, PdfWriter

from pipeline.pdf.combine import end_marker_name

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CORE = {
    "/Title": "{http://purl.org/dc/elements/1.1/}title",
    "/Author": "{http://purl.org/dc/elements/1.1/}creator",
    "/Subject": "{http://purl.org/dc/elements/1.1/}subject",
    "/Keywords": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords",
}
_TWIPS_PER_POINT = 20
_SIZE_TOLERANCE = 1.0  # points
_FONT_USE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+\d.]+\s+Tf\b")


class SplitError(Exception):
    """The combined PDF cannot be trusted to split right; says why (for the log)."""


@dataclass(frozen=True)
class Piece:
    """One document to cut out of a combined PDF."""

    marker: str
    target: Path
    page_sizes: tuple[tuple[float, float], ...]  # points, of the DOCX's sections (none: unknown)
    metadata: dict[str, str]  # /Title, /Author… as LibreOffice writes them from docProps/core.xml


def describe(body: bytes, core: bytes) -> tuple[tuple[tuple[float, float], ...], dict[str, str]]:
    """A DOCX's page sizes in points (of each section in its document.xml) and the PDF metadata
    LibreOffice derives from its docProps/core.xml."""
    sizes = set()
    for match in re.finditer(rb"<w:pgSz\b[^>]*/>", body):
        width = re.search(rb'w:w="(\d+)"', match.group(0))
        height = re.search(rb'w:h="(\d+)"', match.group(0))
        if width and height:
            sizes.add(
                (int(width.group(1)) / _TWIPS_PER_POINT, int(height.group(1)) / _TWIPS_PER_POINT)
            )
    metadata = {}
    if core:
        root = etree.fromstring(core)
        for key, tag in _CORE.items():
            element = root.find(tag)
            if element is not None and element.text:
                metadata[key] = element.text
    return tuple(sorted(sizes)), metadata


def page_ranges(reader: PdfReader, markers: Sequence[str]) -> list[range]:
    """Each marker's pages: from its page to the next marker's; SplitError when doubtful."""
    found: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        found[str(name).removeprefix("/")] = reader.get_destination_page_number(destination)
    starts = []
    for marker in markers:
        if marker not in found:
            raise SplitError(f"marker {marker} missing")
        starts.append(found[marker])
    ends = [*starts[1:], len(reader.pages)]
    if starts[0] != 0 or any(end <= start for start, end in zip(starts, ends, strict=True)):
        raise SplitError(f"markers out of order or sharing a page: {starts} of {len(reader.pages)}")
    for marker, end in zip(markers, ends, strict=True):
        if found.get(end_marker_name(marker)) != end - 1:
            raise SplitError(f"the end of {marker} is not on its last page")
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]


def split(combined: Path, pieces: Sequence[Piece]) -> list[int]:
    """Write each piece's PDF (atomically); return their page counts. SplitError if doubtful:
    then no piece is written."""
    from pypdf import PdfReader, PdfWriter  # only when splitting: builds' CLI starts without pypdf

    reader = PdfReader(combined)
    ranges = page_ranges(reader, [p.marker for p in pieces])
    for piece, pages in zip(pieces, ranges, strict=True):
        for number in pages if piece.page_sizes else ():
            box = reader.pages[number].mediabox
            if not any(
                _same_size((float(box.width), float(box.height)), size) for size in piece.page_sizes
            ):
                raise SplitError(f"page {number + 1} is not a size of {piece.marker}")
    base = {k: str(v) for k, v in (reader.metadata or {}).items() if k not in _CORE}
    for piece, pages in zip(pieces, ranges, strict=True):
        writer = PdfWriter()
        for number in pages:
            writer.add_page(_own_fonts(reader.pages[number]))
        writer.add_metadata({**base, **piece.metadata})
        _write(writer, piece.target)
    return [len(r) for r in ranges]


def _own_fonts(page: PageObject) -> PageObject:
    """The page with only the fonts its text uses: LibreOffice lists every font of the whole
    combined document on every page, which would carry other documents' fonts along."""
    from pypdf.generic import DictionaryObject, NameObject  # loaded with split()'s pypdf

    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return page
    fonts = fonts.get_object()
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    used = {b"/" + name for name in _FONT_USE.findall(data)}
    kept = DictionaryObject(
        {NameObject(name): ref for name, ref in fonts.items() if name.encode() in used}
    )
    own = DictionaryObject(resources.get_object())
    own[NameObject("/Font")] = kept
    page[NameObject("/Resources")] = own
    return page


def _same_size(box: tuple[float, float], size: tuple[float, float]) -> bool:
    return all(abs(a - b) <= _SIZE_TOLERANCE for a, b in zip(box, size, strict=True))


def _write(writer: PdfWriter, target: Path) -> None:
    """Write a PDF under a temporary name, then rename it into place."""
    partial = target.with_name(f".{target.name}.split.part")
    buffer = io.BytesIO()  # pypdf writes token by token: unbuffered to a file, that is slow
    writer.write(buffer)
    try:
        partial.write_bytes(buffer.getvalue())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class Signature:
    """What a reader of a PDF sees: each page's size and text, and the fonts used."""

    pages: tuple[tuple[tuple[float, float], str], ...]
    fonts: frozenset[str]


def signature(path: Path) -> Signature:
    """A PDF's page sizes, text per page and font names (subset prefixes dropped)."""
    from pypdf import PdfReader  # only when a PDF is read, not at start-up

    reader = PdfReader(path)
    pages, fonts = [], set()
    for page in reader.pages:
        box = page.mediabox
        pages.append(
            ((round(float(box.width), 1), round(float(box.height), 1)), page.extract_text())
        )
        resources = page.get("/Resources")
        for font in (resources.get_object().get("/Font") or {}).values() if resources else ():
            name = str(font.get_object().get("/BaseFont", ""))
            fonts.add(re.sub(r"^/?[A-Z]{6}\+", "", name).lstrip("/"))
    return Signature(tuple(pages), frozenset(fonts))
