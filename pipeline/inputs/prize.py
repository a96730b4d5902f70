"""Prize money as data (data/prize-money.toml): a coefficient by award level, regime and target,
times the base salary in force on the decision's date, rounded up."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from pipeline.errors import PlanError
from pipeline.inputs.toml import invalid, load_toml
from pipeline.resources import DATA_DIR
from pipeline.vietnamese import money_to_words

PRIZE_FILE = DATA_DIR / "prize-money.toml"
WHAT = "bảng tiền thưởng"
_STRICT = ConfigDict(extra="forbid")
Coefficient = Annotated[float, Field(strict=True, ge=0, le=100)]


@dataclass(frozen=True)
class BaseSalary:
    """The mức lương cơ sở from a date on."""

    __pydantic_config__ = _STRICT
    start: dt.date
    amount: Annotated[int, Field(strict=True, gt=0)]
    source: str
    basis: str = ""  # the decree as a decision's Căn cứ line cites it ("" : not cited)


@dataclass(frozen=True)
class Level:
    """An award level and its coefficients for an individual and a collective."""

    __pydantic_config__ = _STRICT
    id: str
    name: str
    ca_nhan: Coefficient
    tap_the: Coefficient


@dataclass(frozen=True)
class PrizeRegime:
    """The coefficients of one legal regime (same ids as data/legal.toml)."""

    __pydantic_config__ = _STRICT
    id: str
    source: str
    levels: tuple[Level, ...]
    verified: bool = False


@dataclass(frozen=True)
class PrizeTable:
    """The whole table: base salaries, regimes, the rounding step."""

    __pydantic_config__ = _STRICT
    base_salaries: tuple[BaseSalary, ...]
    regimes: tuple[PrizeRegime, ...]
    rounding: Annotated[int, Field(strict=True, gt=0)] = 10_000


@dataclass(frozen=True)
class Prize:
    """The prize money of one award to one target on one day, and how it was computed."""

    amount: int
    coefficient: float
    base_salary: int
    regime: str
    verified: bool
    basis: str = ""  # the Căn cứ citation of the base salary's decree

    @property
    def words(self) -> str:
        """The amount in Vietnamese words."""
        return money_to_words(self.amount)


@cache
def prize_table(path: Path = PRIZE_FILE) -> PrizeTable:
    """The table, validated: every regime names the same levels, salaries in date order."""
    table = load_toml(path, PrizeTable, WHAT)
    problems = []
    for i, regime in enumerate(table.regimes):
        ids = [level.id for level in regime.levels]
        problems += [
            f"regimes[{i}].levels: mã {x!r} bị trùng" for x in sorted(set(ids)) if ids.count(x) > 1
        ]
    if not table.base_salaries:
        problems.append("base_salaries: cần ít nhất một mức lương cơ sở")
    if problems:
        raise invalid(path, WHAT, problems)
    return table


def level_ids(path: Path = PRIZE_FILE) -> set[str]:
    """Every level id some regime knows (for checking plan presets)."""
    return {level.id for regime in prize_table(path).regimes for level in regime.levels}


def base_salary(day: dt.date, table: PrizeTable) -> BaseSalary:
    """The base salary in force on a day."""
    earlier = [s for s in table.base_salaries if s.start <= day]
    if not earlier:
        first = min(s.start for s in table.base_salaries)
        raise PlanError(
            f"Bảng tiền thưởng chưa có mức lương cơ sở cho ngày {day:%d/%m/%Y} "
            f"(mức sớm nhất từ {first:%d/%m/%Y})."
        )
    return max(earlier, key=lambda s: s.start)


def prize(
    level_id: str,
    target: Literal["tap-the", "ca-nhan"],
    day: dt.date,
    regime_id: str,
    path: Path = PRIZE_FILE,
) -> Prize:
    """The prize money of an award level for a target, decided on `day` under `regime_id`."""
    table = prize_table(path)
    regime = next((r for r in table.regimes if r.id == regime_id), None)
    if regime is None:
        raise PlanError(f"Bảng tiền thưởng {path} chưa có quy định {regime_id!r}.")
    level = next((lv for lv in regime.levels if lv.id == level_id), None)
    if level is None:
        raise PlanError(f"Bảng tiền thưởng {path}: quy định {regime_id} không có mức {level_id!r}.")
    coefficient = level.tap_the if target == "tap-the" else level.ca_nhan
    salary = base_salary(day, table)
    # Decimal: 0,15 × 1.490.000 is 223.500 exactly, so that it rounds up to 230.000, not beyond.
    exact = Decimal(str(coefficient)) * salary.amount
    amount = math.ceil(exact / table.rounding) * table.rounding
    return Prize(
        int(amount), coefficient, salary.amount, regime.id, regime.verified, salary.basis.strip()
    )
