"""Builds of a proposal: queued as jobs, live progress, page previews, the ZIP and single files."""

from __future__ import annotations

import functools
import subprocess
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pipeline.build.manifest import read_manifest
from pipeline.errors import HosoError
from pipeline.vietnamese.text import slug
from pipeline.web.access import audit, own_build, own_proposal, requires
from pipeline.web.commands import job_text
from pipeline.web.download_names import build_prefix, build_zip, named
from pipeline.web.models import Build, Proposal, Upload
from pipeline.web.packing import zip_folder
from pipeline.web.quotas import check_build
from pipeline.web.signed import CLERK_PART, signed_rows
from pipeline.web.uploads import upload_path
from pipeline.web.wording import page_error, unrooted

if TYPE_CHECKING:
    from pipeline.jobs import JobQueue, JobStatus

BUILDS = "ho-so"
PREVIEWS = "xem-truoc"
STATUS_LABELS = {
    "queued": "chờ đến lượt",  # not "đang chờ": that is a build waiting for its folder
    "running": "đang tạo",
    "done": "xong",
    "failed": "không tạo được",
}


def queue() -> JobQueue:
    """The job queue of this data folder (embedded, or Celery with Redis when configured)."""
    return _queue(Path(settings.DATA_DIR), settings.QUEUE_URL)


@functools.cache
def _queue(data_dir: Path, url: str | None) -> JobQueue:
    from pipeline.jobs import open_queue

    return open_queue(data_dir, url)


def submit(proposal: Proposal, upload: Upload, user: object) -> Build:
    """Queue a build of an uploaded version; JobBusy while this proposal's last one runs,
    LimitReached when the account or the unit is over a limit (pipeline.web.quotas)."""
    if upload.errors:
        raise HosoError(
            f"phiên bản {upload.number} còn {upload.errors} lỗi; hãy sửa rồi tải lên lại."
        )
    with transaction.atomic():  # SQLite's IMMEDIATE: builds sent at once are counted in turn
        check_build(user, proposal.unit)
        folder = Path(settings.DATA_DIR) / BUILDS / uuid.uuid4().hex
        folder.mkdir(parents=True)
        job = queue().submit_build(upload_path(upload), folder, key=f"de-nghi-{proposal.pk}")
        return Build.objects.create(
            proposal=proposal,
            upload=upload,
            job_id=job,
            folder=str(folder.relative_to(settings.DATA_DIR)),
            by=user,
        )


def folder_of(build: Build) -> Path:
    """Where a build's job writes."""
    return Path(settings.DATA_DIR) / build.folder


@require_POST
@requires("van-thu")
def start(request: HttpRequest, pk: int) -> HttpResponse:
    """Build the latest version of a proposal (a second build while one runs is refused)."""
    found = own_proposal(request.user, pk)
    from pipeline.jobs import JobBusy

    latest = found.latest()
    if latest is None:
        messages.error(request, "Chưa có tệp Excel nào: hãy tải lên trước.")
        return redirect("de-nghi-chi-tiet", pk=pk)
    try:
        build = submit(found, latest, request.user)
    except JobBusy:
        messages.error(
            request, "Hồ sơ của đề nghị này đang được tạo; hãy chờ lần tạo trước xong rồi thử lại."
        )
        return redirect("de-nghi-chi-tiet", pk=pk)
    except HosoError as exc:
        messages.error(request, f"Không tạo hồ sơ: {page_error(exc)}")
        return redirect("de-nghi-chi-tiet", pk=pk)
    audit(
        request,
        "tao-ho-so",
        f"đề nghị {pk}, phiên bản {latest.number}",
        f"công việc {build.job_id}",
    )
    return redirect("ho-so", pk=build.pk)


def _context(build: Build) -> dict:
    status = queue().status(build.job_id)
    percent = round(100 * status.done / status.total) if status.total else 0
    return {
        "build": build,
        "job": status,
        "message": shown_message(build, status),
        "label": STATUS_LABELS.get(status.status, status.status),
        "percent": percent,
        "files": file_rows(folder_of(build), status.documents) if status.status == "done" else [],
        "finished": status.status in ("done", "failed"),
        "signed": signed_rows(folder_of(build)) if status.status == "done" else [],
        "next_step": _next_step(build) if status.status == "done" else "",
        "warnings": _warnings(build) if status.status == "done" else [],
        # The parts drawing their own messages (templatetags/flash.py): the signing part, once
        # the build is done; a message of a part not drawn falls back to the page's top.
        "drawn": [CLERK_PART] if status.status == "done" else [],
    }


