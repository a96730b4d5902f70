"""The clerk's pages: choose plan and review, blank workbook, upload, findings, the sheet drawn."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import openpyxl
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pipeline.authoring.cells import put
from pipeline.authoring.scaffold import init_workbook, write_workbook
from pipeline.check.findings import Finding
from pipeline.errors import HosoError, PlanError
from pipeline.inputs.contract import INFO_SHEET
from pipeline.inputs.plans import all_plans, get_plan
from pipeline.period.examples import unit_example
from pipeline.vietnamese.numbers import grouped
from pipeline.web.access import audit, own_proposal, own_upload, requires, unit_of
from pipeline.web.models import Proposal, Upload
from pipeline.web.sheet import draw_sheets
from pipeline.web.uploads import (
    OTHER_UNIT,
    download_name,
    example_refusal,
    example_rows,
    store_upload,
    upload_path,
)
from pipeline.web.wording import for_office, page_error


def choices() -> list[tuple[str, str]]:
    """Every plan and review as (value "plan/review", label): who, which review, which movement
    ("UBND huyện Bù Gia Mập: Sơ kết năm 2023, phong trào “Chuyển đổi số giai đoạn 2022 - 2025”")."""
    offered = [
        (p, f"{p.id}/{r.id}", f"{p.issuer.short}: {r.label}, phong trào “{p.movement}”")
        for p in all_plans()
        for r in p.reviews
    ]
    seen = Counter(label for _, _, label in offered)  # two plans alike: their ids tell them apart
    return [(v, f"{label} ({p.id})" if seen[label] > 1 else label) for p, v, label in offered]


@requires("van-thu")
def proposals(request: HttpRequest) -> HttpResponse:
    """The unit's proposals, and the form to start one."""
    unit = unit_of(request.user)
    if request.method == "POST":
        return _new_proposal(request, unit)
    mine = Proposal.objects.filter(unit=unit).order_by("-created").select_related("submitted")
    offered = choices()
    labels = dict(offered)
    rows = [
        (p, labels.get(f"{p.plan_id}/{p.review_id}", f"{p.plan_id}/{p.review_id}"), standing(p))
        for p in mine
    ]
    context = {"rows": rows, "choices": offered, "expected": _expected_by(unit)}
    return render(request, "web/de_nghi_list.html", context)


def _expected_by(unit: object) -> str:
    """The "plan/review" of a period that expects this unit: what its clerk most likely wants."""
    from pipeline.period.units import unit_key
    from pipeline.web.periods import expected_units

    name = unit_key(str(unit))
    found = next((p for p, expected in expected_units() if unit_key(expected) == name), None)
    return f"{found.plan_id}/{found.review_id}" if found is not None else ""


def _new_proposal(request: HttpRequest, unit: object) -> HttpResponse:
    """Start a proposal for a plan and review (tied to the office's period of the same)."""
    value = request.POST.get("plan_review", "")
    if value not in dict(choices()):
        messages.error(request, "Hãy chọn kế hoạch và đợt xét trong danh sách.")
        return redirect("de-nghi")
    from pipeline.web.periods import period_for

    plan_id, review_id = value.split("/", 1)
    period = period_for(unit, plan_id, review_id)  # type: ignore[arg-type]
    proposal = Proposal.objects.create(
        unit=unit, plan_id=plan_id, review_id=review_id, period=period
    )
    audit(request, "tao-de-nghi", f"đề nghị {proposal.pk}", value)
    return redirect("de-nghi-chi-tiet", pk=proposal.pk)


@require_GET
@requires("van-thu", "thi-dua", "quan-tri")
def blank_workbook(request: HttpRequest, plan_id: str, review_id: str, kind: str) -> HttpResponse:
    """The blank workbook of a plan and review, or the example (`kind` "trong" or "vi-du")."""
    if f"{plan_id}/{review_id}" not in dict(choices()) or kind not in ("trong", "vi-du"):
        raise Http404
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"de-nghi-{review_id}.xlsx"
        unit = unit_of(request.user)
        try:
            init_workbook(path, get_plan(plan_id), review_id, kind == "vi-du", audience="web")
            if kind == "vi-du" and unit is not None:
                _unit_example(path, plan_id, review_id, unit.name)
        except PlanError as exc:  # an example no living body could decide: said, not a 500
            messages.error(request, f"Không tải được tệp có dữ liệu ví dụ: {_on_the_page(exc)}")
            return redirect(_back(request))
        if unit is not None:  # a clerk's workbook names the clerk's unit, the example's too
            _name_unit(path, unit.name)
        data = path.read_bytes()
    name = f"{'vi-du' if kind == 'vi-du' else 'de-nghi'}-{plan_id}-{review_id}.xlsx"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The example's refusal tells a CLI user how to write another; the clerk has the blank workbook.
