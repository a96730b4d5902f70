"""The office's own signed documents: the Tờ trình tổng hợp, Quyết định, danh sách and Biên bản of
a finished period run (its tong-hop/ part) taken back signed, each signed copy, the package."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pipeline.period.config import OFFICE_OUT
from pipeline.web.access import requires
from pipeline.web.models import PeriodRun
from pipeline.web.package_report import Place
from pipeline.web.signed import (
    SignedRow,
    packages_zip,
    signed_copy,
    signed_rows,
    take_uploaded,
    zip_bytes,
)

# The button that makes the run's documents again, as a signing refusal tells the office.
REMAKE = "“Tạo văn bản của đợt” ở trang đợt xét"
# Where the office signs, uploads and remakes, as a package's report says it.
OFFICE = Place("trang đợt xét", "mục “Ký số văn bản của cơ quan” của trang đợt xét", REMAKE)
# The period page's part, for the redirect after an upload: its messages are drawn there too.
PART = "ky-so-co-quan"


def office_rows(run: PeriodRun | None) -> list[SignedRow]:
    """The PDF documents of a finished run's office part, signed or not ([] for any other run)."""
    if run is None or run.status != "done":
        return []
    return signed_rows(_office_folder(run))


def _office_folder(run: PeriodRun) -> Path:
    return Path(settings.DATA_DIR) / run.folder / OFFICE_OUT


def _run(slug: str, pk: int) -> PeriodRun:
    """A finished run of this period, else 404."""
    return get_object_or_404(PeriodRun, pk=pk, period__slug=slug, status="done")


def _target(run: PeriodRun) -> str:
    return f"đợt {run.period.slug}, lần {run.pk}"


@require_POST
@requires("thi-dua")
def upload_signed(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Signed PDFs of the run's office documents, uploaded: each matched, checked, kept, refused."""
    run = _run(slug, pk)
    take_uploaded(request, _office_folder(run), _target(run), REMAKE, section=PART)
    return redirect(reverse("dot-xet", args=[slug]) + f"#{PART}")


@require_GET
@requires("thi-dua")
def download_signed(request: HttpRequest, slug: str, pk: int, index: int) -> HttpResponse:
    """The signed copy of one office document, by its row in the page's table."""
    run = _run(slug, pk)
    return signed_copy(request, _office_folder(run), index, _target(run), f"{slug}-")


@require_GET
@requires("thi-dua")
def package(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The office's submission packages of the run (signed originals byte for byte), one folder
    per award in the ZIP."""
    run = _run(slug, pk)
    if not office_rows(run):  # every unit still had errors: the run made no office documents
        raise Http404
    data = packages_zip(
        request, _office_folder(run), _target(run), OFFICE, by_batch=True, section=PART
    )
    if data is None:
        return redirect(reverse("dot-xet", args=[slug]) + f"#{PART}")
    return zip_bytes(data, f"goi-nop-{slug}-{run.pk}.zip")
