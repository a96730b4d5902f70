"""The text of a built DOCX in reading order, for golden files and cross-document checks.

Body paragraphs and tables are read in document order (a table between two paragraphs comes
between them), a table row is one line of its cells joined by " | " (the paragraphs of one cell
joined by " ¶ "), every line is NFC with its whitespace collapsed, and empty lines are dropped.
The page headers' text comes first, once, with fields shown by their code ("{PAGE}").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

CELL_SEP = " | "
PARA_SEP = " ¶ "  # between the paragraphs of one table cell
HEADER_PREFIX = "[header] "

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_FLD_CHAR, _INSTR, _FLD_TYPE = qn("w:fldChar"), qn("w:instrText"), qn("w:fldCharType")


def clean(text: str) -> str:
    """NFC with runs of whitespace (also non-breaking spaces) collapsed to one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def paragraph_text(p) -> str:
    """The raw text of a w:p element; a field (page number…) is shown as "{CODE}", not its result."""
    out: list[str] = []
    instr: list[str] | None = None  # collecting a field's code
    in_result = False
    for el in p.iter():
        if el.tag == _FLD_CHAR:
            kind = el.get(_FLD_TYPE)
            if kind == "begin":
                instr, in_result = [], False
            elif kind == "separate":
                in_result = True
            elif kind == "end":
                out.append("{" + " ".join("".join(instr or []).split()) + "}")
                instr, in_result = None, False
        elif el.tag == _INSTR and instr is not None:
            instr.append(el.text or "")
        elif in_result or instr is not None:
            continue  # a field's cached result or code, already accounted for
        elif el.tag == _T:
            out.append(el.text or "")
        elif el.tag == _TAB:
            out.append("\t")
        elif el.tag in (_BR, _CR):
            out.append("\n")
    return "".join(out)


def cell_paragraphs(tc) -> list[str]:
    """The cleaned, non-empty paragraph texts of a table cell (nested tables' cells included)."""
    texts: list[str] = []
    for child in tc.iterchildren():
        if child.tag == _P:
            texts.append(clean(paragraph_text(child)))
        elif child.tag == _TBL:
            for row in child.iterchildren(_TR):
                for inner in row.iterchildren(_TC):
                    texts.extend(cell_paragraphs(inner))
    return [t for t in texts if t]


def _rows(tbl) -> Iterator[list[str]]:
    """Each row of a table as its cells' texts (one entry per w:tc: merged cells count once)."""
    for row in tbl.iterchildren(_TR):
        yield [PARA_SEP.join(cell_paragraphs(tc)) for tc in row.iterchildren(_TC)]


def _body_lines(body) -> Iterator[str]:
    for child in body.iterchildren():
        if child.tag == _P:
            yield clean(paragraph_text(child))
        elif child.tag == _TBL:
            for cells in _rows(child):
                if any(cells):
                    yield CELL_SEP.join(cells)


def header_texts(document) -> list[str]:
    """The distinct non-empty paragraph texts of every page header, in section order."""
    seen: list[str] = []
    for section in document.sections:
        for header in (section.first_page_header, section.header, section.even_page_header):
            if header.is_linked_to_previous and section is not document.sections[0]:
                continue
            for p in header._element.iter(_P):
                text = clean(paragraph_text(p))
                if text and text not in seen:
                    seen.append(text)
    return seen


def lines(path: Path) -> list[str]:
    """The normalised lines of a DOCX: headers once, then body paragraphs and table rows."""
    document = Document(str(path))
    out = [HEADER_PREFIX + t for t in header_texts(document)]
    out += [line for line in _body_lines(document.element.body) if line]
    return out


def normalized_text(path: Path) -> str:
    """The normalised text of a DOCX as stored in a golden file (ends with a newline)."""
    return "\n".join(lines(path)) + "\n"


def blocks(path: Path) -> list[str]:
    """Every non-empty body paragraph and table-cell paragraph, cleaned, in reading order.

    Headers are left out (their fields print page numbers in a PDF).
    """
    document = Document(str(path))
    found: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            if child.tag == _P:
                found.append(clean(paragraph_text(child)))
            elif child.tag == _TBL:
                for row in child.iterchildren(_TR):
                    for tc in row.iterchildren(_TC):
                        walk(tc)

    walk(document.element.body)
    return [t for t in found if t]


def tables(path: Path) -> list[list[list[str]]]:
    """Every top-level table as rows of cell texts (cell paragraphs joined by PARA_SEP)."""
    body = Document(str(path)).element.body
    return [list(_rows(tbl)) for tbl in body.iterchildren(_TBL)]


def paragraphs(path: Path) -> list[str]:
    """The cleaned, non-empty top-level body paragraphs (outside tables), in order."""
    body = Document(str(path)).element.body
    texts = (clean(paragraph_text(p)) for p in body.iterchildren(_P))
    return [t for t in texts if t]


def pdf_outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found
