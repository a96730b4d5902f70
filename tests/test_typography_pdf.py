"""Where printed lines of a real `hoso build` (LibreOffice) may break: the Biên bản's results
header keeps "Họ và tên" whole, and a year stays with the "năm" it dates ("năm 2023 / của", never
"năm / 2023 của"), the word after it free to start the next line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from pipeline.vietnamese import NBSP
from tests.doctext import paragraph_text
from tests.test_line_breaks import printed_lines

BK = "bac-kan-cds-2022-2025"
HOSO = Path(sys.executable).with_name("hoso")


@pytest.fixture(scope="module")
def built(example_cache, tmp_path_factory) -> Path:
    """The Bắc Kạn example built with LibreOffice: its documents folder."""
    root = tmp_path_factory.mktemp("bk")
    workbook = root / "hoso.xlsx"
    shutil.copy(example_cache(BK), workbook)
    done = subprocess.run(
        [str(HOSO), "build", "-q", "-o", str(root), str(workbook)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "hoso" / "van-ban"


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
