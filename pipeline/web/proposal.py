"""A clerk's proposal page: its versions, a version's findings and sheets, the period's check
of what it submitted, its deadline, its builds."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from pipeline.check.findings import Finding
from pipeline.errors import HosoError
from pipeline.inputs.plans import get_plan
from pipeline.vietnamese.numbers import grouped
from pipeline.web.access import own_proposal, requires
from pipeline.web.models import Proposal
from pipeline.web.sheet import draw_sheets
from pipeline.web.standing import other_unit, standing
from pipeline.web.uploads import example_refusal, example_rows, upload_path
from pipeline.web.wording import for_office


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
        "other_unit": other_unit(uploads[0] if uploads else None),
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
