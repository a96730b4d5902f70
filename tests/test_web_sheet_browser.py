"""The clerk's highlighted sheet in a real Chromium: a cell far to the right (past what the table
shows at 1366 px) is reached from its note, out from under the notes column that stays in view."""

from __future__ import annotations

import pytest

from tests.conftest import cell_of, edit
from tests.workers import demo_login, start_proposal

pytestmark = [pytest.mark.browser]


def test_a_note_s_cell_link_brings_a_far_cell_into_view(demo_server: str, browser, example) -> None:
    workbook = example(name="de-nghi.xlsx")
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        far = cell_of(ws, "Thành tích", 3)  # column L: beyond the table's first screen
        ws[far] = None
    page = demo_login(browser, demo_server, "vanthu")
    page.set_viewport_size({"width": 1366, "height": 768})
    start_proposal(page)
    page.set_input_files("input[type=file]", str(workbook))
    page.click("text=Tải lên và kiểm tra")
    table = page.locator('table[data-sheet="Cá nhân"]')
    cell = table.locator(f'td[data-cell="{far}"]')
    assert cell.get_attribute("class") == "error"

    def shown() -> bool:
        """Whether the cell lies inside the sheet's box, left of the notes column."""
        return cell.evaluate(
            """td => {
                const box = td.closest('.sheet-wrap').getBoundingClientRect();
                const notes = td.parentElement.querySelector('td.notes').getBoundingClientRect();
                const r = td.getBoundingClientRect();
                return r.left >= box.left && r.right <= notes.left && r.top >= box.top
                    && r.bottom <= box.bottom;
            }"""
        )

    assert not shown()  # under the notes column, or past it: the clerk would not see it
    note = table.locator("td.notes a", has_text=far)
    assert note.get_attribute("title") == f"Đến ô {far} trong bảng"
    note.click()
    assert shown()
    outline = cell.evaluate("td => getComputedStyle(td).boxShadow")
    assert outline != "none"  # the cell reached is marked
