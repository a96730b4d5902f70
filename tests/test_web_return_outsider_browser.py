"""In the browser: the office sends back the submission of a unit its period does not list, and
reads the outcome under that unit's row, in view, as for a listed unit; the row stays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.web.demo import PASSWORD
from tests.webtools import of_unit
from tests.workers import REPO, demo_login, start_proposal

pytestmark = [pytest.mark.browser]

SCREENS = Path(__file__).resolve().parent.parent / "output" / "web-screens"
OUTSIDER = "Ủy ban nhân dân xã Ngoài Danh Sách"


def _in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return page.locator(selector).first.evaluate(
        """el => {
            const box = el.getBoundingClientRect();
            return box.height > 0 && box.top > -1 && box.bottom <= window.innerHeight;
        }"""
    )


def test_the_return_of_a_unit_outside_the_list_is_said_under_its_row(
    demo_server: str, demo_data: Path, browser, example, tmp_path: Path
) -> None:
    added = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "user", "add", "ngoai", "--role", "van-thu",
         "--unit", OUTSIDER, "--data", str(demo_data)],
        input=f"{PASSWORD}\n", text=True, capture_output=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    clerk = demo_login(browser, demo_server, "ngoai")
    start_proposal(clerk)
    own = of_unit(example(name="de-nghi.xlsx"), OUTSIDER, tmp_path / "ngoai.xlsx")
    clerk.set_input_files("input[type=file]", str(own))
    clerk.click("text=Tải lên và kiểm tra")
    clerk.click("text=Nộp phiên bản 1 cho đợt xét")
    assert "Đã nộp phiên bản 1" in clerk.locator(".msg.success").first.inner_text()

    office = demo_login(browser, demo_server, "thidua")
    office.goto(f"{demo_server}/dot-xet/vi-du/")
    row = office.locator("#don-vi tr", has=office.locator("td", has_text=OUTSIDER)).first
    anchor = row.get_attribute("id")
    assert anchor and anchor.startswith("don-vi-"), anchor
    row.locator("details.tra-lai summary").click()
    row.locator("textarea").fill("Tệp gửi nhầm đợt: đơn vị không có trong danh sách của đợt.")
    row.locator("button:has-text('Trả lại hồ sơ')").click()
    office.wait_for_url(f"**/dot-xet/vi-du/#{anchor}")
    said = office.locator(f"#{anchor} + tr.thong-bao-dong .msg.success[role=alert]")
    assert said.count() == 1 and office.locator("main .msg[role=alert]").count() == 1
    assert " ".join(said.inner_text().split()).startswith(
        f"Đã trả lại hồ sơ của {OUTSIDER} (phiên bản 1); tệp đã nộp không bị xóa."
    )
    assert _in_view(office, f"#{anchor}") and _in_view(office, f"#{anchor} + tr.thong-bao-dong")
    assert not _in_view(office, "#muc-don-vi") and not _in_view(office, "header")
    assert office.locator(f"#{anchor} .status").inner_text() == "đã trả lại để sửa"
    SCREENS.mkdir(parents=True, exist_ok=True)
    office.screenshot(path=str(SCREENS / "tra-lai-don-vi-ngoai-danh-sach.png"))
