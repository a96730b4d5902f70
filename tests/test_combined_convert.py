"""Combined conversions: every split PDF is what converting its DOCX alone gives, for every plan.

Real documents (each plan's example workbook, and a review period's office documents), real
LibreOffice, PDFs read with pypdf: page count, text of every page, fonts and page size compared
with the same DOCX converted by itself. A document the combiner cannot carry is converted alone
and is still right.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from pipeline.inputs.plans import all_plans
from pipeline.pdf import combine as combine_module
from pipeline.pdf.combine import HEADER_FIELDS, combine_key, read_package
from pipeline.pdf.combined import FAILED, CombiningConverter, combining
from pipeline.pdf.converter import ConversionJob, ConversionResult, child_env, find_soffice
from pipeline.pdf.pool import LibreOfficePool
from pipeline.pdf.split import signature
from pipeline.period.build import OFFICE_OUT, build_period
from pipeline.period.config import load_period
from pipeline.resources import TEMPLATES_DIR
from tests.conftest import decide_here
from tests.test_period import fix_broken_unit

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLANS = [plan.id for plan in all_plans()]
BGM = "bu-gia-map-cds-2022-2025"
MK = "muong-khuong-cds-2022-2025"

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def pool() -> Iterator[LibreOfficePool]:
    """Two warm LibreOffice workers shared by the tests of this module."""
    with LibreOfficePool(size=2) as shared:
        yield shared


def _docx(example_cache: Callable[[str], Path], plan_id: str, out: Path) -> list[Path]:
    """The DOCX of a plan's example workbook, as `hoso build --no-pdf` writes them."""
    report = build([example_cache(plan_id)], BuildOptions(out_dir=out, pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    return sorted(out.rglob("*.docx"))


def _convert_both(
    pool: LibreOfficePool, docx: list[Path], folder: Path, **options: int
) -> tuple[list[ConversionResult], list[ConversionResult]]:
    """Each DOCX converted alone into folder/alone and through the combiner into folder/combined."""
    alone = [
        ConversionJob(d, folder / "alone" / f"{i:03d}.pdf", d.name) for i, d in enumerate(docx)
    ]
    combined = [
        ConversionJob(d, folder / "combined" / f"{i:03d}.pdf", d.name) for i, d in enumerate(docx)
    ]
    by_itself = pool.convert(alone)
    converter = CombiningConverter(pool, **options)
    joined = converter.convert(combined)
    assert all(r.ok for r in by_itself + joined), [r.error for r in by_itself + joined]
    assert converter.combined == sum(1 for r in joined if r.fallback is None)
    return by_itself, joined


def _assert_same(results: list[ConversionResult], twins: list[ConversionResult]) -> None:
    """Each combined result's PDF reads like its twin converted alone."""
    for result, twin in zip(results, twins, strict=True):
        mine, theirs = signature(result.job.target), signature(twin.job.target)
        assert len(mine.pages) == len(theirs.pages), result.job.label
        for number, (page, expected) in enumerate(
            zip(mine.pages, theirs.pages, strict=True), start=1
        ):
            assert page == expected, f"{result.job.label}, trang {number}"
        assert mine.fonts == theirs.fonts, result.job.label


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_split_pdf_equals_its_document_converted_alone(
    plan_id: str, pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, plan_id, tmp_path / "docx")
    assert len(docx) >= 5
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=2, group_size=7)
    # Every document went through a combined PDF: none was converted alone.
    assert [r.fallback for r in combined] == [None] * len(docx)
    assert len({combine_key(read_package(d)) for d in docx}) == 1
    _assert_same(combined, alone)
    first = PdfReader(combined[0].job.target)
    assert first.metadata is not None and first.metadata.title == PdfReader(
        alone[0].job.target
    ).metadata.title  # fmt: skip


def test_the_office_documents_of_a_period_split_right(
    pool: LibreOfficePool, period: Callable[..., Path], tmp_path: Path
) -> None:
    folder = period(MK)
    decide_here(folder)
    fix_broken_unit(folder)
    out = tmp_path / "period"
    build_period(load_period(folder), BuildOptions(out_dir=out, pdf=False))
    office = sorted((out / OFFICE_OUT).rglob("*.docx"))
    kinds = {re.sub(r"^\d+-", "", p.stem) for p in office}
    assert {"quyet-dinh", "danh-sach"} <= kinds, kinds
    # The Quyết định and its list, joined with a unit's documents between them.
    docx = [office[0], *sorted(out.rglob("03-bien-ban.docx"))[:2], *office[1:]]
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * len(docx)
    _assert_same(combined, alone)


def _saved_by_libreoffice(folder: Path) -> Path:
    """hoso's templates opened and saved again as DOCX by LibreOffice (as a clerk who edits them
    in LibreOffice does), in folder/mau; LibreOffice's profile stays in the folder."""
    templates = folder / "mau"
    command = [str(find_soffice()), f"-env:UserInstallation={(folder / 'profile').as_uri()}",
               "--headless", "--convert-to", "docx", "--outdir", str(templates),
               *map(str, sorted(TEMPLATES_DIR.glob("*.docx")))]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300, env=child_env())
    assert len(list(templates.glob("*.docx"))) == len(list(TEMPLATES_DIR.glob("*.docx")))
    return templates


