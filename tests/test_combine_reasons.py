"""What the combiner accepts that only looks like a list or a page break, date fields and
several sections, what it refuses, and how a build says why a document was converted alone. Real
documents (Bù Gia Mập's example), real LibreOffice.
"""

from __future__ import annotations

import copy
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.pdf.combine import SECTIONS, combine_key, read_package, refusal
from pipeline.pdf.combined import alone_text
from pipeline.pdf.split import signature
from pipeline.resources import TEMPLATES_DIR
from tests.test_combined_convert import BGM, W, _assert_same, _convert_both, _docx, pool

__all__ = ["pool"]  # the module's two warm LibreOffice workers

pytestmark = pytest.mark.libreoffice

# Paragraph properties before w:pageBreakBefore and w:numPr in the schema's order.
_BEFORE_BREAK = {f"{{{W}}}{t}" for t in ("pStyle", "keepNext", "keepLines")}
_BEFORE_NUMBERING = _BEFORE_BREAK | {f"{{{W}}}{t}" for t in ("pageBreakBefore", "widowControl")}


def _edited(source: Path, target: Path, change: Callable[[etree._Element], None]) -> Path:
    """A copy of a DOCX whose document.xml went through `change` (its root element)."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _switched_off(root: etree._Element) -> None:
    """What LibreOffice writes for paragraphs that take a style's break or list off: an explicit
    <w:pageBreakBefore w:val="0"/> and <w:numPr>…<w:numId w:val="0"/></w:numPr>."""
    for paragraph in list(root.iter(f"{{{W}}}p"))[:6]:
        props = paragraph.find(f"{{{W}}}pPr")
        if props is None:
            props = etree.SubElement(paragraph, f"{{{W}}}pPr")
            paragraph.insert(0, props)
        at = sum(1 for child in props if child.tag in _BEFORE_BREAK)
        etree.SubElement(props, f"{{{W}}}pageBreakBefore").set(f"{{{W}}}val", "0")
        props.insert(at, props[-1])
        numbering = etree.SubElement(props, f"{{{W}}}numPr")
        etree.SubElement(numbering, f"{{{W}}}ilvl").set(f"{{{W}}}val", "0")
        etree.SubElement(numbering, f"{{{W}}}numId").set(f"{{{W}}}val", "0")
        props.insert(sum(1 for child in props if child.tag in _BEFORE_NUMBERING), numbering)


def test_breaks_and_lists_switched_off_are_joined_and_print_as_alone(
    pool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[:5]
    for index in (1, 3):
        docx[index] = _edited(docx[index], tmp_path / f"tat-{index}.docx", _switched_off)
        body = read_package(docx[index]).document
        assert b'<w:pageBreakBefore w:val="0"/>' in body and b'<w:numId w:val="0"/>' in body
    assert len({combine_key(read_package(d)) for d in docx}) == 1
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 5
    _assert_same(combined, alone)


def _numbered(root: etree._Element) -> None:
    """A real automatic list on one of the document's first paragraphs (not a tag's own)."""
    _switched_off(root)
    for number in root.iter(f"{{{W}}}numId"):
        if _plain(next(number.iterancestors(f"{{{W}}}p"))):
            number.set(f"{{{W}}}val", "1")
            return


def _plain(paragraph: etree._Element) -> bool:
    """A paragraph of text without tags: every document prints it."""
    text = "".join(paragraph.itertext())
    return bool(text.strip()) and "{" not in text


def _page_break(root: etree._Element) -> None:
    """A page break typed at the end of the first paragraph every document prints."""
    paragraph = next(p for p in root.iter(f"{{{W}}}p") if _plain(p))
    paragraph.append(etree.fromstring(f'<w:r xmlns:w="{W}"><w:br w:type="page"/></w:r>'))


def test_the_summary_says_in_words_why_documents_were_converted_alone(
    example_cache, tmp_path: Path, run_cli
) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    _edited(TEMPLATES_DIR / "bien-ban.docx", templates / "bien-ban.docx", _numbered)
    _edited(TEMPLATES_DIR / "danh-sach.docx", templates / "danh-sach.docx", _numbered)
    _edited(TEMPLATES_DIR / "to-trinh.docx", templates / "to-trinh.docx", _page_break)
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(example_cache(BGM), workbook)
    result = run_cli("build", "-q", "-o", tmp_path / "out", "--templates", templates, workbook)
    assert result.code == 0, result.err
    assert (
        "; 3 văn bản phải chuyển PDF riêng lẻ (vẫn đúng, chỉ chậm hơn): 2 văn bản có danh sách "
        "tự đánh số (Numbering), 1 văn bản có ngắt trang đặt tay (Page Break)."
    ) in result.out


def test_one_reason_is_said_once() -> None:
    assert alone_text(["có chú thích (Footnote)"] * 2) == (
        "2 văn bản phải chuyển PDF riêng lẻ (vẫn đúng, chỉ chậm hơn) vì có chú thích (Footnote)"
    )


def _dated(root: etree._Element) -> None:
    """A DATE field (the year) in the first paragraph every document prints, saved as 2020."""
    paragraph = next(p for p in root.iter(f"{{{W}}}p") if _plain(p))
    for run in (
        '<w:r><w:t xml:space="preserve"> (năm in: </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> DATE </w:instrText></w:r>',
        '<w:r><w:instrText xml:space="preserve">\\@ "yyyy" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>2020</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "<w:r><w:t>)</w:t></w:r>",
    ):
        paragraph.append(etree.fromstring(run.replace("<w:r>", f'<w:r xmlns:w="{W}">', 1)))


def _landscape_end(root: etree._Element) -> None:
    """Two sections: the first third of the body on A4 portrait, the rest landscape, its pages
    numbered on from the first section's (no unnumbered first page of its own)."""
    body = root.find(f"{{{W}}}body")
    last = body[-1]
    paragraphs = [e for e in body if e.tag == f"{{{W}}}p"]
    cut = paragraphs[len(paragraphs) // 3]
    props = cut.find(f"{{{W}}}pPr")
    if props is None:
        props = etree.Element(f"{{{W}}}pPr")
        cut.insert(0, props)
    props.append(copy.deepcopy(last))
    size = last.find(f"{{{W}}}pgSz")
    width, height = size.get(f"{{{W}}}w"), size.get(f"{{{W}}}h")
    size.set(f"{{{W}}}w", height)
    size.set(f"{{{W}}}h", width)
    size.set(f"{{{W}}}orient", "landscape")
    for first_page in last.findall(f"{{{W}}}titlePg"):
        last.remove(first_page)


def test_date_fields_and_sections_are_joined_and_print_as_alone(
    pool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[:6]
    docx[1] = _edited(docx[1], tmp_path / "ngay.docx", _dated)
    docx[4] = _edited(docx[4], tmp_path / "ngang.docx", _landscape_end)
    assert read_package(docx[4]).document.count(b"<w:sectPr") == 2
    assert len({combine_key(read_package(d)) for d in docx}) == 1
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 6
    _assert_same(combined, alone)
    # The date is LibreOffice's today, not the year the field was saved with, alone or not.
    pdf = PdfReader(combined[1].job.target)
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert re.search(r"năm in: 20\d\d\)", text) and "năm in: 2020)" not in text, text
    # Portrait then landscape pages, the landscape ones numbered on (2, 3…) as alone.
    pages = PdfReader(combined[4].job.target).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert sizes[0] == (595, 842) and sizes[-1] == (842, 595), sizes
    assert len(pages) >= 2 and pages[-1].extract_text().split()[0] == str(len(pages))


def _odd_page_start(root: etree._Element) -> None:
    """Two sections, the second starting on an odd page (a blank page may come before it)."""
    _landscape_end(root)
    last = root.find(f"{{{W}}}body")[-1]
    kind = etree.Element(f"{{{W}}}type")
    kind.set(f"{{{W}}}val", "oddPage")
    last.insert(sum(1 for c in last if "Reference" in c.tag), kind)


def _total_pages(root: etree._Element) -> None:
    """A NUMPAGES field in the body: it would count the combined document's pages."""
    _dated(root)
    for text in root.iter(f"{{{W}}}instrText"):
        text.text = text.text.replace("DATE", "NUMPAGES")


def test_sections_and_fields_that_would_print_otherwise_are_not_joined(
    example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[3]
    odd = read_package(_edited(docx, tmp_path / "le.docx", _odd_page_start))
    total = read_package(_edited(docx, tmp_path / "tong.docx", _total_pages))
    assert combine_key(odd) is None and refusal(odd) == SECTIONS
    assert combine_key(total) is None
    assert refusal(total) == "có trường tự động (Field) trong nội dung"


def _headerless(root: etree._Element) -> None:
    """No header at all (the template's header parts stay in the package, referred to by none)."""
    for reference in list(root.iter(f"{{{W}}}headerReference")):
        reference.getparent().remove(reference)


def test_a_document_without_headers_never_shows_the_previous_ones(
    pool, example_cache, tmp_path: Path
) -> None:
    # A section without a header shows the previous section's: joined after a report, this one
    # printed the report's page number on its page 2.
    docx = _docx(example_cache, BGM, tmp_path / "docx")[3:7]
    for index in (1, 3):
        docx[index] = _edited(docx[index], tmp_path / f"khong-dau-trang-{index}.docx", _headerless)
    keys = [combine_key(read_package(d)) for d in docx]
    assert keys[0] == keys[2] != keys[1] == keys[3] and None not in keys
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 4
    _assert_same(combined, alone)
    pages = PdfReader(combined[1].job.target).pages
    assert len(pages) >= 2 and pages[1].extract_text().split()[0] != "2"


def _footer_later(root: etree._Element) -> None:
    """Two sections, the second with a footer of a kind the first has not."""
    _landscape_end(root)
    last = root.find(f"{{{W}}}body")[-1]
    reference = last.find(f"{{{W}}}headerReference")
    footer = etree.Element(f"{{{W}}}footerReference", attrib=dict(reference.attrib))
    footer.set(f"{{{W}}}type", "even")
    reference.addnext(footer)


def test_a_later_section_with_a_header_its_first_lacks_is_not_joined(
    example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[3]
    later = read_package(_edited(docx, tmp_path / "chan-trang.docx", _footer_later))
    assert combine_key(later) is None and refusal(later) == SECTIONS


def _starting_at(first: int) -> Callable[[etree._Element], None]:
    """A document whose (only) section numbers its pages from `first`, as a continuation would."""

    def change(root: etree._Element) -> None:
        section = root.find(f"{{{W}}}body")[-1]
        for old in section.findall(f"{{{W}}}pgNumType"):
            section.remove(old)
        numbering = etree.Element(f"{{{W}}}pgNumType")
        numbering.set(f"{{{W}}}start", str(first))
        after = ("cols", "titlePg", "docGrid", "formProt", "vAlign", "noEndnote")
        at = next((i for i, c in enumerate(section) if etree.QName(c).localname in after), None)
        section.insert(len(section) if at is None else at, numbering)

    return change


def test_a_document_numbering_its_pages_from_its_own_start_prints_as_alone(
    pool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[3:8]
    docx[1] = _edited(docx[1], tmp_path / "tu-5.docx", _starting_at(5))
    docx[3] = _edited(docx[3], tmp_path / "tu-2.docx", _starting_at(2))
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 5
    _assert_same(combined, alone)
    # Its second page says 6 (its first is unnumbered), not the 2 of a restart at 1.
    pages = PdfReader(combined[1].job.target).pages
    assert len(pages) >= 2 and pages[1].extract_text().split()[0] == "6"


def _timed(root: etree._Element) -> None:
    """A TIME field (hours and minutes) in the first paragraph every document prints, saved as
    the time the template was last saved."""
    _dated(root)
    for text in root.iter(f"{{{W}}}instrText"):
        text.text = text.text.replace("DATE", "TIME").replace('"yyyy"', '"HH:mm"')
    for text in root.iter(f"{{{W}}}t"):
        text.text = text.text.replace("năm in", "giờ in").replace("2020", "23:59")


def _time_masked(pages: tuple) -> list[tuple]:
    """Pages with the printed time of day replaced: alone and combined ran a minute apart."""
    return [(size, re.sub(r"\d\d:\d\d", "HH:MM", text)) for size, text in pages]


def test_time_fields_are_joined_and_print_as_alone(pool, example_cache, tmp_path: Path) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[3:7]
    docx[2] = _edited(docx[2], tmp_path / "gio.docx", _timed)
    assert len({combine_key(read_package(d)) for d in docx}) == 1
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 4
    _assert_same(combined[:2] + combined[3:], alone[:2] + alone[3:])
    mine, theirs = signature(combined[2].job.target), signature(alone[2].job.target)
    assert _time_masked(mine.pages) == _time_masked(theirs.pages) and mine.fonts == theirs.fonts
    # The time is LibreOffice's now, not the one the field was saved with.
    text = " ".join(" ".join(page for _, page in mine.pages).split())
    assert re.search(r"giờ in: \d\d:\d\d\)", text) and "giờ in: 23:59)" not in text, text


def test_a_document_unlike_every_other_says_it_had_no_partner(
    example_cache, tmp_path: Path, run_cli
) -> None:
    # The Tờ trình's template has lost its header: the only document of its kind in the build.
    templates = tmp_path / "mau"
    templates.mkdir()
    _edited(TEMPLATES_DIR / "to-trinh.docx", templates / "to-trinh.docx", _headerless)
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(example_cache(BGM), workbook)
    result = run_cli("build", "-q", "-o", tmp_path / "out", "--templates", templates, workbook)
    assert result.code == 0, result.err
    assert (
        "; 1 văn bản phải chuyển PDF riêng lẻ (vẫn đúng, chỉ chậm hơn) vì không có văn bản nào "
        "khác cùng định dạng (kiểu chữ, lề trang, đầu và chân trang) để chuyển chung."
    ) in result.out
