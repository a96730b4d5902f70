"""Formulas a clerk fills down a sheet ahead of the data (=IF(B12="","",ROW()-1) for the STT),
computed and saved by LibreOffice Calc as Excel does: where they give an empty text, the cell is
empty, not "a formula without a computed value"; the real `hoso check` reads the workbook as the
clerk sees it. A workbook written by a program that computes nothing is still told to be saved.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import cell_of, edit
from tests.test_clerk_habits import findings_at, section

IND = "Cá nhân"


def _saved_by_calc(path: Path, folder: Path) -> Path:
    """The workbook opened, computed and saved as .xlsx by LibreOffice Calc."""
    out = folder / "calc"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / path.name


def _filled_down(path: Path, last: int) -> tuple[str, str]:
    """STT and Ghi chú formulas down to row `last`, empty where the row has no name."""
    with edit(path) as wb:
        ws = wb[IND]
        name, note = (cell_of(ws, h, 1)[0] for h in ("Họ và tên", "Ghi chú"))
        for row in range(2, last + 1):
            ws[f"A{row}"] = f'=IF({name}{row}="","",ROW()-1)'
            ws[f"{note}{row}"] = f'=IF({name}{row}="","",IF(LEN({name}{row})>60,"Tên dài",""))'
    return name, note


@pytest.mark.libreoffice
def test_formulas_filled_down_that_give_nothing_are_empty_cells(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    _filled_down(path, 40)
    saved = _saved_by_calc(path, tmp_path)
    result = run_cli("check", saved)
    assert result.code == 0, result.out
    assert "công thức" not in result.out
    assert "thiếu" not in result.out  # rows 10–40 hold no one


def test_formulas_never_computed_still_say_to_save_the_file(example, run_cli) -> None:
    path = example()
    _filled_down(path, 12)
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = findings_at(result.out, path, IND, "A2")
    assert said in section(result.out, "Lỗi")
    assert "ô có công thức nhưng chưa có giá trị đã tính" in said