def test_templates_saved_by_libreoffice_are_all_joined(
    pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    # LibreOffice saves in each header the page number it last showed ("0" in the Tờ trình, "2"
    # in the others): the headers still print alike, and the documents are joined.
    templates = _saved_by_libreoffice(tmp_path)
    out = tmp_path / "docx"
    report = build([example_cache(BGM)], BuildOptions(out_dir=out, templates=templates, pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    docx = sorted(out.rglob("*.docx"))
    assert len(docx) == 15
    assert len({combine_key(read_package(d)) for d in docx}) == 1
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [None] * 15
    _assert_same(combined, alone)


def _with_total_pages(source: Path, target: Path) -> None:
    """A copy of a document whose page numbers read “1/2”: the combiner cannot carry NUMPAGES
    (in a combined document it would count every document's pages)."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    header = next(name for name, data in parts.items() if b" PAGE " in data)
    parts[header] = parts[header].replace(
        b"</w:p></w:hdr>",
        b'<w:r><w:t>/</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
        b'<w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r>'
        b'<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r>'
        b'<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>',
    )
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_document_that_cannot_be_combined_is_converted_alone_and_right(
    pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[:6]
    odd = tmp_path / "tong-so-trang.docx"
    _with_total_pages(docx[2], odd)
    docx[2] = odd
    assert combine_key(read_package(odd)) is None
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=2, group_size=20)
    assert [r.fallback for r in combined] == [None, None, HEADER_FIELDS, None, None, None]
    _assert_same(combined, alone)
    # Its page numbers count its own pages, not the combined document's.
    reader = PdfReader(combined[2].job.target)
    pages = len(reader.pages)
    assert pages >= 2
    assert f"2/{pages}" in reader.pages[1].extract_text()


def test_a_build_counts_the_documents_converted_alone(
    pool: LibreOfficePool, example_cache, tmp_path: Path, run_cli
) -> None:
    templates = tmp_path / "mau"
    templates.mkdir()
    _with_total_pages(TEMPLATES_DIR / "bien-ban.docx", templates / "bien-ban.docx")
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(example_cache(BGM), workbook)
    result = run_cli("build", "-q", "-o", tmp_path / "out", "--templates", templates, workbook)
    assert result.code == 0, result.err
    assert (
        "; 1 văn bản phải chuyển PDF riêng lẻ (vẫn đúng, chỉ chậm hơn) vì có trường tự động "
        "(Field) ở đầu hoặc chân trang ngoài số trang, như “1/3”."
    ) in result.out
    reader = PdfReader(next((tmp_path / "out").rglob("*bien-ban.pdf")))
    assert f"2/{len(reader.pages)}" in reader.pages[1].extract_text()


def _starting_hidden(source: Path, target: Path) -> None:
    """A copy of a document that starts with a hidden paragraph: the combiner's marker sits in
    hidden text, which LibreOffice does not lay out, so the combined PDF cannot be split."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    body = parts["word/document.xml"]
    at = body.index(b">", body.index(b"<w:body")) + 1
    hidden = b"<w:rPr><w:vanish/></w:rPr>"
    text = "<w:t>ẩn</w:t>".encode()
    paragraph = b"<w:p><w:pPr>" + hidden + b"</w:pPr><w:r>" + hidden + text + b"</w:r></w:p>"
    parts["word/document.xml"] = body[:at] + paragraph + body[at:]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_combined_pdf_that_cannot_be_split_is_converted_one_by_one(
    pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[:4]
    odd = tmp_path / "an-dau.docx"
    _starting_hidden(docx[1], odd)
    docx[1] = odd
    assert combine_key(read_package(odd)) is not None  # nothing tells in advance
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [FAILED] * 4
    _assert_same(combined, alone)


def _with_body_end(source: Path, target: Path, xml: bytes) -> None:
    """A copy of a document with `xml` added at the end of its body."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    body = parts["word/document.xml"]
    at = body.rindex(b"<w:sectPr")
    parts["word/document.xml"] = body[:at] + xml + body[at:]
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_empty_paragraphs_at_a_document_end_stay_as_alone(
    pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    # Empty paragraphs running onto a page of their own: alone they print a page that shows
    # only its number; joined, the same page is there, and no fallback is needed.
    docx = _docx(example_cache, BGM, tmp_path / "docx")[:3]
    bare = tmp_path / "trang-trong.docx"
    _with_body_end(docx[0], bare, b"<w:p/>" * 60)
    docx[0] = bare
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert re.fullmatch(r"\s*\d*\s*", PdfReader(alone[0].job.target).pages[-1].extract_text())
    assert [r.fallback for r in combined] == [None] * 3
    _assert_same(combined, alone)


def test_a_section_end_pushed_onto_a_page_of_its_own_is_caught(
    pool: LibreOfficePool, example_cache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The paragraph added after a document ending in a table (the Tờ trình's signature table)
    # spills onto a new page when the table ends at the foot of a page. Forced here with a
    # paragraph as tall as a page: the end marker is then off the last page, and the group is
    # converted one by one, still right.
    def tall() -> etree._Element:
        paragraph = hairline()
        paragraph.find(f"{{{W}}}pPr/{{{W}}}spacing").set(f"{{{W}}}line", str(20 * 700))
        return paragraph

    hairline = combine_module._hairline_paragraph
    monkeypatch.setattr(combine_module, "_hairline_paragraph", tall)
    docx = [d for d in _docx(example_cache, BGM, tmp_path / "docx") if "to-trinh" in d.name]
    docx = [docx[0], *_docx(example_cache, BGM, tmp_path / "more")[:2]]
    assert _ends_in_table(docx[0])
    alone, combined = _convert_both(pool, docx, tmp_path, lanes=1)
    assert [r.fallback for r in combined] == [FAILED] * 3
    _assert_same(combined, alone)


def _ends_in_table(docx: Path) -> bool:
    """True when the document's body ends with a table (before its section properties)."""
    body = etree.fromstring(read_package(docx).document).find(f"{{{W}}}body")
    return body is not None and body[-2].tag == f"{{{W}}}tbl"


def test_a_document_with_a_page_break_is_not_joined(example_cache, tmp_path: Path) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")[0]
    broken = tmp_path / "ngat-trang.docx"
    _with_body_end(docx, broken, b'<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    assert combine_key(read_package(docx)) is not None
    assert combine_key(read_package(broken)) is None


def test_pdfs_split_in_a_second_process_are_the_same(
    pool: LibreOfficePool, example_cache, tmp_path: Path
) -> None:
    docx = _docx(example_cache, BGM, tmp_path / "docx")
    jobs = [ConversionJob(d, tmp_path / "a" / f"{i:03d}.pdf", d.name) for i, d in enumerate(docx)]
    alone = pool.convert(jobs)
    jobs = [ConversionJob(d, tmp_path / "b" / f"{i:03d}.pdf", d.name) for i, d in enumerate(docx)]
    with combining(pool, lanes=2, many=True) as converter:
        assert converter.splitter is not None
        combined = converter.convert(jobs)
    assert converter.combined == len(docx)
    assert all(r.ok and r.fallback is None for r in combined)
    _assert_same(combined, alone)
