"""Uploaded workbooks: refused when too big or not an xlsx, else kept as a new version, checked."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import unicodedata
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max

from pipeline.check import CheckResult, check_file
from pipeline.check.container import has_macros
from pipeline.check.examples import EXAMPLE_CODE
from pipeline.check.findings import Finding, Source
from pipeline.check.report import file_report
from pipeline.errors import HosoError
from pipeline.vietnamese.text import slug
from pipeline.web.models import Proposal, Upload
from pipeline.web.quotas import LimitReached, check_upload

UPLOADS = "tai-len"


class UploadRefused(HosoError):
    """An upload that cannot be kept: too big, empty, not an xlsx workbook."""


def clean_name(name: str) -> str:
    """The base name of a client's file name, NFC, without folders or control characters."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    if len(base) > 200:  # shortened, its extension kept
        suffix = Path(base).suffix if len(Path(base).suffix) <= 10 else ""
        base = base[: 200 - len(suffix)].rstrip(" .") + suffix
    return base or "tep.xlsx"


def download_name(name: str) -> str:
    """The name an uploaded version is downloaded under: the clerk's, ending in .xlsx (what it
    is: a workbook sent as "x.xls" or without an extension would make Excel warn or not open)."""
    stem = Path(name).stem if Path(name).suffix.lower() in (".xlsx", ".xls", ".xlsm") else name
    return f"{stem or 'de-nghi'}.xlsx"


def save_incoming(data: Any, folder: Path) -> tuple[Path, str, int]:
    """Write an uploaded file in a folder of its own, under an ASCII slug of its name (never the
    client's name as given): path, sha256, size."""
    folder = folder / uuid.uuid4().hex
    folder.mkdir(parents=True)
    stem = slug(Path(clean_name(data.name)).stem) or "de-nghi"
    path = folder / f"{stem}.xlsx"
    digest = hashlib.sha256()
    size = 0
    limit = settings.MAX_UPLOAD_BYTES
    with path.open("wb") as fh:
        for chunk in data.chunks():
            size += len(chunk)
            if size > limit:
                fh.close()
                path.unlink()
                folder.rmdir()
                raise UploadRefused(
                    f"tệp quá lớn (hơn {limit // 1_048_576} MB); hãy gửi tệp Excel nhỏ hơn."
                )
            digest.update(chunk)
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    return path, digest.hexdigest(), size


def check_incoming(data: Any, folder: Path) -> tuple[Path, str, int, str, CheckResult]:
    """Save and check an upload; refused (and removed) when it is not a usable workbook."""
    if data is None:
        raise UploadRefused("chưa chọn tệp Excel để tải lên.")
    name = clean_name(data.name)
    path, sha256, size = save_incoming(data, folder)
    result = check_file(path, label=name, sha256=sha256)
    if result.unusable or has_macros(path):
        if not result.unusable:  # kept, it would go on (to the office too) as an .xlsx
            _discard(path)
            raise UploadRefused(MACROS)
        raise UploadRefused(_on_the_web(_why_unusable(path, name, result)))
    return path, sha256, size, name, result


def _why_unusable(path: Path, name: str, result: CheckResult) -> str:
    """Why the saved upload is no workbook, said of the name the clerk gave it: saved as .xlsx,
    a "danh-sach.csv" would be called a CSV "named .xlsx". The file is removed."""
    said = result.findings[0].message if result.findings else result.unusable
    suffix = Path(name).suffix.lower()
    if suffix != ".xlsx" and re.fullmatch(r"(\.[a-z0-9]{1,10})?", suffix):
        path = path.rename(path.with_suffix(suffix))
        again = check_file(path, label=name)
        if again.unusable and again.findings:
            said = again.findings[0].message
    _discard(path)
    return said


def _discard(path: Path) -> None:
    """An upload refused: its file and the folder of its own."""
    path.unlink(missing_ok=True)
    path.parent.rmdir()


def _on_the_web(said: str) -> str:
    """Why a file is no workbook, with the web's way to one: the clerk has no `hoso init`, and
    a PDF sent as "ho-so.pdf" is not one "despite its name" ending .pdf."""
    said = said.replace("(hoso init)", "(“Tệp Excel trống” ở mục 2 của trang đề nghị)")
    return re.sub(r" dù tên (?:có đuôi “\.(?!xls)[^”]*”|không có đuôi)", "", said)


MACROS = (
    "tệp có macro (VBA, tệp .xlsm): hoso không nhận tệp có macro qua trang web. Hãy mở tệp bằng "
    "Excel, chọn Tệp › Lưu thành…, kiểu tệp “Excel Workbook (.xlsx)”, rồi tải tệp mới lên."
)


