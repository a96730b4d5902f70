"""The clerk's sheet view opens with one line of help, for a clerk who never saw one: what the
highlighted cells and the last column mean, and that a cell's address leads to the cell (to fix
in Excel). It is there only when the page draws a sheet; drawn by Chromium at a laptop's size."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import cell_of, edit
from tests.webtools import as_read, drawn, make_people, new_proposal, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

HELP = (
    "Cách đọc bảng: ô nền đỏ có lỗi, ô nền vàng có cảnh báo; cột cuối ghi từng lỗi, cảnh báo "
    "kèm địa chỉ ô (B12: cột B, dòng 12): bấm vào địa chỉ để đến ô đó, rồi sửa ô ấy trong tệp Excel."
)


def _upload(client, pk: int, path: Path) -> str:  # type: ignore[no-untyped-def]
    response = client.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(path)}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _help(page: str) -> list[str]:
    """Every help line of the page, as read."""
    return [as_read(p.split("</p>")[0]) for p in page.split('id="cach-doc-bang">')[1:]]


def test_the_sheet_view_opens_with_one_line_of_help(example, tmp_path: Path) -> None:
    people = make_people()
    pk = new_proposal(people.clerk_a)
    before = people.clerk_a.get(f"/de-nghi/{pk}/").content.decode()
    assert "data-sheet=" not in before and not _help(before)  # nothing uploaded, no sheet
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        empty = cell_of(ws, "Thành tích", 3)
        ws[empty] = None
    page = _upload(people.clerk_a, pk, path)
    assert _help(page) == [HELP]  # once, for every sheet drawn
    # Above the first sheet's heading and table, below the lists of errors and warnings.
    first = page.index('id="cach-doc-bang"')
    assert page.index('id="loi"') < first < page.index("<h3>Sheet") < page.index('class="sheet"')
    # What it says of the last column and the address holds: the empty cell's note opens with
    # its address, a link to the highlighted cell.
    assert f'<a href="#o1-{empty}" title="Đến ô {empty} trong bảng"><b>{empty}</b></a>:' in page
    assert 'class="error" title=' in page.split(f'data-cell="{empty}"')[0].rsplit("<td", 1)[1]

    with drawn(page, 1366, 768) as shown:  # a Windows laptop's window
        line = shown.locator("#cach-doc-bang")
        line.scroll_into_view_if_needed()
        shown.screenshot(path=str(tmp_path / "cach-doc-bang.png"))
        box, table = line.bounding_box(), shown.locator("table.sheet").first.bounding_box()
        assert box is not None and table is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1366  # read without scrolling across
        lines = line.evaluate(
            """p => {
                const range = document.createRange();
                range.selectNodeContents(p);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
            }"""
        )
        assert lines == 1  # one line: not a paragraph the clerk skips
        assert box["y"] < table["y"]


def test_no_help_line_without_a_sheet_view(tmp_path: Path) -> None:
    # A workbook whose only sheet is a guide: the check refuses it, the page draws no sheet.
    path = tmp_path / "chi-co-huong-dan.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active["A1"] = "Điền các sheet khác"
    wb.save(path)
    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = _upload(people.clerk_a, pk, path)
    assert "Kết quả kiểm tra" in page and "data-sheet=" not in page
    assert not _help(page)