_CLI_REMEDY = re.compile(r"Hãy thêm hình thức đó vào kế hoạch .*$|Chưa ghi tệp nào\.$", re.S)


def _on_the_page(exc: PlanError) -> str:
    """Why no example can be made, with the clerk's way on instead of the command line's."""
    said = _CLI_REMEDY.sub("", str(exc)).rstrip()
    return f"{said} Hãy tải “Tệp Excel trống” và điền hồ sơ thật của đơn vị."


def _back(request: HttpRequest) -> str:
    """The page the link was clicked on (a proposal of this site), else the proposals."""
    came = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(came, {request.get_host()}, request.is_secure()):
        return came
    return reverse("de-nghi")


def _unit_example(path: Path, plan_id: str, review_id: str, unit: str) -> None:
    """Write the example of the clerk's unit over the plan's when that unit is one of the plan's
    example period's: the plan's example proposes every such unit as a collective, so a clerk
    who submitted it would clash with all the others."""
    plan = get_plan(plan_id)
    review = plan.review(review_id)
    found = unit_example(plan, review, unit) if review is not None else None
    if review is not None and found is not None:
        write_workbook(path, plan, review, *found, guide="web")


def _name_unit(path: Path, unit: str) -> None:
    """Write the clerk's unit as "Cơ quan trình khen": an upload naming another unit cannot be
    submitted, and the example would otherwise name the example's."""
    wb = openpyxl.load_workbook(path)
    ws = wb[INFO_SHEET.name]
    label = next(f.header for f in INFO_SHEET.fields if f.key == "unit")
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == label:
            put(ws, row[1].row, 2, unit)
    wb.save(path)


@requires("van-thu")
def proposal(request: HttpRequest, pk: int, version: int | None = None) -> HttpResponse:
    """A proposal: its versions, the upload form, a version's findings and sheets, its builds."""
    found = own_proposal(request.user, pk)
    uploads = list(found.uploads.order_by("-number").select_related("by"))
    shown = next((u for u in uploads if u.number == version), None)
    if version is not None and shown is None:  # "phien-ban/0/" too: no such version
        raise Http404
    shown = shown or (uploads[0] if uploads else None)
    sheets = draw_sheets(upload_path(shown), shown.report["findings"]) if shown else []
    plan = get_plan(found.plan_id)
    period_findings = _period_findings(found)
    period_errors = sum(severity == "error" for severity, _ in period_findings)
    latest = uploads[0] if uploads else None
    context = {
        "proposal": found,
        "uploads": uploads,
        "shown": shown,
        "latest": uploads[0] if uploads else None,
        "unchanged": found.unchanged_since_return(uploads[0] if uploads else None),
        "other_unit": _other_unit(uploads[0] if uploads else None),
        "example": example_refusal(uploads[0]) if uploads and example_rows(uploads[0]) else "",
        "standing": standing(found, latest, period_errors),
        "period_findings": period_findings,
        "period_errors": period_errors,
        "sheets": sheets,
        "builds": found.builds.order_by("-at")[:10],
        "plan": plan,
        "review": plan.review(found.review_id),
        "already": _already_there(found),
        **_deadline(found),
    }
    return render(request, "web/de_nghi.html", context)


