"""The office's own batch for an award: every valid unit's proposed nominees, in unit order.

The office proposes upward with a Tờ trình like a unit's, so its batch has the same shape as a
unit's Batch (made from `dot-xet.toml` instead of a workbook) and the same contexts read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from pipeline.check.model import Batch, BatchInfo, Collective, Individual, Nominee, Signer
from pipeline.check.signature import collective_lines
from pipeline.errors import PlanError
from pipeline.inputs.plans import Award
from pipeline.period.check import PeriodCheck
from pipeline.period.cited import cited, expected_of
from pipeline.period.config import Period
from pipeline.period.council import OfficeCouncil

N = TypeVar("N", bound=Nominee)
Citation = tuple[str, dt.date | None]  # a unit's Tờ trình number and date, as cited
NOT_CITED: Citation = ("", None)


@dataclass(frozen=True)
class UnitPart:
    """One unit's share of a consolidated list (or of its council's vote): its batch and its
    nominees renumbered."""

    batch: Batch
    collectives: tuple[Collective, ...]
    individuals: tuple[Individual, ...]
    number: str = ""  # the unit's Tờ trình as cited ("12/TTr-UBND"), "" while unnumbered
    date: dt.date | None = None  # its date, with the number


@dataclass(frozen=True)
class Consolidated:
    """The office's batch for one award, and the units it is made of."""

    award: Award
    batch: Batch
    units: tuple[UnitPart, ...]  # each unit with who goes on: those the office proposes
    # Each unit with every nominee it proposed, passed at the office's council or not (without a
    # council, the same as units): the rows of the council's Biên bản, unit by unit.
    examined: tuple[UnitPart, ...]
    council_body: str = ""  # whose council voted (with batch.council), as the documents name it


def consolidate(checked: PeriodCheck, *, decided: bool = False) -> list[Consolidated]:
    """One office batch per award the valid units propose: those it proposes upward, or (with
    `decided`) those it decides itself."""
    period = checked.period
    if any(f.severity == "error" for f in checked.findings):
        return []  # period-wide errors (quotas, people proposed twice) block the consolidation
    if any(u.signing for u in checked.units):
        return []  # so do documents not all signed where the period asks for signed ones
    batches = checked.office_batches  # not the awards each unit decides itself
    sent = [(u.name, u.file) for u in checked.units if u.expected]
    citations = {b.path: cited(expected_of(period, sent, b), b.info) for b in batches}
    out = []
    for award in period.plan.awards:
        own = [b for b in batches if b.info.award.id == award.id and b.proposed]
        if own and (award.id in period.config.decides) == decided:
            made = _consolidated(
                period, award, own, citations, checked.council, checked.last_received
            )
            if made is not None:
                out.append(made)
    return out


def _consolidated(
    period: Period,
    award: Award,
    batches: Sequence[Batch],
    citations: Mapping[Path, Citation],
    council: OfficeCouncil | None,
    received: dt.date | None = None,
) -> Consolidated | None:
    """The office batch of one award: nominees renumbered across units, collectives first; with
    the office's council, its votes replace the units' and only who passed it goes on."""
    voted = [(b, _voted(award, b, b.proposed_collectives, council)) for b in batches]
    people = [(b, _voted(award, b, b.proposed_individuals, council)) for b in batches]
    cs, units_c = _numbered([n for _, ns in voted for n in ns], [len(ns) for _, ns in voted])
    ps, units_i = _numbered([n for _, ns in people for n in ns], [len(ns) for _, ns in people])
    examined = [
        UnitPart(b, c, p, *citations.get(b.path, NOT_CITED))  # type: ignore[arg-type]
        for b, c, p in zip(batches, units_c, units_i, strict=True)
        if c or p
    ]
    units = [
        replace(u, collectives=_passed(u.collectives), individuals=_passed(u.individuals))
        for u in examined
        if any(n.passed for n in (*u.collectives, *u.individuals))  # else: not in the list
    ]
    if not units:
        return None
    batch = Batch(
        path=period.config_path,
        sha256=_digest(period, batches, council, received),
        info=_info(period, award, batches, council, received, citations),
        council=council.council if council else None,
        collectives=cs,  # type: ignore[arg-type]
        individuals=ps,  # type: ignore[arg-type]
    )
    body = council.body if council else ""
    return Consolidated(award, batch, tuple(units), tuple(examined), body)


