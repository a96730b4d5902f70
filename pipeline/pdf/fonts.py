"""Times New Roman (or its metric twin, Liberation Serif) as TrueType files, found by fontconfig."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from pipeline.errors import HosoError

STYLES = {"regular": "", "bold": ":bold", "italic": ":italic", "bold-italic": ":bold:italic"}


@functools.cache
def serif_font(style: str = "regular") -> Path:
    """The TrueType file fontconfig gives for Times New Roman in a style."""
    if shutil.which("fc-match") is None:
        raise HosoError(
            "Không tìm thấy fc-match (fontconfig) để chọn phông Times New Roman; hãy cài fontconfig."
        )
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", f"Times New Roman{STYLES[style]}"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    path = Path(found)
    if not found or path.suffix.lower() not in (".ttf", ".otf") or not path.is_file():
        raise HosoError(
            "Không có phông Times New Roman hoặc Liberation Serif dạng TrueType; hãy cài "
            "fonts-liberation2 (Debian/Ubuntu) hoặc Times New Roman."
        )
    return path
