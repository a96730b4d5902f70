"""How hoso's typography prints in justified text and narrow table cells (real LibreOffice).

A template made here (A4, NĐ 30 margins, a 14 pt justified body) is rendered by the production
renderer, which applies `pipeline.vietnamese.typography`, and converted by LibreOffice; and the
Bắc Kạn example, whose Biên bản names "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Ba
Bể" in a narrow column, is built by the real `hoso build`. The words' boxes on the PDF pages
(pdftotext -bbox) say where the lines broke and how wide each gap printed.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.table import Table
from pypdf import PdfReader

from pipeline import vietnamese as vn
from pipeline.render.columns import fit_tables
from pipeline.render.justified import HARD_STRETCH, Room, ease, stretches
from pipeline.render.metrics import TextStyles, text_width
from tests.docx_factory import body_paragraph, print_template, set_row_flag, setup_page
from tests.pdf_words import Word, words

pytestmark = pytest.mark.libreoffice

# The office's consolidated Tờ trình cites a unit's Tờ trình not yet numbered nor dated.
CAN_CU = (
    "Căn cứ Tờ trình số     /TTr-VHTT ngày     tháng     năm 2023 của Phòng Văn hóa và "
    "Thông tin huyện Bù Gia Mập;"
)
SIZE = 14  # the body's size in points
SPACE = 0.25 * SIZE  # a space of Times New Roman (Liberation Serif) is a quarter em


def _template(folder: Path) -> Path:
    doc = new_document()
    setup_page(doc)
    body_paragraph(doc, "{{ can_cu }}").runs[0].font.size = Pt(SIZE)
    path = folder / "mau.docx"
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[Word]:
    """The test template filled and printed to PDF by LibreOffice: its words."""
    folder = tmp_path_factory.mktemp("typography")
    _template(folder)
    return words(print_template(folder, {"can_cu": CAN_CU}))


def _gap(found: list[Word], before: str, after: str) -> float:
    """The printed gap between a word and the next one on its line."""
    for a, b in itertools.pairwise(found):
        if a.text.endswith(before) and b.text.startswith(after) and abs(a.top - b.top) < 1:
            return b.left - a.right
    raise AssertionError(f"“{before} {after}” not on one line: {[w.text for w in found]}")


def test_blanks_for_the_number_and_date_keep_their_width_in_a_justified_line(printed) -> None:
    # The citation fills more than a line: its first line is justified. Each blank prints as
    # the five spaces it is, not stretched by the justification as the plain spaces around it.
    first = [w for w in printed if abs(w.top - printed[0].top) < 1]
    assert first[-1].right > 500, [w.text for w in printed]  # a full, justified line
    blanks = [
        _gap(printed, *pair) for pair in (("số", "/TTr"), ("ngày", "tháng"), ("tháng", "năm"))
    ]
    assert all(abs(gap - 5 * SPACE) < 1.5 for gap in blanks), (blanks, 5 * SPACE)


# -- a connector word never alone on a line of a narrow cell -------------------------------------

BAC_KAN = "bac-kan-cds-2022-2025"
CONNECTORS = ("và", "của", "các")
HOSO = Path(sys.executable).with_name("hoso")


SO_VHTTDL = "so-vhttdl-binh-phuoc-cds-2022-2025"


@pytest.fixture(scope="module")
def built(example_cache, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A plan's example built by the real `hoso build` with LibreOffice: its documents folder."""
    made: dict[str, Path] = {}

    def get(plan: str) -> Path:
        if plan not in made:
            root = tmp_path_factory.mktemp(plan)
            workbook = root / "hoso.xlsx"
            shutil.copy(example_cache(plan), workbook)
            command = [str(HOSO), "build", "-q", "-o", str(root), str(workbook)]
            done = subprocess.run(command, capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
            made[plan] = root / "hoso" / "van-ban"
        return made[plan]

    return get


def cell_lines(found: list[Word], below: str = "") -> list[str]:
    """The printed lines of a table's cells under a heading word: the words of a line split where
    the gap is wider than two spaces (a cell's padding and border; words in a cell are a space
    apart, its text being left-aligned or centred)."""
    top = next(w.top for w in found if w.text == below) if below else -1.0
    rows: dict[int, list[Word]] = {}
    for w in found:
        if w.top > top + 1:
            rows.setdefault(round(w.top), []).append(w)
    lines = []
    for row in rows.values():
        cell = [row[0].text]
        for a, b in itertools.pairwise(row):
            if b.left - a.right > 2 * SPACE:
                lines.append(" ".join(cell))
                cell = []
            cell.append(b.text)
        lines.append(" ".join(cell))
    return lines


def test_no_connector_prints_alone_in_a_narrow_cell(built) -> None:
    # Page 2 holds the results table (under "KẾT QUẢ"); the long name is in its second column.
    lines = cell_lines(words(built(BAC_KAN) / "03-bien-ban.pdf", 2), "KẾT")
    assert "Hội đồng nhân dân" in lines, lines
    assert [line for line in lines if line in CONNECTORS] == [], lines
    assert "và Ủy ban nhân dân" in lines, lines  # the connector goes with what it joins


def test_a_fixed_phrase_is_not_glued_to_the_capitalised_word_before_it() -> None:
    # "Khen thưởng" and "Ủy ban nhân dân" were glued into one 27-letter piece, which a justified
    # line cannot break and so stretches its other spaces.
    cited = "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Ủy ban nhân dân huyện Bù Gia Mập,"
    assert vn.keep_phrases(cited).replace(vn.NBSP, "_") == (
        "Căn cứ Biên bản họp Hội đồng Thi đua_- Khen_thưởng Ủy_ban_nhân_dân huyện_Bù_Gia_Mập,"
    )


def test_a_name_in_capitals_breaks_before_its_and(built) -> None:
    # The department's name in the header's 40 % column: "SỞ VĂN HÓA, THỂ THAO / VÀ DU LỊCH".
    for document in ("01-to-trinh.pdf", "03-bien-ban.pdf"):
        lines = cell_lines(words(built(SO_VHTTDL) / document))
        assert "VÀ DU LỊCH" in lines, lines
        assert [line for line in lines if line.endswith(" VÀ")] == [], lines


# -- a row naming the table's rows above its column headers --------------------------------------


def _captioned_table(name: str) -> tuple[Document, Table]:
    """A bordered four-column list: a caption row across it, the column headers (repeated on
    every page), one person whose name is wider than its column; "Ghi chú" left empty."""
    doc = new_document()
    setup_page(doc)
    table = doc.add_table(rows=3, cols=4, style="Table Grid")
    for column, width in zip(table.columns, (700, 1800, 4000, 2854), strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
    caption = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
    caption.paragraphs[0].add_run("Cá nhân của Ủy ban nhân dân xã Phú Nghĩa")
    for cell, text in zip(
        table.rows[1].cells, ("STT", "Họ và tên", "Chức vụ", "Ghi chú"), strict=True
    ):
        cell.paragraphs[0].add_run(text)
    set_row_flag(table.rows[0]._tr, "w:tblHeader")
    set_row_flag(table.rows[1]._tr, "w:tblHeader")
    borders = OxmlElement("w:tblBorders")  # a data table: its inside vertical border drawn
    inside = OxmlElement("w:insideV")
    inside.set(qn("w:val"), "single")
    borders.append(inside)
    table._tbl.tblPr.append(borders)
    for cell, text in zip(
        table.rows[2].cells, ("1", vn.keep_whole(name), "Chuyên viên", ""), strict=True
    ):
        cell.paragraphs[0].add_run(text)
    return doc, table


def test_column_headers_under_a_caption_row_are_headers_when_columns_are_fitted() -> None:
    doc, table = _captioned_table("Nguyễn Thị Phương Thảo Quỳnh")
    fit_tables(doc.element.body, TextStyles(doc.styles.element))
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    # The name's column is widened with the room of the empty "Ghi chú" column, as it is in a
    # table without a caption: "Chức vụ" keeps its width.
    assert widths[1] > 1800 and widths[2] == 4000 and widths[3] < 2854, widths


# The Quyết định's list ended "… (Bằng chữ: Hai mươi bảy triệu / đồng)." and then "đồng)." alone.
TOTAL = "Tổng cộng tiền thưởng: 27.000.000 đồng (Bằng chữ: Hai mươi bảy triệu đồng)."
LEADS = ("", "Tiền thưởng: ", "Tổng tiền thưởng kèm theo: ", "Kèm theo: ")


def test_a_justified_paragraph_ends_on_a_lone_short_word_only_rather_than_stretch(
    tmp_path: Path,
) -> None:
    """The last two words print together, unless that stretches the line above them beyond
    render.justified.HARD_STRETCH: then the last word goes down alone (with no lead: "… Hai
    mươi bảy triệu / đồng).", rather than "… (Bằng   chữ:   Hai   mươi   bảy / triệu đồng).")."""
    doc = new_document()
    setup_page(doc)
    for i in range(len(LEADS)):  # leads of other widths: one of them leaves "đồng)." alone
        body_paragraph(doc, f"{{{{ tong_{i} }}}}").runs[0].font.size = Pt(SIZE)
    doc.save(str(tmp_path / "mau.docx"))
    context = {f"tong_{i}": lead + TOTAL for i, lead in enumerate(LEADS)}
    lines: dict[int, list[str]] = {}
    for w in words(print_template(tmp_path, context)):
        lines.setdefault(round(w.top), []).append(w.text)
    ends = [lines[top] for top in sorted(lines) if lines[top][-1] == "đồng)."]
    assert len(ends) == len(LEADS), lines
    alone = [lead for lead, line in zip(LEADS, ends, strict=True) if len(line) == 1]
    assert alone == [lead for lead in LEADS if _stretch_kept(lead + TOTAL) > HARD_STRETCH]
    assert 0 < len(alone) < len(LEADS), ends  # both cases were printed


def _stretch_kept(text: str) -> float:
    """How far a body paragraph's worst line stretches with its last two words together, eased
    by every other measure of render.justified."""
    kept = vn.keep_phrases(text)
    kept = kept[: kept.rfind(" ")] + vn.NBSP + kept[kept.rfind(" ") + 1 :]
    widths = tuple(text_width(c, SIZE, False) for c in kept)
    room = Cm(16.5).pt
    frame = Room(room - Cm(1.27).pt, room)
    return max(stretches(ease(kept, widths, frame, last_resort=False), widths, frame))


# A position in the danh sách and the Biên bản's results: "Công chức Văn phòng / - Thống kê"
# printed a line that starts with a dash, as an item of a list does.
DASHED = "Công chức Văn phòng - Thống kê, Phòng Kinh tế xã Phú Nghĩa"


def test_a_line_never_starts_with_the_dash_of_a_name(tmp_path: Path) -> None:
    doc = new_document()
    setup_page(doc)
    text_room = Cm(16.5).pt  # A4 less the 30 and 15 mm margins
    lead = text_width("Công chức Văn phòng", 12, False)
    for extra in (1, 2, 3, 4, 5, 6):  # room for the lead and part of " -": the dash did not fit
        paragraph = doc.add_paragraph()
        run = paragraph.add_run("{{ chuc_vu }}")
        run.font.size = Pt(12)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.right_indent = Pt(text_room - lead - extra)
    doc.save(str(tmp_path / "mau.docx"))
    lines: dict[int, list[Word]] = {}
    for w in words(print_template(tmp_path, {"chuc_vu": DASHED})):
        lines.setdefault(round(w.top), []).append(w)
    starts = [min(line, key=lambda w: w.left).text for line in lines.values()]
    assert starts.count("Công") == 6, starts
    assert "-" not in starts, starts


MUONG_KHUONG = "muong-khuong-cds-2022-2025"


def test_a_cooperative_prints_hop_tac_xa_on_one_line_in_a_narrow_cell(built) -> None:
    # "Chuyên viên chính, Hợp / tác xã Nông nghiệp / Thanh Bình": its "xã" was taken for a
    # commune's level, glued to "Nông", and "Hợp tác" left behind.
    folder = built(MUONG_KHUONG)
    lines = [
        line for page in (1, 2) for line in cell_lines(words(folder / "02-danh-sach.pdf", page))
    ]
    coop = [line for line in lines if "Hợp" in line.split() or line.startswith("tác ")]
    assert coop and all("Hợp tác xã" in line for line in coop), coop


VI_DU_XA = "vi-du-xa-bu-gia-map-2026"


@pytest.mark.parametrize(
    ("plan", "word"), [(SO_VHTTDL, "Thư viện"), (VI_DU_XA, "Phục vụ")], ids=("thu-vien", "phuc-vu")
)
def test_an_office_s_word_prints_whole_in_a_narrow_cell(built, plan: str, word: str) -> None:
    # "Phó Giám đốc, Thư / viện tỉnh Bình Phước", "Viên chức, Trung tâm Phục / vụ hành chính
    # công": a cell breaks between the words of a unit's name, never inside one.
    first, second = word.split()
    pdf = built(plan) / "02-danh-sach.pdf"
    pages = range(1, len(PdfReader(pdf).pages) + 1)
    lines = [line for page in pages for line in cell_lines(words(pdf, page))]
    assert any(word in line for line in lines), lines
    torn = [line for line in lines if line.endswith(first) or line.startswith(second)]
    assert torn == [], torn
