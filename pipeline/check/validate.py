"""Check a workbook against the contract and its plan: every problem at once, then a frozen Batch."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pipeline.check.agreement import check_people
from pipeline.check.checking import Checking
from pipeline.check.council import read_council
from pipeline.check.criteria import check_coverage, read_criteria
from pipeline.check.drafts import Draft
from pipeline.check.examples import check_examples
from pipeline.check.findings import Finding, Source, group_repeats
from pipeline.check.hidden import hidden_parts
from pipeline.check.info import read_info, read_selection
from pipeline.check.model import Batch, BatchInfo, Council, CriterionResult
from pipeline.check.nominees import read_nominees
from pipeline.check.plausible import check_plausible
from pipeline.check.reports import check_report_dates, dated
from pipeline.check.rules import check_batch, check_nominated
from pipeline.check.workbook import read_workbook
from pipeline.errors import WorkbookUnusable
from pipeline.inputs.contract import COLLECTIVES, INDIVIDUALS, INFO, SHEETS, SheetSpec
from pipeline.resources import PLANS_DIR
from pipeline.vietnamese import strip_diacritics


@dataclass(frozen=True)
class Heading:
    """Whose workbook this is, read even when it has errors: plan, review, proposing unit."""

    plan_id: str | None
    review_id: str | None
    unit: str  # "Cơ quan trình khen" as typed (cleaned), "" when absent
    plan_cell: Source | None = None
    review_cell: Source | None = None
    unit_cell: Source | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one workbook: the batch (None when it has errors) and findings."""

    path: Path
    label: str
    batch: Batch | None
    findings: tuple[Finding, ...]
    unusable: str | None = None  # why the file could not be used at all
    heading: Heading = Heading(None, None, "")

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


def check_file(
    path: Path,
    *,
    label: str | None = None,
    plans_dir: Path = PLANS_DIR,
    sha256: str | None = None,
) -> CheckResult:
    """Read and check one workbook; never raises for bad input (see CheckResult.unusable).

    `sha256` is the workbook's digest when the caller has it already (a build hashes once).
    """
    label = label or str(path)
    try:
        raw = read_workbook(path)
    except WorkbookUnusable as exc:
        finding = Finding("error", Source(label), str(exc).removeprefix(f"{path}: "), "unusable")
        return CheckResult(path, label, None, (finding,), unusable=str(finding))
    ctx = Checking(raw, label)
    batch, heading = _check(ctx, plans_dir, sha256)
    findings = group_repeats(ctx.findings)
    batch = None if ctx.findings.has_errors else batch
    return CheckResult(path, label, batch, findings, heading=heading)


def check_files(paths: Iterable[Path], *, plans_dir: Path = PLANS_DIR) -> list[CheckResult]:
    """Check several workbooks independently."""
    return [check_file(p, plans_dir=plans_dir) for p in paths]


def _check(ctx: Checking, plans_dir: Path, sha256: str | None) -> tuple[Batch | None, Heading]:
    """Every sheet, then the rules across them; the Batch when nothing is in error."""
    check_structure(ctx)
    ctx = read_selection(ctx, plans_dir)
    info = read_info(ctx)
    return _rules(ctx, info, sha256), _heading(ctx, info)


def _heading(ctx: Checking, info: BatchInfo | None) -> Heading:
    """The workbook's plan, review and proposing unit, with their cells."""
    sheet = ctx.sheet(INFO)
    if sheet is None:
        return Heading(None, None, "")
    rd = ctx.reader(sheet)
    cells = {k: rd.where(sheet.form[k]) for k in ("plan", "review", "unit") if k in sheet.form}
    raw_unit = sheet.form["unit"].value if "unit" in sheet.form else None
    unit = info.unit if info is not None else " ".join(str(raw_unit or "").split())
    return Heading(
        ctx.plan.id if ctx.plan else None,
        ctx.review.id if ctx.review else None,
        unit,
        cells.get("plan"),
        cells.get("review"),
        cells.get("unit"),
    )


