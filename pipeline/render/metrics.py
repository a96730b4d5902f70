"""How wide a text prints in Times New Roman, and the font size and weight of a paragraph style."""

# Advance widths in 1/1000 em of Liberation Serif, which LibreOffice substitutes for Times New
# Roman with the same metrics, for the printable ASCII characters (32–126). A Vietnamese letter is
# as wide as its base letter (the marks sit above or below it), except the horned ơ and ư.

from __future__ import annotations

import unicodedata
from functools import lru_cache

from docx.oxml.ns import qn
from lxml import etree

_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 "
    "722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 "
    "444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444 480 "
    "200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 "
    "500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 "
    "722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 "
    "444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444 394 "
    "220 394 520"
)
_EXTRA = {  # (regular, bold)
    "đ": (500, 556),
    "Đ": (722, 722),
    "ơ": (529, 554),
    "ư": (542, 600),
    "Ơ": (722, 778),
    "Ư": (776, 796),
    "\u00a0": (250, 250),
    "“": (444, 500),
    "”": (444, 500),
    "–": (500, 500),
}
_TABLES = tuple(
    {chr(32 + i): int(w) for i, w in enumerate(table.split())} for table in (_REGULAR, _BOLD)
)
_UNKNOWN = 1000  # a character not in the tables: counted as wide as an em, never too narrow
DEFAULT_SIZE = 12.0  # Word's default when neither style nor document defaults set one


@lru_cache(maxsize=4096)
def _base(char: str) -> str:
    """A letter without its tone and vowel marks ("ễ" → "ê" → "e"), horns kept."""
    if char in _EXTRA or char in _TABLES[0]:
        return char
    decomposed = unicodedata.normalize("NFD", char)
    for horned in ("ơ", "ư", "Ơ", "Ư"):
        if unicodedata.normalize("NFD", horned) in decomposed:
            return horned
    return decomposed[0]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of a text on one line, in points.

    >>> round(text_width("Mập", 10), 1), round(text_width("Map", 10), 1)
    (18.3, 18.3)
    """
    return _em_width(text, bool(bold)) * size / 1000


@lru_cache(maxsize=65536)
def _em_width(text: str, bold: bool) -> int:
    """A text's width in 1/1000 em (texts repeat: a batch prints the same names many times)."""
    table = _TABLES[bold]
    total = 0
    for char in text:
        base = _base(char)
        extra = _EXTRA.get(base)
        total += extra[bold] if extra else table.get(base, _UNKNOWN)
    return total


class TextStyles:
    """The font size and weight of each paragraph style of a document (through w:basedOn)."""

    def __init__(self, styles: etree._Element | None):
        self._styles: dict[str, etree._Element] = {}
        self._fonts: dict[str | None, tuple[float, bool]] = {}
        self._indents: dict[str | None, dict[str, int]] = {}
        self.default_size = DEFAULT_SIZE
        if styles is None:
            return
        for style in styles.iterfind(qn("w:style")):
            self._styles[style.get(qn("w:styleId"), "")] = style
        size = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        if size is not None:
            self.default_size = int(size.get(qn("w:val"))) / 2

    @classmethod
    def from_bytes(cls, xml: bytes | None) -> TextStyles:
        """From the bytes of word/styles.xml (None: Word's defaults)."""
        return cls(etree.fromstring(xml) if xml else None)

    def font(self, style_id: str | None) -> tuple[float, bool]:
        """(size in points, bold) of a paragraph style; the document default when unknown."""
        if style_id not in self._fonts:
            self._fonts[style_id] = self._resolve(style_id)
        return self._fonts[style_id]

    def alignment(self, style_id: str | None) -> str | None:
        """A paragraph style's w:jc value ("center", "both"…), through w:basedOn; None: unset."""
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            jc = self._styles[style_id].find(f"{qn('w:pPr')}/{qn('w:jc')}")
            if jc is not None:
                return jc.get(qn("w:val"))
            based = self._styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return None

    def indent(self, style_id: str | None) -> dict[str, int]:
        """A paragraph style's w:ind attributes in twips ("left", "firstLine"…), through
        w:basedOn, the nearer style's attribute winning."""
        if style_id in self._indents:
            return dict(self._indents[style_id])
        out: dict[str, int] = {}
        self._indents[style_id] = out
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            ind = self._styles[style_id].find(f"{qn('w:pPr')}/{qn('w:ind')}")
            for key, value in ind.attrib.items() if ind is not None else ():
                name = etree.QName(key).localname
                if name not in out and value.lstrip("-").isdigit():
                    out[name] = int(value)
            based = self._styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return dict(out)

    def _resolve(self, style_id: str | None) -> tuple[float, bool]:
        size: float | None = None
        bold: bool | None = None
        seen: set[str] = set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            rpr = self._styles[style_id].find(qn("w:rPr"))
            if rpr is not None:
                size = size if size is not None else run_size(rpr)
                bold = bold if bold is not None else run_bold(rpr)
            based = self._styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return (size if size is not None else self.default_size), bool(bold)


def run_size(rpr: etree._Element) -> float | None:
    """The size an rPr sets, in points (None: inherited)."""
    size = rpr.find(qn("w:sz"))
    return int(size.get(qn("w:val"))) / 2 if size is not None else None


def run_bold(rpr: etree._Element) -> bool | None:
    """Whether an rPr sets bold (None: inherited)."""
    bold = rpr.find(qn("w:b"))
    if bold is None:
        return None
    return bold.get(qn("w:val"), "true") not in ("0", "false", "off")