def _passed(nominees: tuple[N, ...]) -> tuple[N, ...]:
    """Who of a unit's share reached the vote threshold: who goes on."""
    return tuple(n for n in nominees if n.passed)


def _voted(
    award: Award, batch: Batch, nominees: Sequence[Nominee], council: OfficeCouncil | None
) -> list[Nominee]:
    """A unit's nominees with the office council's votes (unchanged without one)."""
    if council is None:
        return list(nominees)
    return [
        replace(
            n,
            votes=council.votes_of(award, batch, n),
            passed=council.passed(award, batch, n),
        )
        for n in nominees
    ]


def _numbered(
    nominees: list[Nominee], sizes: list[int]
) -> tuple[tuple[Nominee, ...], list[tuple[Nominee, ...]]]:
    """Those who passed numbered 1… through all units (the lists' order), those who did not after
    them (they appear only in the Biên bản, in unit order); and each unit's share of them."""
    passed = [n for n in nominees if n.passed]
    index = {id(n): i for i, n in enumerate(passed, start=1)}
    failed = iter(range(len(passed) + 1, len(nominees) + 1))
    numbered = [_renumber(n, index[id(n)] if n.passed else next(failed)) for n in nominees]
    shares, start = [], 0
    for size in sizes:
        shares.append(tuple(numbered[start : start + size]))
        start += size
    return tuple(numbered), shares


def _renumber(nominee: Nominee, index: int) -> Nominee:
    """A unit's nominee as the office lists it: a new id and position, the same person."""
    return replace(nominee, id=f"{nominee.kind}-{index:02d}", index=index, stt=index)


def _digest(
    period: Period,
    batches: Sequence[Batch],
    council: OfficeCouncil | None,
    received: dt.date | None,
) -> str:
    """What the office's documents depend on: dot-xet.toml, its council's workbook, every
    unit's workbook and the last receipt (the Tờ trình is not dated before it)."""
    h = hashlib.sha256(period.config_path.read_bytes())
    h.update(str(received).encode())
    if council is not None:
        h.update(council.sha256.encode())
    for b in batches:
        h.update(b.sha256.encode())
    return h.hexdigest()


def _info(
    period: Period,
    award: Award,
    batches: Sequence[Batch],
    council: OfficeCouncil | None,
    received: dt.date | None,
    citations: Mapping[Path, Citation],
) -> BatchInfo:
    """The office's Thông tin chung, from dot-xet.toml: it proposes to the award's decider."""
    office = period.config.office
    # A deputy of a collective body signs for the body too, as a unit's Tờ trình does.
    lines = collective_lines(office.authority, office.signer_title, office.name)
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
        number=office.number,  # None: number and date left blank for the văn thư
        date=_date(period, batches, council, received, citations),
        recipient=award.awarded_by,
        signer=Signer(office.authority, office.signer_title, lines, office.signer_name),
        distribution=office.distribution,
        recipient_decides=True,
    )


def _date(
    period: Period,
    batches: Sequence[Batch],
    council: OfficeCouncil | None,
    received: dt.date | None,
    citations: Mapping[Path, Citation],
) -> dt.date:
    """The consolidated Tờ trình's date: as configured (`hoso period check` says when that is
    before what it answers: it is never moved), else the deadline, or the last of the units'
    Tờ trình (as cited), the last dossier's receipt and the office council's meeting when that
    is later."""
    if period.config.office.date is not None:
        return period.config.office.date
    council_date = [council.council.date] if council else []
    units = [citations.get(b.path, NOT_CITED)[1] or b.info.date for b in batches]
    latest = max([*units, *council_date, *([received] if received else [])])
    return max(period.config.deadline or latest, latest)
