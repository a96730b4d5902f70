"""`hoso plans show` as a clerk reads it: the awards by name, who decides, how many, what became
of an award after 01/7/2025; no English, no province said twice, no code in place of words."""

from __future__ import annotations

import re

import pytest

PLANS = (
    "bu-gia-map-cds-2022-2025",
    "bac-kan-cds-2022-2025",
    "so-vhttdl-binh-phuoc-cds-2022-2025",
    "muong-khuong-cds-2022-2025",
    "buon-ma-thuot-cds-2023-2025",
    "vi-du-xa-bu-gia-map-2026",
)


def test_bu_gia_map_names_each_award_who_decides_and_how_many(run_cli) -> None:
    out = run_cli("plans", "show", "bu-gia-map-cds-2022-2025").out
    assert "  Cơ quan ban hành: Ủy ban nhân dân huyện Bù Gia Mập, tỉnh Bình Phước\n" in out
    assert "  Số, ngày: để trống trong văn bản gốc (năm 2023)\n" in out
    assert (
        "    1. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước (mã bang-khen-tinh)\n"
        "       Khen cho: tập thể, cá nhân\n"
        "       Người quyết định: Chủ tịch Ủy ban nhân dân tỉnh Bình Phước\n"
        "       Từ 01/7/2025 (tỉnh Bình Phước sáp nhập vào tỉnh Đồng Nai), hồ sơ ghi: Bằng khen "
        "của Chủ tịch Ủy ban nhân dân tỉnh Đồng Nai\n"
        "       Số lượng (Sơ kết năm 2023): tối đa 07 (bảy) tập thể và 15 (mười lăm) cá nhân\n"
    ) in out
    assert (
        "       Thủ trưởng từng đơn vị tự quyết định: không tổng hợp trình lên trong đợt xét.\n"
    ) in out
    assert (
        "    3. Giấy khen của Chủ tịch Ủy ban nhân dân huyện Bù Gia Mập (mã giay-khen-huyen)\n"
    ) in out
    assert "       Từ 01/7/2025 không còn cấp huyện; hồ sơ từ ngày đó chọn: Giấy khen" in out


def test_a_province_is_said_once_and_a_dated_plan_its_number(run_cli) -> None:
    out = run_cli("plans", "show", "bac-kan-cds-2022-2025").out
    assert "  Cơ quan ban hành: Ủy ban nhân dân tỉnh Bắc Kạn\n" in out
    assert "  Số 635/KH-UBND, ngày 10/10/2022\n" in out
    office = run_cli("plans", "show", "so-vhttdl-binh-phuoc-cds-2022-2025").out
    assert "Du lịch tỉnh Bình Phước\n" in office
    assert "    hang-nam-2023: Tổng kết ngành năm 2023\n" in office  # not "(Dịp tổng kết …)" again


def test_the_example_plan_after_the_reform_says_nothing_ended(run_cli) -> None:
    out = run_cli("plans", "show", "vi-du-xa-bu-gia-map-2026").out
    assert "không còn" not in out and "sáp nhập" not in out
    assert "       Nguồn tiền thưởng: Quỹ thi đua, khen thưởng của xã\n" in out


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_plan_reads_in_vietnamese(run_cli, plan_id: str) -> None:
    result = run_cli("plans", "show", plan_id)
    assert result.code == 0 and not result.err
    out = result.out
    assert "trích ngang: không" not in out and "(để trống" not in out
    # Every award numbered, with who decides it and the council's vote.
    awards = re.findall(r"^    \d+\. (.+) \(mã [a-z-]+\)$", out, re.M)
    assert awards and out.count("       Người quyết định: ") == len(awards)
    assert out.count("       Biểu quyết của Hội đồng: từ ") == len(awards)
    words = re.findall(
        r"[A-Za-z]+", re.sub(r"\(mã [a-z-]+\)|^\S+$|^    [a-z0-9-]+:", "", out, flags=re.M)
    )
    assert not {w for w in words if w.lower() in {"the", "and", "none", "true", "false", "null"}}
