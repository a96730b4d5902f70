"""A clerk whose unit's workbook the period already has (the office took it another way) is told
so on the proposal page, above the steps, before "chưa nộp" misleads them: submitting replaces
that file. Drawn by a real Chromium with the app's stylesheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import DEMO_PLAN, add_period
from tests.webtools import PASSWORD, drawn, login, new_proposal, of_unit, upload_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]


def _notice(page: str) -> tuple[str, bool]:
    """The notice's text, and whether it stands above the page's step 2, as Chromium draws it."""
    with drawn(page) as shown:
        box = shown.locator("#da-co-tep")
        if not box.count():
            return "", False
        step = shown.locator("h2", has_text="2. Tải tệp Excel để điền").bounding_box()
        return box.inner_text(), box.bounding_box()["y"] < step["y"]


def test_a_clerk_is_told_the_period_already_has_the_units_workbook(data_dir: Path, example) -> None:
    period = add_period("vi-du", DEMO_PLAN, None, example=True)
    folder = load_period(data_dir / period.folder)
    unit = folder.config.units[0]
    assert (folder.units_dir / unit.file).is_file()  # the example's: the office has it
    add_user("clerk", "van-thu", PASSWORD, unit.name)
    clerk = login("clerk")
    pk = new_proposal(clerk)
    text, above = _notice(clerk.get(f"/de-nghi/{pk}/").content.decode())
    assert text == (
        f"Đợt “{period.title}” đã có tệp của đơn vị (thường trực thi đua đã nhận tệp của đơn vị "
        "không qua trang này). Nộp đề nghị này sẽ thay tệp đó bằng phiên bản được nộp."
    ), text
    assert above
    # Sent from this proposal: nothing left to warn of.
    own = of_unit(example(), unit.name, data_dir / "cua-don-vi.xlsx")
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(own, "de-nghi.xlsx")})
    clerk.post(f"/de-nghi/{pk}/nop/")
    assert _notice(clerk.get(f"/de-nghi/{pk}/").content.decode()) == ("", False)
    # A second proposal of the unit is told which one sent it.
    second = new_proposal(clerk)
    text, _ = _notice(clerk.get(f"/de-nghi/{second}/").content.decode())
    assert f"(Đề nghị {pk} của đơn vị đã nộp phiên bản 1)" in text, text
