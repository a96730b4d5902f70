"""After “Tạo văn bản của đợt” the office lands on the period page's documents section, at its
end: the message saying the run has started is drawn there, in view, not at the page's top."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.workers import demo_login, job_finished

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]
STARTED = "Đã bắt đầu tạo văn bản của đợt; tiến độ và tệp tải về ở mục này, ngay dưới đây."


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the first `selector` lies wholly inside the window as the page is scrolled now."""
    return page.locator(selector).first.evaluate(
        """el => {
            const box = el.getBoundingClientRect();
            return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
        }"""
    )


def test_the_started_message_is_where_the_office_lands(
    demo_server: str, browser, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "thidua")
    page.goto(f"{demo_server}/dot-xet/vi-du/")
    page.click("button:has-text('Tạo văn bản của đợt')")
    page.wait_for_url("**/dot-xet/vi-du/#van-ban")
    page.screenshot(path=str(tmp_path / "sau-khi-bam-tao.png"))  # the window, as seen
    said = page.locator(".msg.success")
    assert said.count() == 1  # once, in the section, not again at the top
    assert " ".join(said.inner_text().split()) == STARTED
    # The page is scrolled down to the section: its top (where messages used to be) is out of
    # view, and the message is in view right under the section's heading.
    assert not _in_view(page, "header")
    assert _in_view(page, "#van-ban") and _in_view(page, ".msg.success")
    heading, message = (page.locator(s).bounding_box() for s in ("#van-ban", ".msg.success"))
    assert heading is not None and message is not None and message["y"] > heading["y"]
    job_finished(page, "#van-ban-dot-xet", timeout=900_000)  # the server stops with no job left
