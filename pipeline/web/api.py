"""The JSON API for scripts: check, build, a build's status and its ZIP (Authorization: Bearer)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from pipeline.build.holder import page_kind, vietnam_iso
from pipeline.check.report import results_report
from pipeline.errors import HosoError
from pipeline.web.access import audit, role_of, unit_of
from pipeline.web.accounts import token_user
from pipeline.web.builds import folder_of, queue, shown_message, submit, zip_response
from pipeline.web.models import Build, Period, PeriodRun, Proposal
from pipeline.web.office import latest_run, run_now
from pipeline.web.periods import period_for
from pipeline.web.quotas import LimitReached, check_build, check_upload
from pipeline.web.uploads import check_incoming, store_upload
from pipeline.web.wording import page_error

if TYPE_CHECKING:
    from pipeline.build.holder import Holder


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _bearer(request: HttpRequest) -> Any:
    """The active user of the request's token, or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token_user(token.strip()) if scheme.lower() == "bearer" and token else None


def _unknown_token() -> JsonResponse:
    response = _error(401, "Thiếu mã API hoặc mã không đúng (Authorization: Bearer …).")
    response["WWW-Authenticate"] = "Bearer"
    return response


def token_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A valid token of a unit's clerk, else 401 (no cookies, so no CSRF token either)."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = _bearer(request)
        if user is None:
            return _unknown_token()
        if role_of(user) != "van-thu" or unit_of(user) is None:
            return _error(403, "Tài khoản này không phải văn thư của một đơn vị.")
        request.user = user
        return view(request, *args, **kwargs)

    return wrapped


def office_token_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A valid token of the emulation office (thi-dua), else 401 or 403."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = _bearer(request)
        if user is None:
            return _unknown_token()
        if role_of(user) != "thi-dua":
            return _error(403, "Tài khoản này không phải của thường trực thi đua.")
        request.user = user
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
@token_required
def check(request: HttpRequest) -> HttpResponse:
    """POST /api/v1/check: the same JSON as `hoso check --json` (nothing is kept)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            _, _, _, _, result = check_incoming(request.FILES.get("file"), Path(tmp))
        except HosoError as exc:
            return _error(400, page_error(exc, Path(tmp)))
    return JsonResponse(results_report([result]), json_dumps_params={"ensure_ascii": False})


@require_POST
@token_required
def builds(request: HttpRequest) -> HttpResponse:
    """POST /api/v1/builds: keep the workbook as a new proposal's version and queue its build."""
    from pipeline.jobs import JobBusy

    data = request.FILES.get("file")
    unit = unit_of(request.user)
    try:  # before a proposal is made: a refused call leaves nothing
        check_upload(request.user, unit, getattr(data, "size", 0) or 0)
        check_build(request.user, unit)
    except LimitReached as exc:
        return _error(exc.status, str(exc))
    proposal = Proposal.objects.create(unit=unit, plan_id="", review_id="")
    try:
        kept = store_upload(proposal, data, request.user)
        # Its plan and review are the workbook's: the clerk can submit it on the web like any.
        proposal.period = period_for(proposal.unit, proposal.plan_id, proposal.review_id)
        proposal.save(update_fields=["period"])
        build = submit(proposal, kept, request.user)
    except JobBusy as exc:
        return _error(409, str(exc))
    except LimitReached as exc:  # builds or uploads sent at the same moment
        proposal.delete()
        return _error(exc.status, str(exc))
    except HosoError as exc:
        proposal.delete()
        return _error(400, page_error(exc))
    audit(request, "api-tao-ho-so", f"hồ sơ {build.pk}", f"{kept.name}, sha256 {kept.sha256}")
    return JsonResponse({"id": build.pk, "status": queue().status(build.job_id).status}, status=202)


def _waiting(waiting: str, held: Holder | None) -> dict[str, Any] | None:
    """While another build holds the job's output folder (`waiting`: the page's words): what
    holds it, the machine user and process, and since when (ISO 8601, Việt Nam's time); None
    when not waiting. Unknown: null."""
    if not waiting:
        return None
    return {
        "holder": page_kind(held),
        "user": (held.user or None) if held else None,
        "pid": held.pid if held else None,
        "since": vietnam_iso(held.started) if held else None,
    }


def _own(request: HttpRequest, pk: int) -> Build | None:
    return Build.objects.filter(pk=pk, proposal__unit=unit_of(request.user)).first()


@require_GET
@token_required
def build(request: HttpRequest, pk: int) -> HttpResponse:
    """GET /api/v1/builds/<id>: its status, message and documents (another unit's: 404)."""
    found = _own(request, pk)
    if found is None:
        return _error(404, "Không có hồ sơ này.")
    status = queue().status(found.job_id)
    done, total = status.done, status.total
    if status.status == "done":  # progress is kept only while running: a finished one is full
        done = total = total or len(status.documents)
    body = {
        "id": found.pk,
        "status": status.status,
        # While waiting for another build, the line the build's page shows.
        "message": shown_message(found, status) or status.waiting,
        "documents": list(status.documents),
        "done": done,
        "total": total,
        "waiting": _waiting(status.waiting, status.holder),
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
@token_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """GET /api/v1/builds/<id>/download: the ZIP of a finished build."""
    found = _own(request, pk)
    if found is None:
        return _error(404, "Không có hồ sơ này.")
    if queue().status(found.job_id).status != "done":
        return _error(409, "Hồ sơ chưa tạo xong.")
    audit(request, "api-tai-ve-zip", f"hồ sơ {found.pk}")
    return zip_response(folder_of(found), f"ho-so-{found.pk}.zip")


@require_GET
@office_token_required
def period_run(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """GET /api/v1/periods/<slug>/runs/<id> (or /run: its last): a run of the period's documents,
    its status, message and progress, and whom it waits for, as for a clerk's build."""
    if pk is None:
        period = Period.objects.filter(slug=slug).first()
        run = latest_run(period) if period else None
    else:
        found = PeriodRun.objects.filter(period__slug=slug, pk=pk).first()
        run = run_now(found) if found else None
    if run is None:
        return _error(404, "Không có lần tạo văn bản này của đợt xét.")
    waiting, total = getattr(run, "waiting", ""), getattr(run, "total", 0)
    # Counted once documents are being made; null while nothing is (queued, waiting, checking).
    counted = run.status == "running" and not waiting and total
    body = {
        "id": run.pk,
        "period": slug,
        "status": run.status,
        # While waiting for another build, the line the period page shows.
        "message": run.message or waiting,
        "done": getattr(run, "done", 0) if counted else None,
        "total": total if counted else None,
        "waiting": _waiting(waiting, getattr(run, "holder", None)),
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
