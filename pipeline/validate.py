"""Check a workbook against the contract and its plan: every problem at once, then a frozen Batch."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import rules
from pipeline.cells import CellReader
from pipeline.contract import (
    AUTHORITIES,
    COLLECTIVES,
    COUNCIL,
    CRITERIA,
    GENDERS,
    INDIVIDUALS,
    INFO,
    MEMBERS,
    REPORT_FULL,
    REPORT_SHORT,
    ROLES,
    SHEETS,
    VOTING_METHODS,
    FieldSpec,
    SheetSpec,
)
from pipeline.errors import PlanError, WorkbookUnusable
from pipeline.findings import Finding, Findings, Source
from pipeline.model import (
    Batch,
    BatchInfo,
    Collective,
    Council,
    Individual,
    Member,
    Nominee,
    Signer,
)
from pipeline.plans import Award, Plan, Review, get_plan
from pipeline.resources import PLANS_DIR
from pipeline.vietnamese import tone_key
from pipeline.workbook import RawCell, RawSheet, RawWorkbook, read_workbook


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one workbook: the batch (None when it has errors) and findings."""

    path: Path
    label: str
    batch: Batch | None
    findings: tuple[Finding, ...]
    unusable: str | None = None  # why the file could not be used at all

    @property
    def errors(self) -> list[Finding]:
        """Findings that block building."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that are reported but do not block."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def exit_code(self) -> int:
        """0 without errors, 1 with errors, 2 when the file could not be used."""
        return 2 if self.unusable else 1 if self.errors else 0


@dataclass
class _Context:
    """What every sheet's check needs: the findings, the file label and what is known so far."""

    raw: RawWorkbook
    label: str
    findings: Findings = field(default_factory=Findings)
    plan: Plan | None = None
    review: Review | None = None
    award: Award | None = None

    def reader(self, sheet: RawSheet) -> CellReader:
        return CellReader(
            Source(self.label, sheet.spec.name), self.findings, sheet.formula_without_value
        )

    @property
    def has_council(self) -> bool:
        # Without a known plan, council cells are not demanded: one unknown plan, one error.
        return self.plan is not None and self.plan.dossier.has_council

    def required(self, spec: FieldSpec, report: bool = True) -> bool:
        return {
            "yes": True,
            "no": False,
            "report": report,
            "council": self.has_council,
        }[spec.need]


def check_file(path: Path, *, label: str | None = None, plans_dir: Path = PLANS_DIR) -> CheckResult:
    """Read and check one workbook; never raises for bad input (see CheckResult.unusable)."""
    label = label or str(path)
    try:
        raw = read_workbook(path)
    except WorkbookUnusable as exc:
        finding = Finding("error", Source(label), str(exc).removeprefix(f"{path}: "), "unusable")
        return CheckResult(path, label, None, (finding,), unusable=str(finding))
    ctx = _Context(raw, label)
    batch = _check(ctx, plans_dir)
    if ctx.findings.has_errors:
        batch = None
    return CheckResult(path, label, batch, tuple(ctx.findings), None)


def check_files(paths: Iterable[Path], *, plans_dir: Path = PLANS_DIR) -> list[CheckResult]:
    """Check several workbooks independently."""
    return [check_file(p, plans_dir=plans_dir) for p in paths]


def _check(ctx: _Context, plans_dir: Path) -> Batch | None:
    _structure(ctx)
    info = _info(ctx, plans_dir)
    council = _council(ctx, info)
    collectives = _nominees(ctx, COLLECTIVES, council)
    individuals = _nominees(ctx, INDIVIDUALS, council)
    _criteria(ctx, collectives, individuals)
    if info is None or ctx.plan is None:
        return None
    rules.check_batch(ctx.findings, ctx.label, info, council, collectives, individuals)
    if ctx.findings.has_errors:
        return None
    return Batch(
        path=ctx.raw.path,
        sha256=hashlib.sha256(ctx.raw.path.read_bytes()).hexdigest(),
        info=info,
        council=council,
        collectives=tuple(_freeze(Collective, d) for d in collectives),
        individuals=tuple(_freeze(Individual, d) for d in individuals),
    )


