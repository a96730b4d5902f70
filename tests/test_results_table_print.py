"""The Biên bản's results table and the Nơi nhận list as printed (LibreOffice, pdftotext -bbox):
the office's seven-column table with long ward names keeps every header's words whole and its
body inside the table; a wrapped recipient continues under its text, not under the dash."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.authoring.nd30 import MARGIN_LEFT, TEXT_WIDTH
from pipeline.inputs.plans import get_plan
from pipeline.period.scaffold import init_period
from tests.pdf_words import Word, words

PLAN, REVIEW = "buon-ma-thuot-cds-2023-2025", "tong-ket-2025"
# Its table's texts and headers need 1 % more than the text width: "Số / phiếu / đồng ý" printed.
DEPARTMENT = "so-vhttdl-binh-phuoc-cds-2022-2025"
HEADERS = ("Hình thức đề nghị", "Số phiếu đồng ý", "Tỷ lệ", "Kết quả")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example period of Buôn Ma Thuột, built with PDFs (`hoso period build`)."""
    folder = tmp_path_factory.mktemp("bmt") / "dot-xet"
    init_period(folder, get_plan(PLAN), REVIEW, example=True)
    # The example holds a unit with a mistake (built without it): the exit code says so.
    build = [sys.executable, "-m", "pipeline.cli", "period", "build", "-q", str(folder)]
    subprocess.run(build, capture_output=True, cwd=Path(__file__).parents[1])
    return folder / "ket-qua"


def _pages(pdf: Path) -> Iterator[list[Word]]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    count = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    for page in range(1, count + 1):
        yield words(pdf, page)


