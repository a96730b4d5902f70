"""Centred lines (a title's summary, its "Kèm theo …" note, the header block) keep their words
whole: "… của Phòng Văn / hóa và Thông tin)" becomes "… của Phòng / Văn hóa và Thông tin)", "…
trong phong / trào thi đua" becomes "… trong / phong trào thi đua" (typography.keep_label_words).

A centred line has no spaces to stretch, so a word moved whole to the next line costs nothing but
a slightly shorter line; justified body text is left as it is (a glued word there widens the
spaces of the line before it).
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.metrics import TextStyles
from pipeline.vietnamese.typography import keep_label_words

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
    """Join the two syllables of every listed word in the centred paragraphs of a body."""
    for p in body.iter(_P):
        if _alignment(p, styles) in CENTRED:
            for t in p.iter(_T):
                if t.text and " " in t.text:
                    t.text = keep_label_words(t.text)
