"""Where printed lines of a real `hoso build` (LibreOffice) may break: the Biên bản's results
header keeps "Họ và tên" whole, and a year stays with the "năm" it dates ("năm 2023 / của", never
"năm / 2023 của"), the word after it free to start the next line. In the narrow cells of the
lists, the two syllables of an office's word ("Văn phòng", "Truyền thanh") print on one line,
the room for them taken from columns whose texts do not need it."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from pipeline.render.columns import fit_tables
from pipeline.render.connectors import lines
from pipeline.render.metrics import TextStyles, text_width
from pipeline.vietnamese import NBSP, keep_whole
from tests.conftest import BGM
from tests.doctext import paragraph_text
from tests.docx_factory import setup_page
from tests.pdf_words import Word, words
from tests.test_line_breaks import printed_lines, split_occurrences

BK = "bac-kan-cds-2022-2025"
MK = "muong-khuong-cds-2022-2025"  # its offices send a trích ngang
# Words of offices in the examples' positions and unit names ("Phó Chánh Văn phòng, Văn phòng
# Hội đồng nhân dân …", "Trung tâm Văn hóa, Thể thao và Truyền thanh …").
OFFICE_WORDS = ("Văn phòng", "Truyền thanh", "Thông tin", "Văn hóa", "Trung tâm", "Thể thao")
HOSO = Path(sys.executable).with_name("hoso")


def _build(example_cache, tmp_path_factory, plan: str) -> Path:
    """A plan's example built with LibreOffice: its documents folder."""
    root = tmp_path_factory.mktemp(plan)
    workbook = root / "hoso.xlsx"
    shutil.copy(example_cache(plan), workbook)
    done = subprocess.run(
        [str(HOSO), "build", "-q", "-o", str(root), str(workbook)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "hoso" / "van-ban"


@pytest.fixture(scope="module")
def built(example_cache, tmp_path_factory) -> Path:
    """The Bắc Kạn example built with LibreOffice: its documents folder."""
    return _build(example_cache, tmp_path_factory, BK)


@pytest.fixture(scope="module")
def built_bgm(example_cache, tmp_path_factory) -> Path:
    """The Bù Gia Mập example (the demo) built with LibreOffice: its documents folder."""
    return _build(example_cache, tmp_path_factory, BGM)


def test_the_results_header_prints_ho_va_ten_whole(built: Path) -> None:
    lines = printed_lines(built / "03-bien-ban.pdf")
    header = [line for line in lines if "Tên tập thể" in line]
    assert header and all("Họ và" not in line for line in header), header
    assert any("Họ và tên" in line for line in lines), lines


def test_a_year_stays_with_its_nam_not_with_the_next_word(built: Path) -> None:
    texts = [
        paragraph_text(p._p)
        for name in ("01-to-trinh.docx", "02-danh-sach.docx", "03-bien-ban.docx")
        for p in Document(str(built / name)).paragraphs
    ]
    said = " ".join(texts)
    assert f"năm{NBSP}2023 của" in said, said  # "Kèm theo Tờ trình … năm 2023 của …"
    assert f"2023{NBSP}của" not in said, said


@pytest.mark.parametrize("plan", [BK, BGM])
def test_words_of_offices_print_whole_in_the_lists_cells(plan: str, built, built_bgm) -> None:
    # The danh sách's "Chức vụ, đơn vị công tác" and the Biên bản's results printed
    # "Phó Chánh Văn / phòng" and "Thể thao và Truyền / thanh".
    folder = built if plan == BK else built_bgm
    pairs = [(folder / f"{n}.docx", folder / f"{n}.pdf") for n in ("02-danh-sach", "03-bien-ban")]
    assert split_occurrences(pairs, OFFICE_WORDS) == {}


def test_words_of_offices_print_whole_in_a_centred_title(example_cache, tmp_path_factory) -> None:
    # Mường Khương's trích ngang: "(Kèm theo Tờ trình số … năm 2023 của Phòng Văn / hóa và
    # Thông tin)" under its title, and the office's name in its cells.
    folder = _build(example_cache, tmp_path_factory, MK)
    pairs = [
        (folder / f"{n}.docx", folder / f"{n}.pdf") for n in ("02-danh-sach", "03-trich-ngang")
    ]
    assert split_occurrences(pairs, OFFICE_WORDS) == {}
    lines = printed_lines(folder / "03-trich-ngang.pdf")
    assert any(line.startswith("Phòng Văn hóa và Thông tin)") for line in lines), lines


# -- a column whose texts fit gives its room to one whose texts wrap ------------------------------

POSITION = "Phó Chánh Văn phòng, Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"
HEADERS = ("STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Ghi chú")


def _list(widths: tuple[int, ...]) -> Document:
    """A bordered list of one short name with a long position, columns `widths` twips wide."""
    doc = Document()
    setup_page(doc)
    table = doc.add_table(rows=2, cols=4, style="Table Grid")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
        for cell in column.cells:
            cell.width = Twips(width)
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    row = ("1", keep_whole("Hà Thị Lan"), POSITION, "")
    for cell, text in zip(table.rows[1].cells, row, strict=True):
        cell.paragraphs[0].add_run(text)
    borders = OxmlElement("w:tblBorders")  # a data table: its inside vertical border drawn
    inside = OxmlElement("w:insideV")
    inside.set(qn("w:val"), "single")
    borders.append(inside)
    table._tbl.tblPr.append(borders)
    return doc


def test_a_short_names_column_gives_its_room_to_a_wrapping_position() -> None:
    doc = _list((700, 4000, 2400, 2254))
    fit_tables(doc.element.body, TextStyles(doc.styles.element))
    table = doc.tables[0]
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) == 9354
    assert widths[2] > 2400 + 1500, widths  # the position's column is widened
    size = 11  # python-docx's default style
    name_room = (widths[1] - 216) / 20
    assert text_width("Hà Thị Lan", size) < name_room  # the name still fits its column
    for column in (1, 3):  # no header gains a line: "Họ và tên", "Ghi chú" stay on one
        room = (widths[column] - 216) / 20
        assert len(lines(HEADERS[column], room, size, True)) == 1, widths
    position = table.rows[1].cells[2].text
    assert position.count(f"Văn{NBSP}phòng") == 2 and "Văn phòng" not in position, position


# -- a column header breaks between words, never inside one ---------------------------------------

# The words of the headers a printing office sent back split: "Yêu cầu / của kế / hoạch" in the
# reports' criteria table, "Số / phiếu / đồng ý" and "Hình thức / đề nghị" in the Biên bản.
HEADER_WORDS = (("Yêu", "cầu"), ("kế", "hoạch"), ("Số", "phiếu"), ("đồng", "ý"), ("đề", "nghị"))
LEFT_EDGE, RIGHT_EDGE = 30 * 72 / 25.4 - 1, 595.3 - 15 * 72 / 25.4 + 1  # NĐ 30 margins, points


def _header_band(pdf: Path, page: int) -> tuple[list[Word], list[Word]]:
    """The words of a page's table header (around its "STT", down to the first row's number)
    and every word of the page."""
    found = words(pdf, page)
    stt = next(w for w in found if w.text == "STT")
    first = next(
        w for w in found if w.text == "1" and abs(w.left - stt.left) < 12 and w.top > stt.top
    )
    return [w for w in found if stt.top - 26 < w.top < first.top - 2], found


def _split_words(band: list[Word]) -> list[str]:
    """The header words whose second syllable is not beside the first on its line."""
    out = []
    for first, second in HEADER_WORDS:
        for w in (w for w in band if w.text == first):
            beside = [
                v for v in band
                if v.text.startswith(second) and abs(v.top - w.top) < 2 and 0 < v.left - w.right < 8
            ]  # fmt: skip
            if not beside:
                out.append(f"{first} {second} at {w.left:.0f},{w.top:.0f}")
    return out


def test_table_headers_break_between_words_within_the_margins(built: Path) -> None:
    report = next((built / "bao-cao").glob("01-*.pdf"))
    for pdf, page in ((report, 2), (built / "03-bien-ban.pdf", 2)):
        band, page_words = _header_band(pdf, page)
        texts = " ".join(w.text for w in band)
        assert ("hoạch" in texts) or ("phiếu" in texts), texts
        assert _split_words(band) == [], texts
        outside = [w.text for w in page_words if w.left < LEFT_EDGE or w.right > RIGHT_EDGE]
        assert outside == [], f"{pdf.name}: {outside}"


# The Tờ trình's centred title printed "… có thành tích xuất sắc trong phong / trào thi đua …".
TITLE_WORDS = ("phong trào", "chuyển đổi", "chương trình", "xuất sắc", "thành tích", "đề nghị")


def test_a_centred_title_breaks_between_words(built: Path) -> None:
    printed = printed_lines(built / "01-to-trinh.pdf")
    title = printed[: next(i for i, line in enumerate(printed) if "Kính gửi" in line)]
    assert any("phong trào" in line for line in title), title
    split = [
        f"{above} / {below}"
        for above, below in itertools.pairwise(line for line in title if line)
        for word in TITLE_WORDS
        if above.endswith(" " + word.split()[0]) and below.startswith(word.split()[1])
    ]
    assert split == [], split


def test_a_number_stays_with_its_reading_in_brackets(built: Path) -> None:
    # The Quyết định's title and Điều 1 printed "… cho 03 / (ba) tập thể …".
    said = " ".join(
        paragraph_text(p._p) for p in Document(str(built / "01-to-trinh.docx")).paragraphs
    )
    assert f"04{NBSP}(bốn) tập" in said and f"07{NBSP}(bảy) cá" in said, said
    for pdf in (built / "01-to-trinh.pdf", built / "03-bien-ban.pdf"):
        printed = [line for line in printed_lines(pdf) if line]
        split = [
            f"{above} / {below}"
            for above, below in itertools.pairwise(printed)
            if above.split()[-1].isdigit() and below.startswith("(")
        ]
        assert split == [], split
