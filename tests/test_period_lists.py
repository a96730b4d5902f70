"""The office's consolidated list as its reader meets it: each unit's heading and table label on
the page of its rows, and a unit's list split into tables (TABLE_ROWS rows each) starting again
under that unit's heading, "(tiếp theo)", as the council's grouped table does."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pypdf import PdfReader

from pipeline.authoring.blueprints import TABLE_ROWS
from pipeline.check import check_file
from pipeline.pdf.converter import ConversionJob
from pipeline.pdf.pool import LibreOfficePool
from pipeline.period.consolidate import Consolidated, UnitPart
from pipeline.period.documents import LIST_TEMPLATE, list_context
from pipeline.render.environment import environment
from pipeline.render.prepared import PreparedTemplate
from pipeline.resources import TEMPLATES_DIR
from tests.doctext import clean
from tests.test_long_lists import W, body_of, text


def consolidated_list(batch, sizes: list[tuple[int, int]]) -> bytes:
    """The built-in consolidated list of units of (collectives, individuals) sizes, copies of the
    example's first collective and individual, numbered through the list as the office does."""
    collective, person = batch.collectives[0], batch.individuals[0]
    numbers = {"tap-the": 0, "ca-nhan": 0}

    def copies(model, unit: int, count: int) -> tuple:
        made = []
        for i in range(1, count + 1):
            numbers[model.kind] += 1
            n = numbers[model.kind]
            name = (
                f"Tập thể Số {unit}-{i:03d}" if model.kind == "tap-the" else f"Người {unit}-{i:03d}"
            )
            made.append(replace(model, id=f"{model.kind}-{n}", index=n, stt=n, name=name))
        return tuple(made)

    units = tuple(
        UnitPart(
            replace(batch, info=replace(batch.info, unit=f"Ủy ban nhân dân xã Số {u}")),
            copies(collective, u, groups),
            copies(person, u, people),
        )
        for u, (groups, people) in enumerate(sizes, start=1)
    )
    office = replace(
        batch,
        collectives=tuple(c for u in units for c in u.collectives),
        individuals=tuple(p for u in units for p in u.individuals),
    )
    context = list_context(Consolidated(batch.info.award, office, units, units))
    template = (TEMPLATES_DIR / LIST_TEMPLATE).read_bytes()
    return PreparedTemplate(template, environment()).render(context, {"title": "Danh sách"})


