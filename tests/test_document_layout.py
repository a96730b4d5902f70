"""What the built documents show: place names, dates, header lines, fonts and page layout."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from pipeline.check.reports import place_in
from pipeline.inputs.certificates import builtin_calibration
from pipeline.inputs.plans import all_plans
from pipeline.pdf.certificates import draw_certificates, draw_test_page
from pipeline.pdf.combined import CombiningConverter
from pipeline.pdf.pool import LibreOfficePool
from tests.pdf_words import words


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Hợp tác xã Nông nghiệp Thanh Bình", None),
        ("Liên hiệp hợp tác xã Thanh Bình", None),
        ("Hợp tác xã Dịch vụ nông nghiệp xã Bản Lầu", "Bản Lầu"),
        ("Ủy ban nhân dân xã Bản Lầu", "Bản Lầu"),
        ("Trường Tiểu học thị trấn Mường Khương", "Mường Khương"),
        ("Đoàn xã Nông nghiệp", None),
    ],
)
def test_place_in_a_unit_name(name: str, place: str | None) -> None:
    """A report is dated at the place its unit's name ends with, never at "Nông" of a
    "Hợp tác xã Nông nghiệp …": a cooperative's "xã" is no level, "Nông nghiệp" no place."""
    assert place_in(name) == place


# -- built documents ------------------------------------------------------------------------------

VI_DU_2026 = "vi-du-xa-bu-gia-map-2026"
PERIOD_PLANS = ("bu-gia-map-cds-2022-2025", VI_DU_2026)


