"""How far the spaces of justified lines stretch in PDFs printed by LibreOffice.

A justified line's ordinary spaces all widen by the same amount; its non-breaking spaces (names,
phrases and blanks kept whole by pipeline.vietnamese.typography) keep their width. A long piece
that cannot break moves whole to the next line and leaves the line above it short, its spaces
stretched. This prints, for every line that ends at a right edge shared by other lines of its page
(a justified line that is not the last of its paragraph), its ordinary spaces' width in units of
the font's normal space (a quarter em in Times New Roman / Liberation Serif), widest first.

    .venv/bin/python tools/justified_gaps.py OUT_FOLDER_OR_PDF... [--over 1.8] [--top 20]

Words and their boxes come from poppler's pdftotext -bbox-layout; which gaps are non-breaking
spaces, and each line's font size, from the text operations pypdf reads (LibreOffice writes each
U+00A0 as a text operation of its own, at the position where it prints).
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from pypdf import PdfReader

from pipeline.vietnamese.typography import NBSP, keep_always

SPACE_EM = 0.25  # the space of Times New Roman and Liberation Serif, in ems
EDGE = 0.6  # points: lines whose right edges differ by less end at the same edge
SHARED = 3  # a right edge this many lines of a page end at is a justified column's edge
EVEN = 0.15  # normal spaces: a justified line's plain spaces differ by less (a table row's more)
_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


@dataclass(frozen=True)
class Line:
    """A printed justified line: where it is, its text, its ordinary gaps in normal spaces."""

    pdf: Path
    page: int
    text: str
    stretch: tuple[float, ...]  # each ordinary space's width / the font's normal space
    after: str = ""  # the start of the next printed line ("_": a non-breaking space)

    @property
    def widest(self) -> float:
        """Its widest ordinary space, in normal spaces (0 when it has none)."""
        return max(self.stretch, default=0.0)

    @property
    def held(self) -> bool:
        """Whether the next line starts with a piece no line may break, not even as the last
        resort, which did not fit at the end of this one: a person's or a place's own name,
        "03 (ba)" (typography.keep_always), or a paragraph's last two words
        (render.centred.keep_last_words)."""
        piece = self.after.split(" ")[0].replace("_", NBSP)
        return NBSP in piece and (
            keep_always(piece) == piece or piece == self.after.replace("_", NBSP)
        )


@dataclass(frozen=True)
class _Op:
    """A text operation: its start, baseline (from the page's top), size, text."""

    x: float
    base: float
    size: float
    text: str


def _ops(reader: PdfReader, index: int, height: float) -> list[_Op]:
    """The text operations of a page, with their positions from the page's top."""
    found: list[_Op] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text and text != "\n":
            scale = abs(tm[0] * cm[0]) or 1.0
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            found.append(_Op(x, height - y, size * scale, text))

    reader.pages[index].extract_text(visitor_text=visit)
    return found


def _words(block: str) -> list[tuple[float, float, float, float, str]]:
    return [
        (float(m[1]), float(m[2]), float(m[3]), float(m[4]), text)
        for m, text in zip(
            _WORD.finditer(block), re.findall(r">([^<]*)</word>", block), strict=True
        )
    ]


def _line(pdf: Path, page: int, words: list, ops: list[_Op]) -> Line:
    """A printed line's text and ordinary gaps: a gap starting where a U+00A0 prints is not one."""
    top, bottom = min(w[1] for w in words), max(w[3] for w in words)
    on_line = [op for op in ops if top - 0.5 <= op.base <= bottom + 0.5]
    sizes = Counter(round(op.size, 1) for op in on_line if op.text.strip())
    size = sizes.most_common(1)[0][0] if sizes else (bottom - top) / 1.3
    nbsp = [op.x for op in on_line if op.text and not op.text.replace("\u00a0", "")]
    text, stretch = words[0][4], []
    for a, b in itertools.pairwise(words):
        # pdftotext sometimes counts a U+00A0 in the word before it: then no gap is left
        kept = any(abs(x - a[2]) < 0.6 for x in nbsp) or b[0] - a[2] < 0.3 * SPACE_EM * size
        text += ("_" if kept else " ") + b[4]
        if not kept:
            stretch.append(round((b[0] - a[2]) / (SPACE_EM * size), 2))
    return Line(pdf, page, text, tuple(stretch))


def _rows(page: str) -> list[list[tuple[float, float, float, float, str]]]:
    """A page's words grouped by the line they print on (a line's blanks can make pdftotext
    put its pieces in blocks of their own), each row left to right."""
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for word in sorted(_words(page), key=lambda w: (round(w[3]), w[0])):
        if rows and abs(rows[-1][0][3] - word[3]) < 1:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row) for row in rows]


def justified_lines(pdf: Path) -> list[Line]:
    """The lines of a PDF that end at a right edge other lines of their page share, their plain
    spaces all of one width (not a table's row): its justified lines but the last of each
    paragraph (unless it happens to reach the edge)."""
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    reader = PdfReader(pdf)
    out: list[Line] = []
    for index, page in enumerate(_PAGE.finditer(layout)):
        rows = _rows(page[2])
        rights = [row[-1][2] for row in rows]
        full = [
            r
            for r in rows
            if len(r) > 1 and sum(abs(x - r[-1][2]) < EDGE for x in rights) >= SHARED
        ]
        if not full:
            continue
        ops = _ops(reader, index, float(page[1]))
        following = {id(a): b for a, b in itertools.pairwise(rows)}
        for row in full:
            line = _line(pdf, index + 1, row, ops)
            if line.stretch and max(line.stretch) - min(line.stretch) < EVEN:
                nxt = following.get(id(row), [])
                after = _line(pdf, index + 1, nxt[:6], ops).text if nxt else ""
                out.append(replace(line, after=after))
    return out


def main(argv: list[str]) -> int:
    """Print the most stretched justified lines of the PDFs under the given paths."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--over", type=float, default=1.8, help="list lines stretched beyond")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    pdfs = [p for path in args.paths for p in ([path] if path.is_file() else path.rglob("*.pdf"))]
    pdfs = [p for p in pdfs if "ho-so" not in p.parts and "ho-so-tong-hop" not in p.stem]
    lines = [line for pdf in sorted(pdfs) for line in justified_lines(pdf)]
    measured = [line.widest for line in lines if line.stretch]
    if not measured:
        print("no justified lines")
        return 0
    over = sorted((x for x in lines if x.widest > args.over), key=lambda x: -x.widest)
    free = [x.widest for x in lines if x.stretch and not x.held]
    print(
        f"{len(pdfs)} PDFs, {len(measured)} justified lines: median {statistics.median(measured):.2f}"
        f", max {max(measured):.2f}, {len(over)} above {args.over}, of which "
        f"{sum(not x.held for x in over)} not before a piece that never breaks "
        f"(those: max {max(free, default=0):.2f})"
    )
    for line in over[: args.top]:
        where = f"{line.pdf.parent.name}/{line.pdf.name} p{line.page}"
        mark = "held" if line.held else "FREE"
        print(f"{line.widest:5.2f} {mark} {where}\n       {line.text}  ⏎ {line.after} …")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
