"""Word comments (Review › New Comment) taken out of a DOCX before LibreOffice opens it.

Debian's headless LibreOffice 7.4 (libreoffice-*-nogui) ships no dialog or sidebar definitions
(.ui files); loading a DOCX with a comment as a hidden document makes Writer build the comment's
margin window from one, which throws an uncaught NoSuchElementException and aborts soffice
(signal 6). Comments never print: the PDF export leaves them out unless asked (ExportNotes,
ExportNotesInMargin), so converting a copy without them gives the same PDF.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Where a comment is anchored in the text: its range and the run carrying its reference mark.
_ANCHORS = tuple(
    f"{{{W}}}{t}" for t in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_MARKS = (b"commentRangeStart", b"commentReference")


def _is_comments_part(name: str) -> bool:
    """Word's comments.xml and its companions (commentsExtended.xml, commentsIds.xml…)."""
    return name.startswith("word/") and name.rsplit("/", 1)[-1].lower().startswith("comments")


def has_comments(path: Path) -> bool:
    """Whether a DOCX anchors a Word comment anywhere in its text; False if it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if not any(_is_comments_part(n) for n in names):
                return False
            return any(
                mark in archive.read(name)
                for name in names
                if name.startswith("word/")
                and name.endswith(".xml")
                and not _is_comments_part(name)
                for mark in _MARKS
            )
    except (OSError, zipfile.BadZipFile):
        return False  # LibreOffice says what is wrong with it


def without_comments(source: Path, target: Path) -> None:
    """Write a copy of `source` whose text anchors no comment and whose comments are empty;
    ValueError when a part cannot be read."""
    try:
        _copy_without_comments(source, target)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, KeyError) as exc:
        target.unlink(missing_ok=True)
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc


def _copy_without_comments(source: Path, target: Path) -> None:
    """The copy itself; lxml and zipfile errors pass through."""
    with (
        zipfile.ZipFile(source) as archive,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy,
    ):
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                if _is_comments_part(info.filename):
                    data = _emptied(data)
                elif any(mark in data for mark in _MARKS):
                    data = _unanchored(data)
            copy.writestr(info, data)


def _unanchored(xml: bytes) -> bytes:
    """A part's XML without comment ranges and reference marks (the text stays)."""
    root = etree.fromstring(xml)
    for element in list(root.iter(*_ANCHORS)):
        element.getparent().remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _emptied(xml: bytes) -> bytes:
    """A comments part with its root kept (the package still names it) and no comment."""
    root = etree.fromstring(xml)
    for child in list(root):
        root.remove(child)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
