"""A copy or an older version of a workbook left beside it ("hoso - Copy.xlsx") is said when a
folder is checked or built: else it silently becomes a second dossier for the same proposal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import edit, label_row

SAID = "2 tệp cùng đề nghị một hình thức khen thưởng của Ủy ban nhân dân huyện Bù Gia Mập"


def _unit(path: Path, name: str) -> None:
    with edit(path) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = name


def test_a_copy_beside_the_workbook_is_said_by_check_and_build(example, run_cli) -> None:
    original = example()
    copy = original.with_name("hoso - Copy.xlsx")
    shutil.copy(original, copy)
    _unit(copy, "Ủy ban nhân dân  huyện Bù Gia Mập ")  # retyped by hand: still the same unit
    folder = original.parent

    checked = run_cli("check", folder)
    assert checked.code == 0, checked.out
    said = next(line for line in checked.out.splitlines() if SAID in line)
    assert f"trong cùng đợt xét: {copy}, {original}." in said
    assert "hãy xóa hoặc chuyển nó ra khỏi thư mục rồi chạy lại" in said

    data = json.loads(run_cli("check", "--json", folder).out)
    (group,) = data["same_proposals"]
    assert group["files"] == [str(copy), str(original)] and SAID in group["message"]

    built = run_cli("build", "--no-pdf", "-o", folder / "ket-qua", original, copy)
    assert SAID in built.out


def test_another_units_workbook_is_no_copy(example, run_cli) -> None:
    original = example()
    other = original.with_name("don-vi-khac.xlsx")
    shutil.copy(original, other)
    _unit(other, "Ủy ban nhân dân xã Đức Hạnh")
    checked = run_cli("check", original.parent)
    assert checked.code == 0, checked.out
    assert "cùng đề nghị một hình thức khen thưởng" not in checked.out
    assert json.loads(run_cli("check", "--json", original.parent).out)["same_proposals"] == []
