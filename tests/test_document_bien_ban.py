"""The Biên bản as a reader sees it: its header names the council under its unit in a few lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from tests.doctext import cell_paragraphs, clean

VI_DU_2026 = "vi-du-xa-bu-gia-map-2026"
BGM = "bu-gia-map-cds-2022-2025"
BMT = "buon-ma-thuot-cds-2023-2025"


@pytest.fixture(scope="module")
def minutes(
    example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Each plan's Biên bản (DOCX; its PDF beside it), built from the example workbooks."""
    out = tmp_path_factory.mktemp("bien-ban")
    plans = (VI_DU_2026, BGM, BMT)
    report = build([example_cache(p) for p in plans], BuildOptions(out_dir=out))
    assert report.exit_code == 0, [r.error for r in report.results]
    found = {}
    for plan in plans:
        manifest = json.loads((out / plan / "manifest.json").read_text(encoding="utf-8"))
        path = next(d["path"] for d in manifest["documents"] if d["kind"] == "bien-ban")
        found[plan] = out / plan / path
    return found


def _header_left(docx: Path) -> list[str]:
    """The left column of the Biên bản's header block, one entry a paragraph."""
    table = Document(str(docx)).tables[0]
    return cell_paragraphs(table.rows[0].cells[0]._tc)


def test_commune_council_header_names_the_commune(minutes: dict[str, Path]) -> None:
    """The commune's council sits under its Ủy ban nhân dân (the body proposing its nominees),
    the long name of an office under it abbreviated by the parent line as NĐ 30 allows."""
    assert _header_left(minutes[VI_DU_2026]) == [
        "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    ]
    page = PdfReader(minutes[VI_DU_2026].with_suffix(".pdf")).pages[0].extract_text()
    assert [clean(line) for line in page.splitlines()[:4]] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ BÙ GIA MẬP",
        "HỘI ĐỒNG",
        "THI ĐUA - KHEN THƯỞNG",
    ]


def test_a_ubnd_council_header_keeps_the_full_name(minutes: dict[str, Path]) -> None:
    """A UBND's own council keeps the UBND's name in full on the parent line."""
    assert _header_left(minutes[BGM]) == [
        "ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    ]


def _results(docx: Path) -> list[list[str]]:
    """The results table's rows as their cells' texts (a merged cell counts once)."""
    table = next(t for t in Document(str(docx)).tables if t.rows[0].cells[0].text.strip() == "STT")
    return [[" ".join(cell_paragraphs(tc)) for tc in row._tr.tc_lst] for row in table.rows]


def test_a_collective_name_spans_the_empty_position_cell(minutes: dict[str, Path]) -> None:
    """A collective has no "Chức vụ, đơn vị": its name takes that cell too, every other cell of
    the row in its column; an individual's row keeps all seven cells."""
    rows = _results(minutes[BMT])
    assert len(rows[0]) == 7
    first = rows[1]
    assert first[:2] == ["1", "Phòng Văn hóa và Thông tin thành phố Buôn Ma Thuột"]
    assert first[2:] == ["Bằng khen", "7/8", "87,5%", "Đạt"]
    person = next(r for r in rows if r[1] == "Ngô Thị Hà")
    assert len(person) == 7 and person[2].startswith("Phó Trưởng phòng, Phòng Văn hóa")
    table = next(t for t in Document(str(minutes[BMT])).tables if t.cell(0, 0).text == "STT")
    span = table.rows[1]._tr.tc_lst[1]
    assert span.grid_span == 2


def test_no_level_word_alone_in_the_results_table(minutes: dict[str, Path]) -> None:
    """Printed, a collective's long name keeps "thành phố" with its line: no line of the table
    is a level word alone ("Phòng Văn hóa / và Thông tin / thành phố / Buôn Ma Thuột" was)."""
    text = PdfReader(minutes[BMT].with_suffix(".pdf")).pages[1].extract_text()
    lines = [clean(line) for line in text.splitlines()]
    start = lines.index("1 Phòng Văn hóa và Thông tin thành phố")  # STT, then the name
    assert lines[start + 1] == "Buôn Ma Thuột"
    assert not {"thành phố", "phường", "xã", "huyện"} & set(lines)
