"""The PDFs a build makes with the real LibreOffice: pages, paper, fonts, text, dossiers, faults.

The Bù Gia Mập example is built once for the module with a pool of two LibreOffice workers;
the tests read that output (or a copy of it, when they build on top of it). After every test,
and after the module's build, no soffice started here may still run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX
from pipeline.pdf import pool as pool_module
from pipeline.pdf.pool import LibreOfficePool
from tests import doctext
from tests.conftest import cell_of, edit
from tests.fakes import FakeConverter
from tests.processes import soffice_processes, uno_sockets

pytestmark = pytest.mark.libreoffice

BGM = "bu-gia-map-cds-2022-2025"
UNIT = "Ủy ban nhân dân huyện Bù Gia Mập"
MOVEMENT = "Chuyển đổi số giai đoạn 2022 - 2025"
A4 = (595, 842)
FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


# -- no soffice left behind (as in tests/test_convert.py) ---------------------------------------------


def assert_nothing_left(private_tmp: Path, processes_before: set[int], sockets: set[Path]) -> None:
    """No soffice of ours runs, no profile or socket file remains (leaked processes are killed)."""
    leaked = soffice_processes(str(private_tmp)) - processes_before
    for pid in leaked:  # clean up so one failure does not cascade into the next tests
        os.kill(pid, signal.SIGKILL)
    assert not leaked, f"soffice processes left running: {sorted(leaked)}"
    assert list(private_tmp.iterdir()) == [], "temporary files left behind"
    assert uno_sockets(os.getpid()) - sockets == set()


@pytest.fixture(autouse=True)
def no_soffice_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test's pools keep their profiles under a private tempdir, so their soffice processes
    carry its path on the command line and other people's builds are never mistaken for ours."""
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    before, sockets = soffice_processes(str(private_tmp)), uno_sockets(os.getpid())
    yield
    assert_nothing_left(private_tmp, before, sockets)


# -- the module's build ----------------------------------------------------------------------------------


@dataclass
class Built:
    """The example built with PDFs: workbook, batch folder, manifest, and cached PDF readings."""

    workbook: Path
    folder: Path
    manifest: dict
    _texts: dict[Path, list[str]] = field(default_factory=dict)

    def reader(self, rel: str) -> PdfReader:
        return PdfReader(self.folder / rel)

    def page_texts(self, rel: str) -> list[str]:
        """The extracted text of each page of a PDF, NFC."""
        path = self.folder / rel
        if path not in self._texts:
            reader = PdfReader(path)
            self._texts[path] = [
                unicodedata.normalize("NFC", page.extract_text() or "") for page in reader.pages
            ]
        return self._texts[path]

    def body_text(self, rel: str) -> str:
        """A document's text without the page-number header of pages 2…, whitespace removed."""
        pages = []
        for number, text in enumerate(self.page_texts(rel), start=1):
            lines = text.split("\n")
            if number > 1 and lines and lines[0].strip() == str(number):
                lines = lines[1:]  # the header: a page number on every page but the first
            pages.append("\n".join(lines))
        return squash("\n".join(pages))

    def documents(self) -> list[dict]:
        return self.manifest["documents"]

    def by_nominee(self) -> dict[str, dict]:
        return {d["nominee"]: d for d in self.documents() if d["kind"] == "bao-cao-thanh-tich"}


def squash(text: str) -> str:
    """NFC without any whitespace: PDF text breaks lines where the DOCX has none, and back."""
    return "".join(unicodedata.normalize("NFC", text).split())


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The Bù Gia Mập example built with PDFs by two warm LibreOffice workers."""
    root = tmp_path_factory.mktemp("pdf")
    private_tmp = root / "tmp"
    private_tmp.mkdir()
    workbook = root / "hoso.xlsx"
    shutil.copy(example_cache(BGM), workbook)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(private_tmp))
        patch.setenv("TMPDIR", str(private_tmp))
        before, sockets = soffice_processes(str(private_tmp)), uno_sockets(os.getpid())
        with LibreOfficePool(size=2) as pool:
            report = build([workbook], BuildOptions(out_dir=root / "out"), converter=pool)
        assert_nothing_left(private_tmp, before, sockets)
    assert report.exit_code == 0, [r.error for r in report.results]
    folder = root / "out" / "hoso"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return Built(workbook, folder, manifest)


def copy_of(built: Built, target: Path) -> tuple[Path, Path]:
    """A copy of the module's workbook and output, for a test that builds on top of them."""
    workbook = target / "hoso.xlsx"
    shutil.copy(built.workbook, workbook)
    shutil.copytree(built.folder, target / "out" / "hoso")
    return workbook, target / "out"