def _structure(ctx: _Context) -> None:
    """Missing sheets, missing or renamed headers and labels, merged cells."""
    for spec in SHEETS:
        sheet = ctx.raw.sheets.get(spec.name)
        if sheet is None:
            if spec.need == "yes":
                ctx.findings.error(
                    Source(ctx.label, spec.name), f"thiếu sheet “{spec.name}”.", "sheet"
                )
            continue
        for field_spec, cell, found in sheet.missing:
            what = "dòng" if spec.layout == "form" else "cột"
            extra = f" (ô này ghi “{found}”)" if found else ""
            ctx.findings.error(
                Source(ctx.label, spec.name, cell),
                f"thiếu {what} “{field_spec.header}”{extra}; giữ đúng tên tiêu đề của mẫu.",
                "header",
            )
        for ref in sheet.merged:
            ctx.findings.error(
                Source(ctx.label, spec.name, ref.split(":")[0]),
                f"ô gộp {ref}: mỗi dòng cần giá trị riêng; hãy bỏ gộp ô và điền đủ từng dòng.",
                "merged",
            )


def _form(ctx: _Context, name: str) -> tuple[RawSheet | None, CellReader | None]:
    sheet = ctx.raw.sheets.get(name)
    return (sheet, ctx.reader(sheet)) if sheet else (None, None)


def _spec(sheet_spec: SheetSpec, key: str) -> FieldSpec:
    return next(f for f in sheet_spec.fields if f.key == key)


def _info(ctx: _Context, plans_dir: Path) -> BatchInfo | None:
    sheet, rd = _form(ctx, INFO)
    if sheet is None or rd is None:
        return None
    cells, spec = sheet.form, sheet.spec

    def get(key: str, kind: str = "text") -> Any:
        f = _spec(spec, key)
        return getattr(rd, kind)(cells.get(key), f, ctx.required(f))

    _plan_review_award(ctx, rd, sheet, plans_dir)
    values = {k: get(k) for k in ("parent_body", "unit", "unit_code", "place", "recipient")}
    values["unit_code"] = values["unit_code"].upper()
    number, date = get("number", "integer"), get("date", "date")
    authority = (
        rd.choice(cells.get("authority"), _spec(spec, "authority"), False, AUTHORITIES) or ""
    )
    title, name = get("signer_title", "multiline"), get("signer_name", "name")
    distribution = tuple(
        line.strip(" -–;.")
        for line in get("distribution", "multiline").split("\n")
        if line.strip(" -–;.")
    )
    _check_unit_code(rd, cells.get("unit_code"), values["unit_code"])
    lines = _signer_lines(rd, cells.get("signer_title"), authority, title, values["unit"])
    if None in (ctx.plan, ctx.review, ctx.award, date) or lines is None:
        return None
    return BatchInfo(
        plan=ctx.plan,
        review=ctx.review,
        award=ctx.award,
        number=number,
        date=date,
        signer=Signer(authority, title.replace("\n", " "), lines, name),
        distribution=distribution,
        **values,
    )  # type: ignore[arg-type]


def _plan_review_award(ctx: _Context, rd: CellReader, sheet: RawSheet, plans_dir: Path) -> None:
    cells = sheet.form
    plan_id = rd.text(cells.get("plan"), _spec(sheet.spec, "plan"), True)
    if not plan_id:
        return
    try:
        ctx.plan = get_plan(plan_id, plans_dir)
    except PlanError as exc:
        rd.error(cells["plan"], str(exc), "plan")
        return
    ctx.review = _pick(rd, cells.get("review"), "Đợt xét", ctx.plan.reviews)
    ctx.award = _pick(rd, cells.get("award"), "Hình thức khen thưởng", ctx.plan.awards)


def _pick(rd: CellReader, cell: RawCell | None, header: str, items: Sequence[Any]) -> Any:
    """An item of the plan named by its id, label or name (ignoring case and tone placement)."""
    if cell is None or cell.value is None:
        if cell is not None:
            rd.error(cell, f"thiếu “{header}”.", "required")
        return None
    typed = tone_key(str(cell.value))
    for item in items:
        names = (item.id, getattr(item, "label", None), getattr(item, "name", None))
        if typed in {tone_key(n) for n in names if n}:
            return item
    known = "; ".join(f"“{getattr(i, 'label', None) or i.name}”" for i in items)
    rd.error(
        cell,
        f"“{header}” không có trong kế hoạch: “{cell.value}”. Kế hoạch có: {known}.",
        "plan-item",
    )
    return None


