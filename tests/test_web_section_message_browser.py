"""After the office uploads its council workbook it lands on the period page's “Hội đồng”
section; after it records a unit's receipt, on that unit's row of “Các đơn vị”: the outcome is
drawn there, in view, not at the page's top."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workers import demo_login

pytestmark = [pytest.mark.browser]


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the first `selector` lies wholly inside the window as the page is scrolled now
    (within a pixel: a heading scrolled to by its anchor may sit a fraction above the top)."""
    return page.locator(selector).first.evaluate(
        """el => {
            const box = el.getBoundingClientRect();
            return box.height > 0 && box.top > -1 && box.bottom <= window.innerHeight;
        }"""
    )


def _said_under(page, heading: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    """The one message of `kind` (a class: "msg", "success") on the page, checked to be in view,
    under `heading` (the section the redirect landed on), the page's top out of view: its text."""
    said = page.locator(f"main .{kind}[role=alert]")
    assert said.count() == 1  # once, in the section, not again at the top
    assert not _in_view(page, "header")
    assert _in_view(page, heading) and _in_view(page, f"main .{kind}[role=alert]")
    top, message = (page.locator(s).bounding_box() for s in (heading, f"main .{kind}[role=alert]"))
    assert top is not None and message is not None and message["y"] > top["y"]
    return " ".join(said.inner_text().split())


def test_the_council_upload_s_message_is_in_the_council_section(
    demo_server: str, browser, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/vi-du/")
    workbook = tmp_path / "hoi-dong.xlsx"
    workbook.write_bytes(page.request.get(f"{demo_server}/dot-xet/vi-du/hoi-dong.xlsx").body())
    page.set_input_files("#tep-hoi-dong", str(workbook))
    page.locator("form:has(#tep-hoi-dong) button[type=submit]").click()
    page.wait_for_url("**/dot-xet/vi-du/#muc-hoi-dong")
    page.screenshot(path=str(tmp_path / "sau-khi-tai-len-hoi-dong.png"))  # the window, as seen
    said = _said_under(page, "#muc-hoi-dong", "msg")  # a warning or a success, as the file reads
    assert said.startswith("Đã nhận tệp Hội đồng"), said
    assert page.locator("#muc-hoi-dong + .msg").count() == 1  # right under the heading


ADDED = [f"Ủy ban nhân dân xã Thử Nghiệm {n}" for n in range(1, 26)]  # a period of many units


def _many_units(page, url: str) -> None:  # type: ignore[no-untyped-def]
    """The example period given 25 more units on its edit page, as the office would."""
    page.goto(f"{url}/dot-xet/vi-du/sua/")
    page.fill("#id_new_units", "\n".join(ADDED))
    page.locator("button[type=submit]", has_text="Lưu thay đổi").click()
    page.wait_for_url(f"{url}/dot-xet/vi-du/")
    assert page.locator("#don-vi tr[id^=don-vi-]").count() >= len(ADDED) + 2


def _receipt(page, name: str, day: str) -> str:  # type: ignore[no-untyped-def]
    """The receipt form of `name`'s row filled with `day` and sent: the row's id."""
    row = page.locator("#don-vi tr", has=page.locator("td", has_text=name)).first
    anchor = row.get_attribute("id")
    assert anchor and anchor.startswith("don-vi-"), anchor
    row.locator("details.ghi-ngay-nhan summary").click()
    row.locator("input[name=ngay]").fill(day)
    row.locator("button[type=submit]", has_text="Ghi nhận đã nhận").click()
    page.wait_for_url(f"**/dot-xet/vi-du/#{anchor}")
    return anchor


def _said_under_row(page, anchor: str, kind: str) -> str:  # type: ignore[no-untyped-def]
    """The one message of `kind` on the page, checked to be drawn in the line right under the
    unit's row, the row and the message in view, the section's top out of view: its text."""
    assert page.locator("main .msg[role=alert]").count() == 1  # nowhere else: not at the top
    said = page.locator(f"#{anchor} + tr.thong-bao-dong .msg.{kind}[role=alert]")
    assert said.count() == 1
    assert _in_view(page, f"#{anchor}") and _in_view(page, f"#{anchor} + tr.thong-bao-dong")
    assert not _in_view(page, "#muc-don-vi") and not _in_view(page, "header")
    assert page.locator("#muc-don-vi + .msg").count() == 0  # not at the section's top either
    return " ".join(said.inner_text().split())


def test_a_unit_s_receipt_is_said_under_its_row_low_in_a_long_table(
    demo_server: str, browser
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    _many_units(page, demo_server)
    last = ADDED[-1]
    anchor = _receipt(page, last, "31/02/2025")  # no such day: refused, said at the row
    said = _said_under_row(page, anchor, "error")
    assert said == f"Chưa ghi ngày nhận hồ sơ của {last}: hãy ghi ngày/tháng/năm.", said
    assert _receipt(page, last, "02/02/2025") == anchor
    screens = Path(__file__).resolve().parent.parent / "output" / "web-screens"
    screens.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screens / "ngay-nhan-tai-dong-don-vi.png"))  # the window, as seen
    said = _said_under_row(page, anchor, "success")
    assert said.startswith(f"Đã ghi ngày nhận hồ sơ của {last}: 02/02/2025."), said
    cell = page.locator(f"#{anchor} td.ngay-nhan")
    assert cell.inner_text().startswith("02/02/2025"), cell.inner_text()
