"""Folders packed as ZIP files for download (hidden files such as locks left out)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def zip_folder(folder: Path) -> bytes:
    """Every visible file under a folder, with paths relative to it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if path.is_file() and not any(p.startswith(".") for p in relative.parts):
                zf.write(path, relative.as_posix())
    return buffer.getvalue()
