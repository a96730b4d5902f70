"""The office's pages: its periods, a period at a glance, the period's documents (each file, a ZIP)."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from pipeline.errors import HosoError
from pipeline.inputs.plans import get_plan
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.council_sheet import council_state
from pipeline.period.issuer import derived_issuer, issuing
from pipeline.period.manifest import OfficeFile, office_files
from pipeline.vietnamese.numbers import grouped
from pipeline.web.access import audit, own_proposal, requires
from pipeline.web.builds import queue, zip_response
from pipeline.web.commands import job_text
from pipeline.web.council import SECTION as COUNCIL
from pipeline.web.models import Period, PeriodRun, Proposal, Upload
from pipeline.web.office_signed import PART as OFFICE_SIGNED
from pipeline.web.office_signed import office_rows
from pipeline.web.periods import (
    UnitRow,
    changed_since,
    folder_of,
    overview,
    proposal_lock,
    submit_upload,
    unit_workbook,
)
from pipeline.web.received import UNITS
from pipeline.web.signed import signed_submission
from pipeline.web.summary import Summary, summarize
from pipeline.web.unit_files import dossiers, last_results
from pipeline.web.uploads import OTHER_UNIT, example_refusal, example_rows
from pipeline.web.wording import (
    EDIT_PAGE,
    RESET_STOCK,
    certificates,
    load_problems,
    office_error,
    page_error,
    queue_down,
    unrooted,
)

if TYPE_CHECKING:
    from pipeline.jobs import JobStatus

RUNS = "dot-xet-ket-qua"
UNFINISHED = ("queued", "running")
DOCUMENTS = "van-ban"  # the period page's "Văn bản của đợt" section, where a run's progress is
INTERRUPTED = "Máy chủ đã dừng khi đang tạo văn bản của đợt; hãy bấm “Tạo văn bản của đợt” lại."


@requires("thi-dua")
def periods(request: HttpRequest) -> HttpResponse:
    """The office's periods, the newest first, each with its plan and review in words."""
    shown = [(p, _about(p), _due(p), _standing(p)) for p in Period.objects.order_by("-pk")]
    return render(request, "web/dot_xet_list.html", {"periods": shown})


def _standing(found: Period) -> Summary | None:
    """Where a period's units stand, as its page sums them up (None when its folder is
    unreadable: its own page says why)."""
    try:
        return summarize(*overview(found, last_results(found)))
    except HosoError:
        return None


def _due(found: Period) -> str:
    """A period's deadline and its expected units at a glance ("" when its folder is unreadable:
    its own page says why)."""
    try:
        config = folder_of(found).config
    except HosoError:
        return ""
    units = f"{grouped(len(config.units))} đơn vị phải nộp"
    if config.deadline is None:
        return units
    left = (config.deadline - timezone.localdate()).days
    when = (
        f"đã qua {grouped(-left)} ngày"
        if left < 0
        else "hôm nay là ngày cuối"
        if left == 0
        else f"còn {grouped(left)} ngày"
    )
    return f"hạn nộp {config.deadline:%d/%m/%Y} ({when}), {units}"


def _about(found: Period) -> str:
    """A period's plan and review as the office names them (their ids if the plan is gone)."""
    try:
        plan = get_plan(found.plan_id)
    except HosoError:
        return f"kế hoạch {found.plan_id}, đợt {found.review_id}"
    review = next((r.label for r in plan.reviews if r.id == found.review_id), found.review_id)
    return f"kế hoạch năm {plan.document.year} của {plan.issuer.short}, đợt “{review}”"


@require_GET
@requires("thi-dua")
def period(request: HttpRequest, slug: str) -> HttpResponse:
    """A period: every unit's status, the quota bars, people proposed twice, its documents."""
    found = get_object_or_404(Period, slug=slug)
    run = latest_run(found)
    results = Path(settings.DATA_DIR) / run.folder if run and run.status == "done" else None
    try:
        checked, rows, bars = overview(found, results)
    except HosoError as exc:
        broken = load_problems(exc, Path(settings.DATA_DIR) / found.folder, found.plan_id)
        context = {"period": found, "broken": broken, "stock_broken": broken[-1] == RESET_STOCK}
        return render(request, "web/dot_xet.html", context)
    files = _files(found, run)
    signed, council = office_rows(run), council_state(checked)
    context = {
        "period": found,
        "drawn": drawn_places(rows, council=bool(council), signed=bool(signed)),
        "files": files,
        # The chart the run drew: the page's contents line links to it.
        "chart": any(f.format == "ảnh PNG" for _, group in files for _, f in group),
        "signed": signed,
        "stale": ", ".join(changed_since(checked.period, run.at))
        if run and run.status == "done"
        else "",
        "checked": checked,
        "rows": rows,
        "dossiers": dossiers(checked.period, last_results(found), [r.workbook for r in rows]),
        "bars": bars,
        "summary": summarize(checked, rows, bars),
        "run": run,
        "council": council,
        "stock": certificates(checked.period),
        "today": timezone.localdate(),  # the receipt date a unit's row offers
        "issued_by": issued_by(checked.period),
        "issued_as": issued_as(checked.period),
    }
    return render(request, "web/dot_xet.html", context)


