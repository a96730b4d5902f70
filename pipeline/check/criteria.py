"""The "Chỉ tiêu" sheet: each row matched to its nominee and to one of the plan's criteria."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from pipeline.check.cells import CellReader
from pipeline.check.checking import Checking
from pipeline.check.drafts import Draft
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Collective, CriterionResult
from pipeline.check.similar import likeliest
from pipeline.check.workbook import RawCell, RawRow
from pipeline.inputs.contract import CRITERIA
from pipeline.inputs.plans import TARGET_LABELS, Criterion, Plan
from pipeline.vietnamese import format_percent_against, format_ranges, tone_key
from pipeline.vietnamese.authorities import spell_out


def read_criteria(ctx: Checking, drafts: Sequence[Draft]) -> dict[str, tuple[CriterionResult, ...]]:
    """The criterion results of each nominee, by nominee id (absent sheet: none)."""
    sheet = ctx.sheet(CRITERIA)
    if sheet is None or ctx.plan is None:
        return {}
    rd = ctx.reader(sheet)
    by_name: dict[str, list[Draft]] = defaultdict(list)
    for d in drafts:
        by_name[_name_key(d.nominee.name)].append(d)
    results: dict[str, list[CriterionResult]] = defaultdict(list)
    before = len(ctx.findings)
    for row in sheet.rows:
        found = _row(rd, sheet.spec.fields, row, ctx.plan, by_name, results)
        if found is not None:
            results[found[0]].append(found[1])
    _one_per_name(ctx.findings, before)
    return {k: tuple(v) for k, v in results.items()}


def _one_per_name(findings: Findings, since: int) -> None:
    """A name matching no nominee on several rows (a collective taken out of the proposal, its
    criteria rows left) is one error at its first row naming the others, not one per row."""
    same: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings.items[since:], start=since):
        if f.code == "criteria-nominee":
            same[f.message].append(i)
    dropped: set[int] = set()
    for message, where in same.items():
        if len(where) < 2:
            continue
        cells = [findings.items[i].source.cell or "" for i in where]
        rows = format_ranges(int("".join(ch for ch in c if ch.isdigit())) for c in cells)
        findings.items[where[0]] = replace(
            findings.items[where[0]],
            message=f"{message} Tên này có ở {len(where)} dòng (dòng {rows}): hãy sửa tên ở "
            "cả các dòng đó, hoặc xóa chúng nếu đã bỏ tên này khỏi đề nghị.",
            also=tuple(cells[1:]),
        )
        dropped |= set(where[1:])
    findings.items[:] = [f for i, f in enumerate(findings.items) if i not in dropped]


def _row(
    rd: CellReader,
    fields: Sequence,
    row: RawRow,
    plan: Plan,
    by_name: dict[str, list[Draft]],
    done: dict[str, list[CriterionResult]],
) -> tuple[str, CriterionResult] | None:
    """One row's nominee id and result, or None (with a finding) when it cannot be used."""
    spec = {f.key: f for f in fields}
    c = row.cells
    name = rd.text(c.get("nominee"), spec["nominee"], True)
    typed = rd.text(c.get("criterion"), spec["criterion"], True)
    registered = rd.percent(c.get("registered"), spec["registered"], False)
    achieved = rd.percent(c.get("achieved"), spec["achieved"], True)
    hits = by_name.get(_name_key(name), []) if name else []
    if len({d.nominee.kind for d in hits}) == 1:
        hits = hits[:1]  # a name twice in its own sheet: that row is in error, its first one counts
    if name and len(hits) != 1:
        what = "không có ở sheet “Tập thể” hoặc “Cá nhân”" if not hits else "có ở cả hai sheet"
        like = likeliest(spell_out(name)[0], [ds[0].nominee.name for ds in by_name.values()])
        like = None if hits else like
        hint = f" Có phải là “{like}”?" if like else ""
        rd.error(c["nominee"], f"“{name}” {what}.{hint}", "criteria-nominee")
        return None
    if not (name and typed) or achieved is None:
        return None
    nominee = hits[0].nominee
    group = nominee.group if isinstance(nominee, Collective) else ""
    criterion = _criterion(rd, c["criterion"], plan, nominee.kind, typed, group)
    if criterion is None:
        return None
    if any(r.criterion.name == criterion.name for r in done.get(nominee.id, [])):
        rd.error(
            c["criterion"],
            f"chỉ tiêu “{criterion.name}” của {name} đã có ở dòng trên.",
            "criteria-duplicate",
        )
        return None
    _below(rd, c, criterion, registered, achieved)
    note = rd.text(c.get("note"), spec["note"], False)
    result = CriterionResult(
        criterion, criterion.name, registered, achieved, note, rd.where(c["criterion"])
    )
    return nominee.id, result


def _criterion(
    rd: CellReader, cell: RawCell, plan: Plan, target: str, typed: str, group: str
) -> Criterion | None:
    own = plan.criteria_for(target)  # type: ignore[arg-type]
    if not own:
        rd.error(
            cell,
            f"kế hoạch không có chỉ tiêu định lượng cho {TARGET_LABELS[target]}.",
            "criteria-target",
        )
        return None
    key = tone_key(typed)
    matches = [c for c in own if key in (tone_key(c.name), tone_key(c.id))]
    if not matches:
        # The nominee's own group first: the other groups' criteria differ by a word or two.
        like = likeliest(typed, [c.name for c in own if c.group == group]) or likeliest(
            typed, [c.name for c in own]
        )
        rd.error(
            cell,
            f"“{typed}” không phải chỉ tiêu của kế hoạch; chọn trong danh sách thả xuống."
            + (f" Có phải là “{like}”?" if like else ""),
            "criteria-name",
        )
        return None
    in_group = [c for c in matches if group and c.group == group]
    # Without the nominee's group, judge by the most lenient threshold: never warn wrongly.
    return in_group[0] if in_group else min(matches, key=lambda c: c.threshold)


