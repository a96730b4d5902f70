"""What the units sent, as the office opens it from the period page: a unit's workbook in don-vi/,
its whole dossier (one PDF) from the period's last build, to read before accepting or sending it
back; and the table of every unit's status as a workbook, to pass on or ring the late ones."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from pipeline.build.dossiers import BATCH_DOSSIER
from pipeline.errors import HosoError
from pipeline.period.check import OWN_COLUMN, shows_own_column
from pipeline.period.config import UNITS_OUT
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.sheets import workbook_bytes
from pipeline.web.access import audit, requires
from pipeline.web.blank import XLSX
from pipeline.web.download_names import named, period_prefix
from pipeline.web.models import Period
from pipeline.web.periods import CLI_RESULTS, folder_of, overview


def unit_dossier(folder: PeriodFolder, results: Path | None, workbook: str) -> Path | None:
    """A unit's whole dossier in a period build's results (the last finished run's; before any,
    what `hoso period build` wrote in the period folder), or None when it has none."""
    path = (results or folder.folder / CLI_RESULTS) / UNITS_OUT / Path(workbook).stem
    path /= BATCH_DOSSIER
    return path if path.is_file() else None


def dossiers(folder: PeriodFolder, results: Path | None, workbooks: list[str]) -> set[str]:
    """The workbooks (names in don-vi/) whose unit has a dossier in the results."""
    return {name for name in workbooks if name and unit_dossier(folder, results, name)}


@require_GET
@requires("thi-dua")
def workbook(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """A workbook of the period's don-vi/, by its name there."""
    _, _, path = _sent(slug, name)
    audit(request, "tai-tep-don-vi", f"đợt {slug}", name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@require_GET
@requires("thi-dua")
def dossier(request: HttpRequest, slug: str, name: str) -> HttpResponse:
    """The whole dossier of the unit whose workbook is `name`, from the last finished run."""
    found, folder, _ = _sent(slug, name)
    path = unit_dossier(folder, last_results(found), name)
    if path is None:
        raise Http404
    audit(request, "xem-ho-so-don-vi", f"đợt {slug}", name)
    # Named for the period: the office reads the same unit's dossier in several periods.
    pdf = f"{period_prefix(found)}{Path(name).stem}-{BATCH_DOSSIER}"
    return named(FileResponse(path.open("rb"), content_type="application/pdf"), pdf, inline=True)


@require_GET
@requires("thi-dua")
def status_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    """The period page's table of units as an Excel workbook."""
    found = get_object_or_404(Period, slug=slug)
    try:
        checked, rows, _ = overview(found, last_results(found))
    except HosoError:
        raise Http404 from None  # the period page says what is wrong with the folder
    # Tập thể, Cá nhân: proposed to the office (as its statistics); an award each unit decides
    # itself apart, in a column of its own when any unit proposes one (as the page, the CLI).
    apart = shows_own_column(checked.units)
    headers = ("STT", "Đơn vị", "Tình trạng", "Lỗi", "Cảnh báo", "Tập thể", "Cá nhân")
    headers += (OWN_COLUMN,) if apart else ()
    headers += ("Ngày nhận", "Ngày nhận là", "Ghi chú")
    table = [
        (
            i,
            r.name + (" (tệp thứ hai, không tính)" if r.copy else ""),  # as on the page
            r.label,
            r.errors,
            r.warnings,
            r.collectives,
            r.individuals,
            *((r.own,) if apart else ()),  # blank where the page says “–”, as the counts
            r.received,
            ("ngày cơ quan ghi nhận" if r.recorded else "ngày của tệp") if r.received else "",
            r.note,
        )
        for i, r in enumerate(rows, start=1)
    ]
    audit(request, "tai-bang-tinh-trang", f"đợt {slug}")
    name = f"tinh-trang-don-vi-{slug}.xlsx"
    response = HttpResponse(
        workbook_bytes([("Tình trạng đơn vị", headers, table)]), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _sent(slug: str, name: str) -> tuple[Period, PeriodFolder, Path]:
    """The period, its folder and the workbook `name` of its don-vi/, else 404: only a file that
    is there is served, so no other path reaches the disk."""
    found = get_object_or_404(Period, slug=slug)
    try:
        folder = folder_of(found)
    except HosoError:
        raise Http404 from None  # the period page says what is wrong with the folder
    path = folder.units_dir / name
    if "/" in name or "\\" in name or path.suffix != ".xlsx" or not path.is_file():
        raise Http404
    return found, folder, path


def last_results(found: Period) -> Path | None:
    """The folder of the period's last finished run of its documents, if any."""
    run = found.runs.filter(status="done").order_by("-at", "-pk").first()
    return Path(settings.DATA_DIR) / run.folder if run is not None else None
