"""`hoso period build`'s line of the units' dossiers counts every unit the period expects: those
built of all of them, those with none yet, and a workbook of no listed unit apart."""

from __future__ import annotations

from tests.conftest import edit, label_row
from tests.test_period import units


def test_a_workbook_of_no_listed_unit_is_counted_apart(period, run_cli) -> None:
    folder = period()
    sent = units(folder)[3]  # a valid unit's workbook, now of a school the period does not list
    stray = sent.with_name("truong-da-kia.xlsx")
    sent.rename(stray)
    with edit(stray) as wb:
        ws = wb["Thông tin chung"]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = "Trường Tiểu học Đa Kia"
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert (
        "Hồ sơ của đơn vị: 2/5 đơn vị của đợt và 1 đơn vị ngoài danh sách (3 đơn vị chưa có hồ "
        "sơ); 0 không thay đổi, "
    ) in result.out, result.out
    assert (folder / "ket-qua" / "don-vi" / "truong-da-kia").is_dir()  # built all the same