def fonts_of(resources: DictionaryObject | None, seen: set[int] | None = None) -> Iterator[tuple]:
    """(name, subtype, has a font program) of every font reachable from a resource dictionary:
    the fonts themselves, the descendant fonts of Type0 fonts, and fonts of form XObjects."""
    seen = set() if seen is None else seen
    if resources is None or id(resources) in seen:
        return
    seen.add(id(resources))
    for font in (resources.get("/Font") or DictionaryObject()).get_object().values():
        font = font.get_object()
        members = (
            [d.get_object() for d in font["/DescendantFonts"]]
            if font.get("/Subtype") == "/Type0"
            else [font]
        )
        for member in members:
            descriptor = member.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in FONT_PROGRAMS)
            yield str(member.get("/BaseFont")), str(member.get("/Subtype")), embedded
    for xobject in (resources.get("/XObject") or DictionaryObject()).get_object().values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            yield from fonts_of(xobject["/Resources"].get_object(), seen)


def every_pdf(built: Built) -> list[tuple[str, dict]]:
    """(path, manifest entry with sha256 and pages) of every PDF the manifest lists."""
    documents = [(d["pdf"]["path"], d["pdf"]) for d in built.documents()]
    return documents + [(d["path"], d) for d in built.manifest["dossiers"]]


# -- every PDF ---------------------------------------------------------------------------------------------


def test_the_build_converted_every_document(built: Built) -> None:
    kinds = [d["kind"] for d in built.documents()]
    assert kinds[:3] == ["to-trinh", "danh-sach", "bien-ban"] and len(kinds) == 15
    assert all(d["pdf"] and d["pdf"]["pages"] >= 1 for d in built.documents())
    assert len(built.manifest["dossiers"]) == 12 + 1


def test_every_pdf_has_its_manifest_pages_on_a4(built: Built) -> None:
    for rel, entry in every_pdf(built):
        data = (built.folder / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], rel
        reader = built.reader(rel)
        assert len(reader.pages) == entry["pages"] >= 1, rel
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            size = (float(box.width), float(box.height))
            assert abs(size[0] - A4[0]) <= 1 and abs(size[1] - A4[1]) <= 1, (rel, number, size)


def test_every_font_in_every_pdf_is_embedded(built: Built) -> None:
    names = set()
    for rel, _ in every_pdf(built):
        reader = built.reader(rel)
        fonts = [
            font
            for page in reader.pages
            for font in fonts_of(page.get("/Resources") and page["/Resources"].get_object())
        ]
        assert fonts, f"{rel}: no fonts found"
        missing = sorted({f"{name} ({kind})" for name, kind, ok in fonts if not ok})
        assert not missing, f"{rel}: fonts without an embedded program: {missing}"
        names |= {name for name, _, _ in fonts}
    # Times New Roman comes out as its metric twin, so the line and page breaks match Word.
    assert any("LiberationSerif" in name for name in names), names


