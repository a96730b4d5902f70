"""Example (fictional) rows are recognised without the workbook's hidden marks: the hidden sheet
deleted, the rows copied into another workbook, a period unit's marks taken out. A real person
who shares an example's name, with another birth date, is not example data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from pipeline.authoring.scaffold import init_workbook
from pipeline.inputs.plans import get_plan
from tests.conftest import BGM, cell_of, edit
from tests.test_clerk_habits import findings_at
from tests.test_period import units

INFO, COLL, IND, LISTS = "Thông tin chung", "Tập thể", "Cá nhân", "Danh mục"
MK = "muong-khuong-cds-2022-2025"
FICTIONAL = "là dữ liệu ví dụ (hư cấu) do hoso tạo"
LOUD = "TỆP CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU): KHÔNG in, ký hay gửi"


def _without_lists(path: Path) -> Path:
    with edit(path) as wb:
        del wb[LISTS]
    return path


def _names(path: Path, sheet: str, header: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    column = [c.value for c in ws[1]].index(header)
    return [r[column] for r in ws.iter_rows(min_row=2, values_only=True) if r[column]]


def test_an_example_whose_hidden_sheet_is_deleted_still_names_its_rows(example, run_cli) -> None:
    path = _without_lists(example(MK))
    people = _names(path, IND, "Họ và tên")
    result = run_cli("check", path)
    (coll,) = findings_at(result.out, path, COLL)
    assert coll.startswith(f"{path} › Tập thể!B2: 4 tập thể (dòng 2–5: Ủy ban nhân dân xã Bản Lầu,")
    (ind,) = findings_at(result.out, path, IND)
    shown = ", ".join(people[:5])
    assert ind.startswith(f"{path} › Cá nhân!B2: 8 cá nhân (dòng 2–9: {shown} và 3 tên khác)")
    assert FICTIONAL in ind
    (signer,) = findings_at(result.out, path, INFO, "B14")
    assert FICTIONAL in signer
    assert LOUD in result.out


def test_example_rows_copied_into_a_blank_workbook_are_named(example, run_cli, tmp_path) -> None:
    source = example()
    path = tmp_path / "cua-toi.xlsx"
    init_workbook(path, get_plan(BGM), None, example=False)
    src, dst = openpyxl.load_workbook(source), openpyxl.load_workbook(path)
    for sheet in (COLL, IND, "Chỉ tiêu"):  # the clerk copies the example's table rows across
        for row in src[sheet].iter_rows(min_row=2):
            for cell in row:
                dst[sheet].cell(cell.row, cell.column).value = cell.value
    dst.save(path)
    assert openpyxl.load_workbook(path)[LISTS]["M2"].value is None  # no marks travelled
    result = run_cli("check", path)
    (coll,) = [m for m in findings_at(result.out, path, COLL) if FICTIONAL in m]
    assert coll.startswith(f"{path} › Tập thể!B2: ")
    (ind,) = [m for m in findings_at(result.out, path, IND) if FICTIONAL in m]
    assert ind.startswith(f"{path} › Cá nhân!B2: 8 cá nhân (dòng 2–9: ")
    assert LOUD in result.out


def test_a_period_unit_without_its_marks_is_still_example_data(period, run_cli) -> None:
    unit = units(period())[0]
    _without_lists(unit)
    people = _names(unit, IND, "Họ và tên")
    result = run_cli("check", unit)
    (ind,) = [m for m in findings_at(result.out, unit, IND) if FICTIONAL in m]
    count = f"{len(people)} cá nhân (dòng 2–{len(people) + 1}: {', '.join(people[:5])}"
    assert ind.startswith(f"{unit} › Cá nhân!B2: {count}"), ind
    (coll,) = [m for m in findings_at(result.out, unit, COLL) if FICTIONAL in m]
    assert coll.startswith(f"{unit} › Tập thể!B2: 1 tập thể (dòng 2: "), coll
    assert LOUD in result.out


def test_a_real_person_named_as_an_example_one_born_another_day_is_not_warned(
    example, run_cli
) -> None:
    path = _without_lists(example(MK))
    first = _names(path, IND, "Họ và tên")[0]
    with edit(path) as wb:
        ws = wb[IND]
        born = ws[cell_of(ws, "Ngày sinh", 2)].value
        ws[cell_of(ws, "Ngày sinh", 2)] = born + dt.timedelta(days=1)
    result = run_cli("check", path)
    (ind,) = findings_at(result.out, path, IND)
    assert ind.startswith(f"{path} › Cá nhân!B3: 7 cá nhân (dòng 3–9: "), ind
    assert first not in ind
