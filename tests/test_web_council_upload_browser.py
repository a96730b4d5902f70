"""The office uploads its council workbook and reads at once whether it is done: a file still in
error is said as such, with its count, in the warning's colour, never as a plain green
"received"; the file corrected, the same box says there is no error. Drawn by a real Chromium
with the app's stylesheet."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pipeline.web.demo import DEMO_PLAN, add_period
from tests.webtools import drawn, office_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir"), pytest.mark.browser]

WARNING, SUCCESS = "rgb(255, 246, 214)", "rgb(230, 246, 230)"  # .msg.warning, .msg.success


def _message(page: str) -> tuple[str, str]:
    """The page's message box as Chromium draws it: its text and background colour."""
    with drawn(page) as shown:
        box = shown.locator(".msg[role=alert]")
        return box.inner_text(), box.evaluate("e => getComputedStyle(e).backgroundColor")


def _upload(office, votes: object) -> str:  # type: ignore[no-untyped-def]
    """Download the council workbook, type `votes` for its second nominee, upload it: the page."""
    got = office.get("/dot-xet/vi-du/hoi-dong.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(got.streaming_content)))
    wb["Biểu quyết"]["G3"] = votes
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("Hội đồng.xlsx", buffer.getvalue())
    return office.post("/dot-xet/vi-du/hoi-dong/", {"tep": upload}, follow=True).content.decode()


def test_a_council_workbook_still_in_error_is_not_said_as_simply_received() -> None:
    add_period("vi-du", DEMO_PLAN, None, example=True)
    office = office_login()
    text, colour = _message(_upload(office, "bảy"))
    assert text == (
        "Đã nhận tệp Hội đồng, nhưng tệp còn 1 lỗi, 1 cảnh báo: xem từng ô ở mục “Lỗi, cảnh báo "
        "chung của đợt”, sửa trong tệp rồi tải lên lại."
    ), text
    assert colour == WARNING
    # Corrected: no error left (the example's members are still the warning).
    text, colour = _message(_upload(office, 7))
    assert text == (
        "Đã nhận tệp Hội đồng: không có lỗi, 1 cảnh báo (xem từng ô ở mục “Lỗi, cảnh báo chung "
        "của đợt”)."
    ), text
    assert colour == SUCCESS
