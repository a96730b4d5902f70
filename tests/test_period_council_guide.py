"""The guide sheet of the office council's workbook (hoi-dong.xlsx) tells the office what to do
next both on the period page (where the file is often downloaded, with no terminal) and by the
command; the page's buttons it names are those the page shows."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

PAGE = (
    Path(__file__).resolve().parents[1] / "pipeline" / "web" / "templates" / "web" / "dot_xet.html"
)


def _guide(folder) -> str:
    sheet = openpyxl.load_workbook(folder / "hoi-dong.xlsx")["Hướng dẫn"]
    return " ".join(" ".join(str(c.value).split()) for c in sheet["A"] if c.value)


def test_the_council_guide_says_each_step_on_the_page_and_by_command(period) -> None:
    guide = _guide(period())
    assert (
        "Biên bản họp Hội đồng được lập cùng văn bản của đợt (trang đợt xét: nút “Tạo văn bản "
        "của đợt”; hoặc lệnh hoso period build)" in guide
    ), guide
    assert "tải tệp lên ở trang đợt xét (nút “Tải lên” dưới “Tệp Hội đồng đã điền”)" in guide
    assert (
        "tải lại tệp ở trang đợt xét (“Tải tệp Hội đồng”), hoặc chạy lại lệnh hoso period "
        "council" in guide
    )
    assert "trang đợt xét (hoặc lệnh hoso period check) báo mọi thành viên ví dụ" in guide
    assert "--example" not in guide  # a command the web's office never typed
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    for label in ("Tạo văn bản của đợt", "Tải lên", "Tệp Hội đồng đã điền", "Tải tệp Hội đồng"):
        assert re.search(rf">\s*{label}", page), label  # a button, link or label of the page


def test_the_council_guide_leaves_out_the_rule_of_an_award_each_unit_decides(period) -> None:
    # Bù Gia Mập's "Giấy khen của Thủ trưởng…" is decided by each unit's head, never put to the
    # office's council: its vote rule there would tell the office to vote on it.
    guide = _guide(period())
    assert "Quy định của kế hoạch - Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in guide, guide
    assert "Giấy khen của Thủ trưởng" not in guide, guide
