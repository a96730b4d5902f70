"""Prize money: coefficient × base salary of the decision's date, rounded up, in words too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.errors import PlanError
from pipeline.inputs.prize import PRIZE_FILE, prize, prize_table

D = dt.date
# (level, target, decision date, regime, amount): each base salary period, each regime,
# individuals and collectives, and the rounding up to the next 10.000 đồng.
TABLE = [
    ("bang-khen-tinh", "ca-nhan", D(2020, 12, 20), "nd91-2017", 1_490_000),
    ("bang-khen-tinh", "tap-the", D(2020, 12, 20), "nd91-2017", 2_980_000),
    ("giay-khen", "ca-nhan", D(2020, 12, 20), "nd91-2017", 450_000),  # 447.000 rounded up
    ("giay-khen", "tap-the", D(2020, 12, 20), "nd91-2017", 900_000),  # 894.000 rounded up
    ("giay-khen-xa", "ca-nhan", D(2020, 12, 20), "nd91-2017", 230_000),  # 223.500 rounded up
    ("giay-khen-xa", "tap-the", D(2020, 12, 20), "nd91-2017", 450_000),  # 447.000 rounded up
    ("giay-khen", "ca-nhan", D(2023, 6, 30), "nd91-2017", 450_000),  # last day at 1.490.000
    ("giay-khen", "ca-nhan", D(2023, 7, 1), "nd91-2017", 540_000),  # 1.800.000 × 0,3
    ("giay-khen-xa", "ca-nhan", D(2023, 12, 20), "nd91-2017", 270_000),
    ("bang-khen-tinh", "tap-the", D(2024, 3, 1), "nd98-2023", 3_600_000),
    ("giay-khen", "ca-nhan", D(2024, 7, 1), "nd98-2023", 710_000),  # 702.000 rounded up
    ("giay-khen-xa", "ca-nhan", D(2024, 12, 1), "nd98-2023", 360_000),  # 351.000 rounded up
    ("bang-khen-tinh", "ca-nhan", D(2025, 12, 1), "nd152-2025", 3_510_000),  # 1,5 × 2.340.000
    ("bang-khen-tinh", "tap-the", D(2025, 12, 1), "nd152-2025", 7_020_000),
    ("bang-khen-tinh", "ca-nhan", D(2024, 12, 1), "nd98-2023", 2_340_000),  # exact: no rounding
    ("giay-khen", "tap-the", D(2026, 3, 1), "nd152-2025", 1_410_000),  # 1.404.000 rounded up
]


@pytest.mark.parametrize(("level", "target", "day", "regime", "amount"), TABLE)
def test_prize_money_by_date_regime_and_target(level, target, day, regime, amount) -> None:
    assert prize(level, target, day, regime).amount == amount


def test_prize_money_in_words() -> None:
    assert prize("bang-khen-tinh", "ca-nhan", D(2024, 12, 1), "nd98-2023").words == (
        "Hai triệu ba trăm bốn mươi nghìn đồng"
    )
    assert prize("bang-khen-tinh", "ca-nhan", D(2025, 12, 1), "nd152-2025").words == (
        "Ba triệu năm trăm mười nghìn đồng"
    )
    assert prize("giay-khen-xa", "ca-nhan", D(2020, 1, 2), "nd91-2017").words == (
        "Hai trăm ba mươi nghìn đồng"
    )


def test_unverified_coefficients_say_so() -> None:
    assert prize("giay-khen", "ca-nhan", D(2020, 1, 2), "nd91-2017").verified
    assert not prize("giay-khen", "ca-nhan", D(2025, 8, 1), "nd152-2025").verified


@pytest.mark.parametrize(
    ("day", "decree"),
    [
        (D(2020, 12, 20), "Nghị định số 38/2019/NĐ-CP ngày 09/5/2019 của Chính phủ quy định mức"),
        (D(2024, 6, 30), "Nghị định số 24/2023/NĐ-CP ngày 14/5/2023 của Chính phủ quy định mức"),
        (D(2026, 3, 1), "Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ quy định mức"),
    ],
)
def test_prize_money_names_the_decree_of_its_base_salary(day: dt.date, decree: str) -> None:
    assert prize("giay-khen", "ca-nhan", day, "nd91-2017").basis.startswith(decree)


def test_a_date_before_any_base_salary_is_a_clear_error() -> None:
    with pytest.raises(PlanError, match="chưa có mức lương cơ sở cho ngày 01/01/2018"):
        prize("giay-khen", "ca-nhan", D(2018, 1, 1), "nd91-2017")


def test_an_unknown_level_or_regime_is_named() -> None:
    with pytest.raises(PlanError, match="không có mức 'huan-chuong'"):
        prize("huan-chuong", "ca-nhan", D(2020, 1, 2), "nd91-2017")
    with pytest.raises(PlanError, match="chưa có quy định 'nd-2030'"):
        prize("giay-khen", "ca-nhan", D(2020, 1, 2), "nd-2030")


def test_a_broken_table_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "tien-thuong.toml"
    text = PRIZE_FILE.read_text(encoding="utf-8").replace("amount = 1490000", 'amount = "nhiều"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as exc:
        prize_table(path)
    assert "tien-thuong.toml › base_salaries[0].amount: phải là số nguyên" in str(exc.value)


def test_a_plan_with_an_unknown_prize_level_is_refused(tmp_path: Path) -> None:
    from pipeline.inputs.plans import get_plan, load_plan_file

    source = get_plan("bu-gia-map-cds-2022-2025").path.read_text(encoding="utf-8")
    path = tmp_path / "bu-gia-map-cds-2022-2025.toml"
    path.write_text(source.replace('prize = "giay-khen"', 'prize = "giay-khen-vang"', 1))
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    assert "awards[1].prize: không có mức 'giay-khen-vang'" in str(exc.value)
