"""Figures for the Ministry of Home Affairs' yearly statistics forms (TT 02/2023/TT-BNV, forms
0601.N and 0603.N), and the office council's own pass rate, as sheets of the statistics workbook.

The research behind hoso found the two forms named but not their layout (see the README): these
sheets give the counts hoso can vouch for, labelled as such, for the clerk to copy into the
official form; they do not imitate a form whose columns are not known.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.period.check import PeriodCheck
from pipeline.period.consolidate import Consolidated, consolidate
from pipeline.period.sheets import Table
from pipeline.period.statistics import UnitCounts, rate

FORMS_SHEET = "TT 02-2023 (chưa xác nhận)"
FORMS_NOTE = (
    "Số liệu cho biểu 0601.N (phong trào thi đua) và 0603.N (khen thưởng theo đối tượng, hình "
    "thức; ở đây là khen thưởng theo chuyên đề) của Thông tư 02/2023/TT-BNV. Cấu trúc biểu gốc "
    "và hiệu lực của Thông tư chưa được xác nhận: chép số vào biểu chính thức, đừng gửi bảng này "
    "thay biểu."
)


def ministry_tables(checked: PeriodCheck, counts: Sequence[UnitCounts]) -> list[Table]:
    """The forms' figures, and (when the office has a council) its vote by award."""
    period = checked.period
    upward, decided = consolidate(checked), consolidate(checked, decided=True)
    units = {b.info.unit for b in checked.batches}  # valid, the awards units decide included
    plan, doc = period.plan, period.plan.document
    when = f"ngày {doc.date:%d/%m/%Y}" if doc.date else f"năm {doc.year}"  # the day may be unknown
    movement = [
        "0601.N",
        # "(kế hoạch của … năm 2026), năm 2026": the plan's year, then the review's, each said.
        f"Phong trào “{plan.movement}” (kế hoạch của {plan.issuer.name} {when}), "
        f"{period.review.phrase}",
        f"{len(period.config.units) or len(units)} đơn vị phải nộp; {len(units)} đơn vị hợp lệ",
        "",
        "",
        "",
        "",
    ]
    rows = [movement, *(_award_row(c, "đã quyết định") for c in decided)]
    rows += [_award_row(c, "đề nghị cấp trên") for c in upward]
    tables: list[Table] = [
        (
            FORMS_SHEET,
            ("Biểu", "Nội dung", "Tình trạng", "Tập thể", "Cá nhân", "Lãnh đạo, quản lý", "Nữ"),
            [*rows, ["", FORMS_NOTE, "", "", "", "", ""]],
        )
    ]
    if checked.council is not None:
        tables.append(_council_table([*upward, *decided]))
    return tables


def _award_row(item: Consolidated, state: str) -> list[object]:
    """One award of the period: collectives and individuals, leaders and women among them."""
    people = item.batch.proposed_individuals
    return [
        "0603.N",
        f"Khen thưởng theo chuyên đề: {item.award.name}",
        state,
        len(item.batch.proposed_collectives),
        len(people),
        sum(p.is_leader for p in people),
        sum(p.gender == "Nữ" for p in people),
    ]


def _council_table(items: Sequence[Consolidated]) -> Table:
    """The office council's vote: examined, passed and the rate, per award."""
    rows = []
    for item in items:
        examined, passed = len(item.batch.nominees), len(item.batch.proposed)
        rows.append([item.award.name, examined, passed, rate(passed, examined)])
    return ("Hội đồng cơ quan", ("Hình thức", "Số được xét", "Số đạt", "Tỷ lệ đạt"), rows)