def standing(
    found: Proposal, latest: Upload | None = None, period_errors: int = 0
) -> tuple[list[tuple[str, str]], str]:
    """Where a proposal stands for its clerk: badges (style, words) and what they mean, so that a
    valid version is never read as sent, nor a version uploaded after sending as the one sent;
    with the errors the period's check finds in the version sent (`period_errors`), never as
    free of errors while the office sees it "có lỗi"."""
    latest = latest or found.latest()
    sent = found.submitted
    if sent is not None:
        return _sent_standing(found, sent, latest, period_errors)
    if found.returned_at is not None:
        when = timezone.localtime(found.returned_at).strftime("%d/%m/%Y")
        return [("tra-lai", "bị trả lại")], f"trả lại ngày {when}: hãy sửa, tải lên rồi nộp lại"
    if latest is None:
        return [("chua-nop", "chưa nộp")], "chưa tải lên tệp nào"
    if latest.errors:
        return [("chua-nop", "chưa nộp"), ("co-loi", "có lỗi")], (
            f"phiên bản {latest.number} còn {latest.errors} lỗi: hãy sửa rồi tải lên lại"
        )
    if found.period is None:
        return [("chua-nop", "chưa nộp"), ("hop-le", "hợp lệ")], (
            f"phiên bản {latest.number} không có lỗi; kế hoạch, đợt xét này chưa có đợt nhận hồ sơ"
        )
    other = _other_unit(latest)
    if other is not None:
        return [("chua-nop", "chưa nộp"), ("co-loi", "tên đơn vị khác")], (
            f"phiên bản {latest.number} ghi đơn vị khác ở {_where(other)}nên chưa nộp được: hãy "
            "sửa ô đó thành tên đơn vị mình rồi tải lên lại"
        )
    if example_rows(latest):
        return [("chua-nop", "chưa nộp"), ("co-loi", "còn dữ liệu ví dụ")], (
            f"phiên bản {latest.number} còn dữ liệu ví dụ (hư cấu) nên chưa nộp được: hãy xóa "
            "các dòng ví dụ rồi tải lên lại"
        )
    return [("chua-nop", "chưa nộp"), ("hop-le", "hợp lệ")], (
        f"phiên bản {latest.number} không có lỗi nhưng chưa nộp: nút nộp cho đợt xét ở mục 4 của "
        "đề nghị"
    )


def _sent_standing(
    found: Proposal, sent: Upload, latest: Upload | None, period_errors: int
) -> tuple[list[tuple[str, str]], str]:
    """A submitted proposal's standing. After the badge "đã nộp" the words go on from it, never
    say it again."""
    when = timezone.localtime(found.submitted_at).strftime("%H:%M ngày %d/%m/%Y")
    newer = latest is not None and latest.number > sent.number
    # "nộp" again only where a later version stands beside it, to tell which was sent.
    said = f"phiên bản {sent.number} {'nộp lúc' if newer else 'lúc'} {when}"
    badges = [("da-nop", "đã nộp")]
    if period_errors:
        badges.append(("co-loi", "có lỗi"))
        said += (
            f"; đợt xét thấy {period_errors} lỗi khi đối chiếu với hồ sơ của các đơn vị khác "
            "(xem mục “Đối chiếu với các đơn vị khác”)"
        )
    if newer and latest is not None:
        badges.append(("tai-len-hop-le", "có bản mới chưa nộp"))
        said += (
            f"; phiên bản {latest.number} tải lên sau chưa nộp: đợt xét vẫn dùng phiên bản "
            f"{sent.number}"
        )
    return badges, said


def _period_findings(found: Proposal) -> list[tuple[str, str]]:
    """What the period's check says of the workbook this proposal submitted beside the other
    units' (a person another unit proposes too, lateness): (severity, words). Only the findings
    at the clerk's own unit's file: the office sees the unit "có lỗi" for these and tells the
    clerk as much, naming the other unit; nothing of another unit's own findings."""
    if found.period is None or found.submitted_id is None:
        return []
    from pipeline.period.check import check_period
    from pipeline.period.units import unit_key
    from pipeline.web.check_cache import CHECKS
    from pipeline.web.periods import folder_of, named_places, unit_workbook

    try:
        folder = folder_of(found.period)
        sent = unit_workbook(found)
        checked = check_period(folder, CHECKS)  # each workbook's check kept: quick
    except HosoError:
        return []  # the office's page says what is wrong with the period
    own = unit_key(found.unit.name)
    mine = next((u for u in checked.units if u.file == sent and unit_key(u.name) == own), None)
    return [
        (f.severity, for_office(_at(f) + named_places(f.message, folder, {})))
        for f in (mine.findings if mine is not None else ())
    ]


def _at(finding: Finding) -> str:
    """A finding's sheet and cell ("Cá nhân!B7: "), when it has them."""
    s = finding.source
    return f"{s.sheet}!{s.cell}: " if s.sheet and s.cell else ""


def _other_unit(latest: Upload | None) -> dict[str, str] | None:
    """The finding that the latest version names another unit: it cannot be submitted, so the
    page says why instead of offering a button that would only refuse."""
    findings = latest.report["findings"] if latest else []
    return next((f for f in findings if f["code"] == OTHER_UNIT), None)


