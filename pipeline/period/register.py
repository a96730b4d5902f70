"""The register of awards (sổ theo dõi khen thưởng): one row per award decided here, numbered."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.check.model import Individual
from pipeline.period.config import Period
from pipeline.period.consolidate import Consolidated
from pipeline.period.issuer import issuing
from pipeline.period.sheets import Table

HEADERS = (
    "Số sổ vàng",
    "Họ và tên / Tên tập thể",
    "Tập thể / Cá nhân",
    "Giới tính",
    "Năm sinh",
    "Chức vụ",
    "Đơn vị công tác",
    "Hình thức khen thưởng",
    "Số Quyết định",
    "Ngày Quyết định",
    "Đơn vị đề nghị",
)


def register_table(period: Period, decided: Sequence[Consolidated]) -> Table:
    """Every awardee of the awards decided here, in the order of the decisions' lists."""
    decision = issuing(period)  # its number whole, with its issuer's symbol
    when = decision.date or ""  # a real date: the office sorts and filters by it
    rows: list[list[object]] = []
    number = decision.register_start
    for item in decided:
        units = {
            n.id: u.batch.info.unit for u in item.units for n in (*u.collectives, *u.individuals)
        }
        # The same order as the certificates: the decision's list, collectives first.
        for n in item.batch.proposed:
            person = n if isinstance(n, Individual) else None
            rows.append(
                [
                    number,
                    n.name,
                    "Cá nhân" if person else "Tập thể",
                    person.gender if person else "",
                    person.birth_date.year if person and person.birth_date else "",
                    person.position if person else "",
                    person.workplace if person else getattr(n, "parent_unit", ""),
                    item.award.name,
                    decision.number,
                    when,
                    units[n.id],
                ]
            )
            number += 1
    return ("Sổ theo dõi khen thưởng", HEADERS, rows)


def first_numbers(period: Period, decided: Sequence[Consolidated]) -> list[int]:
    """The first số sổ vàng of each decided award: the register runs on across awards."""
    firsts, number = [], period.config.decision.register_start
    for item in decided:
        firsts.append(number)
        number += len(item.batch.proposed)
    return firsts
