"""Folders packed as ZIP files for download (hidden files such as locks left out)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def zip_folder(folder: Path, top: str = "", leave_out: frozenset[str] = frozenset()) -> bytes:
    """Every visible file under a folder, with paths relative to it; with `top`, the folder's
    one top-level folder is named so in the ZIP; files named in `leave_out` are not packed."""
    inner = (
        [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")] if top else []
    )
    rename = {inner[0].name: top} if len(inner) == 1 else {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(folder).parts
            if not path.is_file() or any(p.startswith(".") for p in parts):
                continue
            if path.name in leave_out:
                continue
            zf.write(path, "/".join((rename.get(parts[0], parts[0]), *parts[1:])))
    return buffer.getvalue()