def _where(finding: dict[str, str]) -> str:
    """“ô Sheet!B6 ” for a finding at a cell, else nothing."""
    return f"ô {finding['sheet']}!{finding['cell']} " if finding.get("cell") else "tệp "


def _already_there(found: Proposal) -> str:
    """How the period already has the unit's workbook while this proposal has sent none ("" if
    it has none): the office took it another way, or another proposal of the unit sent it. The
    clerk's submission would replace it, so the page says so before "chưa nộp" misleads."""
    if found.period is None or found.submitted_id:
        return ""
    from pipeline.web.periods import unit_workbook

    try:
        if not unit_workbook(found).is_file():
            return ""
    except HosoError:
        return ""  # the office's page says what is wrong with the period
    other = (
        Proposal.objects.filter(unit=found.unit, period=found.period, submitted__isnull=False)
        .exclude(pk=found.pk)
        .first()
    )
    how = (
        f"Đề nghị {other.pk} của đơn vị đã nộp phiên bản {other.submitted.number}"
        if other and other.submitted
        else "thường trực thi đua đã nhận tệp của đơn vị không qua trang này"
    )
    return (
        f"Đợt “{found.period.title}” đã có tệp của đơn vị ({how}). Nộp đề nghị này sẽ thay tệp "
        "đó bằng phiên bản được nộp."
    )


def _deadline(found: Proposal) -> dict[str, object]:
    """The period's deadline and the days left (negative: late), for the clerk to see in time."""
    if found.period is None:
        return {}
    from pipeline.web.periods import folder_of

    try:
        deadline = folder_of(found.period).config.deadline
    except HosoError:
        return {}  # the office's page says what is wrong with the period
    left = (deadline - timezone.localdate()).days
    # Once submitted, what counts is the day it was sent, not today: a late submission stays
    # as late as it was, an early one is not "late" when its deadline passes.
    sent = timezone.localdate(found.submitted_at) if found.submitted_id else None
    after = (sent - deadline).days if sent else 0
    return {
        "deadline": deadline,
        "days_left": left,
        "days_late": grouped(-left),
        "sent_late": grouped(after) if after > 0 else "",
    }


@require_POST
@requires("van-thu")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the uploaded workbook as the next version and show its findings."""
    found = own_proposal(request.user, pk)
    try:
        kept = store_upload(found, request.FILES.get("file"), request.user)
    except HosoError as exc:
        name = getattr(request.FILES.get("file"), "name", "")
        audit(request, "tai-len-bi-tu-choi", f"đề nghị {found.pk}", f"{name[:100]}: {exc}")
        messages.error(request, f"Không nhận tệp: {page_error(exc)}")
        return redirect("de-nghi-chi-tiet", pk=found.pk)
    audit(
        request,
        "tai-len",
        f"đề nghị {found.pk}, phiên bản {kept.number}",
        f"{kept.name}, sha256 {kept.sha256}, {kept.errors} lỗi, {kept.warnings} cảnh báo",
    )
    other = _other_unit(kept) if found.period else None
    if kept.errors:
        messages.error(request, f"Phiên bản {kept.number}: {kept.errors} lỗi cần sửa.")
    elif other is not None:
        messages.warning(
            request,
            f"Phiên bản {kept.number}: không có lỗi, tạo được hồ sơ để xem thử nhưng chưa nộp "
            f"được: {_where(other)}ghi đơn vị khác (xem bên dưới).",
        )
    elif found.period and example_rows(kept):
        messages.warning(
            request,
            f"Phiên bản {kept.number}: không có lỗi, tạo được hồ sơ để xem thử nhưng chưa nộp "
            f"được: {example_refusal(kept)}",
        )
    else:
        messages.success(request, f"Phiên bản {kept.number}: không có lỗi, có thể tạo hồ sơ.")
    return redirect("de-nghi-chi-tiet", pk=found.pk)


@require_GET
@requires("van-thu")
def download_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded version's workbook, as it was uploaded."""
    found = own_upload(request.user, pk)
    audit(request, "tai-ve-tep-excel", f"đề nghị {found.proposal_id}, phiên bản {found.number}")
    name = download_name(found.name)
    return FileResponse(upload_path(found).open("rb"), as_attachment=True, filename=name)
