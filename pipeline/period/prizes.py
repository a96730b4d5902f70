"""The prize money of an award the office decides, by the regime in force on the decision's date."""

from __future__ import annotations

from pipeline.inputs.legal import regime_for
from pipeline.inputs.prize import prize
from pipeline.period.config import Period
from pipeline.period.consolidate import Consolidated
from pipeline.period.decision import Prizes


def prizes_of(period: Period, item: Consolidated) -> Prizes:
    """The money per collective and per individual (none when the plan gives the award no level)."""
    award = item.award
    if not award.prize:
        return Prizes(source=award.funding)
    day = period.config.decision.date or item.batch.info.date
    regime = regime_for(period.plan, day).id
    collective, individual = (prize(award.prize, t, day, regime) for t in ("tap-the", "ca-nhan"))
    return Prizes(
        tap_the=collective.amount,
        ca_nhan=individual.amount,
        source=award.funding,
        basis=individual.basis,
    )
