"""The clerk's list of proposals: each one's standing, and the form to start one."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pipeline.inputs.plans import all_plans
from pipeline.web.access import audit, requires, unit_of
from pipeline.web.models import Proposal
from pipeline.web.standing import standing


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
