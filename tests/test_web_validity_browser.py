"""The browser's own bubbles for a field left empty or mistyped, in a Chromium whose own language
is English: the person reads Vietnamese (static/web/validity.js) on hoso's pages and the admin's,
and nothing is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM
from tests.workers import serving

PASSWORD = "hoso-demo-2026"
STATIC = Path(__file__).resolve().parent.parent / "pipeline" / "web" / "static" / "web"
SCRIPT = STATIC / "validity.js"

pytestmark = [pytest.mark.browser]


@pytest.fixture
def english() -> Iterator[object]:
    """Debian's Chromium speaking English: without hoso's words its bubbles say “Please fill out
    this field.”"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--lang=en-US"]
        )
        yield chromium
        chromium.close()


def _bubble(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    return page.eval_on_selector(selector, "e => e.validationMessage")


def test_empty_fields_are_named_in_vietnamese_and_nothing_is_sent(english, tmp_path: Path) -> None:
    with serving(tmp_path / "du-lieu", tmp_path / "serve.log") as url:
        page = english.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url + "/")
        login = page.url
        page.click("button[type=submit]")
        assert _bubble(page, "#id_username") == "Hãy điền ô này." and page.url == login
        page.fill("#id_username", "thidua")
        page.click("button[type=submit]")
        assert _bubble(page, "#id_password") == "Hãy điền ô này." and page.url == login
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("text=Đăng xuất")
        # The council's workbook sent without a file: the bubble, not a round trip.
        page.goto(url + "/dot-xet/vi-du/")
        page.locator("form:has(#tep-hoi-dong) button[type=submit]").click()
        assert _bubble(page, "#tep-hoi-dong") == "Hãy chọn tệp để tải lên."
        assert "Không nhận tệp Hội đồng" not in page.inner_text("main")
        page.goto(url + "/doi-mat-khau/")
        page.locator("main button[type=submit]").click()
        assert _bubble(page, "#id_old_password") == "Hãy điền ô này."
        assert page.url == url + "/doi-mat-khau/"
        # The admin's own login form (where a clerk lands on /quan-tri/) speaks the same way.
        other = english.new_page()
        other.goto(url + "/quan-tri/login/")
        other.locator("#login-form [type=submit]").click()
        assert _bubble(other, "#id_username") == "Hãy điền ô này."


def test_each_kind_of_mistake_has_its_own_words(english) -> None:
    page = english.new_page()
    page.set_content(
        """<form><input id="email" type="email" value="vanthu">
        <input id="so" type="number" min="1" max="99" value="0">
        <input id="lon" type="number" min="1" max="99" value="120">
        <input id="ma" pattern="[0-9]+" title="Chỉ gồm chữ số." value="12a">
        <select id="chon" required><option value="">---</option><option>Có</option></select>
        <button>Gửi</button></form>"""
    )
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    page.click("button")
    page.evaluate("document.querySelectorAll('input, select').forEach(e => e.checkValidity())")
    assert _bubble(page, "#email") == "Hãy nhập địa chỉ email, ví dụ vanthu@coquan.gov.vn."
    assert _bubble(page, "#so") == "Giá trị nhỏ nhất là 1."
    assert _bubble(page, "#lon") == "Giá trị lớn nhất là 99."
    assert _bubble(page, "#ma") == "Chỉ gồm chữ số."
    assert _bubble(page, "#chon") == "Hãy chọn một mục trong danh sách."
    # Corrected, the field is judged afresh: no message of ours is left behind.
    page.fill("#email", "vanthu@coquan.gov.vn")
    assert _bubble(page, "#email") == ""
    assert page.eval_on_selector("#email", "e => e.checkValidity()")
