"""Folders packed as ZIP files for download: only the files a person has use for."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePath

from pipeline.build.manifest import MANIFEST
from pipeline.period.manifest import PERIOD_MANIFEST

# hoso's own record of a batch or a period run stays on the server: signed copies are matched
# against the server's copy, and the person downloading has no use for the internal list.
INTERNAL = frozenset({MANIFEST, PERIOD_MANIFEST})


def packed(relative: PurePath) -> bool:
    """Whether a file, by its path inside the folder, goes into a download: not hidden (a lock,
    a folder such as .staging) and not one of hoso's internal files."""
    return not any(p.startswith(".") for p in relative.parts) and relative.name not in INTERNAL


def zip_folder(folder: Path, top: str = "") -> bytes:
    """Every file under a folder that `packed` lets through, with paths relative to it; with
    `top`, the folder's one top-level folder is named so in the ZIP."""
    inner = (
        [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")] if top else []
    )
    rename = {inner[0].name: top} if len(inner) == 1 else {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if not path.is_file() or not packed(relative):
                continue
            parts = relative.parts
            zf.write(path, "/".join((rename.get(parts[0], parts[0]), *parts[1:])))
    return buffer.getvalue()
