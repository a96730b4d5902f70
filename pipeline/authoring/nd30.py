"""NĐ 30/2020 layout primitives on python-docx: page, styles, header block, rules, tables, signature."""

# Lengths are in twips (1/1440 inch = 1/20 pt), the unit of w:pgSz, w:ind, w:tcW and w:gridCol,
# so what is written to the XML is exactly what was computed here.

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.authoring.keeping import keep_body_end, keep_rows
from pipeline.authoring.styles import STYLES, StyleSpec
from pipeline.render.package import stable

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4 portrait
MARGIN_TOP = MARGIN_BOTTOM = 1134  # 20 mm
MARGIN_LEFT, MARGIN_RIGHT = 1701, 851  # 30 mm, 15 mm
HEADER_DISTANCE = 567  # 10 mm: the page number sits inside the 20 mm top margin
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 9354 twips = 165 mm
# Word's default cell padding is 1.9 mm a side; 1 mm leaves the 12 pt national title (88 mm in
# Times New Roman bold) room to stay on one line in the 99 mm right header column.
CELL_PADDING = 57
HEADER_LEFT = round(TEXT_WIDTH * 0.4)
HEADER_COLUMNS = (HEADER_LEFT, TEXT_WIDTH - HEADER_LEFT)
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_WIDTH = 3181  # the motto's width at 13 pt bold (56.1 mm): its rule is as long
ISSUER_RULE = 0.4  # the rule under the issuing body: 1/3–1/2 of the column
SUMMARY_RULE = 0.25  # the rule under the trích yếu: short, about 4 cm
SIGNATURE_SPACE = (
    5  # empty lines (about 27 mm): the signature image, the signer's details, the seal
)
FIXED_TIME = datetime(2024, 1, 1)  # core properties are constants: regenerating is byte-stable

Line = tuple[str, str]  # one paragraph: (text, style id); empty text is an empty line


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value * 1440 / 25.4)


# -- document, page, styles ---------------------------------------------------------------------


def new_nd30_document(title: str) -> Document:
    """Return an empty A4 document with NĐ 30 margins, Times New Roman styles and page numbers."""
    doc = new_document()
    _drop_extra_parts(doc)
    _set_page(doc.sections[0])
    _set_fonts_everywhere(doc)
    _theme_fonts(doc)
    for spec in STYLES:
        _add_style(doc, spec)
    page_numbers(doc.sections[0])
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "hoso", "hoso"
    props.comments = "Mẫu dựng sẵn của hoso (pipeline/blueprints.py), sửa được trong Word."
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    return doc