def drawn_places(rows: list[UnitRow], *, council: bool, signed: bool) -> list[str]:
    """The anchors of the period page's parts that draw their own messages (templatetags/flash.py)
    as the page is drawn now, its units' rows among them: a message tagged with any other is
    drawn at the page's top."""
    places = [UNITS, DOCUMENTS, *(r.anchor for r in rows if r.anchor)]
    places += [COUNCIL] if council else []
    places += [OFFICE_SIGNED] if signed else []
    return places


def issued_by(period: PeriodFolder) -> str:
    """Who issues and signs the Quyết định of the awards the office decides, as printed ("" when
    it decides none): a province's award is issued under the province's name, not the office's."""
    if not period.decided:
        return ""
    decision = issuing(period)
    awards = "; ".join(a.name for a in period.decided)
    name = decision.signer_name or (
        f"(chưa ghi họ tên: ghi “Họ và tên người ký quyết định” ở {EDIT_PAGE})"
    )
    why = ", cơ quan có thẩm quyền tặng" if derived_issuer(period) is not None else ""
    return (
        f"Quyết định khen thưởng ({awards}) do {decision.body} ban hành{why}; người ký: "
        f"{decision.signer_title} {name}."
    )


def issued_as(period: PeriodFolder) -> str:
    """The number and date of the Quyết định the office decides, as recorded for its certificates
    and register, or what is still to record ("" when it decides none)."""
    if not period.decided:
        return ""
    decision = issuing(period)
    number = f"số {decision.number}" if decision.number else "chưa ghi số"
    day = f"ngày {decision.date:%d/%m/%Y}" if decision.date else "chưa ghi ngày"
    said = f"Số, ngày Quyết định khen thưởng: {number}, {day}"
    if decision.number and decision.date:
        return said + "."
    return said + f" (khi Quyết định đã ký và ban hành: ghi ở {EDIT_PAGE})."


@require_POST
@requires("thi-dua")
def build_documents(request: HttpRequest, slug: str) -> HttpResponse:
    """Queue the period's documents as a job for the workers (it survives a server restart)."""
    found = get_object_or_404(Period, slug=slug)
    if any(run_now(r).status in UNFINISHED for r in found.runs.filter(status__in=UNFINISHED)):
        messages.error(request, "Văn bản của đợt đang được tạo; hãy chờ lần trước xong.")
        return redirect("dot-xet", slug=slug)
    folder = _new_run_folder(found)
    try:
        job = queue().submit_period(Path(settings.DATA_DIR) / found.folder, folder)
    except HosoError as exc:
        said = office_error(exc, Path(settings.DATA_DIR) / found.folder, folder)
        messages.error(request, f"Không tạo được văn bản của đợt: {said}")
        return redirect("dot-xet", slug=slug)
    run = PeriodRun.objects.create(
        period=found,
        folder=str(folder.relative_to(settings.DATA_DIR)),
        by=request.user,
        job_id=job,
    )
    audit(request, "tao-van-ban-dot-xet", f"đợt {found.slug}", f"lần {run.pk}")
    # To the section the progress is drawn in, at the page's end, not to its top: the message
    # is drawn there too (tagged with the section: templatetags/flash.py), where the office lands.
    said = "Đã bắt đầu tạo văn bản của đợt; tiến độ và tệp tải về ở mục này, ngay dưới đây."
    messages.success(request, said, extra_tags=DOCUMENTS)
    return redirect(reverse("dot-xet", kwargs={"slug": slug}) + f"#{DOCUMENTS}")


def _new_run_folder(found: Period) -> Path:
    """A new run's folder holding the last finished run's files (hard links: nothing is copied),
    so that the build redoes only what changed and keeps the signed copies taken back."""
    folder = Path(settings.DATA_DIR) / RUNS / uuid.uuid4().hex
    last = found.runs.filter(status="done").order_by("-at", "-pk").first()
    source = Path(settings.DATA_DIR) / last.folder if last else None
    if source is not None and source.is_dir():
        try:
            # Files are only ever replaced by a rename, never written in place: links are safe.
            shutil.copytree(source, folder, copy_function=_link, ignore=_PRIVATE)
        except (OSError, shutil.Error):
            shutil.rmtree(folder, ignore_errors=True)  # then a whole new build
    return folder


