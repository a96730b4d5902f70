"""What a file is by its first bytes: the kinds a clerk sends in place of the file asked for,
named in Vietnamese, one table for `hoso check` (a workbook), `hoso verify` and `hoso signed
add` (a signed PDF)."""

from __future__ import annotations

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
