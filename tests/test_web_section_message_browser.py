"""After the office uploads its council workbook, or records a unit's receipt, it lands on the
period page's section whose form it used (“Hội đồng”, “Các đơn vị”): the outcome is drawn there,
in view, not at the page's top."""

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


def test_the_receipt_s_message_is_in_the_units_section(demo_server: str, browser) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/vi-du/")
    form = page.locator("details.ghi-ngay-nhan").first
    form.locator("summary").click()
    form.locator("input[name=so_to_trinh]").fill("12/TTr-UBND")
    form.locator("input[name=ngay_to_trinh]").fill("01/02/2025")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/dot-xet/vi-du/#muc-don-vi")
    said = _said_under(page, "#muc-don-vi", "success")
    assert said.startswith("Đã ghi ngày nhận hồ sơ của "), said
    assert "Tờ trình của đơn vị: số 12/TTr-UBND ngày 01/02/2025" in said, said
    assert page.locator("#muc-don-vi + .msg.success").count() == 1