def to_bytes(doc: Document) -> bytes:
    """Serialize a document to byte-stable .docx bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable(buffer.getvalue())


def _drop_extra_parts(doc: Document) -> None:
    """Drop python-docx's thumbnail (a picture of its own blank page) and stylesWithEffects.

    Word 2010 reads stylesWithEffects.xml, whose theme fonts would bypass our Times New Roman.
    """
    for rels, reltype in (
        (doc.part.package.rels, RT.THUMBNAIL),
        (doc.part.rels, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"),
    ):
        for r_id in [k for k, rel in rels.items() if rel.reltype == reltype]:
            rels.pop(r_id)


def _set_page(section: Section) -> None:
    # python-docx starts on US Letter with 1-inch margins.
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)
    section.gutter = Twips(0)


def set_fonts(rpr: etree._Element) -> None:
    """Name Times New Roman for every script slot of an rPr, removing theme font references."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # w:rFonts is the first child of CT_RPr (there is no w:rStyle)
    fonts.attrib.clear()  # a theme attribute beats an explicit name on the same element
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def _set_fonts_everywhere(doc: Document) -> None:
    """docDefaults in Times New Roman 14 pt, single spacing, Vietnamese; every style in TNR."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr)
    rpr.find(qn("w:sz")).set(qn("w:val"), "28")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "28")
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")  # Word checks spelling in Vietnamese
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.attrib.clear()  # python-docx's default is 10 pt after and 1.15 lines
    for key, value in (("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{key}"), value)
    # Built-in styles (Heading 1, Title…) name theme fonts: a clerk picking one stays in TNR.
    for fonts in list(styles.iter(qn("w:rFonts"))):
        set_fonts(fonts.getparent())
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)


def _theme_fonts(doc: Document) -> None:
    """Make the theme's heading and body fonts Times New Roman too, for anything added in Word."""
    theme = doc.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    xml = re.sub(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*', rf"\g<1>{FONT}", xml)
    theme._blob = xml.encode("utf-8")


def _add_style(doc: Document, spec: StyleSpec) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    base = next((s for s in STYLES if s.style_id == spec.based_on), None)
    style.base_style = doc.styles[base.name if base else "Normal"]
    style.quick_style = True
    if spec.size is not None:
        style.font.size = Pt(spec.size)
    style.font.bold = spec.bold or None
    style.font.italic = spec.italic or None
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    if spec.first_line is not None:
        fmt.first_line_indent = Twips(spec.first_line)
    if spec.hanging is not None:
        fmt.left_indent = Twips(spec.hanging)
        fmt.first_line_indent = Twips(-spec.hanging)
    if spec.before is not None:
        fmt.space_before = Twips(spec.before)
    if spec.after is not None:
        fmt.space_after = Twips(spec.after)
    if spec.line is not None:
        fmt.line_spacing = spec.line
    fmt.keep_with_next = spec.keep_next or None
    if spec.rule:
        _top_border(style.element.get_or_add_pPr())


def _top_border(ppr: etree._Element) -> None:
    """Give a paragraph (style) a solid 0.75 pt top border: how a rule is drawn (see rule())."""
    borders = OxmlElement("w:pBdr")
    borders.append(_el("w:top", val="single", sz="6", space="0", color="000000"))
    # CT_PPr is a sequence: w:pBdr comes before shading, tabs, spacing, indents and alignment.
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr"
    )


def page_numbers(section: Section) -> None:
    """A centred PAGE field in the page header, none on page 1 (different first page)."""
    section.different_first_page_header_footer = True  # w:titlePg
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    paragraph = section.header.paragraphs[0]
    paragraph._p.style = "ND30PageNumber"
    for char_type, text in (
        ("begin", ""),
        ("", " PAGE "),
        ("separate", ""),
        ("", "2"),
        ("end", ""),
    ):
        run = paragraph.add_run()
        if char_type:
            run._r.append(_el("w:fldChar", fldCharType=char_type))
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text)  # the cached result; Word and LibreOffice recompute it


def _el(tag: str, **attrs: str) -> etree._Element:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


# -- paragraphs ---------------------------------------------------------------------------------

Container = Document | _Cell


def para(container: Container, text: str, style: str) -> Paragraph:
    """Add a paragraph of one run in a style (by id); a template tag stays whole in its run."""
    paragraph = container.add_paragraph()
    paragraph._p.style = style
    if text:
        paragraph.add_run(text)
    return paragraph


def fill(cell: _Cell, items: Sequence[Line]) -> None:
    """Fill a table cell with paragraphs, reusing the empty paragraph every cell starts with."""
    for i, (text, style) in enumerate(items):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph._p.style = style
        if text:
            paragraph.add_run(text)


def rule(container: Container, width: int, fraction: float) -> Paragraph:
    """Add a solid rule, `fraction` of `width` twips long, centred.

    The rule is an empty paragraph whose top border is narrowed by equal left and right indents.
    A bottom border on the text paragraph itself would span the text's full width (narrowing it
    would narrow the text too), and a drawn line floats: Word and LibreOffice anchor it
    differently. A paragraph stays in the flow, follows the text when a long name wraps, is as
    wide as asked, and its space-before (style ND30Rule) keeps it clear of the dots under Ậ, Ộ.
    Its 1 pt font makes it add almost no height.
    """
    paragraph = para(container, "", "ND30Rule")
    indent = round(width * (1 - fraction) / 2)
    paragraph.paragraph_format.left_indent = Twips(indent)
    paragraph.paragraph_format.right_indent = Twips(indent)
    return paragraph


