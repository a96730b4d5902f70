"""A clerk's workbook uploaded as the proposal's next version, and downloaded back as it was."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from pipeline.errors import HosoError
from pipeline.web.access import audit, own_proposal, own_upload, requires
from pipeline.web.standing import other_unit, where
from pipeline.web.uploads import (
    download_name,
    example_refusal,
    example_rows,
    store_upload,
    upload_path,
)
from pipeline.web.wording import page_error


@require_POST
@requires("van-thu")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the uploaded workbook as the next version and show its findings."""
    found = own_proposal(request.user, pk)
    try:
        kept = store_upload(found, request.FILES.get("file"), request.user)
    except HosoError as exc:
        name = getattr(request.FILES.get("file"), "name", "")
        audit(request, "tai-len-bi-tu-choi", f"đề nghị {found.pk}", f"{name[:100]}: {exc}")
        messages.error(request, f"Không nhận tệp: {page_error(exc)}")
        return redirect("de-nghi-chi-tiet", pk=found.pk)
    audit(
        request,
        "tai-len",
        f"đề nghị {found.pk}, phiên bản {kept.number}",
        f"{kept.name}, sha256 {kept.sha256}, {kept.errors} lỗi, {kept.warnings} cảnh báo",
    )
    other = other_unit(kept) if found.period else None
    if kept.errors:
        messages.error(request, f"Phiên bản {kept.number}: {kept.errors} lỗi cần sửa.")
    elif other is not None:
        messages.warning(
            request,
            f"Phiên bản {kept.number}: không có lỗi, tạo được hồ sơ để xem thử nhưng chưa nộp "
            f"được: {where(other)}ghi đơn vị khác (xem bên dưới).",
        )
    elif found.period and example_rows(kept):
        messages.warning(
            request,
            f"Phiên bản {kept.number}: không có lỗi, tạo được hồ sơ để xem thử nhưng chưa nộp "
            f"được: {example_refusal(kept)}",
        )
    else:
        messages.success(request, f"Phiên bản {kept.number}: không có lỗi, có thể tạo hồ sơ.")
    return redirect("de-nghi-chi-tiet", pk=found.pk)


@require_GET
@requires("van-thu")
def download_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded version's workbook, as it was uploaded."""
    found = own_upload(request.user, pk)
    audit(request, "tai-ve-tep-excel", f"đề nghị {found.proposal_id}, phiên bản {found.number}")
    name = download_name(found.name)
    return FileResponse(upload_path(found).open("rb"), as_attachment=True, filename=name)