def _warnings(build: Build) -> list[str]:
    """The warnings of the version built: the documents are made in spite of them, and one may
    mean a person left out (too few votes), so the clerk reads them before signing."""
    findings = build.upload.report.get("findings", [])
    return [f["text"] for f in findings if f.get("severity") == "warning"]


def shown_message(build: Build, status: JobStatus) -> str:
    """The job's message with no server path (the build's files named from its folder); a
    failure's whole text goes to the server's log the first time it is seen, not at each view."""
    first = status.status == "failed" and bool(
        Build.objects.filter(pk=build.pk, failure_logged=False).update(failure_logged=True)
    )
    return unrooted(job_text(status.message), folder_of(build), log=first)


def _next_step(build: Build) -> str:
    """What the clerk does with a finished build of a proposal for a period: sign if the period
    asks for signed documents, then submit; or that this version is the one submitted."""
    from pipeline.web.periods import folder_of as period_folder

    proposal, number = build.proposal, build.upload.number
    if proposal.period is None:
        return ""
    if proposal.submitted_id == build.upload_id:
        return f"Phiên bản {number} đã nộp cho đợt “{proposal.period.title}”."
    try:
        signed = period_folder(proposal.period).config.signed
    except HosoError:
        signed = False  # the office's page says what is wrong with the period
    sign = ", ký số từng văn bản ở bảng “Ký số” dưới đây (đợt xét yêu cầu văn bản đã ký số)"
    return (
        f"Bước tiếp theo: xem trước các trang{sign if signed else ''}, rồi nộp phiên bản {number} "
        f"cho đợt “{proposal.period.title}”."
    )


@require_GET
@requires("van-thu")
def page(request: HttpRequest, pk: int) -> HttpResponse:
    """A build: its progress (live), then its documents."""
    return render(request, "web/ho_so.html", _context(own_build(request.user, pk)))


@require_GET
@requires("van-thu")
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The live part of the build page (htmx polls it until the job is finished)."""
    return render(request, "web/_tien_do.html", _context(own_build(request.user, pk)))


def _done(build: Build) -> JobStatus:
    status = queue().status(build.job_id)
    if status.status != "done":
        raise Http404
    return status


@require_GET
@requires("van-thu")
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Page images of every document of a finished build."""
    build = own_build(request.user, pk)
    status = _done(build)
    titles = document_titles(folder_of(build), status.documents)
    documents = [
        (i, titles[d], Path(d).name, range(1, len(_images(build, i, d)) + 1))
        for i, d in enumerate(status.documents)
        if _previewed(d)
    ]
    audit(request, "xem-truoc", f"hồ sơ {build.pk}")
    return render(request, "web/xem_truoc.html", {"build": build, "documents": documents})


def document_titles(folder: Path, documents: Sequence[str]) -> dict[str, str]:
    """Each document's title as its manifest names it ("Báo cáo thành tích – Nguyễn Văn An"),
    else its file name."""
    titles = {d: Path(d).name for d in documents}
    for batch in {d.split("van-ban/", 1)[0] for d in documents if "van-ban/" in d}:
        manifest = read_manifest(folder / batch)
        for entry in manifest.documents if manifest else ():
            for own in (entry.path, entry.pdf.path if entry.pdf else None):
                if own and f"{batch}{own}" in titles:
                    titles[f"{batch}{own}"] = entry.title
    return titles


@dataclass(frozen=True)
class FileRow:
    """A document or a dossier of a build as the clerk reads it: what it is, then its files."""

    title: str  # "Tờ trình", "Báo cáo thành tích – Nguyễn Văn An"
    name: str  # the file's name without its folder or extension: secondary
    files: tuple[tuple[str, int], ...]  # ("PDF" or "Word", index in the job's documents)
    dossier: bool = False  # a dossier PDF (documents put together), not one document


