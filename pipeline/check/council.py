"""The "Hội đồng" and "Thành viên HĐ" sheets: the council meeting, its members and their roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pipeline.check.checking import Checking, field_spec
from pipeline.check.findings import Findings, Source
from pipeline.check.model import CHAIR, SECRETARY, BatchInfo, Council, Member
from pipeline.inputs.contract import COUNCIL, MEMBERS, ROLES, VOTING_METHODS

_VALUES = ("date", "start", "end", "place")
COUNCIL_SIZES = range(3, 61)  # a council of fewer or more is most likely a typing slip
WORKING_HOURS = (dt.time(6, 0), dt.time(22, 0))


def read_council(ctx: Checking, info: BatchInfo | None) -> Council | None:
    """The council, checked against its members and the Tờ trình; None without one."""
    if not ctx.has_council:
        return None
    sheet = ctx.sheet(COUNCIL)
    if sheet is None:
        ctx.findings.error(
            Source(ctx.label, COUNCIL),
            f"thiếu sheet “{COUNCIL}” (kế hoạch yêu cầu Biên bản họp Hội đồng).",
            "sheet",
        )
        return None
    rd, cells, spec = ctx.reader(sheet), sheet.form, sheet.spec
    values: dict[str, Any] = {k: rd.read(cells.get(k), field_spec(spec, k), True) for k in _VALUES}
    values["size"] = rd.integer(cells.get("size"), field_spec(spec, "size"), True, minimum=1)
    values["method"] = rd.choice(
        cells.get("method"), field_spec(spec, "method"), True, VOTING_METHODS
    )
    members, role_cells = _members(ctx)
    where = {k: rd.where(c) for k, c in cells.items()}
    check_council(ctx.findings, ctx.label, where, values, members, info)
    if members is not None:
        check_roles(ctx.findings, ctx.label, members, role_cells)
    if any(v in (None, "") for v in values.values()) or members is None:
        return None
    return Council(members=members, **values)


def _members(ctx: Checking) -> tuple[tuple[Member, ...] | None, list[tuple[Source, Source]]]:
    """The members, and for each the sources of its role and attendance cells."""
    sheet = ctx.sheet(MEMBERS)
    if sheet is None:
        ctx.findings.error(Source(ctx.label, MEMBERS), f"thiếu sheet “{MEMBERS}”.", "sheet")
        return None, []
    rd, spec, members, cells = ctx.reader(sheet), sheet.spec, [], []
    column = sheet.columns.get
    for i, row in enumerate(sheet.rows, start=1):
        c, before = row.cells, len(ctx.findings)
        role = rd.choice(c.get("role"), field_spec(spec, "role"), True, ROLES)
        present = rd.yesno(c.get("present"), field_spec(spec, "present"), True)
        members.append(
            Member(
                stt=rd.integer(c.get("stt"), field_spec(spec, "stt"), False) or i,
                name=rd.person(c.get("name"), field_spec(spec, "name"), True),
                position=rd.phrase(c.get("position"), field_spec(spec, "position"), True),
                role=role or "Ủy viên",  # type: ignore[arg-type]
                present=bool(present),
                absence_reason=rd.text(
                    c.get("absence_reason"), field_spec(spec, "absence_reason"), False
                ),
                source=rd.where(f"{column('name', 'B')}{row.number}"),
            )
        )
        # A member's row half-filled: one error naming the member and every empty cell.
        name_cell = members[-1].source.cell or ""
        ctx.findings.name_missing(before, members[-1].name, name_cell if members[-1].name else "")
        cells.append(
            (
                rd.where(f"{column('role', 'D')}{row.number}"),
                rd.where(f"{column('present', 'E')}{row.number}"),
            )
        )
    return tuple(members), cells


def check_council(
    findings: Findings,
    label: str,
    cells: Mapping[str, Source],
    values: Mapping[str, Any],
    members: tuple[Member, ...] | None,
    info: BatchInfo | None,
) -> None:
    """Council sheet against its members and the Tờ trình: size, attendance, times, date."""
    size = values.get("size")
    if members is not None:
        if size is not None and size != len(members):
            findings.error(
                cells["size"],
                f"Tổng số thành viên là {size} nhưng sheet “Thành viên HĐ” có {len(members)} "
                "người; tỷ lệ phiếu đồng ý của từng tập thể, cá nhân tính trên tổng số này, nên "
                "hoso chỉ tính khi hai số khớp nhau.",
                "council-size",
            )
        if members and not any(m.present for m in members):
            findings.error(Source(label, MEMBERS), "không có thành viên nào có mặt.", "attendance")
    start, end = values.get("start"), values.get("end")
    if start and end and end <= start:
        findings.error(cells["end"], "giờ kết thúc phải sau giờ bắt đầu.", "council-time")
    elif start and end and (start < WORKING_HOURS[0] or end > WORKING_HOURS[1]):
        findings.warning(
            cells["start"],
            f"cuộc họp từ {start:%H:%M} đến {end:%H:%M}, ngoài giờ làm việc; kiểm tra lại giờ "
            "(ghi dạng 14:30).",
            "implausible",
        )
    if size is not None and size not in COUNCIL_SIZES:
        findings.warning(
            cells["size"],
            f"Hội đồng có {size} thành viên; một Hội đồng Thi đua - Khen thưởng thường có từ "
            f"{COUNCIL_SIZES.start} đến {COUNCIL_SIZES.stop - 1} thành viên.",
            "implausible",
        )
    meeting = values.get("date")
    if meeting and info and meeting < info.plan.issued:
        findings.error(cells["date"], met_before_plan(meeting, info.plan.issued), "date-order")
    if meeting and info and meeting > info.date:
        findings.error(cells["date"], met_after(meeting, "Tờ trình", info.date), "council-date")


def met_before_plan(met: dt.date, issued: dt.date) -> str:
    """A council meeting before the plan it applies was issued: one message for a unit's sheet
    "Hội đồng" and the office's hoi-dong.xlsx."""
    return (
        f"ngày họp Hội đồng ({met:%d/%m/%Y}) trước ngày ban hành kế hoạch ({issued:%d/%m/%Y}); "
        "hãy ghi đúng ngày họp."
    )


