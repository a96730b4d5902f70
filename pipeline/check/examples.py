"""Example data left in a workbook: the fictional people and reports `hoso init --example` wrote.

The example workbook carries a mark per fictional row (pipeline.inputs.contract.example_mark);
a row whose values still match one is example data, whatever else the clerk has added or changed.
The marks of the examples this hoso ships for the workbook's plan count too: rows copied into
another workbook, or a workbook whose hidden sheet is gone, are still recognised.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Council, Individual
from pipeline.errors import PlanError
from pipeline.inputs.contract import COLLECTIVES, INDIVIDUALS, INFO, MEMBERS, example_mark
from pipeline.inputs.examples import (
    EXAMPLES_DIR,
    N_UNITS,
    example_marks,
    example_values,
    numbered_units,
    unit_people,
)
from pipeline.inputs.plans import get_plan
from pipeline.vietnamese import format_ranges

EXAMPLE_CODE = "example-data"
_SHIPPED: dict[str, frozenset[str]] = {}  # a plan's shipped example marks, computed once


def shipped_marks(plan_id: str) -> frozenset[str]:
    """The marks of the examples hoso writes for a shipped plan: its example workbook of each
    review (`hoso init --example`) and each unit of its example period (`hoso period init
    --example`); none for a plan hoso does not ship with an example."""
    if plan_id not in _SHIPPED:
        _SHIPPED[plan_id] = frozenset(_shipped(plan_id))
    return _SHIPPED[plan_id]


def _shipped(plan_id: str) -> set[str]:
    marks: set[str] = set()
    if not (EXAMPLES_DIR / f"{plan_id}.toml").is_file():
        return marks
    try:
        plan = get_plan(plan_id)  # the shipped plan, whatever folder the workbook's came from
    except PlanError:
        return marks
    for review in plan.reviews:
        try:
            marks.update(example_marks(example_values(plan, review)))
            base = example_values(plan, review, collectives=N_UNITS)
            for i, unit in enumerate(numbered_units(base[COLLECTIVES], N_UNITS), start=1):
                marks.update(example_marks(unit_people(plan, review, unit, i)))
        except PlanError:  # no example for this review (its award's decider had ended)
            continue
    return marks


def check_examples(
    findings: Findings,
    marks: frozenset[str],
    signer: tuple[str, Source] | None,
    council: Council | None,
    drafts: Sequence[Draft],
    shipped: frozenset[str] = frozenset(),
) -> None:
    """One warning per sheet naming the rows that are still example data: rows of the workbook's
    own `marks`, or of the examples hoso ships (`shipped`, see shipped_marks). A signer or member
    is known by name alone, so a shipped name counts only beside a nominee still fictional."""
    if not marks and not shipped:
        return
    sheets = dict.fromkeys(d.nominee.source.sheet for d in drafts)
    nominees = {s: [d for d in drafts if d.nominee.source.sheet == s] for s in sheets}
    known = marks | shipped
    fictional = {s: [d for d in ds if _is_example(d, known)] for s, ds in nominees.items()}
    people = known if any(fictional.values()) else marks
    if signer is not None and example_mark(INFO, signer[0]) in people:
        findings.warning(signer[1], _message(f"người ký “{signer[0]}”"), EXAMPLE_CODE)
    if council is not None:
        members = [m for m in council.members if example_mark(MEMBERS, m.name) in people]
        if members:
            rows = [int("".join(c for c in m.source.cell or "" if c.isdigit())) for m in members]
            what = _who(rows, [m.name for m in members], "thành viên")
            findings.warning(members[0].source, _message(what), EXAMPLE_CODE)
    for own in (ds for ds in fictional.values() if ds):
        noun = "tập thể" if own[0].nominee.kind == "tap-the" else "cá nhân"
        what = _who([int(d.row) for d in own], [d.who for d in own], noun)
        findings.warning(own[0].nominee.source, _message(what), EXAMPLE_CODE)


def _is_example(draft: Draft, marks: frozenset[str]) -> bool:
    n = draft.nominee
    if isinstance(n, Individual):
        birth = n.birth_date.isoformat() if n.birth_date else ""
        return example_mark(INDIVIDUALS, n.name, birth) in marks
    return example_mark(n.source.sheet or "", n.name, n.achievements) in marks


def _who(rows: list[int], names: list[str], noun: str) -> str:
    more = f" và {len(names) - 5} tên khác" if len(names) > 5 else ""
    shown = ", ".join(names[:5]) + more
    return f"{len(rows)} {noun} (dòng {format_ranges(rows)}: {shown})"


def _message(what: str) -> str:
    return (
        f"{what} là dữ liệu ví dụ (hư cấu) do hoso tạo; hãy thay bằng dữ liệu thật hoặc xóa "
        "trước khi tạo hồ sơ để in, ký và gửi."
    )
