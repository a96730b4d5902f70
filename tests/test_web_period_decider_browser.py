"""The office, in a real Chromium, sets a post-reform period to decide the province's Bằng khen:
a body that cannot decide it is marked at “Cơ quan ban hành quyết định” in words, no period is
made; left empty, the period page says the province issues the Quyết định."""

from __future__ import annotations

import pytest

PASSWORD = "hoso-demo-2026"
XA = "Ủy ban nhân dân xã Bù Gia Mập"

pytestmark = [pytest.mark.browser]


def _filled(browser, url: str):  # type: ignore[no-untyped-def]
    """The new-period form of a commune at Bù Gia Mập's final review, the province's award
    decided here."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(url + "/")
    page.fill("#id_username", "thidua")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Tạo đợt xét mới")
    page.select_option("#id_plan", "bu-gia-map-cds-2022-2025")
    # htmx swaps in the plan's reviews and awards.
    page.wait_for_selector("#id_review option[value='tong-ket-2025']", state="attached")
    page.select_option("#id_review", "tong-ket-2025")
    page.fill("#id_office_name", XA)
    page.fill("#id_place", "Bù Gia Mập")
    page.fill("#id_signer_title", "Chủ tịch")
    page.fill("#id_signer_name", "Nguyễn Văn Bình")
    page.fill("#id_units", "Trạm Y tế xã Bù Gia Mập")
    page.fill("#id_deadline", "20/11/2025")
    page.check('input[name=decides][value="bang-khen-tinh"]')
    return page


def test_a_body_that_cannot_decide_is_marked_and_the_province_issues(
    demo_server: str, browser
) -> None:
    page = _filled(browser, demo_server)
    page.fill("#id_decision_body", XA)
    page.click("button:has-text('Tạo đợt xét')")
    said = page.locator("#id_decision_body_error")
    said.wait_for()
    text = " ".join(said.inner_text().split())
    assert "do Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai quyết định" in text
    assert "ghi “Cơ quan ban hành quyết định” là “Ủy ban nhân dân tỉnh Đồng Nai”" in text
    assert "decision.body" not in text
    # The field is marked where the eye meets it, not only in a list above the form.
    box = page.locator(".field.has-error", has=page.locator("#id_decision_body"))
    assert box.count() == 1 and said.is_visible()
    page.fill("#id_decision_body", "")
    page.fill("#id_decision_signer_name", "Trần Tuệ Hiền")
    page.click("button:has-text('Tạo đợt xét')")
    issued = page.locator("#ban-hanh")
    issued.wait_for()
    assert " ".join(issued.inner_text().split()) == (
        "Quyết định khen thưởng (Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai) do Ủy "
        "ban nhân dân tỉnh Đồng Nai ban hành, cơ quan có thẩm quyền tặng; người ký: Chủ tịch "
        "Trần Tuệ Hiền."
    )