def _check_unit_code(rd: CellReader, cell: RawCell | None, code: str) -> None:
    if cell is not None and code and not re.fullmatch(r"[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", code):
        rd.error(
            cell,
            f"“Ký hiệu cơ quan” chỉ gồm chữ in hoa, chữ số và dấu “-” (ví dụ VHTT, UBND-VP), không phải “{code}”.",
            "unit-code",
        )


def _signer_lines(
    rd: CellReader, cell: RawCell | None, authority: str, title: str, unit: str
) -> tuple[str, ...] | None:
    """The signature block's upper-case lines per NĐ 30 (TM., KT., Q., TL., TUQ.)."""
    parts = [p.strip() for p in title.split("\n") if p.strip()]
    if not parts or cell is None:
        return None
    upper = [p.upper() for p in parts]
    if len(parts) == 2:
        return (f"{authority} {upper[0]}".strip(), upper[1])
    if authority == "TM.":
        return (f"TM. {unit.upper()}", upper[0])
    if authority == "KT.":
        if not tone_key(parts[0]).startswith("phó "):
            rd.error(
                cell,
                "ký thay (KT.) thì chức vụ người ký là cấp phó, ví dụ “Phó Chủ tịch”.",
                "signer",
            )
            return None
        return (f"KT. {parts[0][4:].strip().upper()}", upper[0])
    if authority == "Q.":
        return (f"Q. {upper[0]}",)
    if authority in ("TL.", "TUQ."):
        rd.error(
            cell,
            f"{authority}: ghi 2 dòng trong ô: chức vụ người đứng đầu, rồi chức vụ người ký.",
            "signer",
        )
        return None
    return (upper[0],)


def _council(ctx: _Context, info: BatchInfo | None) -> Council | None:
    sheet, rd = _form(ctx, COUNCIL)
    if not ctx.has_council:
        return None
    if sheet is None or rd is None:
        ctx.findings.error(
            Source(ctx.label, COUNCIL),
            f"thiếu sheet “{COUNCIL}” (kế hoạch yêu cầu Biên bản họp Hội đồng).",
            "sheet",
        )
        return None
    cells, spec = sheet.form, sheet.spec
    kinds = {"date": "date", "start": "time", "end": "time", "place": "text"}
    values = {k: getattr(rd, kind)(cells.get(k), _spec(spec, k), True) for k, kind in kinds.items()}
    values["size"] = rd.integer(cells.get("size"), _spec(spec, "size"), True, minimum=1)
    values["method"] = rd.choice(cells.get("method"), _spec(spec, "method"), True, VOTING_METHODS)
    members, role_cells = _members(ctx)
    rules.check_council(ctx.findings, ctx.label, sheet, values, members, info)
    if members is not None:
        rules.check_roles(ctx.findings, ctx.label, members, role_cells)
    if any(v in (None, "") for v in values.values()) or members is None:
        return None
    return Council(members=members, **values)


def _members(ctx: _Context) -> tuple[tuple[Member, ...] | None, list[tuple[Source, Source]]]:
    """The members, and for each the sources of its role and attendance cells."""
    sheet = ctx.raw.sheets.get(MEMBERS)
    if sheet is None:
        ctx.findings.error(Source(ctx.label, MEMBERS), f"thiếu sheet “{MEMBERS}”.", "sheet")
        return None, []
    rd, spec, members, cells = ctx.reader(sheet), sheet.spec, [], []
    for i, row in enumerate(sheet.rows, start=1):
        c = row.cells
        role = rd.choice(c.get("role"), _spec(spec, "role"), True, ROLES)
        present = rd.yesno(c.get("present"), _spec(spec, "present"), True)
        member = Member(
            stt=rd.integer(c.get("stt"), _spec(spec, "stt"), False) or i,
            name=rd.name(c.get("name"), _spec(spec, "name"), True),
            position=rd.text(c.get("position"), _spec(spec, "position"), True),
            role=role or "Ủy viên",  # type: ignore[arg-type]
            present=bool(present),
            absence_reason=rd.text(c.get("absence_reason"), _spec(spec, "absence_reason"), False),
            source=rd.where(f"{sheet.columns.get('name', 'B')}{row.number}"),
        )
        members.append(member)
        cells.append(
            (
                rd.where(f"{sheet.columns.get('role', 'D')}{row.number}"),
                rd.where(f"{sheet.columns.get('present', 'E')}{row.number}"),
            )
        )
    return tuple(members), cells


