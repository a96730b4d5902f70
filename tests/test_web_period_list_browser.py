"""The office's list of periods says where each period's units stand, as its page sums them up,
so the head of office sees at a glance which period needs them. Drawn by a real Chromium with the
app's stylesheet, at a small office screen's width."""

from __future__ import annotations

import pytest

from pipeline.web.demo import DECIDED_PLAN, add_period
from tests.webtools import drawn, make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]


def _items(page: str, width: int) -> tuple[list[str], bool]:
    """Each period's item as Chromium shows it, and whether the page fits the width."""
    with drawn(page, width) as shown:
        items = shown.locator("main li").all_inner_texts()
        fits = shown.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
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
