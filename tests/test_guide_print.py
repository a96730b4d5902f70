"""The "Hướng dẫn" sheet of hoso's workbooks, printed by LibreOffice Calc: every line on the page,
none printed over another (a wrapped row written without a height overprints the next one)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.test_typography_layout import Word, words

pytestmark = pytest.mark.libreoffice

A4_WIDTH = 595.3  # points


def _guide_pdf(workbook: Path, folder: Path) -> Path:
    """The workbook's guide sheet alone, converted by soffice as a clerk's Calc prints it."""
    book = openpyxl.load_workbook(workbook)
    for name in book.sheetnames[1:]:
        del book[name]
    alone = folder / "huong-dan.xlsx"
    book.save(alone)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(alone)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / "huong-dan.pdf"


def _overprinted(found: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross (a word's height is about its size: 10 pt is enough)."""
    crossing = []
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            same_x = a.left < b.right - 1 and b.left < a.right - 1
            if same_x and abs(a.top - b.top) > 1 and abs(a.top - b.top) < 10:
                crossing.append((a.text, b.text))
    return crossing


def test_the_guide_prints_every_line_on_the_page_and_none_over_another(
    run_cli, tmp_path: Path
) -> None:
    workbook = tmp_path / "de-nghi.xlsx"
    assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", "--example", workbook).code == 0
    pdf = _guide_pdf(workbook, tmp_path)
    found = words(pdf)
    printed = " ".join(w.text for w in found)
    assert "Quy định của kế hoạch" in printed and "(UBND huyện Bù Gia Mập)." in printed, printed
    assert not _overprinted(found), _overprinted(found)
    assert max(w.right for w in found) < A4_WIDTH, "a line runs off the page"


def test_the_web_example_s_guide_prints_every_line_too(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from pipeline.authoring.scaffold import init_workbook
    from pipeline.inputs.plans import get_plan

    workbook = tmp_path / "vi-du.xlsx"
    plan = get_plan("bu-gia-map-cds-2022-2025")
    init_workbook(workbook, plan, None, example=True, audience="web")
    pdf = _guide_pdf(workbook, tmp_path)
    pages = [words(pdf, n) for n in range(1, len(PdfReader(pdf).pages) + 1)]
    printed = " ".join(w.text for found in pages for w in found)
    assert "TỆP VÍ DỤ:" in printed and "nộp trên trang web" in printed, printed
    assert "“Tải lên và kiểm tra”." in printed, printed  # the steps' lines, to their ends
    for found in pages:
        assert not _overprinted(found), _overprinted(found)
        assert max(w.right for w in found) < A4_WIDTH, "a line runs off the page"
