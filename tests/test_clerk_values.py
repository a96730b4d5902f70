"""What a cell's value turns into on the way from the clerk's keyboard to the workbook: error
values of newer Excel, numbers that lost their leading zero, Excel's text apostrophe kept as a
character, and one value in error said once. Each habit runs through the real `hoso` command and
is asserted at its cell and, where it is printed, in the documents."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import cell_of, edit
from tests.test_clerk_habits import COLL, IND, findings_at, put

# 1. Excel error values ------------------------------------------------------------------------


def _error_value(path: Path, sheet: str, coord: str, error: str) -> None:
    """Store an Excel error value in a cell, as Excel writes a formula that failed (t="e")."""
    index = openpyxl.load_workbook(path).sheetnames.index(sheet) + 1
    part = f"xl/worksheets/sheet{index}.xml"
    copy = path.with_suffix(".tmp")
    shutil.move(path, copy)
    with zipfile.ZipFile(copy) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                cell = re.compile(rf'<c r="{coord}"[^>]*?(/>|>.*?</c>)', re.S)
                new = f'<c r="{coord}" t="e"><f>X1</f><v>{error}</v></c>'
                text, count = cell.subn(new, data.decode(), count=1)
                assert count == 1, coord
                data = text.encode()
            zout.writestr(item, data)
    copy.unlink()


@pytest.mark.parametrize(
    ("error", "sheet", "header", "meaning"),
    [
        ("#SPILL!", IND, "Họ và tên", "bị chặn bởi ô bên cạnh"),
        ("#CALC!", IND, "Chức vụ", "không tính ra giá trị"),
        ("#BUSY!", COLL, "Điện thoại", "chưa tính xong"),
        ("#CONNECT!", COLL, "Địa chỉ", "không kết nối được"),
        ("#BLOCKED!", IND, "Thành tích", "bị chặn"),
        ("#PYTHON!", IND, "Số phiếu đồng ý", "Python"),
        ("#FIELD!", IND, "Ngày sinh", ""),
        ("#UNKNOWN!", COLL, "Ghi chú", ""),
        ("#EXTERNAL!", IND, "Quê quán", "bên ngoài"),
        ("#GETTING_DATA", COLL, "Chức vụ thủ trưởng", "chưa tính xong"),
        ("#N/A", IND, "Dân tộc", "không tìm thấy"),
    ],
)
def test_any_excel_error_value_is_an_error_at_its_cell(
    example, run_cli, error: str, sheet: str, header: str, meaning: str
) -> None:
    path = example()
    coord = cell_of(openpyxl.load_workbook(path)[sheet], header, 3)
    _error_value(path, sheet, coord, error)
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (message,) = findings_at(result.out, path, sheet, coord)
    assert f"“{header}”: ô có lỗi công thức ({error}" in message
    assert meaning in message
    assert "hãy sửa công thức" in message


def test_an_error_value_typed_in_a_text_cell_is_not_printed(example, run_cli, tmp_path) -> None:
    path = example()
    with edit(path) as wb:
        coord = put(wb, IND, "Chức vụ", 4, "#SPILL!")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 1
    assert findings_at(result.out, path, IND, coord)
    assert not (tmp_path / "out" / "hoso").exists()
