"""The notes of the period page's units: what the office needs to act without opening a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.webtools import PASSWORD, login, unit_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_a_sent_workbook_with_errors_says_its_first_errors_in_its_note(data_dir: Path) -> None:
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    page = login("office").get("/dot-xet/vi-du/").content.decode()
    row = unit_row(page, "Ủy ban nhân dân xã Phú Nghĩa")
    # "có lỗi" and its count say that something is wrong; the note says what, and where.
    assert row.startswith("đã nộp có lỗi 1 ")
    assert row.endswith(
        " Lưu lỗi trong tệp: Cá nhân!D3: “Ngày sinh”: ngày “31/02/1985” không tồn tại: tháng 2 "
        "năm 1985 chỉ có 28 ngày"
    ), row
