"""The office's pages: its periods, a period at a glance, the period's documents as a ZIP."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import close_old_connections
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from pipeline.build import BuildOptions
from pipeline.errors import HosoError
from pipeline.period.build import build_period
from pipeline.web.access import audit, own_proposal, requires
from pipeline.web.builds import zip_response
from pipeline.web.models import Period, PeriodRun
from pipeline.web.periods import folder_of, overview, submit_upload, twice

RUNS = "dot-xet-ket-qua"
# The period's documents are made off the request thread, one period build at a time.
_RUNNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hoso-period")


@requires("thi-dua")
def periods(request: HttpRequest) -> HttpResponse:
    """The office's periods."""
    return render(request, "web/dot_xet_list.html", {"periods": Period.objects.order_by("title")})


@require_GET
@requires("thi-dua")
def period(request: HttpRequest, slug: str) -> HttpResponse:
    """A period: every unit's status, the quota bars, people proposed twice, its documents."""
    found = get_object_or_404(Period, slug=slug)
    try:
        checked, rows, bars = overview(found)
    except HosoError as exc:
        return render(request, "web/dot_xet.html", {"period": found, "broken": str(exc)})
    here = f"{checked.period.folder}/"
    others = [
        (f.severity, str(f).replace(here, ""))
        for f in checked.findings
        if f.code != "period-duplicate"
    ]
    context = {
        "period": found,
        "checked": checked,
        "rows": rows,
        "bars": bars,
        "twice": [str(f).replace(here, "") for f in twice(checked)],
        "others": others,
        "run": found.runs.order_by("-at", "-pk").first(),
    }
    return render(request, "web/dot_xet.html", context)


@require_POST
@requires("thi-dua")
def build_documents(request: HttpRequest, slug: str) -> HttpResponse:
    """Make the period's documents off the request thread."""
    found = get_object_or_404(Period, slug=slug)
    if found.runs.filter(status__in=("queued", "running")).exists():
        messages.error(request, "Văn bản của đợt đang được tạo; hãy chờ lần trước xong.")
        return redirect("dot-xet", slug=slug)
    folder = Path(settings.DATA_DIR) / RUNS / uuid.uuid4().hex
    run = PeriodRun.objects.create(
        period=found, folder=str(folder.relative_to(settings.DATA_DIR)), by=request.user
    )
    audit(request, "tao-van-ban-dot-xet", f"đợt {found.slug}", f"lần {run.pk}")
    _RUNNER.submit(_run, run.pk)
    return redirect("dot-xet", slug=slug)


def _run(pk: int) -> None:
    """Build a period's documents and record how it ended."""
    close_old_connections()
    run = PeriodRun.objects.select_related("period").get(pk=pk)
    run.status = "running"
    run.save(update_fields=["status"])
    try:
        made = build_period(
            folder_of(run.period), BuildOptions(out_dir=Path(settings.DATA_DIR) / run.folder)
        )
        run.status = "done"
        run.message = "" if made.exit_code == 0 else "Có đơn vị còn lỗi: văn bản của họ chưa tạo."
    except HosoError as exc:
        run.status, run.message = "failed", str(exc)
    except Exception as exc:  # a hoso bug: the office sees that it failed, the log has the rest
        run.status, run.message = "failed", f"Lỗi của hoso: {type(exc).__name__}."
        logging.getLogger(__name__).exception("period build %s", pk)
    finally:
        run.save(update_fields=["status", "message"])
        close_old_connections()


def fail_interrupted() -> int:
    """Period runs left queued or running by a server that stopped: failed, with a message."""
    return PeriodRun.objects.filter(status__in=("queued", "running")).update(
        status="failed",
        message="Máy chủ đã dừng khi đang tạo văn bản của đợt; hãy bấm “Tạo văn bản của đợt” lại.",
    )


@require_GET
@requires("thi-dua")
def run_status(request: HttpRequest, slug: str) -> HttpResponse:
    """The live part of the period page: the last run of its documents."""
    found = get_object_or_404(Period, slug=slug)
    run = found.runs.order_by("-at", "-pk").first()
    return render(request, "web/_dot_xet_van_ban.html", {"period": found, "run": run})


@require_GET
@requires("thi-dua")
def download_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The period's documents of one finished run, as a ZIP."""
    run = get_object_or_404(PeriodRun, pk=pk, period__slug=slug, status="done")
    audit(request, "tai-ve-van-ban-dot-xet", f"đợt {slug}", f"lần {run.pk}")
    return zip_response(Path(settings.DATA_DIR) / run.folder, f"dot-xet-{slug}-{run.pk}.zip")


@require_POST
@requires("van-thu")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the latest version of a proposal to its period (it must have no errors)."""
    found = own_proposal(request.user, pk)
    latest = found.latest()
    if found.period is None:
        raise Http404
    if latest is None or latest.errors:
        messages.error(request, "Chỉ nộp được phiên bản không có lỗi: hãy sửa rồi tải lên lại.")
        return redirect("de-nghi-chi-tiet", pk=pk)
    try:
        submit_upload(found, latest)
    except HosoError as exc:
        messages.error(request, f"Không nộp được: {exc}")
        return redirect("de-nghi-chi-tiet", pk=pk)
    from django.utils import timezone

    found.submitted, found.submitted_at = latest, timezone.now()
    found.save(update_fields=["submitted", "submitted_at"])
    audit(
        request, "nop-ho-so", f"đề nghị {pk}, phiên bản {latest.number}", f"đợt {found.period.slug}"
    )
    messages.success(request, f"Đã nộp phiên bản {latest.number} cho đợt “{found.period.title}”.")
    return redirect("de-nghi-chi-tiet", pk=pk)
