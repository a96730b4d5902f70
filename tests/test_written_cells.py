"""Text a clerk typed reaches the workbooks hoso writes as text: never as a formula Excel runs."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from pipeline.authoring.scaffold import sheets_for, write_workbook
from pipeline.inputs.plans import get_plan
from pipeline.period.sheets import workbook_bytes

LINK = '=HYPERLINK("http://example.invalid","Bấm vào đây")'


def test_the_office_s_tables_keep_a_text_that_looks_like_a_formula_as_text() -> None:
    data = workbook_bytes([("Sổ", ("Họ và tên", "Số"), [(LINK, 3), ("=1+1", None)])])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(c.value, c.data_type) for c in ws["A"]] == [
        ("Họ và tên", "s"),
        (LINK, "s"),
        ("=1+1", "s"),
    ]
    assert (ws["B2"].value, ws["B2"].data_type) == (3, "n")


def test_a_workbook_filled_with_data_keeps_its_text_as_text(tmp_path: Path) -> None:
    plan = get_plan("bu-gia-map-cds-2022-2025")
    table = next(s for s in sheets_for(plan) if s.layout != "form")
    name = table.fields[1].key
    path = tmp_path / "a.xlsx"
    write_workbook(path, plan, plan.reviews[0], {table.name: [{name: LINK}]})
    cell = openpyxl.load_workbook(path)[table.name]["B2"]
    assert (cell.value, cell.data_type) == (LINK, "s")
