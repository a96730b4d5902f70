"""The office sends a unit's submission back to be corrected: the workbook (and its signed PDFs)
leave the period's don-vi/ for tra-lai/ (kept, nothing lost), the clerk reads why on their page."""

from __future__ import annotations

import contextlib
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from pipeline.errors import HosoError
from pipeline.files import os_error
from pipeline.period.units import RETURNED_DIR
from pipeline.vietnamese.text import nfc
from pipeline.web.access import audit, requires
from pipeline.web.models import Period, Proposal
from pipeline.web.periods import folder_of, proposal_lock, row_anchor, unit_workbook
from pipeline.web.received import UNITS, to_units
from pipeline.web.wording import office_error

MAX_NOTE = 2000


@require_POST
@requires("thi-dua")
def return_submission(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Send a submitted proposal of this period back with the office's reason (required); the
    outcome is said under the unit's row, where the office lands."""
    found = get_object_or_404(
        Proposal.objects.select_related("unit", "submitted"), pk=pk, period__slug=slug
    )
    row = _row(found.period, found.unit.name)  # type: ignore[arg-type]
    if found.submitted is None:  # the button pressed twice, or in a page from before
        when = found.returned_at and timezone.localtime(found.returned_at).strftime(
            "%H:%M ngày %d/%m/%Y"
        )
        said = f"đã được trả lại lúc {when}" if when else "chưa nộp cho đợt xét này"
        said = f"Hồ sơ của {found.unit.name} {said}: không có gì để trả lại."
        messages.error(request, said, extra_tags=row)
        return to_units(slug, row)
    typed = nfc(request.POST.get("ly_do", ""))
    note = "\n".join(" ".join(line.split()) for line in typed.splitlines() if line.strip())
    if not note or len(note) > MAX_NOTE:
        messages.error(
            request,
            f"Chưa trả lại hồ sơ của {found.unit.name}: hãy ghi lý do (tối đa {MAX_NOTE} ký tự) "
            "để đơn vị biết cần sửa gì.",
            extra_tags=row,
        )
        return to_units(slug, row)
    try:
        with proposal_lock(pk):
            kept, version = _send_back(pk, found.submitted_id, note)
    except HosoError as exc:
        folder = Path(settings.DATA_DIR) / found.period.folder  # type: ignore[union-attr]
        said = f"Không trả lại được hồ sơ của {found.unit.name}: {office_error(exc, folder)}"
        messages.error(request, said, extra_tags=row)
        return to_units(slug, row)
    if kept is None:  # sent back, or submitted again, since this request read it
        said = f"Hồ sơ của {found.unit.name} vừa thay đổi; hãy xem lại rồi thử lại."
        messages.error(request, said, extra_tags=row)
        return to_units(slug, row)
    audit(
        request,
        "tra-lai-ho-so",
        f"đề nghị {found.pk}, phiên bản {version}",
        f"đợt {slug}: {note}",
    )
    messages.success(
        request,
        # The office cannot open the server's tra-lai/ folder: say what it may rely on instead.
        f"Đã trả lại hồ sơ của {found.unit.name} (phiên bản {version}); tệp đã nộp không bị xóa. "
        f"Đơn vị thấy lý do và phiên bản {version} trên trang đề nghị của mình.",
        extra_tags=row,
    )
    return to_units(slug, row)


def _row(period: Period, name: str) -> str:
    """The anchor of the unit's row on the period page, listed in the period or not (a unit it
    does not list has a row while its workbook is there, and once it was sent back); the units
    section's when the period's folder cannot be read now (the page then says why at its top)."""
    try:
        return row_anchor(name, [u.name for u in folder_of(period).config.units])
    except HosoError:
        return UNITS


def _send_back(pk: int, seen: int | None, note: str) -> tuple[Path | None, int]:
    """Under the proposal's lock: its files set aside and the proposal marked returned, if the
    version submitted is still the one the request saw (`seen`); (where its files went, the
    version returned), or (None, 0)."""
    proposal = Proposal.objects.filter(pk=pk).select_related("submitted").first()
    if proposal is None or proposal.submitted is None or proposal.submitted_id != seen:
        return None, 0
    kept = set_aside(unit_workbook(proposal), timezone.localtime().strftime("%Y%m%d-%H%M%S"))
    version = proposal.submitted.number
    proposal.submitted, proposal.submitted_at = None, None
    proposal.returned_at, proposal.returned_note = timezone.now(), note
    proposal.save(update_fields=["submitted", "submitted_at", "returned_at", "returned_note"])
    return kept, version


def set_aside(workbook: Path, stamp: str) -> Path:
    """Move a submitted workbook and its folder of signed PDFs, if any, from don-vi/ into
    tra-lai/<stamp>-<name>/ of the period folder; that folder (HosoError if it cannot)."""
    period = workbook.parent.parent
    target = period / RETURNED_DIR / f"{stamp}-{workbook.stem}"
    signed = workbook.with_suffix("")
    moved: list[tuple[Path, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for source in (workbook, signed):
            if source.exists():
                source.rename(target / source.name)
                moved.append((target / source.name, source))
    except OSError as exc:
        for there, back in reversed(moved):  # all or nothing: the submission stays whole
            with contextlib.suppress(OSError):
                there.rename(back)
        raise os_error(exc, target, "ghi") from None
    return target
