"""The prize money of an award the office decides, by the regime in force on the decision's date."""

from __future__ import annotations

from pipeline.period.config import Period
from pipeline.period.consolidate import Consolidated
from pipeline.period.decision import Prizes


def prizes_of(period: Period, item: Consolidated) -> Prizes:
    """The money per collective and per individual (none until the award has a prize level)."""
    return Prizes(source=item.award.funding)
