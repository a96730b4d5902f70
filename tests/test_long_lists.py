"""A list of thousands (a province's Quyết định) prints as tables of TABLE_ROWS rows one under the
other, with one set of column widths and the numbering running on: LibreOffice lays out one table
of 9,200 rows in minutes, the same rows in tables of 500 in seconds (bench/README.md)."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from pipeline.authoring.blueprints import TABLE_ROWS
from pipeline.check import check_file
from pipeline.pdf.converter import ConversionJob
from pipeline.pdf.pool import LibreOfficePool
from pipeline.period.documents import minutes_context
from pipeline.render.environment import environment
from pipeline.render.prepared import PreparedTemplate
from pipeline.resources import TEMPLATES_DIR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_NAME = "Tôn Nữ Hoàng Thị Phương Thảo Nguyên"  # wide enough to widen the name column


def decision_list(people: int) -> bytes:
    """The built-in Danh sách kèm theo Quyết định for `people` individuals (one long name in the
    last table only) and two collectives."""
    rows = [
        {
            "stt": i,
            "ho_ten": LONG_NAME if i == people else f"Người Thứ{i:04d}",
            "chuc_vu_don_vi": "Chuyên viên, Phòng Văn hóa - Xã hội xã Bù Gia Mập",
            "tien_thuong": "360.000",
        }
        for i in range(1, people + 1)
    ]
    context = {
        "co_quan_ban_hanh_cap_tren": "",
        "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP",
        "hinh_thuc": "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        "kem_theo": "(Kèm theo Quyết định số 125/QĐ-UBND ngày 10/12/2026)",
        "tap_the": [{"stt": i, "ten": f"Thôn {i}", "tien_thuong": "720.000"} for i in (1, 2)],
        "ca_nhan": rows,
        "muc_tap_the": "I. TẬP THỂ (02)",
        "muc_ca_nhan": f"II. CÁ NHÂN ({people:02d})",
        "tong_tien": "",
    }
    template = (TEMPLATES_DIR / "danh-sach-quyet-dinh.docx").read_bytes()
    return PreparedTemplate(template, environment()).render(context, {"title": "Danh sách"})


def body_of(docx: bytes) -> etree._Element:
    """The document's body element."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return etree.fromstring(zf.read("word/document.xml")).find(f"{W}body")


def text(element: etree._Element) -> str:
    """The text of an element (a header's non-breaking spaces as plain ones)."""
    return "".join(t.text or "" for t in element.iter(f"{W}t")).replace("\u00a0", " ")


def widths(table: etree._Element) -> list[str]:
    """A table's grid column widths."""
    return [c.get(f"{W}w") for c in table.iter(f"{W}gridCol")]


def test_a_long_list_is_tables_of_table_rows_with_one_set_of_widths() -> None:
    people = 2 * TABLE_ROWS + 7
    body = body_of(decision_list(people))
    tables = [t for t in body.findall(f"{W}tbl") if "Họ và tên" in text(t)]
    data_rows = [[r for r in t.findall(f"{W}tr")][1:] for t in tables]
    assert [len(rows) for rows in data_rows] == [TABLE_ROWS, TABLE_ROWS, 7]
    numbers = [int(text(row.find(f"{W}tc"))) for rows in data_rows for row in rows]
    assert numbers == list(range(1, people + 1))
    # The long name in the last table widened the name column of every table, not only its own.
    assert len({tuple(widths(t)) for t in tables}) == 1
    collectives = next(t for t in body.findall(f"{W}tbl") if "Tên tập thể" in text(t))
    assert widths(collectives) != widths(tables[0])  # another list keeps its own widths
    for above, below in itertools.pairwise(tables):
        between = above.getnext()
        assert between.tag == f"{W}p" and text(between) == "" and between.getnext() is below
        header = below.find(f"{W}tr")
        assert "Họ và tên" in text(header)
        assert header.find(f"{W}trPr/{W}tblHeader") is not None  # repeats on its pages


def test_a_short_list_stays_one_table() -> None:
    body = body_of(decision_list(TABLE_ROWS))
    assert sum("Họ và tên" in text(t) for t in body.findall(f"{W}tbl")) == 1


@pytest.mark.libreoffice
def test_a_long_list_prints_every_row_in_order(tmp_path: Path) -> None:
    people = TABLE_ROWS + 20
    source = tmp_path / "danh-sach.docx"
    source.write_bytes(decision_list(people))
    target = tmp_path / "danh-sach.pdf"
    with LibreOfficePool(size=1) as pool:
        (result,) = pool.convert([ConversionJob(source, target, "Danh sách")])
    assert result.ok, result.error
    pages = [page.extract_text().replace("\xa0", " ") for page in PdfReader(target).pages]
    printed = "\n".join(pages)
    names = [f"Người Thứ{i:04d}" for i in range(1, people)] + [LONG_NAME]
    positions = [printed.find(name) for name in names]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_a_council_voting_on_a_whole_period_prints_its_results_as_tables(example) -> None:
    """A council's Biên bản lists every nominee with its votes (the office's groups them by
    unit: see below), thousands of them as tables of TABLE_ROWS rows."""
    from dataclasses import replace

    from pipeline.documents.context import bien_ban

    batch = check_file(example()).batch
    assert batch is not None and batch.council is not None
    people = TABLE_ROWS + 9
    model = batch.individuals[0]
    many = tuple(
        replace(model, id=f"ca-nhan-{i}", index=i, name=f"Người Thứ{i:04d}")
        for i in range(1, people + 1)
    )
    context = bien_ban(replace(batch, collectives=(), individuals=many))
    template = (TEMPLATES_DIR / "bien-ban.docx").read_bytes()
    body = body_of(PreparedTemplate(template, environment()).render(context, {"title": "BB"}))
    tables = [t for t in body.findall(f"{W}tbl") if "Số phiếu" in text(t)]
    data_rows = [[r for r in t.findall(f"{W}tr")][1:] for t in tables]
    assert [len(rows) for rows in data_rows] == [TABLE_ROWS, 9]
    numbers = [int(text(row.find(f"{W}tc"))) for rows in data_rows for row in rows]
    assert numbers == list(range(1, people + 1))


