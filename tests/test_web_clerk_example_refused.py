"""A clerk asks for the example of a review no living body could decide: the page says why in
Vietnamese, with the way on (the blank workbook), never a server error or a command line flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.inputs.plans import load_plan_file
from tests.test_examples_every_review import MK, _only_the_district_award
from tests.webtools import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_an_example_nobody_can_decide_is_said_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only_the_district_award(tmp_path, monkeypatch)  # the office's copy, under tmp_path
    plan = load_plan_file(tmp_path / "ke-hoach" / f"{MK}.toml")
    monkeypatch.setattr("pipeline.web.blank.get_plan", lambda plan_id: plan)
    clerk = make_people().clerk_a
    came_from = "http://testserver/de-nghi/"
    url = f"/mau/{MK}/tong-ket-2025/vi-du.xlsx"
    refused = clerk.get(url, HTTP_REFERER=came_from)
    assert refused.status_code == 302 and refused["Location"] == came_from
    page = clerk.get(came_from).content.decode()
    said = " ".join(page.split())
    assert "Không tải được tệp có dữ liệu ví dụ: Không tạo được dữ liệu ví dụ cho đợt" in said
    assert "không còn đề nghị được “Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in said
    assert "Hãy tải “Tệp Excel trống” và điền hồ sơ thật của đơn vị." in said
    assert "--example" not in said and "hoso plans" not in said and "Chưa ghi tệp" not in said
    # The blank workbook of that review is still there.
    assert clerk.get(f"/mau/{MK}/tong-ket-2025/trong.xlsx").status_code == 200