def store_upload(proposal: Proposal, data: Any, user: Any) -> Upload:
    """Keep an uploaded workbook as the proposal's next version, with its check's findings;
    LimitReached when the account or the unit is over a limit (pipeline.web.quotas)."""
    check_upload(user, proposal.unit, getattr(data, "size", 0) or 0)  # before checking it
    folder = Path(settings.DATA_DIR) / UPLOADS / str(proposal.pk)
    path, sha256, size, name, result = check_incoming(data, folder)
    if not proposal.plan_id:  # a proposal made by the API: its plan is the workbook's
        proposal.plan_id = result.heading.plan_id or ""
        proposal.review_id = result.heading.review_id or ""
        proposal.save(update_fields=["plan_id", "review_id"])
    checked = for_proposal(result, proposal)
    report = file_report(checked)
    batch = checked.batch  # its proposals, as the period page counts a submitted workbook's
    report["collectives"] = len(batch.proposed_collectives) if batch else 0
    report["individuals"] = len(batch.proposed_individuals) if batch else 0
    for _ in range(20):  # two clerks at once: the second takes the next number
        try:
            with transaction.atomic():  # SQLite's IMMEDIATE: one upload at a time in here
                _within_limits(user, proposal, path, size)
                top = proposal.uploads.aggregate(top=Max("number"))["top"] or 0
                return Upload.objects.create(
                    proposal=proposal,
                    number=top + 1,
                    name=name,
                    path=str(path.relative_to(settings.DATA_DIR)),
                    sha256=sha256,
                    size=size,
                    by=user,
                    report=report,
                    errors=report["errors"],
                    warnings=report["warnings"],
                )
        except IntegrityError:
            continue
    raise UploadRefused("máy chủ đang bận lưu tệp khác của đề nghị này; hãy tải lên lại.")


def _within_limits(user: Any, proposal: Proposal, path: Path, size: int) -> None:
    """The limits again, counted with the uploads kept in the meantime (several sent at once);
    the saved file removed when over."""
    try:
        check_upload(user, proposal.unit, size)
    except LimitReached:
        path.unlink(missing_ok=True)
        path.parent.rmdir()
        raise


def for_proposal(result: CheckResult, proposal: Proposal) -> CheckResult:
    """The check of a workbook uploaded to a proposal: one made for another plan or review is an
    error at the cell that says so (it would be built, and sent, as the wrong proposal); one of
    another unit, a warning there."""
    h = result.heading
    if h.plan_id is not None and h.plan_id != proposal.plan_id:
        source, message = (
            h.plan_cell,
            (
                f"tệp thuộc kế hoạch {h.plan_id}, không phải kế hoạch của đề nghị này "
                f"({proposal.plan_id}): hãy tải tệp Excel của đề nghị này (mục 2), hoặc tạo đề nghị "
                "mới cho kế hoạch đó."
            ),
        )
    elif h.review_id is not None and h.review_id != proposal.review_id:
        source, message = (
            h.review_cell,
            (
                f"tệp thuộc đợt xét {h.review_id}, không phải đợt xét của đề nghị này "
                f"({proposal.review_id}): hãy chọn đúng đợt xét trong tệp, hoặc tạo đề nghị mới."
            ),
        )
    else:
        return _for_unit(result, proposal)
    wrong = Finding("error", source or Source(result.label), message, "proposal-plan")
    return dataclasses.replace(result, batch=None, findings=(wrong, *result.findings))


OTHER_UNIT = "proposal-unit"  # the code of the warning below: such a version is not submitted


def _for_unit(result: CheckResult, proposal: Proposal) -> CheckResult:
    """A workbook naming another unit as "Cơ quan trình khen" is said at that cell: its documents
    would go up in that unit's name (it can be built, to try the example, but not submitted)."""
    from pipeline.period.units import unit_key

    h = result.heading
    if not h.unit or unit_key(h.unit) == unit_key(proposal.unit.name):
        return result
    other = Finding(
        "warning",
        h.unit_cell or Source(result.label),
        f"ô này ghi “{h.unit}”, không phải đơn vị của tài khoản (“{proposal.unit.name}”): hồ sơ "
        f"sẽ mang tên “{h.unit}” và không nộp được cho đợt xét; hãy sửa cho đúng tên đơn vị mình.",
        OTHER_UNIT,
    )
    return dataclasses.replace(result, findings=(other, *result.findings))


def example_rows(upload: Upload) -> str:
    """The rows of an uploaded version that are still hoso's example (fictional) data, as its
    check found them ("" for none): such a version is never submitted, for fictional people
    must not reach the office."""
    said = [
        # The finding's words up to what it says of them: who, and on which rows.
        f"sheet “{f['sheet']}”: {f['message'].split(' là dữ liệu ví dụ', 1)[0]}"
        if f.get("sheet")
        else f["message"].split(" là dữ liệu ví dụ", 1)[0]
        for f in upload.report.get("findings", [])
        if f.get("code") == EXAMPLE_CODE
    ]
    return "; ".join(said)


def example_refusal(upload: Upload) -> str:
    """Why a version holding example rows is not submitted, naming them, and what to do."""
    return (
        f"phiên bản {upload.number} còn dữ liệu ví dụ (hư cấu) do hoso tạo, không phải hồ sơ "
        f"thật — {example_rows(upload)}. Hãy xóa các dòng ví dụ đó khỏi tệp Excel (hoặc thay "
        "bằng dữ liệu thật của đơn vị), lưu rồi tải lên lại."
    )


def upload_path(upload: Upload) -> Path:
    """Where an uploaded version's workbook is."""
    return Path(settings.DATA_DIR) / upload.path