def _nominees(ctx: _Context, sheet_name: str, council: Council | None) -> list[dict[str, Any]]:
    """Each row as a draft (a dict of typed values) for the batch rules, frozen at the end."""
    sheet = ctx.raw.sheets.get(sheet_name)
    if sheet is None:
        return []
    rd, spec = ctx.reader(sheet), sheet.spec
    prefix = "tap-the" if sheet_name == COLLECTIVES else "ca-nhan"
    drafts = []
    for index, row in enumerate(sheet.rows, start=1):
        draft = _nominee_row(ctx, rd, spec, row.cells, council)
        name_col = sheet.columns.get("name", "B")
        draft.update(
            id=f"{prefix}-{index:02d}", index=index, source=rd.where(f"{name_col}{row.number}")
        )
        draft["_cells"] = row.cells
        drafts.append(draft)
    return drafts


def _nominee_row(
    ctx: _Context,
    rd: CellReader,
    spec: SheetSpec,
    cells: dict[str, RawCell],
    council: Council | None,
) -> dict[str, Any]:
    report_type = _report_type(ctx, rd, spec, cells)
    full = report_type == "bao-cao-thanh-tich"
    draft: dict[str, Any] = {"report_type": report_type, "criteria": ()}
    readers = {
        "text": rd.text,
        "multiline": rd.multiline,
        "int": rd.integer,
        "date": rd.date,
        "yesno": rd.yesno,
    }
    people = {"head_name", "name"} if spec.name == INDIVIDUALS else {"head_name"}
    for f in spec.fields:
        if f.key == "report_type":
            continue
        required = ctx.required(f, report=full)
        if f.key in people:
            draft[f.key] = rd.name(cells.get(f.key), f, required)
        elif f.key == "gender":
            draft[f.key] = rd.choice(cells.get(f.key), f, required, GENDERS) or ""
        elif f.key == "group":
            groups = ctx.plan.groups_for("tap-the") if ctx.plan else ()
            draft[f.key] = (rd.choice(cells.get(f.key), f, False, groups) if groups else None) or ""
        else:
            draft[f.key] = readers[f.kind](cells.get(f.key), f, required)
    if not ctx.has_council:
        draft["votes"] = None
    draft["passed"] = rules.vote_passed(draft["votes"], council, ctx.award)
    return draft


def _report_type(ctx: _Context, rd: CellReader, spec: SheetSpec, cells: dict[str, RawCell]) -> str:
    cell = cells.get("report_type")
    choice = rd.choice(cell, _spec(spec, "report_type"), False, (REPORT_FULL, REPORT_SHORT))
    if choice != REPORT_SHORT:
        return "bao-cao-thanh-tich"
    if ctx.plan is not None and not ctx.plan.dossier.trich_ngang_allowed and cell is not None:
        rd.error(
            cell,
            "kế hoạch này không cho phép trích ngang thành tích; chọn “Báo cáo thành tích”.",
            "trich-ngang",
        )
    return "trich-ngang"


def _criteria(ctx: _Context, collectives: list[dict], individuals: list[dict]) -> None:
    sheet = ctx.raw.sheets.get(CRITERIA)
    if sheet is None or ctx.plan is None:
        return
    rd, spec = ctx.reader(sheet), sheet.spec
    results = rules.criteria_rows(rd, spec, sheet.rows, ctx.plan, collectives, individuals)
    for draft, result in results:
        draft["criteria"] = (*draft["criteria"], result)


def _freeze(cls: type[Nominee], draft: dict[str, Any]) -> Any:
    fields = {k: v for k, v in draft.items() if not k.startswith("_")}
    return cls(**fields)


__all__ = ["CheckResult", "check_file", "check_files"]