def _rows(table) -> list[list[str]]:
    """A table's rows, each as its cells' text."""
    return [[clean(text(tc)) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def test_a_units_list_split_into_tables_starts_again_under_its_heading(example) -> None:
    batch = check_file(example()).batch
    assert batch is not None
    people = TABLE_ROWS + 5
    body = body_of(consolidated_list(batch, [(1, people), (1, 2)]))
    blocks = [(el.tag, clean(text(el))) for el in body if el.tag in (f"{W}p", f"{W}tbl")]
    tables = [i for i, (tag, words) in enumerate(blocks) if tag == f"{W}tbl" and "STT" in words]
    said = [words for tag, words in blocks if tag == f"{W}p" and words]
    assert [t for t in said if "xã Số" in t] == [
        "1. Ủy ban nhân dân xã Số 1 (01 tập thể, 505 cá nhân)",
        "1. Ủy ban nhân dân xã Số 1 (01 tập thể, 505 cá nhân) (tiếp theo)",
        "2. Ủy ban nhân dân xã Số 2 (01 tập thể, 02 cá nhân)",
    ]
    # Each table starts with a row naming whose rows it holds, above its column headers.
    captions = [_rows(t)[:2] for t in body.findall(f"{W}tbl") if "STT" in text(t)]
    assert [(c[0][0], c[1][0]) for c in captions] == [
        ("Tập thể của Ủy ban nhân dân xã Số 1", "STT"),
        ("Cá nhân của Ủy ban nhân dân xã Số 1", "STT"),
        ("Cá nhân của Ủy ban nhân dân xã Số 1", "STT"),
        ("Tập thể của Ủy ban nhân dân xã Số 2", "STT"),
        ("Cá nhân của Ủy ban nhân dân xã Số 2", "STT"),
    ]
    # The continued heading stands right above the unit's second table of people.
    second = tables[2]
    above = [words for _, words in blocks[:second] if words][-1:]
    assert above == ["1. Ủy ban nhân dân xã Số 1 (01 tập thể, 505 cá nhân) (tiếp theo)"]
    data = [t for t in body.findall(f"{W}tbl") if "STT" in text(t)]
    rows = [len(t.findall(f"{W}tr")) - 2 for t in data]
    assert rows == [1, TABLE_ROWS, 5, 1, 2]  # numbering and rows run on: nobody lost
    assert "Người 1-505" in blocks[second][1] and "Người 2-002" in blocks[tables[4]][1]


def page_at(pages: list[str], words: str, after: str = "") -> int:
    """The page (from 1) where `words` are first printed (after the first `after`)."""
    printed = "\f".join(pages)
    at = printed.index(words, printed.index(after) if after else 0)
    return printed.count("\f", 0, at) + 1


@pytest.mark.libreoffice
def test_a_units_heading_and_label_are_on_the_page_of_its_first_rows(example, tmp_path) -> None:
    """Units of a few rows each: wherever a page ends, no unit's heading nor its table's caption
    ("Cá nhân của …") is left alone at the foot of a page, its rows on the next."""
    batch = check_file(example()).batch
    assert batch is not None
    sizes = [(1, 1 + u % 4) for u in range(1, 19)]
    source = tmp_path / "danh-sach.docx"
    source.write_bytes(consolidated_list(batch, sizes))
    target = tmp_path / "danh-sach.pdf"
    with LibreOfficePool(size=1) as pool:
        (result,) = pool.convert([ConversionJob(source, target, "Danh sách")])
    assert result.ok, result.error
    pages = [clean(page.extract_text()) for page in PdfReader(target).pages]
    assert len(pages) > 3
    apart = []
    for u in range(1, len(sizes) + 1):
        heading = f"{u}. Ủy ban nhân dân xã Số {u} ("
        groups, people = f"Tập thể Số {u}-001", f"Người {u}-001"
        caption = f"Cá nhân của Ủy ban nhân dân xã Số {u}"
        pairs = [
            (heading, groups, page_at(pages, heading), page_at(pages, groups)),
            (caption, people, page_at(pages, caption), page_at(pages, people)),
        ]
        apart += [f"{a} (trang {i}) / {b} (trang {j})" for a, b, i, j in pairs if i != j]
    assert apart == []


@pytest.mark.libreoffice
def test_rows_after_a_page_break_still_say_which_unit_they_belong_to(example, tmp_path) -> None:
    """A unit's rows running over pages: every page they are on starts its table with the row
    naming the unit and the column headers (repeated header rows), never bare rows."""
    batch = check_file(example()).batch
    assert batch is not None
    source = tmp_path / "danh-sach.docx"
    source.write_bytes(consolidated_list(batch, [(1, 3), (2, 60), (1, 2)]))
    target = tmp_path / "danh-sach.pdf"
    with LibreOfficePool(size=1) as pool:
        (result,) = pool.convert([ConversionJob(source, target, "Danh sách")])
    assert result.ok, result.error
    pages = [clean(page.extract_text()) for page in PdfReader(target).pages]
    holding = [i for i, page in enumerate(pages, start=1) if "Người 2-0" in page]
    assert len(holding) >= 2, pages  # the unit's people run over a page break
    for i in holding:
        page = pages[i - 1]
        first = min(
            page.index(f"Người 2-{n:03d}") for n in range(1, 61) if f"Người 2-{n:03d}" in page
        )
        caption = page.find("Cá nhân của Ủy ban nhân dân xã Số 2")
        assert 0 <= caption < page.index("STT", caption) < first, (i, page[:300])