def test_font_walk_finds_fonts_without_a_program(tmp_path: Path) -> None:
    """The check above can fail: a standard Type1 font and a Type0 font without programs."""
    writer = PdfWriter()
    page = writer.add_blank_page(*A4)
    descendant = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/TimesNewRoman"),
            NameObject("/FontDescriptor"): DictionaryObject(
                {NameObject("/FontName"): NameObject("/TimesNewRoman")}
            ),
        }
    )
    fonts = DictionaryObject(
        {
            NameObject("/F1"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type1"),
                    NameObject("/BaseFont"): NameObject("/Helvetica"),
                }
            ),
            NameObject("/F2"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Font"),
                    NameObject("/Subtype"): NameObject("/Type0"),
                    NameObject("/BaseFont"): NameObject("/TimesNewRoman"),
                    NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
                }
            ),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    with open(tmp_path / "x.pdf", "wb") as handle:
        writer.write(handle)
    page = PdfReader(tmp_path / "x.pdf").pages[0]
    assert sorted(fonts_of(page["/Resources"].get_object())) == [
        ("/Helvetica", "/Type1", False),
        ("/TimesNewRoman", "/CIDFontType2", False),
    ]


def test_pdf_text_is_the_docx_text_in_order(built: Built) -> None:
    for entry in built.documents():
        pdf = built.body_text(entry["pdf"]["path"])
        position = 0
        for block in doctext.blocks(built.folder / entry["path"]):
            found = pdf.find(squash(block), position)
            assert found >= 0, (
                f"{entry['pdf']['path']}: “{block}” is missing from the PDF or out of order "
                f"(looked after: …{pdf[max(0, position - 80) : position]})"
            )
            position = found + len(squash(block))


# -- dossiers ----------------------------------------------------------------------------------------------


def parts_of(built: Built, nominee: str | None) -> list[dict]:
    """The documents a dossier holds, in order: shared ones, then the nominee's report(s)."""
    shared = [d for d in built.documents() if d["kind"] != "bao-cao-thanh-tich"]
    reports = list(built.by_nominee().values())
    if nominee is not None:
        reports = [built.by_nominee()[nominee]]
    return shared + reports


def test_nominee_dossier_is_its_parts_with_one_bookmark_each(built: Built) -> None:
    names = {n["id"]: n["name"] for n in built.manifest["nominees"]}
    dossiers = [d for d in built.manifest["dossiers"] if d["nominee"]]
    assert [d["nominee"] for d in dossiers] == list(built.by_nominee())
    for dossier in dossiers:
        parts = parts_of(built, dossier["nominee"])
        reader = built.reader(dossier["path"])
        assert len(reader.pages) == dossier["pages"] == sum(p["pdf"]["pages"] for p in parts)
        starts, expected_pages = [], []
        for part in parts:
            starts.append(len(expected_pages))
            expected_pages += built.page_texts(part["pdf"]["path"])
        assert doctext.pdf_outline(reader) == [
            (0, p["title"], s) for p, s in zip(parts, starts, strict=True)
        ]
        assert parts[-1]["title"] == f"Báo cáo thành tích – {names[dossier['nominee']]}"
        # The pages are the parts' pages, in order: nothing lost, repeated or shuffled.
        assert built.page_texts(dossier["path"]) == expected_pages, dossier["path"]
        meta = reader.metadata
        assert meta["/Title"] == f"Hồ sơ đề nghị khen thưởng – {names[dossier['nominee']]}"
        assert (meta["/Author"], meta["/Subject"]) == (UNIT, MOVEMENT)
        assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_batch_dossier_has_every_document_once_under_a_nested_outline(built: Built) -> None:
    entry = next(d for d in built.manifest["dossiers"] if d["nominee"] is None)
    assert entry["path"] == "ho-so-tong-hop.pdf"
    reader = built.reader(entry["path"])
    parts = parts_of(built, None)
    assert len(parts) == len(built.documents())  # each document exactly once
    expected_pages, starts = [], []
    for part in parts:
        starts.append(len(expected_pages))
        expected_pages += built.page_texts(part["pdf"]["path"])
    assert len(reader.pages) == entry["pages"] == len(expected_pages)
    assert built.page_texts(entry["path"]) == expected_pages
    names = {n["id"]: n["name"] for n in built.manifest["nominees"]}
    shared = [p for p in parts if p["kind"] != "bao-cao-thanh-tich"]
    reports = [p for p in parts if p["kind"] == "bao-cao-thanh-tich"]
    first_report = starts[len(shared)]
    assert doctext.pdf_outline(reader) == [
        *[(0, p["title"], s) for p, s in zip(shared, starts[: len(shared)], strict=True)],
        (0, "Báo cáo thành tích", first_report),
        *[(1, names[p["nominee"]], s) for p, s in zip(reports, starts[len(shared) :], strict=True)],
    ]
    meta = reader.metadata
    assert meta["/Title"] == f"Hồ sơ đề nghị khen thưởng – {UNIT} – Sơ kết năm 2023"
    assert meta["/Author"] == UNIT and meta["/Subject"] == MOVEMENT
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_duplex_starts_every_document_on_an_odd_page(built: Built, tmp_path: Path) -> None:
    odd = [d["title"] for d in built.documents() if d["pdf"]["pages"] % 2]
    assert odd, "the example should have a document with an odd number of pages"
    workbook, out = copy_of(built, tmp_path)
    fake = FakeConverter()  # must stay unused: the real PDFs are reused, only dossiers change
    report = build([workbook], BuildOptions(out_dir=out, duplex=True), converter=fake)
    assert report.exit_code == 0, [r.error for r in report.results]
    assert fake.batches == []
    folder = out / "hoso"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    pages = {d["title"]: d["pdf"]["pages"] for d in manifest["documents"]}
    for dossier in manifest["dossiers"]:
        reader = PdfReader(folder / dossier["path"])
        marks = [(t, p) for _, t, p in doctext.pdf_outline(reader) if t != "Báo cáo thành tích"]
        assert marks and len(reader.pages) == dossier["pages"] and dossier["pages"] % 2 == 0
        for (title, start), following in zip(
            marks, [*marks[1:], (None, dossier["pages"])], strict=True
        ):
            assert start % 2 == 0, f"{dossier['path']}: “{title}” starts on page {start + 1}"
            key = title if title in pages else f"Báo cáo thành tích – {title}"
            length = following[1] - start
            assert length == pages[key] + pages[key] % 2, (dossier["path"], title)
            if pages[key] % 2:  # the added page is blank
                assert (reader.pages[start + length - 1].extract_text() or "").strip() == ""


