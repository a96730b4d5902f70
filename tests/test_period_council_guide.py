"""The guide sheet of the office council's workbook (hoi-dong.xlsx) written by the command line
tells the office each next step by its command (the web's copy: tests/test_web_council_guide.py)."""

from __future__ import annotations

import openpyxl


def _guide(folder) -> str:
    sheet = openpyxl.load_workbook(folder / "hoi-dong.xlsx")["Hướng dẫn"]
    return " ".join(" ".join(str(c.value).split()) for c in sheet["A"] if c.value)


def test_the_council_guide_says_each_step_by_command(period) -> None:
    guide = _guide(period())
    assert (
        "Biên bản họp Hội đồng được lập cùng văn bản của đợt (lệnh hoso period build)" in guide
    ), guide
    assert (
        "đặt tệp vào thư mục đợt xét với tên hoi-dong.xlsx và chạy lệnh hoso period check" in guide
    )
    assert "chạy lại lệnh hoso period council: hoso thêm dòng mới" in guide
    assert "lệnh hoso period check báo mọi thành viên ví dụ còn sót" in guide
    assert "--example" not in guide  # the folder is made: its guide need not say how
    assert "Tải lên" not in guide and "trang đợt xét" not in guide, guide  # the web's steps


def test_the_council_guide_leaves_out_the_rule_of_an_award_each_unit_decides(period) -> None:
    # Bù Gia Mập's "Giấy khen của Thủ trưởng…" is decided by each unit's head, never put to the
    # office's council: its vote rule there would tell the office to vote on it.
    guide = _guide(period())
    assert "Quy định của kế hoạch - Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in guide, guide
    assert "Giấy khen của Thủ trưởng" not in guide, guide
