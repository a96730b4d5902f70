"""The office's council workbook in the browser: download it brought up to date, upload it filled.

The file lives in the period folder (hoi-dong.xlsx) as on the command line; an upload replaces it
only once it reads as a council workbook, and the version it replaces is kept in hoi-dong-cu/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from pipeline.check.workbook import read_workbook
from pipeline.errors import HosoError, WorkbookUnusable
from pipeline.files import write_atomically
from pipeline.inputs.contract import OFFICE_COUNCIL_SHEETS, VOTES
from pipeline.period.check import check_period
from pipeline.period.council import COUNCIL_FILE
from pipeline.period.council_sheet import write_council_sheet
from pipeline.web.access import audit, requires
from pipeline.web.check_cache import CHECKS
from pipeline.web.models import Period
from pipeline.web.periods import folder_of
from pipeline.web.uploads import UploadRefused, save_incoming
from pipeline.web.wording import UNREADABLE, office_error

# The period page's council section: the upload's (or a failed download's) redirect lands there
# and its messages are drawn in it (templatetags/flash.py), not at the page's top out of view.
SECTION = "muc-hoi-dong"
PREVIOUS = "hoi-dong-cu"  # in the period folder: every version an upload replaced
INCOMING = "hoi-dong-tai-len"  # in the data folder: uploads before they are accepted


@require_GET
@requires("thi-dua")
def council_workbook(request: HttpRequest, slug: str) -> HttpResponse:
    """hoi-dong.xlsx with a row for every nominee the valid units propose now (typed votes kept);
    its guide gives the period page's steps, not commands."""
    found = get_object_or_404(Period, slug=slug)
    try:
        folder = folder_of(found)
    except HosoError:
        messages.error(request, f"Không tạo được tệp Hội đồng: {UNREADABLE}", extra_tags=SECTION)
        return _back(slug)
    try:
        written = write_council_sheet(check_period(folder, CHECKS), audience="web")
    except HosoError as exc:
        said = office_error(exc, folder.folder)
        messages.error(request, f"Không tạo được tệp Hội đồng: {said}", extra_tags=SECTION)
        return _back(slug)
    audit(request, "tai-tep-hoi-dong", f"đợt {slug}", f"{written.rows} dòng biểu quyết")
    return FileResponse(written.path.open("rb"), as_attachment=True, filename=COUNCIL_FILE)


@require_POST
@requires("thi-dua")
def upload_council(request: HttpRequest, slug: str) -> HttpResponse:
    """Take the filled council workbook into the period folder; the period page then shows its
    problems cell by cell, as `hoso period check` does."""
    found = get_object_or_404(Period, slug=slug)
    data = request.FILES.get("tep")
    try:
        if data is None:
            raise UploadRefused("chưa chọn tệp Excel của Hội đồng để tải lên.")
        path, _, size = save_incoming(data, Path(settings.DATA_DIR) / INCOMING)
        try:
            _accept(path, folder_of(found).folder)
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
    except HosoError as exc:
        said = office_error(exc, Path(settings.DATA_DIR) / found.folder)
        messages.error(request, f"Không nhận tệp Hội đồng: {said}", extra_tags=SECTION)
        return _back(slug)
    audit(request, "tai-len-hoi-dong", f"đợt {slug}", f"{size} byte")
    errors, warnings = _problems(found)
    where = "xem từng ô ở mục “Lỗi, cảnh báo chung của đợt”"
    if errors:  # received, but not done: said as a warning, not a green "received"
        also = f", {warnings} cảnh báo" if warnings else ""
        messages.warning(
            request,
            f"Đã nhận tệp Hội đồng, nhưng tệp còn {errors} lỗi{also}: {where}, sửa trong tệp "
            "rồi tải lên lại.",
            extra_tags=SECTION,
        )
    elif warnings:
        said = f"Đã nhận tệp Hội đồng: không có lỗi, {warnings} cảnh báo ({where})."
        messages.success(request, said, extra_tags=SECTION)
    else:
        messages.success(request, "Đã nhận tệp Hội đồng: không có lỗi.", extra_tags=SECTION)
    return _back(slug)


def _back(slug: str) -> HttpResponse:
    """To the period page's council section, where the upload's form is and its messages are."""
    return redirect(reverse("dot-xet", kwargs={"slug": slug}) + f"#{SECTION}")


def _problems(found: Period) -> tuple[int, int]:
    """The errors and warnings the period check finds in its council workbook, just received."""
    try:
        checked = check_period(folder_of(found), CHECKS)
    except HosoError:
        return 0, 0  # the period page says what is wrong with the folder
    own = [f for f in checked.findings if f.source.file.endswith(COUNCIL_FILE)]
    return sum(f.severity == "error" for f in own), sum(f.severity == "warning" for f in own)


def _accept(path: Path, folder: Path) -> None:
    """Replace the period's council workbook by an upload that reads as one (the old one kept)."""
    try:
        raw = read_workbook(path, OFFICE_COUNCIL_SHEETS)
    except WorkbookUnusable as exc:
        raise UploadRefused(str(exc).removeprefix(f"{path}: ")) from None
    if VOTES not in raw.sheets:
        raise UploadRefused(
            f"tệp không có sheet “{VOTES}”: hãy tải tệp Hội đồng ở trang này, điền rồi gửi lại."
        )
    target = folder / COUNCIL_FILE
    if target.exists():
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        kept = folder / PREVIOUS / f"hoi-dong-{stamp}.xlsx"
        write_atomically(kept, lambda tmp: shutil.copyfile(target, tmp))
    write_atomically(target, lambda tmp: shutil.copyfile(path, tmp))
