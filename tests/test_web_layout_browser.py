"""Pages drawn by a real Chromium at a small office screen's width: nothing needs scrolling
sideways. The pages come from the Django test client, with the app's own stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.webtools import PASSWORD, drawn, login, new_proposal, of_unit, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]


def _fits(html: str, width: int) -> bool:
    """Whether the page, its stylesheet inlined, needs no sideways scrolling at `width`."""
    with drawn(html, width) as page:
        return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_offices_log_with_a_files_fingerprint_fits_an_800_pixel_screen(
    data_dir: Path, example
) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    unit = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"
    add_user("clerk", "van-thu", PASSWORD, unit)
    add_user("office", "thi-dua", PASSWORD)
    clerk = login("clerk")
    own = of_unit(example(), unit, data_dir / "de-nghi.xlsx")
    clerk.post(f"/de-nghi/{new_proposal(clerk)}/tai-len/", {"file": upload_file(own)})
    office = login("office")
    page = office.get("/nhat-ky/").content.decode()
    assert "sha256 " in page  # the upload's entry, with its 64-character fingerprint
    assert _fits(page, 800)
    # The pages of each day's work fit too.
    for shown in (office.get("/dot-xet/vi-du/"), office.get("/dot-xet/vi-du/sua/")):
        assert _fits(shown.content.decode(), 800)
    assert _fits(clerk.get("/de-nghi/").content.decode(), 800)
