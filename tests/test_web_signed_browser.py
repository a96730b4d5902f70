"""A clerk's signed file whose original PDF was deleted on the server, in a real Chromium: the
refusal names the proposal page's button (never a command), and pressing it, then uploading the
same signed file again, takes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.commands import COMMAND
from tests import pki
from tests.workers import delete_copies, demo_login, job_finished, sign_apart

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]


def _alert(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.inner_text("[role=alert]").split())


def test_a_clerk_s_signed_file_whose_original_is_gone_names_the_button_that_remakes_it(
    demo_server: str, browser, demo_data: Path, example, keys, tmp_path: Path
) -> None:
    page = demo_login(browser, demo_server, "vanthu")
    page.select_option("#plan_review", "bu-gia-map-cds-2022-2025/so-ket-2023")
    page.click("text=Tạo đề nghị")
    proposal = page.url
    page.set_input_files("input[type=file]", str(example(name="de-nghi.xlsx")))
    page.click("text=Tải lên và kiểm tra")
    page.click("text=Tạo hồ sơ từ phiên bản 1")
    job_finished(page, "#tien-do")
    listed = page.locator("#tung-tep tr", has=page.locator('td:text-matches("^Tờ trình ")'))
    with page.expect_download() as got:
        listed.first.locator('a:text-is("PDF")').click()
    original = Path(got.value.path()).read_bytes()
    signed = tmp_path / "to-trinh-da-ky.pdf"
    sign_apart(got.value.path(), signed, keys.signer_p12)
    delete_copies(demo_data, original)  # someone at the server deleted the build's original since

    page.set_input_files("input[name=tep]", str(signed))
    page.click("text=Tải lên và kiểm tra chữ ký")

    alert = _alert(page)
    assert "to-trinh-da-ky.pdf: từ chối" in alert
    assert (
        "hãy tạo lại bằng nút “Tạo hồ sơ từ phiên bản 1” ở trang đề nghị rồi tải lên lại tệp "
        "đã ký" in alert
    ), alert
    assert not COMMAND.search(page.inner_text("body")), alert
    row = page.locator("#ky-so tr", has=page.locator('td:text-is("Tờ trình")'))
    assert row.locator(".status").inner_text() == "chưa ký số"
    # The clerk does what it says: the button makes the documents again, the file is taken.
    page.goto(proposal)
    page.click("text=Tạo hồ sơ từ phiên bản 1")
    job_finished(page, "#tien-do")
    page.set_input_files("input[name=tep]", str(signed))
    page.click("text=Tải lên và kiểm tra chữ ký")
    assert f"to-trinh-da-ky.pdf: đã nhận “Tờ trình”, ký bởi {pki.SIGNER}." in _alert(page)
    assert row.locator(".status").inner_text() == "đã ký số"
