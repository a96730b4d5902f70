"""What a PDF says, compared across files: the text of its pages, without spaces, in NFC.

Two PDFs with the same text are the same document for a signer, even when a signing tool or a
new conversion wrote different bytes (timestamps, object order, a signature's update).
"""

from __future__ import annotations

import io
import re
import unicodedata


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages, without spaces and in NFC; empty when it cannot be read."""
    # pypdf only when a PDF is read: the commands that import this module start without it.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = PdfReader(io.BytesIO(data)).pages
        text = "\f".join(page.extract_text() for page in pages)
    except (PdfReadError, ValueError, KeyError):
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
