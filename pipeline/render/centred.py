"""Centred lines (a title's summary, its "Kèm theo …" note, the header block) keep their words
whole: "… của Phòng Văn / hóa và Thông tin)" becomes "… của Phòng / Văn hóa và Thông tin)", "…
trong phong / trào thi đua" becomes "… trong / phong trào thi đua" (typography.keep_label_words).
A justified paragraph's last line is never one short word: its last two words print together,
unless keeping them so would stretch the line above beyond render.justified.HARD_STRETCH.

A centred line has no spaces to stretch, so a word moved whole to the next line costs nothing but
a slightly shorter line. In justified body text a piece moved whole widens the spaces of the line
it leaves: render.justified lays those paragraphs out and parts what may part.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.justified import ease_justified
from pipeline.render.metrics import TextStyles
from pipeline.vietnamese.typography import NBSP, keep_label_words

_P, _T = qn("w:p"), qn("w:t")
CENTRED = frozenset({"center", "centre"})


def _alignment(p: etree._Element, styles: TextStyles) -> str | None:
    """A paragraph's own w:jc, else its style's."""
    own = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    if own is not None:
        return own.get(qn("w:val"))
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return styles.alignment(style.get(qn("w:val")) if style is not None else None)


def keep_centred_words(body: etree._Element, styles: TextStyles) -> None:
    """Join the two syllables of every listed word in the centred paragraphs of a body, and the
    last two words of its justified paragraphs (keep_last_words); then ease the justified
    paragraphs whose lines would stretch (render.justified)."""
    for p in body.iter(_P):
        if _alignment(p, styles) in CENTRED:
            for t in p.iter(_T):
                if t.text and " " in t.text:
                    t.text = keep_label_words(t.text)
    keep_last_words(body, styles)
    ease_justified(body, styles, JUSTIFIED)


JUSTIFIED = frozenset({"both", "distribute"})
RUNT = 8  # characters: a last line shorter than this reads as a slip ("đồng).")
MAX_TAIL = 24  # characters: a longer tail moved whole would stretch the line above it


def keep_last_words(body: etree._Element, styles: TextStyles) -> None:
    """A justified paragraph never ends on a lone short word ("… Hai mươi bảy triệu / đồng)."):
    its last two words are joined by a non-breaking space, so they print on one line."""
    for p in body.iter(_P):
        if _alignment(p, styles) not in JUSTIFIED or p.find(f".//{qn('w:br')}") is not None:
            continue
        texts = [t for t in p.iter(_T) if t.text]
        joined = "".join(t.text for t in texts).rstrip()
        last = joined.rfind(" ")
        before = joined.rfind(" ", 0, last) if last > 0 else -1
        tail = joined[last + 1 :]
        if last <= 0 or len(tail) >= RUNT or len(joined) - before > MAX_TAIL or "\t" in tail:
            continue
        for t in texts:  # the space at `last` of the joined text, in the run that holds it
            if last < len(t.text):
                t.text = t.text[:last] + NBSP + t.text[last + 1 :]
                break
            last -= len(t.text)
