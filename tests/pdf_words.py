"""The words a PDF page prints and their boxes (poppler's pdftotext -bbox), for tests that check
where something landed on the page."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE_HEIGHT = re.compile(r'<page width="[\d.]+" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Word:
    """A printed word and its box on the page, in points; top and bottom measured from the page's
    top edge, as pdftotext gives them."""

    text: str
    left: float
    right: float
    top: float
    bottom: float = 0.0
    page_height: float = 0.0

    @property
    def low(self) -> float:
        """Its bottom edge in PDF coordinates (points up from the page's bottom edge)."""
        return self.page_height - self.bottom

    @property
    def high(self) -> float:
        """Its top edge in PDF coordinates (points up from the page's bottom edge)."""
        return self.page_height - self.top


def words(pdf: Path, page: int = 1) -> list[Word]:
    """The words of a PDF's page with their boxes (pdftotext -bbox), in reading order."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    height = float(m[1]) if (m := _PAGE_HEIGHT.search(out)) else 0.0
    found = [
        Word(m[4], float(m[0]), float(m[2]), float(m[1]), float(m[3]), height)
        for m in _WORD.findall(out)
    ]
    # LibreOffice writes a line in pieces, not always in reading order: sort by line, then x.
    return sorted(found, key=lambda w: (round(w.top), w.left))
