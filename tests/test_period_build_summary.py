"""`hoso period build`'s line of the units' dossiers counts every unit the period expects: those
built of all of them, those with none yet, and a workbook of no listed unit apart; the units
whose dossiers were made of example rows are named in its summary."""

from __future__ import annotations

from tests.conftest import council_votes, edit, label_row, retyped
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


def test_units_still_holding_example_rows_are_named_loudly(period, run_cli) -> None:
    folder = period()
    real = retyped(units(folder)[0])  # its example marks gone: a unit that typed its own people
    with edit(real) as wb:
        wb["Danh mục"].delete_cols(1, wb["Danh mục"].max_column)
    council_votes(folder)  # the office's council votes on its people as now typed
    check = run_cli("period", "check", folder).out
    said = next(x for x in check.splitlines() if x.startswith("⚠ ĐỢT XÉT CÒN DỮ LIỆU VÍ DỤ"))
    assert said.startswith(
        "⚠ ĐỢT XÉT CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU) trong tệp của 3 đơn vị (Văn phòng Hội đồng nhân "
        "dân và Ủy ban nhân dân huyện Bù Gia Mập; Ủy ban nhân dân xã Phú Nghĩa; Ủy ban nhân dân "
        "xã Đức Hạnh) và hoi-dong.xlsx (Hội đồng của cơ quan): KHÔNG in, ký hay gửi"
    ), said
    built = run_cli("period", "build", "--no-pdf", "-q", folder).out.splitlines()
    # In the summary after the files written (the broken unit has no dossier: not named there).
    assert built[built.index(f"Đã ghi {folder / 'ket-qua' / 'tong-hop' / 'thong-ke.png'}") + 1 :][
        :3
    ] == [
        "⚠ CHÚ Ý: hồ sơ của 2 đơn vị được tạo từ tệp còn dữ liệu ví dụ (hư cấu): Văn phòng Hội "
        "đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập; Ủy ban nhân dân xã Đức Hạnh (văn bản "
        "của cơ quan có tính đề nghị của các đơn vị này).",
        "⚠ CHÚ Ý: Biên bản Hội đồng của cơ quan được tạo từ hoi-dong.xlsx còn dữ liệu ví dụ (hư "
        "cấu).",
        "⚠ KHÔNG in, ký hay gửi các văn bản đó trước khi thay bằng dữ liệu thật rồi chạy lại hoso "
        f"period build {folder}.",
    ]
    assert "Phòng Văn hóa và Thông tin" not in " ".join(x for x in built if x.startswith("⚠"))
