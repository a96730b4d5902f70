"""In the browser: a clerk's build whose folder another build holds shows, in its live progress
part, that it waits and for whom, then finishes once that build is done."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.workers import build_holding, demo_login, holding, job_finished, start_proposal

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

SCREENS = Path(__file__).resolve().parent.parent / "output" / "web-screens"


def test_the_clerk_sees_the_build_wait_for_another_build_of_its_folder(
    demo_server: str, demo_data: Path, browser, example
) -> None:
    page = demo_login(browser, demo_server, "vanthu")
    start_proposal(page, None)
    page.set_input_files("input[type=file]", str(example(name="de-nghi.xlsx")))
    page.click("text=Tải lên và kiểm tra")
    page.click("text=Tạo hồ sơ từ phiên bản 1")
    page.wait_for_url(re.compile(r".*/ho-so/\d+/$"))
    # Not waiting yet (nothing holds the folder): the ordinary bar, its share said.
    bar = page.locator("#tien-do #thanh-tien-do[role=progressbar]")
    assert bar.get_attribute("class") == "progress" and bar.get_attribute("aria-valuenow")
    assert "Đang chờ" not in (bar.get_attribute("aria-label") or "") + bar.inner_text()
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "ho-so-dang-tao.png"))
    # The build's own folder (made when it was sent): held by another build before the worker,
    # which builds apart, hands its documents back to be put there.
    folder = max((demo_data / "ho-so").iterdir(), key=lambda p: p.stat().st_mtime)
    holder = build_holding(folder)
    with holding(holder) as release:
        said = page.locator("#tien-do #cho-thu-muc[role=status]")
        said.wait_for(timeout=600_000)
        assert page.locator("#tien-do [data-status]").get_attribute("data-status") == "running"
        text = " ".join(said.inner_text().split())
        assert text.startswith(
            "Đang chờ: thư mục kết quả của việc này đang được dùng bởi một lần tạo hồ sơ chạy "
            "bằng dòng lệnh trên máy chủ (người dùng "
        ), text
        assert text.endswith(f", tiến trình {holder.pid}); việc này tự tiếp tục khi lần đó xong.")
        assert str(demo_data) not in text
        # The bar says it waits (striped, no share), in words a screen reader reads too.
        assert bar.get_attribute("class") == "progress cho" and bar.inner_text() == "Đang chờ"
        assert bar.get_attribute("aria-valuenow") is None
        assert bar.get_attribute("aria-valuetext") == (
            "Đang chờ lần tạo hồ sơ khác dùng xong thư mục kết quả"
        )
        assert "đang chờ" in (bar.get_attribute("aria-label") or "")
        page.screenshot(path=str(SCREENS / "ho-so-cho-thu-muc.png"))
        release()
        job_finished(page, "#tien-do")
    assert page.locator("#cho-thu-muc").count() == 0
    assert page.locator("#thanh-tien-do").count() == 0  # done: no bar at all
    assert page.locator("#tung-tep td.tai-ve").count() > 0  # its documents, to download
