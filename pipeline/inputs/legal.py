"""The dated table of legal regimes (data/legal.toml): which law and decree a dossier cites."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import ConfigDict

from pipeline.errors import PlanError
from pipeline.inputs.plans import Plan
from pipeline.inputs.toml import load_toml
from pipeline.resources import DATA_DIR

LEGAL_FILE = DATA_DIR / "legal.toml"


@dataclass(frozen=True)
class Regime:
    """The law in force over a period: the Căn cứ lines it brings and its report form."""

    __pydantic_config__ = ConfigDict(extra="forbid")
    id: str
    start: dt.date
    decree: str = ""
    report_form: str = "Mẫu số 07"
    bases: tuple[str, ...] = ()
    end: dt.date | None = None  # open-ended: in force until the table says otherwise

    def covers(self, day: dt.date) -> bool:
        """True when the regime is in force on that day."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class _Table:
    __pydantic_config__ = ConfigDict(extra="forbid")
    regimes: tuple[Regime, ...]


@cache
def regimes(path: Path = LEGAL_FILE) -> tuple[Regime, ...]:
    """Every regime of the table, oldest first."""
    table = load_toml(path, _Table, "bảng căn cứ pháp lý")
    return tuple(sorted(table.regimes, key=lambda r: r.start))


def regime_for(plan: Plan, day: dt.date) -> Regime:
    """The regime a dossier dated `day` follows: the plan's override, else the one in force."""
    table = regimes()
    if plan.legal_regime:
        chosen = next((r for r in table if r.id == plan.legal_regime), None)
        if chosen is None:
            known = ", ".join(r.id for r in table)
            raise PlanError(
                f"{plan.path.name} › legal_regime: không có {plan.legal_regime!r} ({known})."
            )
        return chosen
    for regime in table:
        if regime.covers(day):
            return regime
    raise PlanError(
        f"Không có căn cứ pháp lý nào áp dụng cho ngày {day:%d/%m/%Y} (data/legal.toml)."
    )
