"""The clerk's pages in a real Chromium on a phone (390 px) and a laptop (1366×768): nothing wider
than the window, a wrong cell not hidden under the notes beside it, each document's downloads on
one line. `hoso serve --demo` with its embedded worker builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit
from tests.workers import job_finished, start_proposal

PASSWORD = "hoso-demo-2026"

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


def _clerk(browser, url: str, width: int, height: int):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url + "/")
    page.fill("#id_username", "vanthu")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đăng xuất")  # the clerk's first page, not the login form
    return page


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether the page needs no sideways scrolling (a wide table may scroll inside itself)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _seen(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the element, scrolled into view, is what the eye meets at its centre."""
    return page.locator(selector).evaluate(
        """e => { e.scrollIntoView({block: "center", inline: "center"});
                  const r = e.getBoundingClientRect();
                  return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""
    )


def test_a_phone_shows_the_clerks_pages_within_the_window(
    demo_server: str, browser, example, tmp_path: Path
) -> None:
    bad = example(name="de-nghi.xlsx")
    with edit(bad) as wb:
        wb["Cá nhân"]["D2"] = "31/02/1985"
    page = _clerk(browser, demo_server, 390, 844)
    assert _fits(page)  # the list of plans, however long their names
    start_proposal(page, None)
    page.set_input_files("input[type=file]", str(bad))
    page.click("text=Tải lên và kiểm tra")
    page.wait_for_selector('table[data-sheet="Cá nhân"] td[data-cell="D2"].error')
    assert _fits(page)
    assert _seen(page, 'table[data-sheet="Cá nhân"] td[data-cell="D2"]')
    assert page.locator("header .tagline").is_hidden()


def test_each_documents_downloads_are_on_one_line(demo_server: str, browser, example) -> None:
    for width, height in ((1366, 768), (390, 844)):
        page = _clerk(browser, demo_server, width, height)
        if width == 1366:
            start_proposal(page, None)
            page.set_input_files("input[type=file]", str(example(name="de-nghi.xlsx")))
            page.click("text=Tải lên và kiểm tra")
            page.click("text=Tạo hồ sơ từ phiên bản 1")
            job_finished(page, "#tien-do")
            build = page.url
        else:
            page.goto(build)
        assert _fits(page)
        first = page.locator("#tung-tep td.tai-ve").first
        assert first.inner_text() == "PDF · Word"
        tops = first.locator("a").evaluate_all("a => a.map(e => e.getBoundingClientRect().top)")
        assert len(set(tops)) == 1, (width, tops)
