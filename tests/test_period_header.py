"""`hoso period check` opens with the period as the office knows it: the review by its label,
the movement and who issued the plan, then the folder (the plan's code last, for a command)."""

from __future__ import annotations


def test_the_check_names_the_review_the_movement_and_the_issuer(period, run_cli) -> None:
    folder = period("bu-gia-map-cds-2022-2025")
    out = run_cli("period", "check", folder).out
    assert out.splitlines()[0] == (
        "Đợt xét “Sơ kết năm 2023”, phong trào “Chuyển đổi số giai đoạn 2022 - 2025” (UBND "
        f"huyện Bù Gia Mập, mã kế hoạch bu-gia-map-cds-2022-2025), thư mục {folder}"
    )