def signature_space(style: str = "ND30SignTitle") -> list[Line]:
    """The empty lines between the signer's title and name, room for signature and seal."""
    return [("", style)] * SIGNATURE_SPACE


# -- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One data-table column: header text, width in mm, the cell's paragraphs and their style."""

    header: str
    width_mm: float
    cell: str | tuple[str, ...]
    style: str = "ND30TableText"

    def paragraphs(self, suffix: str) -> list[Line]:
        """The body cell's paragraphs in the column's style (suffix selects the 12 pt variant)."""
        texts = (self.cell,) if isinstance(self.cell, str) else self.cell
        return [(text, self.style + suffix) for text in texts]


def _widths(widths_mm: Sequence[float]) -> list[int]:
    """Column widths in twips adding up to the text width exactly (the last takes the rest)."""
    twips = [mm(w) for w in widths_mm[:-1]]
    return [*twips, TEXT_WIDTH - sum(twips)]


def _table_properties(table: Table, widths: Sequence[int], borders: bool) -> None:
    """Rebuild w:tblPr: full text width, centred, fixed layout, borders on or off, 1 mm padding."""
    tbl_pr = table._tbl.tblPr
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    edges = OxmlElement("w:tblBorders")
    line = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        # Explicit "nil" rather than nothing: a table style a clerk applies cannot add borders.
        edges.append(_el(f"w:{side}", **(line if borders else {"val": "nil"})))
    padding = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        padding.append(_el(f"w:{side}", w=str(CELL_PADDING), type="dxa"))
    # CT_TblPr is a sequence: tblW, jc, tblBorders, tblLayout, tblCellMar, tblLook.
    tbl_pr.append(_el("w:tblW", w=str(sum(widths)), type="dxa"))
    tbl_pr.append(_el("w:jc", val="center"))
    tbl_pr.append(edges)
    tbl_pr.append(_el("w:tblLayout", type="fixed"))
    tbl_pr.append(padding)
    tbl_pr.append(_el("w:tblLook", val="04A0", firstRow="1", noVBand="1"))
    # LibreOffice lays a table out by w:tblGrid, Word by each cell's w:tcW: both must agree.
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Twips(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _row_flags(table: Table, header_rows: int) -> None:
    """Every row stays whole on one page; the first `header_rows` repeat on every page."""
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


def hairline(doc: Document) -> Paragraph:
    """Add an empty paragraph 1 pt high: two tables apart (else Word and LibreOffice join them)."""
    paragraph = para(doc, "", "Normal")
    form = paragraph.paragraph_format
    form.space_before = form.space_after = Twips(0)
    form.line_spacing, form.line_spacing_rule = Pt(1), WD_LINE_SPACING.EXACTLY
    mark = OxmlElement("w:rPr")  # the mark's size; w:rPr comes last in w:pPr
    paragraph._p.get_or_add_pPr().append(mark)
    for tag in ("w:sz", "w:szCs"):
        mark.append(_el(tag, val="2"))
    return paragraph


def layout_table(doc: Document, widths: Sequence[int], rows: int = 1) -> Table:
    """Add a borderless table (header block, signature block) with the given column widths."""
    table = doc.add_table(rows=rows, cols=len(widths))
    _table_properties(table, widths, borders=False)
    _row_flags(table, header_rows=0)
    return table


def data_table(doc: Document, columns: Sequence[Column], loop: str, small: bool = False) -> Table:
    """Add a bordered data table: a bold header row, then one row repeated by a docxtpl loop.

    `loop` is the loop header, e.g. "for r in tap_the": the rows holding {%tr for … %} and
    {%tr endfor %} vanish when docxtpl renders. `small` sets the text in 12 pt instead of 13 pt.
    """
    size = "Small" if small else ""
    table = doc.add_table(rows=4, cols=len(columns))
    _table_properties(table, _widths([c.width_mm for c in columns]), borders=True)
    head, start, body, end = table.rows
    for i, column in enumerate(columns):
        fill(head.cells[i], [(column.header, f"ND30TableHead{size}")])
        fill(body.cells[i], column.paragraphs(size))
        fill(start.cells[i], [(f"{{%tr {loop} %}}" if i == 0 else "", f"ND30TableText{size}")])
        fill(end.cells[i], [("{%tr endfor %}" if i == 0 else "", f"ND30TableText{size}")])
        head.cells[i].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _row_flags(table, header_rows=1)
    return table


# -- header block, title, signature ---------------------------------------------------------------


def header_block(
    doc: Document, parent: str, issuer: str, number: str | None, place_date: str | None
) -> Table:
    """Add the borderless 2-column header block (40 % / 60 % of the text width).

    Row 1: parent body, issuing body, its rule | national title, motto, its rule. Row 2, when
    there is a Số or a place-date line: Số | place-date, level with each other however many
    lines the names above them take.
    """
    has_row_2 = number is not None or place_date is not None
    table = layout_table(doc, HEADER_COLUMNS, rows=2 if has_row_2 else 1)
    left, right = table.rows[0].cells
    inner = [width - 2 * CELL_PADDING for width in HEADER_COLUMNS]
    fill(left, [*_optional(parent, "ND30Parent"), (issuer, "ND30Issuer")])
    rule(left, inner[0], ISSUER_RULE)
    fill(right, [(NATIONAL, "ND30National"), (MOTTO, "ND30Motto")])
    rule(right, inner[1], MOTTO_WIDTH / inner[1])
    if has_row_2:
        number_cell, date_cell = table.rows[1].cells
        fill(number_cell, [(number or "", "ND30Number")])
        fill(date_cell, [(place_date or "", "ND30PlaceDate")])
    return table


def _optional(text: str, style: str) -> list[Line]:
    """A header line that a template variable fills: kept out when the value is empty, so that
    a body without a parent body starts on the first line (NĐ 30), not under a blank one."""
    match = re.fullmatch(r"\{\{ *([\w.]+) *\}\}", text)
    if not match:
        return [(text, style)]
    return [(f"{{%p if {match.group(1)} %}}", style), (text, style), ("{%p endif %}", style)]


def title_block(doc: Document, doc_type: str, summary: Sequence[Line]) -> None:
    """Add the document type, the trích yếu lines under it and the short rule closing them."""
    para(doc, doc_type, "ND30DocType")
    for text, style in summary:
        para(doc, text, style)
    rule(doc, TEXT_WIDTH, SUMMARY_RULE).paragraph_format.space_after = Twips(120)


def signature_table(
    doc: Document,
    left: Sequence[Line],
    right: Sequence[Line],
    split: float = 0.4,
    below: Sequence[Line] = (),
) -> Table:
    """Add the borderless signature block: Nơi nhận (or a second signer) left, the signer right.

    `below`, when given, is a third signature centred under both in a merged second row.
    """
    # An empty line before the block; it also keeps the block from fusing with a data table
    # that ends the body once docxtpl removes the {%p endif %} between them (Word and LibreOffice
    # join adjacent tables into one, and the signature would take the data table's borders).
    spacer = para(doc, "", "Normal")
    spacer.paragraph_format.keep_with_next = True
    keep_body_end(spacer._p)
    first = round(TEXT_WIDTH * split)
    table = layout_table(doc, (first, TEXT_WIDTH - first), rows=2 if below else 1)
    cell_left, cell_right = table.rows[0].cells
    fill(cell_left, left)
    fill(cell_right, right)
    if below:
        merged = table.cell(1, 0).merge(table.cell(1, 1))
        fill(merged, below)
        merged.width = Twips(TEXT_WIDTH)  # w:tcW spans both grid columns, as w:gridSpan does
    # The block moves as one: its rows never split (layout_table) and each keeps with the next.
    keep_rows(table._tbl.findall(qn("w:tr")))
    return table