def file_rows(folder: Path, documents: Sequence[str]) -> list[FileRow]:
    """Every file of a finished build, one row per document (its PDF and its Word file), then the
    dossiers, the whole batch's first; titled by the manifest, a file it does not list by name."""
    from pipeline.signing.takeback import batch_folders

    index = {d: i for i, d in enumerate(documents)}
    rows: list[FileRow] = []
    try:
        batches = batch_folders(folder)
    except HosoError:
        batches = []
    for batch in batches:
        manifest = read_manifest(batch)
        prefix = f"{batch.relative_to(folder).as_posix()}/".removeprefix("./")
        for doc in manifest.documents if manifest else ():
            own = [("PDF", doc.pdf.path if doc.pdf else ""), ("Word", doc.path)]
            rows.append(_row(doc.title, own, prefix, index))
        dossiers = sorted(
            manifest.dossiers if manifest else (), key=lambda d: d.nominee is not None
        )
        rows += [_row(d.title, [("PDF", d.path)], prefix, index, True) for d in dossiers]
    listed = {i for row in rows for _, i in row.files}
    rows += [_row(Path(d).name, [("", d)], "", index) for d in documents if index[d] not in listed]
    return [r for r in rows if r.files]


def _row(
    title: str,
    own: list[tuple[str, str]],
    prefix: str,
    index: dict[str, int],
    dossier: bool = False,
) -> FileRow:
    """A row of the files `own` (label, path in the batch) that the job lists."""
    files = tuple(
        (label or _label(p), index[prefix + p]) for label, p in own if prefix + p in index
    )
    name = Path(own[0][1] or own[-1][1]).stem
    return FileRow(title, name, files, dossier)


def _label(path: str) -> str:
    """A file's kind as the clerk knows it."""
    return {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel"}.get(Path(path).suffix, "Tệp")


def _previewed(document: str) -> bool:
    """The documents worth a preview: each PDF document (dossiers repeat them)."""
    return document.endswith(".pdf") and "/van-ban/" in f"/{document}"


def _images(build: Build, index: int, document: str) -> list[Path]:
    """The page images of one PDF, made once with pdftoppm."""
    folder = Path(settings.DATA_DIR) / PREVIEWS / str(build.pk) / str(index)
    if not folder.is_dir():
        tmp = folder.with_name(f".{index}-{uuid.uuid4().hex}")
        tmp.mkdir(parents=True)
        pdf = folder_of(build) / document
        subprocess.run(
            ["pdftoppm", "-r", "90", "-png", str(pdf), str(tmp / "trang")],
            check=True,
            timeout=120,
            capture_output=True,
        )
        tmp.rename(folder)
    return sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


@require_GET
@requires("van-thu")
def page_image(request: HttpRequest, pk: int, index: int, number: int) -> HttpResponse:
    """One page image of one document of a build."""
    build = own_build(request.user, pk)
    documents = _done(build).documents
    if not 0 <= index < len(documents) or not _previewed(documents[index]):
        raise Http404
    images = _images(build, index, documents[index])
    if not 1 <= number <= len(images):
        raise Http404
    return FileResponse(images[number - 1].open("rb"), content_type="image/png")


@require_GET
@requires("van-thu")
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole build as a ZIP."""
    build = own_build(request.user, pk)
    _done(build)
    audit(request, "tai-ve-zip", f"hồ sơ {build.pk}")
    # The clerk's ZIP: its folder named for the unit and the version built, not the upload's
    # slug (hoso's internal files are left out by zip_folder, as from every download).
    inner = f"ho-so-{slug(build.proposal.unit.name, 80)}-phien-ban-{build.upload.number}"
    data = zip_folder(folder_of(build), inner)
    return _zip(data, build_zip(build, "ho-so", f"{build.proposal_id}-{build.pk}"))


def zip_response(folder: Path, name: str) -> HttpResponse:
    """A folder as a ZIP download (what `packing.packed` lets through)."""
    return _zip(zip_folder(folder), name)


def _zip(data: bytes, name: str) -> HttpResponse:
    """ZIP bytes as a download named `name`."""
    response = HttpResponse(data, content_type="application/zip")
    return named(response, name)


@require_GET
@requires("van-thu")
def download_file(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """One document of a build (only the documents the job lists: no path is taken from the URL)."""
    build = own_build(request.user, pk)
    documents = _done(build).documents
    if not 0 <= index < len(documents):
        raise Http404
    audit(request, "tai-ve-tep", f"hồ sơ {build.pk}", documents[index])
    path = folder_of(build) / documents[index]
    name = build_prefix(build) + Path(documents[index]).name  # for its period, as the office's
    return named(FileResponse(path.open("rb"), as_attachment=True), name)
