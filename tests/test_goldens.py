"""Golden files: the text of each kind of document, and one plan's whole output tree.

A change to a template, a context function, the example data or the Vietnamese formatting shows
up here as a readable diff. After an intended change, regenerate with `make goldens`
(HOSO_UPDATE_GOLDENS=1) and review `git diff tests/golden` as a reader of the documents would.

The output tree (tests/golden/tree/<plan>/), as Pelican keeps its expected output: the set of
files with the DOCX digests (byte-stable) and PDF page counts, the manifest's stable fields, the
dossiers' outlines, and the normalised text of every document.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from pipeline.pdf.combined import CombiningConverter
from pipeline.pdf.pool import LibreOfficePool
from tests import doctext

BGM = "bu-gia-map-cds-2022-2025"
MK = "muong-khuong-cds-2022-2025"
GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HOSO_UPDATE_GOLDENS") == "1"
KINDS = ("to-trinh", "danh-sach", "bien-ban", "bao-cao-tap-the", "bao-cao-ca-nhan", "trich-ngang")
TREE_DIR = GOLDEN_DIR / "tree" / BGM


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _first(documents: list[dict], kind: str, nominee_prefix: str | None = None) -> str:
    """The path of the first document of a kind (of a collective or an individual)."""
    for doc in documents:
        if doc["kind"] == kind and (
            nominee_prefix is None or (doc["nominee"] or "").startswith(nominee_prefix)
        ):
            return doc["path"]
    raise AssertionError(f"no {kind} document ({nominee_prefix or 'any'}) in the manifest")


@pytest.fixture(scope="module")
def golden_docs(
    example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Each golden kind's DOCX: Bù Gia Mập's documents and Mường Khương's trích ngang."""
    out = tmp_path_factory.mktemp("goldens")
    report = build([example_cache(BGM), example_cache(MK)], BuildOptions(out_dir=out, pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    bgm, mk = out / BGM, out / MK
    documents = _manifest(bgm)["documents"]
    return {
        "to-trinh": bgm / _first(documents, "to-trinh"),
        "danh-sach": bgm / _first(documents, "danh-sach"),
        "bien-ban": bgm / _first(documents, "bien-ban"),
        "bao-cao-tap-the": bgm / _first(documents, "bao-cao-thanh-tich", "tap-the-"),
        "bao-cao-ca-nhan": bgm / _first(documents, "bao-cao-thanh-tich", "ca-nhan-"),
        "trich-ngang": mk / _first(_manifest(mk)["documents"], "trich-ngang"),
    }


def golden_diff(expected: str, actual: str, name: str) -> str:
    """A unified diff from the golden file to what was built, for the assertion message."""
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"tests/golden/{name}.txt (golden)",
        tofile=f"{name} (built now)",
    )
    return (
        f"{name}: the built document differs from tests/golden/{name}.txt. If the change is "
        f"intended, run `make goldens` and review the diff.\n" + "".join(diff)
    )


@pytest.mark.parametrize("kind", KINDS)
def test_document_text_matches_golden(kind: str, golden_docs: dict[str, Path]) -> None:
    actual = doctext.normalized_text(golden_docs[kind])
    golden = GOLDEN_DIR / f"{kind}.txt"
    if UPDATE:
        GOLDEN_DIR.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert golden.is_file(), f"{golden} is missing: run `make goldens` to create it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, golden_diff(expected, actual, kind)


def test_no_stray_golden_files() -> None:
    """Every golden file belongs to a kind checked above (a renamed kind leaves no orphan)."""
    files = sorted(p.name for p in GOLDEN_DIR.iterdir() if p.is_file())
    assert files == sorted(f"{k}.txt" for k in KINDS)


def _stable_manifest(manifest: dict) -> dict:
    """The manifest without what changes from run to run or with the code (keys, PDF digests)."""
    return {
        "manifest_version": manifest["manifest_version"],
        "workbook": manifest["workbook"],
        "plan": manifest["plan"],
        "review": manifest["review"],
        "award": manifest["award"],
        "nominees": manifest["nominees"],
        "documents": [
            {k: d[k] for k in ("path", "sha256", "kind", "nominee", "title")}
            | {"pdf": {"path": d["pdf"]["path"], "pages": d["pdf"]["pages"]}}
            for d in manifest["documents"]
        ],
        "dossiers": [
            {k: d[k] for k in ("path", "pages", "nominee", "title")} for d in manifest["dossiers"]
        ],
        "findings": manifest["findings"],
    }


def _snapshot(folder: Path) -> dict[str, str]:
    """The golden files of an output folder, by their path under tests/golden/tree/<plan>/."""
    manifest = _manifest(folder)
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".pdf":
            files.append(f"{rel}  {len(PdfReader(path).pages)} trang")
        elif path.suffix == ".docx":
            files.append(
                f"{rel}  sha256 {next(d['sha256'] for d in manifest['documents'] if d['path'] == rel)}"
            )
        else:
            files.append(rel)
    outlines = []
    for dossier in manifest["dossiers"]:
        outlines.append(dossier["path"])
        outline = doctext.pdf_outline(PdfReader(folder / dossier["path"]))
        outlines += [
            f"{'  ' * (depth + 1)}{title} → trang {page + 1}" for depth, title, page in outline
        ]
    snapshot = {
        "files.txt": "\n".join(files) + "\n",
        "manifest.json": json.dumps(_stable_manifest(manifest), ensure_ascii=False, indent=2)
        + "\n",
        "outlines.txt": "\n".join(outlines) + "\n",
    }
    for doc in manifest["documents"]:
        snapshot[f"texts/{doc['path']}.txt"] = doctext.normalized_text(folder / doc["path"])
    return snapshot


@pytest.fixture(scope="module")
def built_tree(
    example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Bù Gia Mập's example built in full, PDFs and dossiers included, with real LibreOffice."""
    out = tmp_path_factory.mktemp("tree")
    # As `hoso build` converts: combined documents split back (pipeline.pdf.combined).
    with LibreOfficePool(size=2) as pool:
        converter = CombiningConverter(pool, lanes=2)
        report = build([example_cache(BGM)], BuildOptions(out_dir=out), converter=converter)
    assert converter.combined == len(_manifest(out / BGM)["documents"])
    assert report.exit_code == 0, [r.error for r in report.results]
    return out / BGM


@pytest.mark.libreoffice
def test_output_tree_matches_golden(built_tree: Path) -> None:
    actual = _snapshot(built_tree)
    if UPDATE:
        for stale in (p for p in TREE_DIR.rglob("*") if p.is_file()):
            stale.unlink()
        for rel, text in actual.items():
            (TREE_DIR / rel).parent.mkdir(parents=True, exist_ok=True)
            (TREE_DIR / rel).write_text(text, encoding="utf-8", newline="\n")
        return
    stored = {p.relative_to(TREE_DIR).as_posix() for p in TREE_DIR.rglob("*") if p.is_file()}
    assert stored == set(actual), (
        "the output's files differ from the golden tree: run `make goldens`"
    )
    for rel, text in actual.items():
        expected = (TREE_DIR / rel).read_text(encoding="utf-8")
        assert text == expected, golden_diff(expected, text, f"tree/{BGM}/{rel}")


def test_mismatch_message_is_a_unified_diff() -> None:
    message = golden_diff("TỜ TRÌNH\nSố: 05/TTr-UBND\n", "TỜ TRÌNH\nSố: 06/TTr-UBND\n", "to-trinh")
    assert "--- tests/golden/to-trinh.txt (golden)\n+++ to-trinh (built now)\n" in message
    assert "\n-Số: 05/TTr-UBND\n+Số: 06/TTr-UBND\n" in message
    assert "\n TỜ TRÌNH\n" in message  # context line


def test_normalised_text_interleaves_paragraphs_and_tables(tmp_path: Path) -> None:
    """The normaliser the goldens rely on: document order, rows as cells, NFC, collapsed spaces."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.header.paragraphs[0].text = "Trang   đầu"
    document.add_paragraph("  TỜ   TRÌNH ")
    document.add_paragraph("")  # dropped
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "STT", "Họ và tên"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Nguye\u0302\u0303n Văn An"  # NFD: must come out NFC
    table.cell(1, 1).add_paragraph("Chuyên\u00a0viên")
    document.add_paragraph("Kính trình./.")
    path = tmp_path / "mau.docx"
    document.save(str(path))
    assert doctext.normalized_text(path) == (
        "[header] Trang đầu\n"
        "TỜ TRÌNH\n"
        "STT | Họ và tên\n"
        "1 | Nguyễn Văn An ¶ Chuyên viên\n"
        "Kính trình./.\n"
    )
