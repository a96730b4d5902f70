"""Small Word templates built in code, one docxtpl feature each, with a context that exercises it.

Each factory returns the template's bytes and a context; tests/test_render_peer.py renders every
one through hoso's fast path and through docxtpl's own rendering and compares the packages.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Twips
from docx.table import Table
from docxtpl import Listing, RichText

Factory = Callable[[], tuple[bytes, dict[str, Any]]]

PEOPLE = [
    {"stt": 1, "ten": "Nguyễn Văn An", "don_vi": "Phòng Văn hóa & Thông tin", "mau": "FFF2CC"},
    {"stt": 2, "ten": "Trần Thị Bích Ngọc", "don_vi": "Trung tâm <Văn hóa>", "mau": "DDEBF7"},
    {"stt": 3, "ten": 'Lê "Út" Em', "don_vi": "Ủy ban nhân dân xã Bù Gia Mập", "mau": "E2EFDA"},
]
TRICKY = 'Công ty "A & B" <TNHH> — 5 > 3 & 2 < 4'


def png(width: int = 6, height: int = 4, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small solid PNG image, written by hand (no imaging library needed)."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def saved(doc: Document) -> bytes:
    """The template's bytes."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def table(doc: Any, rows: Sequence[Sequence[str]], widths: Sequence[int] = ()) -> Table:
    """A table whose cells hold the given texts (in the body, a header or a footer)."""
    columns = max(len(r) for r in rows)
    if isinstance(doc, Document):
        made = doc.add_table(rows=len(rows), cols=columns)
    else:
        made = doc.add_table(rows=len(rows), cols=columns, width=Cm(16))
    for row, texts in zip(made.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            cell.paragraphs[0].add_run(text)
    for column, width in zip(made.columns, widths, strict=False):
        for cell in column.cells:
            cell.width = Twips(width)
    return made


def bordered(made: Table) -> Table:
    """Inside vertical border drawn in the table's own properties: hoso widens its columns."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "4")
        borders.append(edge)
    made._tbl.tblPr.append(borders)
    grid = made._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), (600, 1400, 3000), strict=False):
        col.set(qn("w:w"), str(width))
    return made


def row_and_cell_loops() -> tuple[bytes, dict[str, Any]]:
    """{%tr for %} rows in a bordered table, {%tc for %} cells adding grid columns."""
    doc = new_document()
    doc.add_paragraph("Danh sách {{ tieu_de }}")
    bordered(
        table(
            doc,
            [
                ["STT", "Họ và tên", "Đơn vị"],
                ["{%tr for r in nguoi %}", "", ""],
                ["{{ r.stt }}", "{{ r.ten }}", "{{ r.don_vi }}"],
                ["{%tr endfor %}", "", ""],
            ],
        )
    )
    table(doc, [["{%tc for c in cot %}", "{{ c }}", "{%tc endfor %}"]])
    context = {"tieu_de": "khen thưởng", "nguoi": PEOPLE, "cot": ["2023", "2024", "2025", "2026"]}
    return saved(doc), context


def merges_and_backgrounds() -> tuple[bytes, dict[str, Any]]:
    """{% vm %} and {% hm %} merges, {% colspan %} and {% cellbg %} cells."""
    doc = new_document()
    table(
        doc,
        [
            ["{%tr for r in nguoi %}", ""],
            ["{% vm %}{{ nhom }}", "{% cellbg r.mau %}{{ r.ten }}"],
            ["{%tr endfor %}", ""],
        ],
    )
    table(doc, [["{%tc for i in range(3) %}", "{% hm %}Gộp ngang: {{ nhom }}", "{%tc endfor %}"]])
    table(doc, [["{% colspan so_cot %}{{ nhom }}", "", ""], ["a", "b", "c"]])
    return saved(doc), {"nguoi": PEOPLE, "nhom": "Cá nhân", "so_cot": 3}


def headers_and_footers() -> tuple[bytes, dict[str, Any]]:
    """Variables, a row loop and a comment in headers and footers, first page different."""
    doc = new_document()
    doc.add_paragraph("Nội dung của {{ co_quan }}")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].add_run("Trang đầu: {{ co_quan }}")
    section.header.paragraphs[0].add_run("{{ co_quan }} — số {{ so }}/TTr-{{ ky_hieu }}")
    table(section.header, [["{%tr for r in nguoi %}"], ["{{ r.ten }}"], ["{%tr endfor %}"]])
    section.header.add_paragraph("{{ trong }}")  # blank text: python-docx's parser keeps it too
    section.footer.paragraphs[0].add_run("Chân trang {{ so }}{# ghi chú cho người soạn #}")
    context = {
        "co_quan": "UBND HUYỆN BÙ GIA MẬP",
        "so": "05",
        "ky_hieu": "VHTT",
        "nguoi": PEOPLE,
        "trong": "  ",
    }
    return saved(doc), context


def comments() -> tuple[bytes, dict[str, Any]]:
    """{# … #} inside a paragraph, {#p … #} paragraphs and {#tr … #} rows."""
    doc = new_document()
    doc.add_paragraph("Trước{# một ghi chú #} sau: {{ ten }}")
    doc.add_paragraph("{#p cả đoạn này là ghi chú #}")
    doc.add_paragraph("Đoạn còn lại")
    table(doc, [["{#tr dòng ghi chú #}", ""], ["{{ ten }}", "x"]])
    return saved(doc), {"ten": "Nguyễn Văn An"}


def escaping() -> tuple[bytes, dict[str, Any]]:
    """< > & and quotes in values, in the body, a table cell, the header and the footer."""
    doc = new_document()
    doc.add_paragraph("Đơn vị: {{ ten }}")
    table(doc, [["{{ ten }}", "{{ so }}"]])
    doc.sections[0].header.paragraphs[0].add_run("{{ ten }}")
    doc.sections[0].footer.paragraphs[0].add_run("{{ ten|upper }}")
    return saved(doc), {"ten": TRICKY, "so": "1 < 2"}


def breaks() -> tuple[bytes, dict[str, Any]]:
    """Line breaks (\\n), new paragraphs (\\a), tabs, page breaks (\\f), Listing and RichText."""
    doc = new_document()
    doc.add_paragraph("{{ dong }}")
    doc.add_paragraph("{{ doan }}")
    doc.add_paragraph("Cột: {{ tab }}")
    doc.add_paragraph("{{ trang }}")
    doc.add_paragraph("{{ liet_ke }}")
    doc.add_paragraph("{{r chu }}")
    doc.add_paragraph("{%p if sang_trang %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("Sau trang mới")
    context = {
        "dong": "dòng một\ndòng hai & ba",
        "doan": "đoạn một\ađoạn hai",
        "tab": "a\tb",
        "trang": "trước\fsau",
        "liet_ke": Listing("một\nhai <ba>"),
        "chu": RichText("đậm\nxuống dòng", bold=True),
        "sang_trang": True,
    }
    return saved(doc), context


def paragraph_and_run_tags() -> tuple[bytes, dict[str, Any]]:
    """{%p for/if %} paragraphs and {%r if %} / {{r … }} runs."""
    doc = new_document()
    for text in ("{%p for m in muc %}", "{{ loop.index }}. {{ m }}", "{%p endfor %}"):
        doc.add_paragraph(text)
    for text in (
        "{%p if co %}",
        "Có {{ muc|length }} mục.",
        "{%p else %}",
        "Không có.",
        "{%p endif %}",
    ):
        doc.add_paragraph(text)
    paragraph = doc.add_paragraph()
    for text in ("Kính gửi: ", "{%r if kinh_gui %}", "{{ kinh_gui }}", "{%r endif %}", "."):
        paragraph.add_run(text).bold = text.startswith("{{")
    doc.add_paragraph("Ký: {{r ky }}")
    context = {
        "muc": ["Tập thể", "Cá nhân & gia đình"],
        "co": True,
        "kinh_gui": "Chủ tịch UBND huyện",
        "ky": RichText("Nguyễn Văn An", bold=True, color="C00000"),
    }
    return saved(doc), context


def pictures() -> tuple[bytes, dict[str, Any]]:
    """Pictures in the template itself, in the body (twice) and in the header: media copied."""
    doc = new_document()
    doc.add_paragraph("Quốc huy của {{ co_quan }}")
    doc.add_picture(io.BytesIO(png()), width=Cm(2))
    doc.add_paragraph("{%p for r in nguoi %}")
    doc.add_paragraph("{{ r.ten }}").add_run().add_picture(io.BytesIO(png(rgb=(0, 90, 0))))
    doc.add_paragraph("{%p endfor %}")
    header = doc.sections[0].header.paragraphs[0]
    header.add_run("{{ co_quan }} ")
    header.add_run().add_picture(io.BytesIO(png(rgb=(0, 0, 160))), width=Cm(1))
    return saved(doc), {"co_quan": "UBND HUYỆN BÙ GIA MẬP", "nguoi": PEOPLE}


def header_if_around_table(condition: bool) -> tuple[bytes, dict[str, Any]]:
    """The broken-header case: {% if %} opened in a header table's cell, closed after the table."""
    doc = new_document()
    doc.add_paragraph("Nội dung {{ ten }}")
    header = doc.sections[0].header
    table(header, [["{% if hien %}"]])
    header.add_paragraph("{% endif %}")
    return saved(doc), {"ten": "An", "hien": condition}


FEATURES: dict[str, Factory] = {
    "tr-tc-loops": row_and_cell_loops,
    "merges-cellbg-colspan": merges_and_backgrounds,
    "headers-footers": headers_and_footers,
    "comments": comments,
    "escaping": escaping,
    "breaks": breaks,
    "p-r-tags": paragraph_and_run_tags,
    "pictures": pictures,
    "header-if-kept": lambda: header_if_around_table(True),
}
