"""A version still holding hoso's example (fictional) rows is never submitted: the clerk is told
which rows to delete and to upload again, and the office never sees it as sent."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.webtools import as_read, as_real, office_login, statuses, unit_clerk, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _people(path: Path) -> list[str]:
    """The names of the workbook's individuals, as the clerk sees them in Excel."""
    ws = openpyxl.load_workbook(path)["Cá nhân"]
    column = [c.value for c in ws[1]].index("Họ và tên")
    return [r[column] for r in ws.iter_rows(min_row=2, values_only=True) if r[column]]


def test_a_version_with_example_rows_is_refused_and_never_reaches_the_office(
    data_dir: Path,
) -> None:
    who = unit_clerk(data_dir)
    folder, unit, clerk, pk = who.folder, who.unit, who.clerk, who.pk
    office = office_login()
    own = data_dir / "vi-du-cua-don-vi.xlsx"
    own.write_bytes(clerk.get("/mau/bu-gia-map-cds-2022-2025/so-ket-2023/vi-du.xlsx").content)
    names = _people(own)

    uploaded = clerk.post(
        f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "vi-du.xlsx")}, follow=True
    )
    said = as_read(uploaded.content.decode())
    assert "Phiên bản 1: không có lỗi, tạo được hồ sơ để xem thử nhưng chưa nộp được" in said
    assert "Tình trạng: chưa nộp còn dữ liệu ví dụ phiên bản 1 còn dữ liệu ví dụ" in said
    page = uploaded.content.decode()
    assert "Nộp phiên bản 1 cho đợt xét" not in page  # no button that would only refuse
    assert "Chưa nộp được" in as_read(page.split('id="vi-du-chua-xoa"')[1].split("</p>")[0])

    refused = as_read(clerk.post(f"/de-nghi/{pk}/nop/", follow=True).content.decode())
    assert "Đã nộp" not in refused
    assert (
        "Không nộp được: phiên bản 1 còn dữ liệu ví dụ (hư cấu) do hoso tạo, không phải hồ sơ "
        "thật — sheet “Thông tin chung”: người ký “"
    ) in refused, refused
    assert len(names) <= 5  # each named
    rows = f"dòng 2–{len(names) + 1}: {', '.join(names)}"
    assert f"; sheet “Cá nhân”: {len(names)} cá nhân ({rows})." in refused, refused
    assert (
        "Hãy xóa các dòng ví dụ đó khỏi tệp Excel (hoặc thay bằng dữ liệu thật của đơn vị), lưu "
        "rồi tải lên lại."
    ) in refused
    assert not (folder.units_dir / unit.file).exists()

    # The office: the unit has sent nothing, and its upload is said to hold example rows.
    period = office.get("/dot-xet/vi-du/").content.decode()
    assert statuses(period)[unit.name] == "chưa nộp, đã tải lên, hợp lệ"
    row = as_read(period.split(f"<td>{unit.name}</td>")[1].split("</tr>")[0])
    assert "còn dữ liệu ví dụ (hư cấu), chưa nộp" in row, row

    # Deleted (here: its rows read as the unit's own), uploaded again: it is sent.
    who.upload(as_real(own), "de-nghi.xlsx")
    sent = as_read(who.send())
    assert "Đã nộp phiên bản 2 cho đợt" in sent, sent
    assert statuses(office.get("/dot-xet/vi-du/").content.decode())[unit.name].startswith("đã nộp")
