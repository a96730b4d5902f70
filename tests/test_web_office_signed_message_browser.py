"""After the office uploads its signed documents it lands on the period page's “Ký số văn bản của
cơ quan” part, near the page's end: what became of each file is said there, in view, not at the
page's top."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workers import demo_login, job_finished, sign_apart

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]
DECIDED = "vi-du-quyet-dinh"  # the demo's commune period: the office decides its Giấy khen


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the first `selector` lies wholly inside the window as the page is scrolled now."""
    return page.locator(selector).first.evaluate(
        """el => {
            const box = el.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }"""
    )


def test_the_upload_s_message_is_where_the_office_lands(
    demo_server: str, browser, keys, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/{DECIDED}/")
    page.click("button:has-text('Tạo văn bản của đợt')")
    job_finished(page, "#van-ban-dot-xet", timeout=900_000)
    page.goto(f"{demo_server}/dot-xet/{DECIDED}/")
    listed = page.locator("#tep-dot-xet tr", has=page.locator('td:text-matches("^Quyết định ")'))
    href = listed.first.locator('a:text-matches("^PDF")').get_attribute("href")
    unsigned = tmp_path / "quyet-dinh.pdf"
    unsigned.write_bytes(page.request.get(f"{demo_server}{href}").body())
    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    sign_apart(unsigned, signed, keys.signer_p12)

    page.set_input_files("#tep-da-ky-co-quan", str(signed))
    page.click("#ky-so-co-quan button:has-text('Tải lên và kiểm tra chữ ký')")
    page.wait_for_url(f"**/dot-xet/{DECIDED}/#ky-so-co-quan")
    page.screenshot(path=str(tmp_path / "sau-khi-tai-len.png"))  # the window, as seen
    said = page.locator(".msg.success")
    assert said.count() == 1  # once, in the part, not again at the top
    assert " ".join(said.inner_text().split()).startswith(
        "quyet-dinh-da-ky.pdf: đã nhận “Quyết định khen thưởng – Giấy khen"
    )
    assert page.locator("#ky-so-co-quan .msg.success").count() == 1
    # The page is scrolled down to the part: its top (where messages used to be) is out of view,
    # and the message is in view right under the part's heading.
    assert not _in_view(page, "header")
    assert _in_view(page, "#ky-so-co-quan h3") and _in_view(page, ".msg.success")
    heading, message = (
        page.locator(s).bounding_box() for s in ("#ky-so-co-quan h3", ".msg.success")
    )
    assert heading is not None and message is not None and message["y"] > heading["y"]