def office_minutes(batch, sizes: list[int]) -> tuple[bytes, list[str]]:
    """The built-in Biên bản of an office's council on units of `sizes` people each (copies of
    the example's first individual), and the people in order."""
    from dataclasses import replace

    from pipeline.period.consolidate import Consolidated, UnitPart

    model = batch.individuals[0]
    units = tuple(
        UnitPart(
            replace(batch, info=replace(batch.info, unit=f"Ủy ban nhân dân xã Số {u}")),
            (),
            tuple(
                replace(model, id=f"ca-nhan-{u}-{i}", index=i, name=f"Người Thứ{u} {i:03d}")
                for i in range(1, size + 1)
            ),
        )
        for u, size in enumerate(sizes, start=1)
    )
    people = tuple(p for u in units for p in u.individuals)
    office = replace(batch, collectives=(), individuals=people)
    context = minutes_context(Consolidated(batch.info.award, office, units, units, "Hội đồng"))
    template = (TEMPLATES_DIR / "bien-ban-tong-hop.docx").read_bytes()
    docx = PreparedTemplate(template, environment()).render(context, {"title": "Biên bản"})
    return docx, [p.name for p in people]


def test_an_office_council_prints_each_units_rows_under_its_heading_in_tables(example) -> None:
    """The office council's Biên bản groups its rows by proposing unit; a period of thousands
    still prints as tables of TABLE_ROWS rows (heading rows included), numbered through."""
    batch = check_file(example()).batch
    assert batch is not None and batch.council is not None
    per_unit = 300
    docx, people = office_minutes(batch, [per_unit, per_unit])
    tables = [t for t in body_of(docx).findall(f"{W}tbl") if "Số phiếu" in text(t)]
    data_rows = [[r for r in t.findall(f"{W}tr")][1:] for t in tables]
    # The second table starts inside the second unit's rows: it repeats that unit's heading.
    assert [len(rows) for rows in data_rows] == [TABLE_ROWS, 2 * (per_unit + 1) - TABLE_ROWS + 1]
    cells = [
        [text(c).replace("\xa0", " ") for c in row.findall(f"{W}tc")]
        for rows in data_rows
        for row in rows
    ]
    assert [(i, c) for i, c in enumerate(cells) if len(c) == 1] == [
        (0, ["1. Ủy ban nhân dân xã Số 1 (300 cá nhân)"]),
        (per_unit + 1, ["2. Ủy ban nhân dân xã Số 2 (300 cá nhân)"]),
        (TABLE_ROWS, ["2. Ủy ban nhân dân xã Số 2 (300 cá nhân) (tiếp theo)"]),
    ]
    for table in tables:  # each table's column headings repeat at the top of its pages
        assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
    assert [int(c[0]) for c in cells if len(c) > 1] == list(range(1, 2 * per_unit + 1))
    assert [c[1] for c in cells if len(c) > 1] == people
    assert len({tuple(widths(t)) for t in tables}) == 1  # one set of widths for every table


def test_a_units_heading_row_never_ends_a_table(example) -> None:
    """A unit whose heading falls on a table's last row: the heading moves down with its rows,
    and no "(tiếp theo)" is needed."""
    batch = check_file(example()).batch
    assert batch is not None and batch.council is not None
    docx, _ = office_minutes(batch, [TABLE_ROWS - 2, 5])
    tables = [t for t in body_of(docx).findall(f"{W}tbl") if "Số phiếu" in text(t)]

    def row(table: etree._Element, index: int) -> list[str]:
        cells = table.findall(f"{W}tr")[index].findall(f"{W}tc")
        return [text(c).replace("\xa0", " ") for c in cells]

    firsts, lasts = [row(t, 1) for t in tables], [row(t, -1) for t in tables]
    assert [len(t.findall(f"{W}tr")) - 1 for t in tables] == [TABLE_ROWS - 1, 6]
    assert firsts[1] == ["2. Ủy ban nhân dân xã Số 2 (05 cá nhân)"]
    assert all(len(row) > 1 for row in lasts)
    assert "tiếp theo" not in text(body_of(docx))


@pytest.mark.libreoffice
def test_a_units_heading_row_never_ends_a_page(example, tmp_path: Path) -> None:
    """Sixty units of one to five people: without keep-with-next on the heading rows, eight of
    the 25 pages ended with a heading whose rows were on the next page."""
    batch = check_file(example()).batch
    assert batch is not None
    docx, people = office_minutes(batch, [1 + (u * 7) % 5 for u in range(60)])
    source = tmp_path / "bien-ban.docx"
    source.write_bytes(docx)
    target = tmp_path / "bien-ban.pdf"
    with LibreOfficePool(size=1) as pool:
        (result,) = pool.convert([ConversionJob(source, target, "Biên bản")])
    assert result.ok, result.error
    pages = [page.extract_text().replace("\xa0", " ") for page in PdfReader(target).pages]
    last_lines = [next(line for line in reversed(p.splitlines()) if line.strip()) for p in pages]
    assert len(pages) > 10
    assert [line for line in last_lines if "Ủy ban nhân dân xã Số" in line] == []
    printed = "\n".join(pages)
    assert all(name in printed for name in people)
