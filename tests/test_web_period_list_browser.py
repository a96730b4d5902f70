"""The office's list of periods says where each period's units stand, as its page sums them up,
so the head of office sees at a glance which period needs them. Drawn by a real Chromium with the
app's stylesheet, at a small office screen's width."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.demo import DECIDED_PLAN, add_period
from tests.conftest import CHROMIUM
from tests.webtools import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]

CSS = Path(__file__).resolve().parent.parent / "pipeline" / "web" / "static" / "web" / "hoso.css"


def _items(page: str, width: int) -> tuple[list[str], bool]:
    """Each period's item as Chromium shows it, and whether the page fits the width."""
    # Started once the database is done with: Playwright's sync API runs an event loop in this
    # thread, under which Django refuses database calls.
    from playwright.sync_api import sync_playwright

    styled = page.replace("</head>", f"<style>{CSS.read_text(encoding='utf-8')}</style></head>")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        shown = browser.new_page(viewport={"width": width, "height": 800})
        shown.set_content(styled)
        items = shown.locator("main li").all_inner_texts()
        fits = shown.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        browser.close()
    return [" ".join(i.split()) for i in items], fits


def test_each_period_in_the_list_says_how_many_units_sent_and_are_late_or_in_error() -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_period("quyet-dinh", DECIDED_PLAN, None, example=True)
    page = make_people().office.get("/dot-xet/").content.decode()
    (decided, first), fits = _items(page, 800)
    # As each period's page sums them up: the figures add up to the units.
    assert "5 đơn vị: đã nộp 4 (trong đó: trễ hạn 1, có lỗi 1) · chưa nộp 1" in decided, decided
    assert "5 đơn vị: đã nộp 4 (trong đó: trễ hạn 1, có lỗi 1) · chưa nộp 1" in first, first
    assert decided.endswith(" — còn 1 lỗi"), decided
    assert fits
