"""Builds an NĐ 30-compliant Tờ trình in code (python-docx), for tests to break one rule at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.shared import Cm, Pt, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
TEXT_WIDTH = 11906 - 1701 - 851  # A4 minus left 30 mm and right 15 mm, in twips
HEADER_COLUMNS = (3742, TEXT_WIDTH - 3742)  # 40 % / 60 %
DATA_COLUMNS = (1000, 4355, TEXT_WIDTH - 5355)

LONG_BODY = (
    "Phòng Văn hóa và Thông tin kính đề nghị Chủ tịch Ủy ban nhân dân huyện xem xét, tặng "
    "Giấy khen cho 01 (một) tập thể và 02 (hai) cá nhân đã có thành tích xuất sắc trong phong "
    'trào thi đua "Chuyển đổi số", gồm:'
)
CAN_CU = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
    "tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
)


def set_border(paragraph: Paragraph, side: str, val: str = "single") -> None:
    """Give a paragraph a border on one side (top/bottom…)."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    for key, value in (("val", val), ("sz", "6"), ("space", "1"), ("color", "auto")):
        el.set(qn(f"w:{key}"), value)
    bdr.append(el)


def set_row_flag(row_el: CT_Row, tag: str, on: bool = True) -> None:
    """Add or remove an on/off row property (w:tblHeader, w:cantSplit)."""
    trpr = row_el.get_or_add_trPr()
    for old in trpr.findall(qn(tag)):
        trpr.remove(old)
    if on:
        trpr.append(OxmlElement(tag))