def _lines(found: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines (the same top, to a point), top to bottom."""
    lines: list[list[Word]] = []
    for w in sorted(found, key=lambda w: (w.top, w.left)):
        if lines and abs(lines[-1][0].top - w.top) < 1.5:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.left) for line in lines]


def _header_cells(page: list[Word]) -> tuple[list[list[str]], float, float] | None:
    """Each header's printed lines (its column found by its first word's x), and the table's
    left and right edge as its STT and "Kết quả" columns print them; None without a header."""
    stt = next((w for w in page if w.text == "STT"), None)
    if stt is None:
        return None
    # Four lines of 12 pt either side of "STT": a header taller than two lines is seen whole.
    band = [w for w in page if abs(w.top - stt.top) < 45]
    cells = []
    for header in HEADERS:
        first, *rest = header.split()
        start = next(w for w in band if w.text == first)
        # A centred header's wider words start left of its first one.
        column = [w for w in band if start.left - 30 <= w.left and w.right <= start.left + 60]
        lines = [
            " ".join(w.text for w in line if w.text in [*rest, first]) for line in _lines(column)
        ]
        cells.append([line for line in lines if line])
    right = max(w.right for w in band)
    return cells, stt.left, right


def _bien_ban_pdfs(out: Path) -> list[Path]:
    return sorted(out.glob("tong-hop/*/van-ban/03-bien-ban.pdf")) + sorted(
        out.glob("don-vi/*/van-ban/03-bien-ban.pdf")
    )


def test_every_results_header_prints_whole_words(built: Path) -> None:
    pdfs = _bien_ban_pdfs(built)
    assert len(pdfs) >= 2, pdfs  # the office's and at least one unit's
    for pdf in pdfs:
        seen = 0
        for page in _pages(pdf):
            found = _header_cells(page)
            if found is None:
                continue
            seen += 1
            cells, _, _ = found
            assert cells == [
                ["Hình thức", "đề nghị"],
                ["Số phiếu", "đồng ý"],
                ["Tỷ lệ"],
                ["Kết quả"],
            ], (pdf, cells)
        assert seen, pdf


def test_a_table_a_little_short_of_room_keeps_its_headers_words_whole(
    example_cache, tmp_path: Path
) -> None:
    """Texts a hair's breadth too wide for the page shrink within the safety margin of their
    measure (render.columns.SAFETY) rather than part a header's word; they still print inside
    their cells."""
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(example_cache(DEPARTMENT), workbook)
    build = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        "-q",
        "-o",
        str(tmp_path),
        str(workbook),
    ]
    done = subprocess.run(build, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "hoso" / "van-ban" / "03-bien-ban.pdf"
    tables = [(page, found) for page in _pages(pdf) if (found := _header_cells(page))]
    assert tables, pdf
    left, right = MARGIN_LEFT / 20, (MARGIN_LEFT + TEXT_WIDTH) / 20  # the text width, in points
    for page, (cells, _, _) in tables:
        assert cells == [
            ["Hình thức", "đề nghị"],
            ["Số phiếu", "đồng ý"],
            ["Tỷ lệ"],
            ["Kết quả"],
        ]
        stt = next(w for w in page if w.text == "STT")
        end = min((w.top for w in page if w.text == "thống" and w.top > stt.top), default=1e9)
        body = [w for w in page if stt.top + 20 < w.top < end - 1]
        for line in _lines(body):
            assert left <= line[0].left and line[-1].right <= right, [w.text for w in line]
            cut = [w.text for w in line if w.text in ("Phó", "Chánh") and w is line[-1]]
            assert cut == [], [w.text for w in line]  # "Phó Chánh Văn phòng," whole


@pytest.mark.parametrize("which", ["tong-hop", "don-vi"])
def test_no_body_text_runs_past_the_results_table(built: Path, which: str) -> None:
    """The office's table with the longest names, and the units': every word between its
    edges, a ward's name ("Buôn Ma Thuột") and "Ủy ban nhân dân" never split across lines."""
    checked = 0
    for pdf, page in (
        (printed, page)
        for printed in sorted(built.glob(f"{which}/*/van-ban/03-bien-ban.pdf"))
        for page in _pages(printed)
    ):
        found = _header_cells(page)
        if found is None:
            continue
        # The table fills the text width: from the left margin, 165 mm wide (in points).
        left, right = MARGIN_LEFT / 20, (MARGIN_LEFT + TEXT_WIDTH) / 20
        stt = next(w for w in page if w.text == "STT")
        below = [w for w in page if w.top > stt.top + 20]
        # The table ends where "Hội đồng thống nhất đề nghị …" begins.
        end = min((w.top for w in below if w.text == "thống"), default=1e9)
        body = [w for w in below if w.top < end - 1 and w.text != "-"]
        for line in _lines(body):
            text = " ".join(w.text for w in line)
            assert line[0].left >= left and line[-1].right <= right, (text, left, right)
            assert not text.endswith("Buôn Ma") and not text.endswith("Buôn"), (pdf, text)
            assert not text.endswith(("Ủy ban", "Ủy", "Ủy ban nhân")), (pdf, text)
            checked += 1
    assert checked > 10


def test_a_wrapped_recipient_continues_under_its_text(built: Path) -> None:
    """ "- Sở Nội vụ (Phòng Thi đua, khen thưởng);" wraps in the Tờ trình's Nơi nhận: its second
    line starts where "Sở" does, and every dash stays at the list's left edge."""
    pdf = next(iter(sorted(built.glob("tong-hop/*/van-ban/01-to-trinh.pdf"))))
    page = list(_pages(pdf))[-1]
    label = next(w for w in page if w.text == "nhận:")
    column = [w for w in page if w.top > label.top + 1 and w.left < label.left + 100]
    lines = _lines(column)[:6]
    dashes = [line[0] for line in lines if line[0].text == "-"]
    assert len(dashes) >= 3
    noi = next(w for w in page if w.text == "Nơi" and abs(w.top - label.top) < 1)
    # One-line entries where they were: each dash under the label's first letter.
    assert all(abs(d.left - noi.left) < 0.5 for d in dashes), [d.left for d in dashes]
    so = next(i for i, line in enumerate(lines) if [w.text for w in line[:3]] == ["-", "Sở", "Nội"])
    text_x = lines[so][1].left
    wrapped = lines[so + 1]
    assert wrapped[0].text == "(Phòng", [w.text for w in wrapped]
    assert abs(wrapped[0].left - text_x) < 0.5, (wrapped[0].left, text_x)
    # The dash and its space: 6.41 pt at 11 pt Times New Roman, the style's hanging indent.
    assert abs(text_x - dashes[0].left - 6.41) < 0.3