def _hoso(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the real command, as a clerk does."""
    command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def periods(period_cache, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example periods built in full (documents, PDFs, statistics, certificates)."""
    root = tmp_path_factory.mktemp("layout-periods")
    out = {}
    for plan in PERIOD_PLANS:
        folder = root / plan
        shutil.copytree(period_cache(plan), folder)
        result = _hoso("period", "build", "-q", folder)
        assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: the broken unit
        out[plan] = folder / "ket-qua"
    return out


def _italic(paragraph: Paragraph) -> bool:
    """Whether a paragraph prints in italics: its runs' own setting, else its style's chain."""
    style = paragraph.style
    while style is not None and style.font.italic is None:
        style = style.base_style
    own = {r.italic for r in paragraph.runs if r.text.strip()}
    return own == {True} or (own <= {None} and style is not None and bool(style.font.italic))


def test_decision_bases_are_italic(periods: dict[str, Path]) -> None:
    """A Quyết định's Căn cứ lines and its "Xét đề nghị …" are italic (NĐ 30, decisions)."""
    decision = periods[VI_DU_2026] / "tong-hop" / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.docx"
    paragraphs = Document(str(decision)).paragraphs
    bases = [p for p in paragraphs if p.text.startswith(("Căn cứ", "Xét đề nghị"))]
    assert len(bases) >= 4 and bases[-1].text.startswith("Xét đề nghị")
    assert [p.text[:30] for p in bases if not _italic(p)] == []
    articles = [p for p in paragraphs if p.text.startswith("Điều")]
    assert articles and not any(_italic(p) for p in articles)


def _line_tops(pdf: Path) -> list[tuple[float, str]]:
    """The first page's printed lines, top to bottom: (top in points, text)."""
    lines: dict[int, list[str]] = {}
    for word in words(pdf, 1):
        lines.setdefault(round(word.top), []).append(word.text)
    return [(float(top), " ".join(texts)) for top, texts in sorted(lines.items())]


def test_decision_authority_and_its_verb_stand_apart(periods: dict[str, Path]) -> None:
    """The authority line ("CHỦ TỊCH …") and "QUYẾT ĐỊNH:" are set apart from the Căn cứ and Điều
    lines they open: a larger step than between two lines of one paragraph."""
    decision = periods[VI_DU_2026] / "tong-hop" / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.pdf"
    tops = _line_tops(decision)
    texts = [t for _, t in tops]
    first_basis = next(i for i, t in enumerate(texts) if t.startswith("Căn cứ"))
    verb = next(i for i, t in enumerate(texts) if t == "QUYẾT ĐỊNH:")
    steps = [b - a for (a, _), (b, _) in itertools.pairwise(tops)]
    line_step = min(steps[first_basis : verb - 1])  # two lines of one Căn cứ paragraph
    assert steps[first_basis - 1] >= line_step + 3, texts[first_basis - 1 : first_basis + 1]
    assert steps[verb] >= line_step + 3, texts[verb : verb + 2]


PLANS = tuple(plan.id for plan in all_plans())  # every shipped plan, a new one included


@pytest.fixture(scope="module")
def built(example_cache, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every plan's example built in full with real LibreOffice, PDFs included."""
    out = tmp_path_factory.mktemp("layout")
    with LibreOfficePool(size=2) as pool:
        converter = CombiningConverter(pool, lanes=2)
        report = build(
            [example_cache(p) for p in PLANS], BuildOptions(out_dir=out), converter=converter
        )
    assert report.exit_code == 0, [r.error for r in report.results]
    return {plan: out / plan for plan in PLANS}


def _header(path: Path) -> tuple[str, str]:
    """The report's header, left column: (the body above, the unit)."""
    lines = [p.text for p in Document(str(path)).tables[0].rows[0].cells[0].paragraphs if p.text]
    return lines[0], lines[1]


@pytest.mark.parametrize("plan", PLANS)
def test_an_individual_report_names_the_body_above_the_workplace(
    built: dict[str, Path], plan: str
) -> None:
    """An individual's report prints above the workplace what the collective of that name
    prints above it; a workplace the batch has no collective for has the proposing unit's
    parent body above it, never the proposing unit (a Phòng is not a xã's superior)."""
    reports = sorted((built[plan] / "van-ban" / "bao-cao").glob("*.docx"))
    manifest = json.loads((built[plan] / "manifest.json").read_text(encoding="utf-8"))
    kinds = {Path(d["path"]).name: (d["nominee"] or "") for d in manifest["documents"]}
    above = {
        unit: top
        for path in reports
        if kinds[path.name].startswith("tap-the-")
        for top, unit in [_header(path)]
    }
    people = [_header(p) for p in reports if kinds[p.name].startswith("ca-nhan-")]
    assert people
    for top, unit in people:
        if unit in above:
            assert top == above[unit], unit
        assert not (top.startswith("PHÒNG") and unit.startswith("ỦY BAN NHÂN DÂN")), (top, unit)


BROKEN_RANGE = re.compile(r"\d{4} [-–]|[-–] \d{4}")  # a breakable space beside a range's dash


def _all_paragraphs(path: Path) -> Iterator[str]:
    """The raw text (non-breaking spaces kept) of every paragraph, in tables too."""
    document = Document(str(path))
    yield from (p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from (p.text for p in cell.paragraphs)


def test_year_ranges_never_break(built: dict[str, Path], periods: dict[str, Path]) -> None:
    """ "giai đoạn 2022 - 2025" keeps its years and dash on one line in every document: the
    spaces beside the dash are non-breaking (the text reads, and extracts, the same)."""
    folders = [*built.values(), *periods.values()]
    documents = [p for folder in folders for p in folder.rglob("*.docx")]
    ranges = [
        t for p in documents for t in _all_paragraphs(p) if re.search(r"\d{4}\s[-–]\s\d{4}", t)
    ]
    assert ranges  # the plans' movements and periods have year ranges
    assert [t for t in ranges if BROKEN_RANGE.search(t)] == []
    # Bắc Kạn's trích yếu ends "… giai đoạn 2022 - 2025”": no line of its PDF starts with "2025".
    pdf = built["bac-kan-cds-2022-2025"] / "van-ban" / "01-to-trinh.pdf"
    lines = [
        line.strip() for page in PdfReader(pdf).pages for line in page.extract_text().split("\n")
    ]
    assert "giai đoạn 2022 - 2025”" in " ".join(" ".join(lines).split())
    assert not [line for line in lines if re.match(r"[-–]?\s*\d{4}”", line)]


# -- fonts of the PDFs hoso draws itself ----------------------------------------------------------


def _fonts(pdf: Path) -> dict[str, bool]:
    """Every font a PDF's pages name in their resources (forms too), base name → embedded."""
    found: dict[str, bool] = {}

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = [f.get_object() for f in font.get("/DescendantFonts", [])] or [font]
            for part in descendants:
                descriptor = part.get("/FontDescriptor")
                keys = set(descriptor.get_object()) if descriptor is not None else set()
                embedded = bool(keys & {"/FontFile", "/FontFile2", "/FontFile3"})
                found[str(font.get("/BaseFont", font.get("/Subtype")))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in PdfReader(pdf).pages:
        visit(page.get("/Resources"))
    return found


def test_certificates_embed_every_font(tmp_path: Path) -> None:
    """A certificate and the calibration test page name no font but the embedded serif:
    reportlab's initial Helvetica, never used, is not left in the page resources."""
    calibration = builtin_calibration("giay-khen")
    texts = {key: "Nguyễn Văn An" for key in calibration.fields}
    for name, data in (
        ("phoi.pdf", draw_certificates(calibration, [texts])),
        ("xem-truoc.pdf", draw_certificates(calibration, [texts], preview=True)),
        ("in-thu.pdf", draw_test_page(calibration)),
    ):
        (tmp_path / name).write_bytes(data)
        fonts = _fonts(tmp_path / name)
        assert fonts and all(fonts.values()), (name, fonts)
        assert not any("Helvetica" in font for font in fonts), (name, fonts)


MM = 72 / 25.4  # PDF points in a millimetre


def _text_origins(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Each piece of text a PDF draws: (text, x, y, page width, page height) in mm."""
    found = []
    for page in PdfReader(pdf).pages:
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM

        def visit(text, cm, tm, _font, _size, width=width, height=height) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((text.strip(), x / MM, y / MM, width, height))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("plan", PERIOD_PLANS)
def test_statistics_pdf_has_margins_and_the_documents_serif(
    periods: dict[str, Path], plan: str
) -> None:
    """The period's chart keeps NĐ 30's margins (30 mm left, 15 mm right, 20 mm top and
    bottom) and is set in the documents' serif, embedded as TrueType (not DejaVu Type 3)."""
    pdf = periods[plan] / "tong-hop" / "thong-ke.pdf"
    fonts = _fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all(("LiberationSerif" in f or "TimesNewRoman" in f) for f in fonts), fonts
    reader = PdfReader(pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            assert font.get_object()["/Subtype"] != "/Type3"
    texts = _text_origins(pdf)
    assert texts
    for text, x, y, width, height in texts:
        assert 30 - 1 <= x <= width - 15, (text, x)
        assert 20 - 1 <= y <= height - 20, (text, y)


# -- the signature block never alone on a page ----------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _signature_table(path: Path):
    """The signature block of a built document: its last table, when borderless (a layout
    table; a danh sách ends in a bordered data table and has none)."""
    body = Document(str(path)).element.body
    tables = [el for el in body.iterchildren() if el.tag == f"{W}tbl"]
    if not tables:
        return None
    borders = tables[-1].find(f"{W}tblPr/{W}tblBorders")
    ruled = borders is not None and any(b.get(f"{W}val") != "nil" for b in borders)
    return None if ruled else tables[-1]


def _signed(folders: list[Path]) -> list[Path]:
    """The built documents with a signature block (and a PDF)."""
    found = []
    for folder in folders:
        for docx in sorted(folder.rglob("*.docx")):
            if docx.with_suffix(".pdf").exists() and _signature_table(docx) is not None:
                found.append(docx)
    return found


def _kept(paragraph, styles) -> bool:
    """Whether a w:p keeps with the next: its own w:keepNext, else its style's."""
    own = paragraph.find(f"{W}pPr/{W}keepNext")
    if own is not None:
        return own.get(f"{W}val") not in ("0", "false")
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return bool(style is not None and styles.get(style.get(f"{W}val")))


def test_signature_block_moves_with_the_body_end(
    built: dict[str, Path], periods: dict[str, Path]
) -> None:
    """In every built document that is signed, the signature block is kept together and with
    the body's last paragraph: its rows never split and every paragraph in it, the empty line
    above it and the body's last paragraph keep with the next."""
    documents = _signed([*built.values(), *periods.values()])
    assert len(documents) > 50
    for docx in documents:
        document = Document(str(docx))
        styles = {
            s.style_id: bool(s.paragraph_format.keep_with_next)
            for s in document.styles
            if s.type == WD_STYLE_TYPE.PARAGRAPH
        }
        table = _signature_table(docx)
        rows = table.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows), docx.name
        assert all(_kept(p, styles) for p in table.iter(f"{W}p")), docx.name
        spacer = table.getprevious()
        last = spacer.getprevious()
        assert _kept(spacer, styles), docx.name
        if last.tag == f"{W}tbl":  # a data table ends the body: its last row keeps with it
            last = last.findall(f"{W}tr")[-1]
            assert all(_kept(p, styles) for p in last.iter(f"{W}p")), docx.name
        else:
            assert _kept(last, styles), (docx.name, "".join(last.itertext())[:60])


def test_signature_block_is_never_alone_on_its_page(
    built: dict[str, Path], periods: dict[str, Path]
) -> None:
    """The last page of every signed document (LibreOffice's PDF) has body text besides the
    signature block and the page number: the Quyết định's Điều 3, a report's last paragraph."""
    alone = []
    for docx in _signed([*built.values(), *periods.values()]):
        paragraphs = _signature_table(docx).iter(f"{W}p")
        signature = {w for p in paragraphs for w in "".join(p.itertext()).split()}
        last_page = PdfReader(docx.with_suffix(".pdf")).pages[-1].extract_text().split()
        if not [w for w in last_page if w not in signature and not w.isdigit()]:
            alone.append(str(docx))
    assert alone == []
