"""The office's period page, its signing refusals and its log, in a real Chromium, as a person
reads them: a Quyết định is issued to the units (a Tờ trình goes up), a refusal names the page's
button (never `hoso build`), the log names periods, units and versions (never ids)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.signed import SignedRow
from pipeline.web.templatetags.signing_words import package_link, package_use
from tests.workers import (
    delete_copies,
    demo_login,
    job_finished,
    sign_apart,
    start_proposal,
)

PASSWORD = "hoso-demo-2026"
DECIDED = "vi-du-quyet-dinh"  # the demo's commune period: the office decides its Giấy khen

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


def _built(browser, url: str, slug: str):  # type: ignore[no-untyped-def]
    """The office's page of a period whose documents were just made."""
    page = demo_login(browser, url, "thidua")
    page.goto(f"{url}/dot-xet/{slug}/")
    page.click("button:has-text('Tạo văn bản của đợt')")
    job_finished(page, timeout=600_000)
    page.goto(f"{url}/dot-xet/{slug}/")
    assert page.locator("[data-status]").get_attribute("data-status") == "done"
    return page


def _said(scope, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The text of the first `selector` inside a page or a row, its spaces as a person sees."""
    return " ".join(scope.locator(selector).first.inner_text().split())


BOX = 17  # px inside a box around its text: its border and padding, no paragraph's margin


def _gap(page, box: str, last: bool = False) -> float:  # type: ignore[no-untyped-def]
    """The space inside a box above its first line (below its last, if `last`), in pixels."""
    return page.locator(box).evaluate(
        """(box, last) => {
            const outer = box.getBoundingClientRect();
            const lines = [...box.children].filter(c => c.getClientRects().length);
            const inner = lines[last ? lines.length - 1 : 0].getBoundingClientRect();
            return Math.round(last ? outer.bottom - inner.bottom : inner.top - outer.top);
        }""",
        last,
    )


def test_a_decision_is_issued_to_the_units_and_a_to_trinh_goes_up(
    demo_server: str, browser
) -> None:
    page = _built(browser, demo_server, DECIDED)
    made = _said(page, "#van-ban-tao")
    assert made.startswith("Quyết định khen thưởng (Giấy khen của Chủ tịch Ủy ban nhân dân xã")
    assert "ban hành tới các đơn vị" in made and "Giấy khen in trên phôi" in made
    package = _said(page, "#goi-da-ky")
    assert package.startswith("Tải gói văn bản đã ký gồm bản đã ký nguyên vẹn của từng văn bản")
    assert "để ban hành: gửi Quyết định tới các đơn vị" in package
    assert "cấp trên" not in package and "để nộp" not in package
    assert package.endswith("hãy ký, tải lên đủ rồi mới tải gói để ban hành.")
    # The district's period decides nothing: its Tờ trình tổng hợp goes up to the superior.
    page.goto(f"{demo_server}/dot-xet/vi-du/")
    assert _said(page, "#van-ban-tao").startswith("Tờ trình tổng hợp gửi cấp trên")
    assert "Quyết định" not in _said(page, "#van-ban-tao")


def test_the_package_of_a_to_trinh_goes_up_and_of_a_decision_is_issued() -> None:
    up = [SignedRow("Tờ trình tổng hợp – Bằng khen", ()), SignedRow("Danh sách kèm theo", ())]
    issue = [SignedRow("Quyết định khen thưởng – Giấy khen", ())]
    assert (package_link(up), package_use(up)) == (
        "Tải gói nộp (đã ký)",
        "để gửi lên cấp trên xét, quyết định",
    )
    assert package_link(issue) == "Tải gói văn bản đã ký"
    assert package_use(issue).startswith("để ban hành: gửi Quyết định tới các đơn vị")
    both = package_use(up + issue)
    assert "Tờ trình tổng hợp lên cấp trên" in both and "ban hành Quyết định" in both


def test_a_signed_decision_whose_original_is_gone_names_the_page_s_button(
    demo_server: str, browser, demo_data: Path, keys, tmp_path: Path
) -> None:
    page = _built(browser, demo_server, DECIDED)
    listed = page.locator("#tep-dot-xet tr", has=page.locator('td:text-matches("^Quyết định ")'))
    # The PDF opens in a tab of its own: fetched with the page's session.
    href = listed.first.locator('a:text-matches("^PDF")').get_attribute("href")
    original = page.request.get(f"{demo_server}{href}").body()
    unsigned = tmp_path / "quyet-dinh.pdf"
    unsigned.write_bytes(original)
    signed = tmp_path / "quyet-dinh-da-ky.pdf"
    sign_apart(unsigned, signed, keys.signer_p12)
    delete_copies(demo_data, original)  # the office (or someone at the server) deleted it since
    page.set_input_files("#tep-da-ky-co-quan", str(signed))
    page.click("#ky-so-co-quan button:has-text('Tải lên và kiểm tra chữ ký')")
    alert = " ".join(page.inner_text("[role=alert]").split())
    assert "quyet-dinh-da-ky.pdf: từ chối" in alert
    assert "hãy tạo lại bằng nút “Tạo văn bản của đợt” ở trang đợt xét rồi tải lên lại" in alert
    assert "hoso build" not in alert and "hoso period build" not in alert


def test_the_office_s_log_names_periods_units_and_versions_not_ids_and_boxes_sit_even(
    demo_server: str, browser, example
) -> None:
    clerk = demo_login(browser, demo_server, "vanthu")
    start_proposal(clerk)
    clerk.set_input_files("input[type=file]", str(example(name="de-nghi.xlsx")))
    clerk.click("text=Tải lên và kiểm tra")
    # The plan by its title, as its document names it, never by its code.
    assert _said(clerk, "#ke-hoach").startswith("Kế hoạch phát động phong trào thi đua “Chuyển")
    assert "bu-gia-map-cds" not in _said(clerk, "p:has(#ke-hoach)")
    clerk.click("text=Tạo hồ sơ từ phiên bản 1")
    assert _gap(clerk, "#tien-do") == _gap(clerk, "#tien-do", last=True) == BOX
    unit = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"
    page = _built(browser, demo_server, DECIDED)
    assert _gap(page, "#tom-tat") == _gap(page, "#tom-tat", last=True) == BOX
    page.click("text=Nhật ký của đợt")
    rows = page.locator("#nhat-ky tr", has=page.locator('td:text-is("Tạo văn bản của đợt")'))
    assert _said(rows.first, "td.doi-tuong") == "đợt xét"
    assert _said(rows.first, "td.chi-tiet") == "lần tạo văn bản thứ 1"
    page.goto(f"{demo_server}/nhat-ky/")
    table = _said(page, "#nhat-ky")
    built = page.locator("#nhat-ky tr", has=page.locator('td:text-is("Tạo hồ sơ")')).first
    assert _said(built, "td.doi-tuong") == f"đề nghị của {unit}, phiên bản 1"
    assert _said(built, "td.chi-tiet") == ""
    # The job's id stays at hand for a maintainer, in the cell's title.
    assert "công việc " in (built.locator("td.chi-tiet").get_attribute("title") or "")
    for machine in ("công việc", f"đợt {DECIDED}", "đề nghị 1,", "lần 1"):
        assert machine not in table, machine