def met_after(met: dt.date, what: str, date: dt.date, where: str = "") -> str:
    """A council meeting after the document (`what`, dated `date`, set at `where` when that is
    not the workbook) its Biên bản must come before: one message for a unit and the office."""
    at = f", {where}" if where else ""
    return (
        f"ngày họp Hội đồng ({met:%d/%m/%Y}) sau ngày {what} ({date:%d/%m/%Y}{at}); Biên bản "
        f"phải có trước {what}."
    )


def check_roles(
    findings: Findings, label: str, members: tuple[Member, ...], cells: list[tuple[Source, Source]]
) -> None:
    """Exactly one chair and one secretary, both present; absences explained. An attendance cell
    in error is said once: nothing more is inferred from it (it reads as absent)."""
    wrong = {f.source.at(c) for f in findings.errors for c in (f.source.cell or "", *f.also)}
    for role, title in ((CHAIR, "Chủ tịch Hội đồng"), (SECRETARY, "Thư ký (Ủy viên - Thư ký)")):
        holders = [i for i, m in enumerate(members) if m.role == role]
        if not holders:
            findings.error(Source(label, MEMBERS, "D1"), f"chưa có {title}.", "council-role")
            continue
        first = members[holders[0]]
        for extra in holders[1:]:
            findings.error(
                cells[extra][0],
                f"Hội đồng chỉ có một {title}; {_who(first)} đã là {title}.",
                "council-role",
            )
        if not first.present and cells[holders[0]][1] not in wrong:
            findings.error(
                cells[holders[0]][1],
                f"{title} vắng mặt thì không thể chủ trì hoặc ghi Biên bản.",
                "council-role",
            )
    for i, m in enumerate(members):
        if cells[i][1] in wrong:
            continue
        if not m.present and not m.absence_reason:
            findings.warning(
                cells[i][1], f"{_who(m)} vắng mặt nhưng chưa ghi “Lý do vắng”.", "absence-reason"
            )
        elif m.present and m.absence_reason:  # the two cells contradict: the minutes say present
            findings.warning(
                cells[i][1],
                f"{_who(m)}: “Có mặt” ghi “Có” nhưng “Lý do vắng” ghi “{m.absence_reason}”; "
                "Biên bản ghi người này có mặt và không in lý do. Nếu vắng, hãy chọn “Không”.",
                "absence-reason",
            )


def _who(member: Member) -> str:
    """A member as messages name them: the name, or "thành viên ở dòng 5" when it is missing."""
    row = "".join(ch for ch in member.source.cell or "" if ch.isdigit())
    return member.name or f"thành viên ở dòng {row}"