def write(
    paragraph: Paragraph,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """Fill a paragraph with one run of directly formatted text."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _cell_lines(cell: _Cell) -> Iterator[Paragraph]:
    """Yield the cell's first (pre-existing) paragraph, then new ones."""
    yield cell.paragraphs[0]
    while True:
        yield cell.add_paragraph()


def _set_widths(table: Table, widths: tuple[int, ...]) -> None:
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Twips(width)
        for cell in col.cells:
            cell.width = Twips(width)


def rule_paragraph(paragraph: Paragraph, cell_width: int, fraction: float) -> None:
    """An empty paragraph whose top border, narrowed by indents, is the rule."""
    indent = int(cell_width * (1 - fraction) / 2)
    paragraph.paragraph_format.left_indent = Twips(indent)
    paragraph.paragraph_format.right_indent = Twips(indent)
    set_border(paragraph, "top")


def setup_page(doc: Document) -> None:
    """A4 portrait, margins 20/20/30/15 mm, Normal in Times New Roman 14 pt, 6 pt after."""
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin = section.bottom_margin = Twips(1134)
    section.left_margin, section.right_margin = Twips(1701), Twips(851)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0


def _header_table(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    _set_widths(table, HEADER_COLUMNS)
    left, right = (_cell_lines(c) for c in table.rows[0].cells)
    write(next(left), "UBND HUYỆN BÙ GIA MẬP", size=13, align=CENTER)
    write(next(left), "PHÒNG VĂN HÓA VÀ THÔNG TIN", size=13, bold=True, align=CENTER)
    rule_paragraph(next(left), HEADER_COLUMNS[0], 1 / 3)
    write(next(left), "Số: 05/TTr-VHTT", size=13, align=CENTER)
    write(next(right), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER)
    write(next(right), "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER)
    rule_paragraph(next(right), HEADER_COLUMNS[1], 0.5)
    write(next(right), "Bù Gia Mập, ngày 05 tháng 10 năm 2023", italic=True, align=CENTER)


def _title(doc: Document) -> None:
    write(doc.add_paragraph(), "TỜ TRÌNH", bold=True, align=CENTER)
    summary = "Về việc đề nghị tặng Giấy khen cho tập thể và cá nhân"
    write(doc.add_paragraph(), summary, bold=True, align=CENTER)
    rule_paragraph(doc.add_paragraph(), TEXT_WIDTH, 1 / 3)
    write(doc.add_paragraph(), "Kính gửi: Chủ tịch Ủy ban nhân dân huyện", align=CENTER)


def body_paragraph(doc: Document, text: str) -> Paragraph:
    """Add a body paragraph: justified, first line indented 1.27 cm (Normal gives 14 pt, 6 pt)."""
    paragraph = write(doc.add_paragraph(), text, align=JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1.27)
    return paragraph


def _data_table(doc: Document) -> None:
    rows = [
        ("STT", "Họ và tên", "Đơn vị"),
        ("1", "Nguyễn Văn Bình", "Phòng Văn hóa và Thông tin"),
        ("2", "Trần Thị Cúc", "Trung tâm Văn hóa, Thể thao và Truyền thông"),
    ]
    table = doc.add_table(rows=len(rows), cols=3, style="Table Grid")
    _set_widths(table, DATA_COLUMNS)
    for i, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        set_row_flag(row._tr, "w:cantSplit")
        if i == 0:
            set_row_flag(row._tr, "w:tblHeader")
        for cell, value in zip(row.cells, values, strict=True):
            write(cell.paragraphs[0], value, size=13, bold=i == 0, align=CENTER)


def _signature_table(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    _set_widths(table, HEADER_COLUMNS)
    left, right = (_cell_lines(c) for c in table.rows[0].cells)
    write(next(left), "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ("- Như trên;", "- Chủ tịch UBND huyện;", "- Lưu: VT, VHTT."):
        write(next(left), line, size=11)
    write(next(right), "KT. TRƯỞNG PHÒNG", bold=True, align=CENTER)
    write(next(right), "PHÓ TRƯỞNG PHÒNG", bold=True, align=CENTER)
    for _ in range(3):
        next(right)
    write(next(right), "Nguyễn Văn An", bold=True, align=CENTER)


def add_page_field(paragraph: Paragraph, size: float = 14) -> None:
    """Append a complex PAGE field (begin, instruction, separate, result "2", end)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def add_page_numbers(doc: Document) -> None:
    """Different first page, and a centred 14 pt PAGE field in the default header."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    add_page_field(paragraph)


def build_to_trinh() -> Document:
    """Return a Tờ trình that satisfies every rule pipeline.lint checks."""
    doc = new_document()
    setup_page(doc)
    _header_table(doc)
    _title(doc)
    body_paragraph(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;")
    body_paragraph(doc, CAN_CU)
    body_paragraph(doc, LONG_BODY)
    body_paragraph(doc, "1. Tập thể: 01 (một) tập thể;")
    body_paragraph(doc, "2. Cá nhân: 02 (hai) cá nhân.")
    _data_table(doc)
    body_paragraph(doc, "Kính trình Chủ tịch Ủy ban nhân dân huyện xem xét, quyết định./.")
    _signature_table(doc)
    add_page_numbers(doc)
    return doc


def all_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Yield the body's paragraphs, then those of every table cell (nested tables too)."""
    yield from doc.paragraphs

    def in_tables(tables: list[Table]) -> Iterator[Paragraph]:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
                    yield from in_tables(cell.tables)

    yield from in_tables(doc.tables)


def paragraph(doc: Document, prefix: str) -> Paragraph:
    """Return the first paragraph whose text starts with prefix (body or tables)."""
    return next(p for p in all_paragraphs(doc) if p.text.startswith(prefix))


def set_text(paragraph_: Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph_.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def save(doc: Document, folder: Path, name: str = "to-trinh.docx") -> Path:
    """Save the document into folder and return its path."""
    path = folder / name
    doc.save(str(path))
    return path


def print_template(folder: Path, context: dict[str, object]) -> Path:
    """`folder`/mau.docx filled with `context` by hoso's renderer and printed by LibreOffice: the
    PDF (beside it, van-ban.pdf), for tests that look at where the words landed."""
    from pipeline.pdf.pool import ConversionJob, LibreOfficePool
    from pipeline.render import Renderer, TemplateSet

    docx = folder / "van-ban.docx"
    renderer = Renderer(TemplateSet((folder,)))
    docx.write_bytes(renderer.render("mau.docx", context, label="Văn bản", properties={}))
    pdf = docx.with_suffix(".pdf")
    with LibreOfficePool(size=1) as pool:
        (result,) = pool.convert([ConversionJob(docx, pdf, "Văn bản")])
    assert result.ok, result.error
    return pdf