def _below(
    rd: CellReader,
    cells: dict[str, RawCell],
    criterion: Criterion,
    registered: float | None,
    achieved: float,
) -> None:
    # A value read as a fraction (0,955 for 95,5%) is said at its cell already: what it falls
    # short of follows from the doubt, not from the value.
    doubted = {f.source for f in rd.findings.items if f.code == "percent-fraction"}
    for key, value, what in (
        ("registered", registered, "đăng ký"),
        ("achieved", achieved, "đạt được"),
    ):
        if rd.where(cells[key]) in doubted:
            continue
        if value is not None and not criterion.met(value):
            rd.warning(
                cells[key],
                f"tỷ lệ {what} {format_percent_against(value, criterion.threshold)} chưa đạt yêu "
                f"cầu {criterion.requirement} của kế hoạch (“{criterion.name}”).",
                "criteria-below",
            )


def check_coverage(
    ctx: Checking, drafts: Sequence[Draft], results: dict[str, tuple[CriterionResult, ...]]
) -> None:
    """Every numeric criterion the plan sets for a collective's group has its result in "Chỉ tiêu".

    Without them the report prints no criteria table, which the plan asks for: the clerk is told
    at the nominee's row (or at the missing sheet), never left to find it in print.
    """
    plan = ctx.plan
    if plan is None or not plan.criteria_for("tap-the"):
        return
    collectives = [
        d
        for d in drafts
        if isinstance(d.nominee, Collective) and d.nominee.report_type == "bao-cao-thanh-tich"
    ]
    if ctx.sheet(CRITERIA) is None and collectives:
        ctx.findings.warning(
            Source(ctx.label, CRITERIA),
            f"thiếu sheet “{CRITERIA}”: kế hoạch có chỉ tiêu định lượng cho tập thể; Báo cáo "
            f"thành tích của {len(collectives)} tập thể sẽ không có bảng kết quả chỉ tiêu.",
            "criteria-missing",
        )
        return
    said = _said(ctx, [d.nominee.name for d in drafts])
    for d in collectives:
        # A name in error, or rows of "Chỉ tiêu" in error, are said at their cells already.
        if "name" in d.cells and _name_key(d.nominee.name) not in said:
            _coverage(ctx, plan, d, results.get(d.nominee.id, ()))


def _said(ctx: Checking, nominees: Sequence[str]) -> set[str]:
    """The nominees (by name key) of the rows of "Chỉ tiêu" that have an error: a name matching
    none counts as the one its error suggests ("Có phải là …?"), whose criteria are there."""
    sheet = ctx.sheet(CRITERIA)
    wrong = {
        cell
        for f in ctx.findings.errors
        if f.source.sheet == CRITERIA
        for cell in (f.source.cell, *f.also)
    }
    if sheet is None or not wrong:
        return set()
    names = (
        row.cells["nominee"].value
        for row in sheet.rows
        if "nominee" in row.cells and any(c.coord in wrong for c in row.cells.values())
    )
    typed = {" ".join(str(n).split()) for n in names if n is not None}
    known = {_name_key(n) for n in nominees}
    # As the row's error suggests it: one name for a name matching none.
    like = (likeliest(spell_out(n)[0], nominees) for n in typed if _name_key(n) not in known)
    return {_name_key(n) for n in typed} | {_name_key(n) for n in like if n is not None}


def _name_key(name: str) -> str:
    """A nominee's name as "Chỉ tiêu" is matched to it: "UBND xã …" is "Ủy ban nhân dân xã …",
    and a full stop or quotation marks typed around it do not count (the name is not printed
    from this sheet)."""
    return tone_key(spell_out(name.strip(' .,;:“”"«»'))[0])


def _coverage(ctx: Checking, plan: Plan, draft: Draft, own: Sequence[CriterionResult]) -> None:
    nominee = draft.nominee
    assert isinstance(nominee, Collective)
    groups = {c.group for c in plan.criteria_for("tap-the")}
    if not nominee.group:
        if not own and "group" in draft.cells:
            ctx.findings.warning(
                draft.at("group"),
                f"{draft.who}: chưa chọn “Nhóm đối tượng” nên không biết chỉ tiêu nào của kế "
                f"hoạch áp dụng ({'; '.join(sorted(groups))}); báo cáo sẽ không có bảng chỉ tiêu.",
                "criteria-missing",
            )
        return
    done = {r.criterion.name for r in own}
    missing = [
        c.name
        for c in plan.criteria_for("tap-the")
        if c.group == nominee.group and c.name not in done
    ]
    if missing:
        ctx.findings.warning(
            draft.at("name"),
            f"{draft.who}: sheet “{CRITERIA}” chưa có kết quả chỉ tiêu "
            + "; ".join(f"“{m}”" for m in missing)
            + f" của nhóm “{nominee.group}”; báo cáo sẽ thiếu các chỉ tiêu này.",
            "criteria-missing",
        )