# -- a conversion that times out -----------------------------------------------------------------------


def test_timeout_fails_the_build_and_keeps_the_previous_output(
    built: Built, tmp_path: Path
) -> None:
    workbook, out = copy_of(built, tmp_path)
    before = tree(out / "hoso")
    manifest_before = (out / "hoso" / "manifest.json").read_bytes()
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 3)] = "Nguyễn Văn Quá Hạn"
    label = "Báo cáo thành tích – Nguyễn Văn Quá Hạn"
    # No conversion can finish in a millisecond: the edited report times out on every attempt.
    with LibreOfficePool(size=1, timeout=0.001, retries=1) as pool:
        report = build([workbook], BuildOptions(out_dir=out), converter=pool)
    assert report.exit_code == 1
    error = report.results[0].error or ""
    assert f"“{label}”" in error and "quá thời gian chờ 0,001 giây" in error, error
    assert "(đã thử 2 lần)" in error
    assert (out / "hoso" / "manifest.json").read_bytes() == manifest_before
    assert tree(out / "hoso") == before
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert not [p for p in out.iterdir() if p.name.startswith((STAGING_PREFIX, OLD_PREFIX))]


# -- the command line ------------------------------------------------------------------------------------


def test_cli_build_reports_where_the_results_are(
    built: Built, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool_module, "default_pool_size", lambda: 2)  # however many CPUs there are
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(built.workbook, workbook)
    out = tmp_path / "ket-qua"
    result = run_cli("build", workbook, "-o", out)
    assert result.code == 0, result.out + result.err
    lines = result.out.splitlines()
    summary = [line for line in lines if line.startswith("Xong 1/1 tệp")]
    assert len(summary) == 1, result.out
    assert "15 văn bản tạo mới" in summary[0] and "13 hồ sơ PDF" in summary[0]
    assert f"Kết quả trong {out}/:" in lines
    assert f"  {workbook} → {out / 'hoso'}" in lines, result.out
    assert (out / "hoso" / "ho-so-tong-hop.pdf").is_file()