_PRIVATE = shutil.ignore_patterns(".*")  # a build's lock, staging, old and half-written files


def _link(source: str, target: str) -> None:
    """A hard link, else a copy (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def latest_run(found: Period) -> PeriodRun | None:
    """The period's last run of its documents, with its status now."""
    run = found.runs.order_by("-at", "-pk").first()
    return None if run is None else run_now(run)


def run_now(run: PeriodRun) -> PeriodRun:
    """The run with its job's status now (recorded once it has changed)."""
    if run.status not in UNFINISHED:
        return run
    if not run.job_id:  # made in the server's own process before runs were queued
        run.status, run.message = "failed", INTERRUPTED
        run.save(update_fields=["status", "message"])
        return run
    try:
        status = queue().status(run.job_id)
    except HosoError as exc:  # the queue does not answer now: said, the run left as it was
        run.message = queue_down(exc)
        return run
    # A build that failed says the worker's error: files named inside the run or the period.
    data = Path(settings.DATA_DIR)
    inside = (data / run.period.folder, data / run.folder)
    message = unrooted(job_text(status.message), *inside) if status.finished else ""
    # For the page's live part, not recorded: whom it waits for, how far it is.
    run.waiting, run.holder = status.waiting, status.holder  # type: ignore[attr-defined]
    run.done, run.total = status.done, status.total  # type: ignore[attr-defined]
    run.counted = _counted(status)  # type: ignore[attr-defined]
    run.percent = round(100 * status.done / status.total) if status.total else 0  # type: ignore[attr-defined]
    if (status.status, message) != (run.status, run.message):
        run.status, run.message = status.status, message
        run.save(update_fields=["status", "message"])
    return run


@require_GET
@requires("thi-dua")
def run_status(request: HttpRequest, slug: str) -> HttpResponse:
    """The live part of the period page: the last run of its documents."""
    found = get_object_or_404(Period, slug=slug)
    run = latest_run(found)
    context = {
        "period": found,
        "run": run,
        "files": _files(found, run),
        "signed": office_rows(run),
        "stale": _stale(found, run),
        "stock": _certificates(found),
    }
    response = render(request, "web/_dot_xet_van_ban.html", context)
    if run is not None and run.status not in UNFINISHED and request.headers.get("HX-Request"):
        # The run polled here has just ended: redraw the whole page, whose units' table now links
        # each unit's dossier of this run (the page polls only while a run is unfinished).
        response["HX-Refresh"] = "true"
    return response


def _counted(status: JobStatus) -> str:
    """How far a run is, in words: the units' documents made so far of how many once they are
    counted, else why none is counted yet (queued, waiting for its folder, reading the units'
    files), never a count "0/0" that says nothing."""
    if status.status == "queued":
        return "Chưa tạo văn bản nào: đang chờ đến lượt."
    if status.waiting:
        return "Chưa tạo văn bản nào: đang chờ thư mục kết quả được dùng xong."
    if not status.total:
        return "Đang kiểm tra các tệp; chưa biết cần tạo bao nhiêu văn bản."
    # The office's own documents are made after the units' ones, uncounted.
    return f"Đã tạo {status.done}/{status.total} văn bản của các đơn vị."


def _certificates(found: Period) -> str:
    """`certificates` of a period whose folder may not read now ("" then: the page says why)."""
    try:
        return certificates(folder_of(found))
    except HosoError:
        return ""


def _stale(found: Period, run: PeriodRun | None) -> str:
    """What changed since the last finished run began, in words ("" if nothing)."""
    if run is None or run.status != "done":
        return ""
    try:
        return ", ".join(changed_since(folder_of(found), run.at))
    except HosoError:
        return ""


def _files(found: Period, run: PeriodRun | None) -> list[tuple[str, list[tuple[int, OfficeFile]]]]:
    """A finished run's office files, numbered (the download's index), grouped by title."""
    if run is None or run.status != "done":
        return []
    try:
        plan = get_plan(found.plan_id)
    except HosoError:
        return []
    groups: dict[str, list[tuple[int, OfficeFile]]] = {}
    for i, f in enumerate(office_files(Path(settings.DATA_DIR) / run.folder, plan)):
        groups.setdefault(f.title, []).append((i, f))
    return list(groups.items())