def _rules(ctx: Checking, info: BatchInfo | None, sha256: str | None) -> Batch | None:
    """The nominee sheets and every rule across sheets; the Batch when nothing is in error."""
    council = read_council(ctx, info)
    collectives = read_nominees(ctx, COLLECTIVES, council)
    individuals = read_nominees(ctx, INDIVIDUALS, council)
    criteria = read_criteria(ctx, [*collectives, *individuals])
    check_coverage(ctx, collectives, criteria)
    check_people(ctx.findings, individuals)
    check_nominated(ctx.findings, ctx.label, collectives, individuals)
    check_examples(
        ctx.findings,
        ctx.raw.example_marks,
        _signer(ctx, info),
        council,
        [*collectives, *individuals],
    )
    if info is None or ctx.plan is None:
        return None
    check_batch(ctx.findings, ctx.label, info, council, collectives, individuals)
    check_report_dates(ctx.findings, ctx.plan.issued, info, council, [*collectives, *individuals])
    check_plausible(ctx.findings, info.date, [*collectives, *individuals])
    if ctx.findings.has_errors:
        return None
    return Batch(
        path=ctx.raw.path,
        sha256=sha256 or hashlib.sha256(ctx.raw.path.read_bytes()).hexdigest(),
        info=info,
        council=council,
        collectives=_frozen(collectives, criteria, info, council),
        individuals=_frozen(individuals, criteria, info, council),
    )


def _frozen(
    drafts: Sequence[Draft],
    criteria: Mapping[str, tuple[CriterionResult, ...]],
    info: BatchInfo,
    council: Council | None,
) -> Any:
    """The drafts' nominees, each with its criteria (from "Chỉ tiêu") and its report's date."""
    return tuple(
        dated(replace(d.nominee, criteria=criteria.get(d.nominee.id, ())), info, council)
        for d in drafts
    )


def _signer(ctx: Checking, info: BatchInfo | None) -> tuple[str, Source] | None:
    """The Tờ trình's signer and the cell of the name."""
    sheet = ctx.sheet(INFO)
    if info is None or sheet is None or "signer_name" not in sheet.form:
        return None
    return info.signer.name, ctx.reader(sheet).where(sheet.form["signer_name"])


def check_structure(ctx: Checking, specs: Sequence[SheetSpec] = SHEETS) -> None:
    """Missing sheets, missing or renamed headers and labels, merged cells, hidden rows (of a
    unit's workbook, or of another workbook's `specs`)."""
    for spec in specs:
        sheet = ctx.sheet(spec.name)
        if sheet is None:
            if spec.need == "yes":
                ctx.findings.error(
                    Source(ctx.label, spec.name),
                    f"thiếu sheet “{spec.name}”{_near_title(ctx, spec.name)}.",
                    "sheet",
                )
            continue
        for field_spec, cell, found in sheet.missing:
            what = "dòng" if spec.layout == "form" else "cột"
            where = Source(ctx.label, spec.name, cell)
            if field_spec.need == "no" and spec.layout == "table":
                # An optional column a workbook made by an older hoso does not have yet.
                ctx.findings.warning(
                    where,
                    f"chưa có cột “{field_spec.header}” (không bắt buộc): {field_spec.comment}",
                    "optional-column",
                )
                continue
            extra = f" (ô này ghi “{found}”)" if found else ""
            ctx.findings.error(
                where,
                f"thiếu {what} “{field_spec.header}”{extra}; giữ đúng tên tiêu đề của mẫu.",
                "header",
            )
        for ref in sheet.merged:
            ctx.findings.error(
                Source(ctx.label, spec.name, ref.split(":")[0]),
                f"ô gộp {ref}: mỗi dòng cần giá trị riêng; hãy bỏ gộp ô và điền đủ từng dòng.",
                "merged",
            )
        hidden_parts(ctx, sheet)


def _near_title(ctx: Checking, name: str) -> str:
    """A hint naming a sheet whose name differs from the contract's only in accents or case."""
    want = strip_diacritics(name).lower().replace(" ", "")
    for title in ctx.raw.titles:
        if strip_diacritics(title).lower().replace(" ", "") == want:
            return f" (có sheet “{title}”: hãy đổi tên thành “{name}”)"
    return ""
