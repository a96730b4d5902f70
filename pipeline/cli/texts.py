"""Human and machine renderings of what hoso has to say: findings of a check, plans, summaries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from pipeline.build import BuildReport
from pipeline.build.foreign import kept_text
from pipeline.build.signed import set_aside_text
from pipeline.check import CheckResult
from pipeline.check.copies import same_proposals_text
from pipeline.check.examples import EXAMPLE_CODE
from pipeline.check.findings import Finding
from pipeline.check.report import results_report
from pipeline.documents import REGISTRY
from pipeline.inputs.legal import ended_level, merger_of
from pipeline.inputs.plans import TARGET_LABELS, Award, Plan, Review, all_plans
from pipeline.inputs.wording import leader_rule, quota_rule, vote_rule
from pipeline.pdf.combined import alone_text
from pipeline.render.contexts import VALUES_NOTE
from pipeline.render.filters import FILTERS
from pipeline.vietnamese import format_decimal, format_short_date, tone_key

EXAMPLE_BANNER = (
    "TỆP CÒN DỮ LIỆU VÍ DỤ (HƯ CẤU): KHÔNG in, ký hay gửi hồ sơ tạo từ tệp này trước khi thay "
    "bằng dữ liệu thật."
)


def findings_text(
    results: Sequence[CheckResult], problems: Sequence[str | None] | None = None
) -> str:
    """Every file's findings, errors first then warnings, then a one-line total.

    `problems` (one per result, a build's) is what stopped a file that the check let through:
    said on the file's own line, before its findings, so a file is never marked ✓ above it.
    """
    problems = problems or [None] * len(results)
    out: list[str] = []
    for r, problem in zip(results, problems, strict=True):
        if r.unusable:
            out.append(f"✗ {r.unusable}")
            continue
        counts = f"{len(r.errors)} lỗi, {len(r.warnings)} cảnh báo"
        if problem and "\n" in problem:  # several (a template set's mistakes): one a line
            out.append(f"✗ {r.label}: không tạo được hồ sơ (các ô trong tệp: {counts}):")
            out += [f"    {line}" for line in problem.splitlines()]
        elif problem:  # the counts are the cells'; what stopped the file was not a cell
            out.append(f"✗ {r.label}: {problem} (các ô trong tệp: {counts})")
        else:
            out.append(f"{'✗' if r.errors else '✓'} {r.label}: {counts}")
        if r.errors:
            out.append("  Lỗi:")
            out += [f"    {f}" for f in r.errors]
        if r.warnings:
            out.append("  Cảnh báo:")
            out += [f"    {f}" for f in r.warnings]
        if has_examples(r.findings):
            out.append(f"  ⚠ {EXAMPLE_BANNER}")
    out += same_proposals_text(results)
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    bad = sum(1 for r, problem in zip(results, problems, strict=True) if r.exit_code or problem)
    stopped = sum(1 for r, problem in zip(results, problems, strict=True) if problem)
    if stopped:  # "1 tệp có lỗi; 0 lỗi" would contradict itself
        out.append(
            f"Tổng cộng: {len(results)} tệp, {bad} tệp có lỗi ({stopped} tệp không tạo được hồ "
            f"sơ, xem trên); các ô: {errors} lỗi, {warnings} cảnh báo."
        )
    else:
        out.append(
            f"Tổng cộng: {len(results)} tệp, {bad} tệp có lỗi; {errors} lỗi, {warnings} cảnh báo."
        )
    return "\n".join(out)


def findings_json(results: Sequence[CheckResult]) -> str:
    """The same findings as JSON for machines."""
    data = results_report(results)
    return json.dumps(data, ensure_ascii=False, indent=2)


def plan_line(plan: Plan) -> str:
    """One line per plan: id, issuer, movement."""
    return f"{plan.id}\t{plan.issuer.short}\t“{plan.movement}”"


def missing_plan_text() -> str:
    """What --plan is and the codes to give it, for a command run without it."""
    codes = ", ".join(plan.id for plan in all_plans())
    return (
        "--plan MÃ chọn kế hoạch thi đua mà hồ sơ theo (hình thức khen, số lượng, văn bản); "
        f"mã có sẵn: {codes} (xem từng kế hoạch: hoso plans)."
    )


def plan_text(plan: Plan) -> str:
    """A plan preset as a clerk reads it: the document, its reviews, each award (who decides it,
    how many, the council's vote), the dossier, the criteria and deadlines."""
    doc = plan.document
    if doc.number or doc.date:
        number = f"Số {doc.number}" if doc.number else "Số: để trống trong văn bản gốc"
        date = f"ngày {format_short_date(doc.date)}" if doc.date else f"năm {doc.year}"
        issued = f"{number}, {date}"
    else:
        issued = f"Số, ngày: để trống trong văn bản gốc (năm {doc.year})"
    issuer = plan.issuer.name
    if tone_key(plan.issuer.province) not in tone_key(issuer):  # "… tỉnh Bắc Kạn (Bắc Kạn)"
        issuer += f", tỉnh {plan.issuer.province}"
    lines = [
        f"{plan.id}",
        f"  {doc.title}",
        f"  Cơ quan ban hành: {issuer}",
        f"  {issued}",
        f"  Phong trào: “{plan.movement}”",
        *(["  Thực hiện:", *[f"    - {x}" for x in plan.implements]] if plan.implements else []),
        "  Đợt xét (mã dùng với hoso init --review):",
        *[f"    {r.id}: {_review_words(r)}" for r in plan.reviews],
        "  Hình thức khen thưởng:",
    ]
    for i, award in enumerate(plan.awards, 1):
        lines += _award_lines(plan, award, i)
    lines += _dossier_lines(plan)
    return "\n".join(lines)


def _review_words(review: Review) -> str:
    """A review by its label, with when it is held unless that only says the label again."""
    if tone_key(review.label) in tone_key(review.held):
        return review.label
    return f"{review.label} ({review.held})"


def _award_lines(plan: Plan, award: Award, number: int) -> list[str]:
    """One award: its name as the plan issued it, who decides, how many, the vote, its notes."""
    targets = ", ".join(TARGET_LABELS[t] for t in award.targets)
    lines = [
        f"    {number}. {award.name} (mã {award.id})",
        f"       Khen cho: {targets}",
        f"       Người quyết định: {award.awarded_by}",
    ]
    if award.decided_by_unit:
        lines.append(
            "       Thủ trưởng từng đơn vị tự quyết định: không tổng hợp trình lên trong đợt xét."
        )
    lines += _later_name(plan, award)
    for q in award.quotas:
        review = plan.review(q.review)
        lines.append(f"       Số lượng ({review.label if review else q.review}): {quota_rule(q)}")
    lines.append(f"       Biểu quyết của Hội đồng: {vote_rule(award)}")
    if (leaders := leader_rule(award)) is not None:
        lines.append(f"       Lãnh đạo: {leaders}")
    if award.funding:
        lines.append(f"       Nguồn tiền thưởng: {award.funding}")
    if award.note:
        lines.append(f"       Ghi chú: {award.note}")
    return lines


def _later_name(plan: Plan, award: Award) -> list[str]:
    """What became of an award the plan names, by its last review, after a province merged or a
    level of government ended (the plan is shown as issued; a dossier dated later chooses)."""
    last = dt.date(max((r.year for r in plan.reviews), default=plan.document.year), 12, 31)
    lines = []
    merger = merger_of(award.name, last)
    if merger is not None:
        lines.append(
            f"       Từ {format_short_date(merger.effective)} (tỉnh {merger.old} sáp nhập vào "
            f"tỉnh {merger.into}), hồ sơ ghi: {merger.renamed(award.name)}"
        )
    ended = ended_level(award.awarded_by, last)
    if ended is not None and not award.decided_by_unit:
        gone = ended.last_day + dt.timedelta(days=1)
        lines.append(
            f"       Từ {format_short_date(gone)} không còn {ended.name}; hồ sơ từ ngày đó chọn: "
            f"{ended.replacement}"
        )
    return lines


def _dossier_lines(plan: Plan) -> list[str]:
    """What a dossier holds, its report form, the criteria, deadlines and local rules."""
    d = plan.dossier
    lines = [f"  Hồ sơ gồm: {', '.join(REGISTRY[k].kind.title for k in d.documents)}"]
    if d.trich_ngang_allowed:
        lines.append("  Được dùng trích ngang thành tích thay cho báo cáo thành tích.")
    lines.append(f"  Mẫu báo cáo: {d.report_form}")
    if plan.criteria:
        lines.append("  Chỉ tiêu định lượng:")
        for group in dict.fromkeys(c.group for c in plan.criteria):
            lines.append(f"    {group}:")
            lines += [
                f"      - {c.name}: {c.requirement}" for c in plan.criteria if c.group == group
            ]
    if plan.deadlines:
        lines.append("  Thời hạn:")
        lines += [
            f"    - {x.what}: {x.when}" + (f"; gửi {x.to}" if x.to else "") for x in plan.deadlines
        ]
    if plan.legal_basis:
        lines.append("  Căn cứ riêng của địa phương:")
        lines += [f"    - {x}" for x in plan.legal_basis]
    return lines


def build_text(report: BuildReport) -> str:
    """What a build did: problems per workbook, then a summary of what is where."""
    out = []
    # With findings to show, each file's line says what stopped it; else one line per failure.
    said = any(r.check.findings for r in report.results)
    if said:
        problems = [r.error for r in report.results]
        out.append(findings_text([r.check for r in report.results], problems))
    for r in report.results:
        if r.error and not said:
            out.append(f"✗ {r.check.label}: {r.error}")
        elif r.check.exit_code:
            out.append(f"✗ {r.check.label}: không tạo hồ sơ vì tệp còn lỗi (xem trên).")
    if not said:  # else findings_text said it
        out += same_proposals_text([r.check for r in report.results])
    built = [r for r in report.results if r.folder]
    examples = [r for r in built if has_examples(r.check.findings)]
    made = sum(r.made for r in built)
    reused = sum(r.reused for r in built)
    dossiers = sum(r.dossiers for r in built)
    seconds = format_decimal(report.seconds, 1, keep_zeros=True)
    line = (
        f"Xong {len(built)}/{len(report.results)} tệp trong {seconds} giây: {made} văn bản tạo mới"
    )
    if reused:
        line += f", {reused} văn bản không đổi (dùng lại)"
    if dossiers:
        line += f", {dossiers} hồ sơ PDF"
    if alone := [reason for r in built for reason in r.alone]:
        line += f"; {alone_text(alone)}"
    out.append(line + ".")
    if built:
        out.append(f"Kết quả trong {report.out_dir}/:")
        for r in built:
            note = " (không thay đổi)" if r.unchanged else ""
            out.append(f"  {r.check.label} → {r.folder}{note}")
    out += [text for r in built if (text := set_aside_text(r.folder, r.set_aside))]
    out += [line for r in built for line in kept_text(r.folder, r.kept)]
    for r in examples:
        out.append(f"⚠ CHÚ Ý: {r.folder} được tạo từ tệp còn dữ liệu ví dụ (hư cấu).")
        out.append(f"⚠ {EXAMPLE_BANNER}")
    return "\n".join(out)


def has_examples(findings: Sequence[Finding]) -> bool:
    """True when a check found example data left in the workbook."""
    return any(f.code == EXAMPLE_CODE for f in findings)


def templates_text() -> str:
    """Every document kind with its template files and the variables its templates may use."""
    out = []
    for producer in REGISTRY.values():
        kind = producer.kind
        out.append(f"{kind.id}: {kind.title} — mẫu: {', '.join(kind.templates)}")
        out += [f"  {key}: {text}" for key, text in producer.keys.items()]
    out.append("Bộ lọc dùng được trong mọi mẫu ({{ biến|bộ_lọc }}):")
    out += [f"  {name}: {text}" for name, (_, text) in FILTERS.items()]
    out.append(VALUES_NOTE)
    return "\n".join(out)