ON_PAGE = "tren-trang"  # ?tren-trang=1: the chart drawn on the period page


@require_GET
@requires("thi-dua")
def run_file(request: HttpRequest, slug: str, pk: int, index: int) -> HttpResponse:
    """One office file of a finished run, by its place in the run's list (no path from the URL):
    PDFs and pictures shown in the browser, the others downloaded."""
    run = get_object_or_404(PeriodRun, pk=pk, period__slug=slug, status="done")
    folder = Path(settings.DATA_DIR) / run.folder
    files = office_files(folder, get_plan(run.period.plan_id))
    if not 0 <= index < len(files) or not (folder / files[index].path).is_file():
        raise Http404
    chosen = files[index]
    shown = chosen.path.endswith((".pdf", ".png"))
    # The chart the period page draws is part of the page, not a file the office opened: logging
    # it would add a row to the log at every look at the period.
    if not (request.GET.get(ON_PAGE) and chosen.path.endswith(".png")):
        # The log says the document as the page names it, not the run folder's path.
        detail = f"{chosen.title} ({chosen.format})"
        audit(request, "tai-ve-tep-dot-xet", f"đợt {slug}, lần {run.pk}", detail)
    # Named for the period too: the office's downloads folder gathers several periods' files,
    # and each period makes the same 01-quyet-dinh.pdf (the stored file keeps its own name).
    name = f"{slug}-{Path(chosen.path).name}"
    return FileResponse((folder / chosen.path).open("rb"), as_attachment=not shown, filename=name)


@require_GET
@requires("thi-dua")
def download_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The period's documents of one finished run, as a ZIP."""
    run = get_object_or_404(PeriodRun, pk=pk, period__slug=slug, status="done")
    audit(request, "tai-ve-van-ban-dot-xet", f"đợt {slug}", f"lần {run.pk}")
    # The run's manifest.json (and each unit's) stays on the server: see packing.INTERNAL.
    folder = Path(settings.DATA_DIR) / run.folder
    return zip_response(folder, f"dot-xet-{slug}-{run.pk}.zip")


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
    other = next((f for f in latest.report["findings"] if f["code"] == OTHER_UNIT), None)
    if other is not None:
        where = f"{other['sheet']}!{other['cell']}: " if other.get("cell") else ""
        messages.error(request, f"Không nộp được: {where}{other['message']}")
        return redirect("de-nghi-chi-tiet", pk=pk)
    if example_rows(latest):  # fictional people never reach the office, warned or not
        messages.error(request, f"Không nộp được: {example_refusal(latest)}")
        return redirect("de-nghi-chi-tiet", pk=pk)
    if found.unchanged_since_return(latest) and request.POST.get("nop_lai") != "1":
        # A page from before the return (another tab, the back button) must not resend silently.
        messages.error(
            request,
            f"Phiên bản {latest.number} có từ trước khi hồ sơ bị trả lại: hãy sửa tệp và tải lên "
            "phiên bản mới, hoặc bấm “Vẫn nộp lại” nếu chắc chắn không cần sửa.",
        )
        return redirect("de-nghi-chi-tiet", pk=pk)
    try:
        with proposal_lock(pk):
            note = _submit(found, latest)
    except HosoError as exc:
        period = Path(settings.DATA_DIR) / found.period.folder if found.period else None
        messages.error(request, f"Không nộp được: {page_error(exc, *filter(None, [period]))}")
        return redirect("de-nghi-chi-tiet", pk=pk)
    audit(
        request, "nop-ho-so", f"đề nghị {pk}, phiên bản {latest.number}", f"đợt {found.period.slug}"
    )
    messages.success(request, f"Đã nộp phiên bản {latest.number} cho đợt “{found.period.title}”.")
    if note is not None:
        complete, text = note
        (messages.success if complete else messages.warning)(request, text)
    return redirect("de-nghi-chi-tiet", pk=pk)


def _submit(found: Proposal, latest: Upload) -> tuple[bool, str] | None:
    """The version into don-vi/ and the proposal marked submitted; for a period asking for signed
    PDFs, (all signed, what the clerk must know)."""
    assert found.period is not None
    # The signed copies first: if they cannot be written, nothing of this version is sent.
    signed = folder_of(found.period).config.signed
    note = signed_submission(latest, unit_workbook(found)) if signed else None
    submit_upload(found, latest)
    found.submitted, found.submitted_at = latest, timezone.now()
    found.returned_at, found.returned_note = None, ""  # sent again: the office's note is answered
    found.save(update_fields=["submitted", "submitted_at", "returned_at", "returned_note"])
    return note
