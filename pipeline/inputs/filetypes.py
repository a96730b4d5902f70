"""What a file is by its first bytes: the kinds a clerk sends in place of the file asked for,
named in Vietnamese, one table for `hoso check` (a workbook), `hoso verify` and `hoso signed
add` (a signed PDF)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileType:
    """A kind of file: the bytes it starts with and its name in a sentence ("đây là …")."""

    magic: bytes
    name: str


PDF = FileType(b"%PDF-", "tệp PDF")
PNG = FileType(b"\x89PNG", "ảnh PNG")
JPEG = FileType(b"\xff\xd8\xff", "ảnh JPEG")
RTF = FileType(b"{\\rtf", "tệp RTF của Word")
RAR = FileType(b"Rar!", "tệp nén RAR")
SEVEN_ZIP = FileType(b"7z\xbc\xaf", "tệp nén 7-Zip")
ZIP = FileType(b"PK\x03\x04", "tệp nén hoặc tệp Word, Excel (.zip, .docx, .xlsx)")
OLE = FileType(b"\xd0\xcf\x11\xe0", "tệp Word, Excel cũ (.doc, .xls)")  # also an encrypted .xlsx
KNOWN = (PDF, PNG, JPEG, RTF, RAR, SEVEN_ZIP, ZIP, OLE)
HEAD = 8  # bytes enough to tell every kind above apart
# How far into a file a PDF reader looks for "%PDF-" (bytes before it are tolerated).
PDF_HEADER_WINDOW = 1024


def file_type(head: bytes, among: tuple[FileType, ...] = KNOWN) -> FileType | None:
    """The kind a file's first bytes say, of `among` (each caller names those its users send);
    None for any other.

    >>> file_type(b"\\x89PNG\\r\\n\\x1a\\n").name, file_type(b"hello"), file_type(b"Rar!", (PNG,))
    ('ảnh PNG', None, None)
    """
    return next((kind for kind in among if head.startswith(kind.magic)), None)


def read_head(path: Path) -> bytes:
    """A file's first bytes, enough for file_type (OSError when it cannot be read)."""
    with path.open("rb") as file:
        return file.read(HEAD)


def looks_pdf(data: bytes) -> bool:
    """Whether a PDF reader would take these bytes for a PDF: "%PDF-" near the start.

    >>> looks_pdf(b"\\r\\n%PDF-1.7"), looks_pdf(b"\\x89PNG")
    (True, False)
    """
    return PDF.magic in data[:PDF_HEADER_WINDOW]


# What a ZIP package is, by the part only that kind holds: told apart where a message names the
# file sent in place of another (a .docx returned in place of its signed PDF).
DOCX = FileType(ZIP.magic, "tệp Word (.docx)")
XLSX = FileType(ZIP.magic, "tệp Excel (.xlsx)")
PPTX = FileType(ZIP.magic, "tệp PowerPoint (.pptx)")
ODF = FileType(ZIP.magic, "tệp LibreOffice (.odt, .ods)")
ARCHIVE = FileType(ZIP.magic, "tệp nén ZIP")
_PACKAGES = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
    ("mimetype", ODF),
)
# Files without a signature of their own bytes: told by reading their start as text.
TEXT = FileType(b"", "tệp chữ thường (.txt)")
HTML = FileType(b"", "một trang web (HTML)")
_SAMPLE = 4096  # bytes of a file read to tell text from binary
# How close to its end a whole PDF says "%%EOF" (tools may add a few blank bytes after it).
PDF_END_WINDOW = 1024


def sniff(data: bytes, among: tuple[FileType, ...] = KNOWN) -> FileType | None:
    """The kind a whole file's bytes say: file_type's, a ZIP told apart (Word, Excel,
    PowerPoint, LibreOffice, a plain archive), plain text or a web page; None for any other.

    >>> sniff(b"xin ch\\xc3\\xa0o\\n").name, sniff(b"<!DOCTYPE html><html>") is HTML, sniff(b"\\0\\1")
    ('tệp chữ thường (.txt)', True, None)
    """
    kind = file_type(data[:HEAD], among)
    if kind is ZIP:
        return package_of(data)
    if kind is None and data:
        text = _as_text(data[:_SAMPLE])
        if text is not None:
            head = text.lstrip().lower()
            return HTML if head.startswith(("<!doctype html", "<html")) else TEXT
    return kind


def package_of(source: bytes | Path) -> FileType:
    """Which ZIP package a file (or its bytes) is; ZIP itself when it does not open as one."""
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source
        ) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        return ZIP  # damaged: what it was meant to be cannot be told
    return next((kind for part, kind in _PACKAGES if part in names), ARCHIVE)


def _as_text(sample: bytes) -> str | None:
    """The sample as text a person typed (UTF-8, or UTF-16 with its mark); None for binary."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = sample.decode("utf-16", "ignore")
    else:
        try:
            text = sample.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 3:  # not a character cut by the sample's end
                return None
            text = sample[: exc.start].decode("utf-8-sig")
    return text if all(ch.isprintable() or ch in "\t\r\n\f" for ch in text) else None


def looks_cut(data: bytes) -> bool:
    """Whether a PDF's bytes stop before its end (a download or copy not finished): no "%%EOF"
    near the end.

    >>> looks_cut(b"%PDF-1.7\\n1 0 obj"), looks_cut(b"%PDF-1.7\\n%%EOF\\n")
    (True, False)
    """
    return b"%%EOF" not in data.rstrip(b"\0\t\n\r\f ")[-PDF_END_WINDOW:]
