"""The office's own batch for an award: every valid unit's proposed nominees, in unit order.

The office proposes upward with a Tờ trình like a unit's, so its batch has the same shape as a
unit's Batch (made from `dot-xet.toml` instead of a workbook) and the same contexts read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.check.info import signature_lines
from pipeline.check.model import Batch, BatchInfo, Collective, Individual, Nominee, Signer
from pipeline.errors import PlanError
from pipeline.inputs.plans import Award
from pipeline.period.check import PeriodCheck
from pipeline.period.config import Period


@dataclass(frozen=True)
class UnitPart:
    """One unit's share of a consolidated list: its batch and its nominees renumbered."""

    batch: Batch
    collectives: tuple[Collective, ...]
    individuals: tuple[Individual, ...]


@dataclass(frozen=True)
class Consolidated:
    """The office's batch for one award, and the units it is made of."""

    award: Award
    batch: Batch
    units: tuple[UnitPart, ...]


def consolidate(checked: PeriodCheck, *, decided: bool = False) -> list[Consolidated]:
    """One office batch per award the valid units propose: those it proposes upward, or (with
    `decided`) those it decides itself."""
    period = checked.period
    if any(f.severity == "error" for f in checked.findings):
        return []  # period-wide errors (quotas, people proposed twice) block the consolidation
    batches = [r.batch for r in checked.results if r.batch is not None]
    batches = [b for b in batches if b.info.plan.id == period.plan.id]
    batches = [b for b in batches if b.info.review.id == period.review.id]
    out = []
    for award in period.plan.awards:
        own = [b for b in batches if b.info.award.id == award.id and b.proposed]
        if own and (award.id in period.config.decides) == decided:
            out.append(_consolidated(period, award, own))
    return out


def _consolidated(period: Period, award: Award, batches: Sequence[Batch]) -> Consolidated:
    """The office batch of one award: nominees renumbered across units, collectives first."""
    units, n_c, n_i = [], 0, 0
    for b in batches:
        cs = tuple(_renumber(c, n_c + i) for i, c in enumerate(b.proposed_collectives, start=1))
        ps = tuple(_renumber(p, n_i + i) for i, p in enumerate(b.proposed_individuals, start=1))
        n_c, n_i = n_c + len(cs), n_i + len(ps)
        units.append(UnitPart(b, cs, ps))  # type: ignore[arg-type]
    batch = Batch(
        path=period.config_path,
        sha256=_digest(period, batches),
        info=_info(period, award, batches),
        council=None,
        collectives=tuple(c for u in units for c in u.collectives),
        individuals=tuple(p for u in units for p in u.individuals),
    )
    return Consolidated(award, batch, tuple(units))


def _renumber(nominee: Nominee, index: int) -> Nominee:
    """A unit's nominee as the office lists it: a new id and position, the same person."""
    return replace(nominee, id=f"{nominee.kind}-{index:02d}", index=index, stt=index)


def _digest(period: Period, batches: Sequence[Batch]) -> str:
    """What the office's documents depend on: dot-xet.toml and every unit's workbook."""
    h = hashlib.sha256(period.config_path.read_bytes())
    for b in batches:
        h.update(b.sha256.encode())
    return h.hexdigest()


def _info(period: Period, award: Award, batches: Sequence[Batch]) -> BatchInfo:
    """The office's Thông tin chung, from dot-xet.toml: it proposes to the award's decider."""
    office = period.config.office
    lines = signature_lines(office.authority, office.signer_title, office.name)
    if isinstance(lines, str) or not lines or not office.signer_name:
        why = lines if isinstance(lines, str) else "cần chức vụ và họ tên người ký"
        raise PlanError(f"{period.config_path} › office.signer_title: {why}")
    return BatchInfo(
        plan=period.plan,
        review=period.review,
        award=award,
        parent_body=office.parent_body,
        unit=office.name,
        unit_code=office.code,
        place=office.place or period.plan.issuer.short,
        number=None,
        date=_date(period, batches),
        recipient=award.awarded_by,
        signer=Signer(office.authority, office.signer_title, lines, office.signer_name),
        distribution=office.distribution,
        recipient_decides=True,
    )


def _date(period: Period, batches: Sequence[Batch]) -> dt.date:
    """The consolidated Tờ trình's date: as configured, else the deadline, never before a unit's."""
    latest = max(b.info.date for b in batches)
    chosen = period.config.office.date or period.config.deadline or latest
    return max(chosen, latest)
