"""A connector word ("và", "của", "các") never prints alone on a line of a narrow table cell, nor
at the end of one before a name ("… nhân dân và / Ủy ban …"): it goes with the name it joins.

Fixed phrases print whole (pipeline.vietnamese.typography), so in a narrow column a text such as
"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Ba Bể" has only long unbreakable pieces
around its "và", and wraps as "Hội đồng nhân dân / và / Ủy ban nhân dân". After the columns are
sized, each cell's paragraphs are laid out here as LibreOffice and Word do (first fit, word by
word); a paragraph that would leave a connector alone on its line has its long phrases opened at
their halves ("Hội đồng / nhân dân"), so the connector shares a line with its neighbours.
"""

from __future__ import annotations

import itertools
import re

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.metrics import TextStyles, run_bold, run_size, text_width
from pipeline.vietnamese.typography import NBSP, open_phrases

# Short words that join two parts of a name or a phrase; alone on a line they read as a slip.
CONNECTORS = frozenset({"và", "của", "các", "với", "cho", "hoặc", "tại", "ở", "thuộc"})
SAFETY = 1.03  # as pipeline.render.columns: a renderer's kerning and rounding
# A connector and the space after it, glued when the connector must not end a line.
_GLUE = re.compile(r"(?<!\w)(" + "|".join(sorted(CONNECTORS)) + r") (?=\S)", re.IGNORECASE)
_R, _T, _BR = qn("w:r"), qn("w:t"), qn("w:br")


def paragraph_font(p: etree._Element, styles: TextStyles) -> tuple[float, bool]:
    """The largest size and any bold of a paragraph's runs (its style's when runs set none)."""
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    size, bold = styles.font(style.get(qn("w:val")) if style is not None else None)
    sizes, bolds = [size], [bold]
    for run in p.iter(_R):
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            sizes.append(run_size(rpr) or size)
            bolds.append(bool(run_bold(rpr)))
    return max(sizes), any(bolds)


def lines(text: str, room: float, size: float, bold: bool, safety: float = SAFETY) -> list[str]:
    """A text broken into lines of at most `room` points, first fit, at plain spaces only;
    each line's width counted `safety` times its advance widths.

    >>> lines("Hội\\u00a0đồng và Ủy\\u00a0ban", 60, 12, False)
    ['Hội đồng', 'và Ủy ban']
    """
    out = []
    for given in text.replace(NBSP, "\x00").split("\n"):
        current = ""
        for piece in given.split():
            trial = f"{current} {piece}" if current else piece
            if current and text_width(trial.replace("\x00", " "), size, bold) * safety > room:
                out.append(current)
                current = piece
            else:
                current = trial
        out.append(current)
    return [line.replace("\x00", " ") for line in out]


def with_company(pieces: list[str]) -> list[str]:
    """Pieces of a text with each connector word joined to the piece after it.

    >>> with_company(["Hội\u00a0đồng", "và", "Ủy\u00a0ban"])
    ['Hội\xa0đồng', 'và Ủy\xa0ban']
    """
    out: list[str] = []
    joining = False
    for piece in pieces:
        if joining:
            out[-1] += " " + piece
        else:
            out.append(piece)
        joining = piece.lower() in CONNECTORS
    return out


def lone_connector(found: list[str]) -> bool:
    """Whether a connector word has a line of its own."""
    return len(found) > 1 and any(line.strip().lower() in CONNECTORS for line in found)


def trailing_connector(found: list[str]) -> bool:
    """Whether a line other than the last ends with a connector word before a name ("Hội đồng
    nhân dân và / Ủy ban nhân dân"): the word belongs with the name it joins, on the next line.
    In running text ("… chuyển đổi số của / đơn vị") a connector may end a line.

    >>> trailing_connector(["Phòng Văn hóa và", "Thông tin"]), trailing_connector(["và"])
    (True, False)
    >>> trailing_connector(["triển khai chuyển đổi số của", "đơn vị."])
    False
    """
    return any(
        line.split() and line.split()[-1].lower() in CONNECTORS and after[:1].isupper()
        for line, after in itertools.pairwise(found)
    )


def _before_names(found: re.Match[str]) -> str:
    """A connector glued to the word after it when that word starts a name (a capital)."""
    glued = found.string[found.end() : found.end() + 1].isupper()
    return found.group(1) + NBSP if glued else found.group(0)


def keep_connectors_company(p: etree._Element, room_twips: int, styles: TextStyles) -> None:
    """Glue a cell paragraph's connectors to the word after them when its layout would leave
    one alone or at a line's end; open its long phrases when that cannot fit and one is alone."""
    texts = [t for t in p.iter(_T) if t.text]
    if not texts or not any(NBSP in t.text for t in texts):
        return
    size, bold = paragraph_font(p, styles)
    text = "".join((e.text or "") if e.tag == _T else "\n" for e in p.iter(_T, _BR))
    room = room_twips / 20
    found = lines(text, room, size, bold)
    alone = lone_connector(found)
    # A renderer may fit on a line a little more than the safety margin says: "… nhân dân và".
    trailing = any(trailing_connector(lines(text, room, size, bold, k)) for k in (1.0, SAFETY))
    if not alone and not trailing:
        return
    pieces = with_company(text.replace("\n", " ").split(" "))
    if max(text_width(p.replace(NBSP, " "), size, bold) for p in pieces) * SAFETY <= room:
        # "và Ủy ban nhân dân" fits a line: the connector goes with it (with every name it
        # joins; every word when one would be alone).
        glue = (lambda m: m.group(1) + NBSP) if alone else _before_names
        for t in texts:
            t.text = _GLUE.sub(glue, t.text)
    elif alone:
        for t in texts:
            t.text = open_phrases(t.text)
