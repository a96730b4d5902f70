"""Fonts of what Word draws rather than types but prints with the page: charts and SmartArt.

Text boxes need nothing here: their paragraphs are w:p like the body's (docx_io.paragraphs).
Comments (word/comments.xml) are not read: Word prints them only when asked to print the markup,
and LibreOffice's PDF export (hoso's) leaves them out, so their font reaches no printed page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from lxml import etree

from pipeline.lint.docx_io import (
    Element,
    in_fallback,
    q,
    section_properties,
    shorten,
    theme_fonts,
    xp,
)

# DrawingML's names for the theme's fonts, and what a chart or SmartArt uses when it names none.
_THEME_REFS = {"+mn-lt": "minor", "+mj-lt": "major"}
_THEME_ROLE = {"major": "phông chủ đề cho Tiêu đề", "minor": "phông chủ đề cho Nội dung"}
_DEFAULT = "+mn-lt"

_CHARTS = xp(".//c:chart[@r:id]")
_DIAGRAMS = xp(".//dgm:relIds[@r:dm]")
_CHART_TEXT = xp(
    ".//c:title | .//c:legend | .//c:catAx | .//c:valAx | .//c:dateAx | .//c:serAx"
    " | .//c:dLbls | .//c:dLbl | .//c:dTable | .//c:trendlineLbl | .//c:dispUnitsLbl"
)
_RUNS = xp("./a:r[normalize-space(a:t)]")
_PARAS = xp(".//a:p")
_SHOWS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


@dataclass(frozen=True)
class Drawn:
    """One chart or SmartArt: where a message says it is, and the fonts of the text it shows
    (theme fonts by their name in the theme, or by Word's name for them when there is none)."""

    where: str
    fonts: frozenset[str]


def drawn(document: Document) -> list[Drawn]:
    """Every chart ("biểu đồ 1"…) and SmartArt ("SmartArt 1"…) of the body, headers and footers,
    in document order, with the fonts its text is printed in."""
    themes = theme_fonts(document)
    charts: list[Drawn] = []
    diagrams: list[Drawn] = []
    for part in _hosts(document):
        root = part.element
        for ref in _CHARTS(root):
            chart = _related(part, ref.get(q("r:id")))
            if chart is not None and not in_fallback(ref):
                title = _title(chart)
                where = f"biểu đồ {len(charts) + 1}" + (f" “{title}”" if title else "")
                charts.append(Drawn(where, _resolved(_chart_fonts(chart), themes)))
        for ref in _DIAGRAMS(root):
            fonts = _diagram_fonts(part, ref.get(q("r:dm")))
            if fonts is not None and not in_fallback(ref):
                where = f"SmartArt {len(diagrams) + 1}"
                diagrams.append(Drawn(where, _resolved(fonts, themes)))
    return charts + diagrams


def _hosts(document: Document) -> Iterator[Part]:
    """The document part, then each header and footer part a section uses, once."""
    yield document.part
    seen: set[str] = set()
    for sect_pr in section_properties(document):
        for ref in sect_pr:
            rid = ref.get(q("r:id"))
            if etree.QName(ref).localname in ("headerReference", "footerReference"):
                part = document.part.related_parts.get(rid)
                if part is not None and str(part.partname) not in seen:
                    seen.add(str(part.partname))
                    yield part


def _related(part: Part, rid: str | None) -> Element | None:
    """The XML of the part `rid` names from `part`; None when missing or unreadable (Word then
    draws nothing either)."""
    target = part.related_parts.get(rid) if rid else None
    if target is None:
        return None
    try:
        return parse_xml(target.blob)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _latin(props: Element | None) -> str | None:
    """The a:latin typeface of a run's or a paragraph's properties, if it names one."""
    latin = props.find(q("a:latin")) if props is not None else None
    return (latin.get("typeface") or None) if latin is not None else None


def _text_fonts(body: Element, inherited: str) -> set[str]:
    """The font of each run with text of a DrawingML text body: its own, else its paragraph's
    default, else the one inherited from around it."""
    fonts = set()
    for p in _PARAS(body):
        default = _latin(p.find(f"{q('a:pPr')}/{q('a:defRPr')}")) or inherited
        fonts |= {_latin(r.find(q("a:rPr"))) or default for r in _RUNS(p)}
    return fonts


def _chart_fonts(chart: Element) -> set[str]:
    """The fonts of a chart's shown text: titles, legend, axis labels, data labels, data table;
    each element's own font, else the chart's (Trang chủ › Phông chữ with the whole chart
    selected), else the theme's body font as Word uses it."""
    space = chart.find(f"{q('c:txPr')}//{q('a:defRPr')}")
    default = _latin(space) or _DEFAULT
    fonts: set[str] = set()
    for el in _CHART_TEXT(chart):
        if not _shown(el):
            continue
        own = _latin(el.find(f"{q('c:txPr')}//{q('a:defRPr')}")) or default
        rich = el.find(f"{q('c:tx')}/{q('c:rich')}")
        fonts |= _text_fonts(rich, own) if rich is not None else {own}
    return fonts


def _shown(el: Element) -> bool:
    """Whether a chart element prints text: not deleted, an axis with its labels, data labels
    that show something."""
    if _flag(el, "c:delete"):
        return False
    tag = etree.QName(el).localname
    if tag.endswith("Ax"):
        position = el.find(q("c:tickLblPos"))
        return position is None or position.get("val") != "none"
    if tag in ("dLbls", "dLbl"):
        return any(_flag(el, f"c:{name}") for name in _SHOWS) or el.find(q("c:tx")) is not None
    return True


def _flag(el: Element, tag: str) -> bool:
    """A chart's boolean child: absent is false; present without val (or val 1/true) is true."""
    found = el.find(q(tag))
    return found is not None and (found.get("val") or "1").lower() in ("1", "true")


def _title(chart: Element) -> str:
    """The chart's own title as typed, shortened; "" when it has none typed."""
    rich = chart.find(f"{q('c:chart')}/{q('c:title')}/{q('c:tx')}/{q('c:rich')}")
    if rich is None:
        return ""
    return shorten(" ".join("".join(t.text or "" for t in p.iter(q("a:t"))) for p in _PARAS(rich)))


def _diagram_fonts(host: Part, rid: str | None) -> set[str] | None:
    """The fonts of a SmartArt's text: from the drawing Word saves of it (what Word and
    LibreOffice print), else from its data; None when the SmartArt's parts are missing."""
    data = _related(host, rid)
    if data is None:
        return None
    ext = data.find(f".//{q('dsp:dataModelExt')}")
    drawing = _related(host, ext.get("relId")) if ext is not None else None
    if drawing is None:
        return set().union(*(_text_fonts(t, _DEFAULT) for t in data.iter(q("dgm:t"))))
    fonts: set[str] = set()
    for shape in drawing.iter(q("dsp:sp")):
        body = shape.find(q("dsp:txBody"))
        if body is not None:
            ref = shape.find(f"{q('dsp:style')}/{q('a:fontRef')}")
            inherited = "+mj-lt" if ref is not None and ref.get("idx") == "major" else _DEFAULT
            fonts |= _text_fonts(body, inherited)
    return fonts


def _resolved(fonts: set[str], themes: dict[str, str]) -> frozenset[str]:
    """Theme references named by the theme's fonts (or Word's name for the role)."""
    named = set()
    for font in fonts:
        kind = _THEME_REFS.get(font)
        named.add(themes.get(kind, _THEME_ROLE[kind]) if kind else font)
    return frozenset(named)
