"""Where a proposal stands for its clerk: the badges and words of its list and its page."""

from __future__ import annotations

from django.utils import timezone

from pipeline.web.models import Proposal, Upload
from pipeline.web.uploads import OTHER_UNIT, example_rows


def standing(
    found: Proposal, latest: Upload | None = None, period_errors: int = 0
) -> tuple[list[tuple[str, str]], str]:
    """Where a proposal stands for its clerk: badges (style, words) and what they mean, so that a
    valid version is never read as sent, nor a version uploaded after sending as the one sent;
    with the errors the period's check finds in the version sent (`period_errors`), never as
    free of errors while the office sees it "có lỗi"."""
    latest = latest or found.latest()
    sent = found.submitted
    if sent is not None:
        return _sent_standing(found, sent, latest, period_errors)
    if found.returned_at is not None:
        when = timezone.localtime(found.returned_at).strftime("%d/%m/%Y")
        return [("tra-lai", "bị trả lại")], f"trả lại ngày {when}: hãy sửa, tải lên rồi nộp lại"
    if latest is None:
        return [("chua-nop", "chưa nộp")], "chưa tải lên tệp nào"
    if latest.errors:
        return [("chua-nop", "chưa nộp"), ("co-loi", "có lỗi")], (
            f"phiên bản {latest.number} còn {latest.errors} lỗi: hãy sửa rồi tải lên lại"
        )
    if found.period is None:
        return [("chua-nop", "chưa nộp"), ("hop-le", "hợp lệ")], (
            f"phiên bản {latest.number} không có lỗi; kế hoạch, đợt xét này chưa có đợt nhận hồ sơ"
        )
    other = other_unit(latest)
    if other is not None:
        return [("chua-nop", "chưa nộp"), ("co-loi", "tên đơn vị khác")], (
            f"phiên bản {latest.number} ghi đơn vị khác ở {where(other)}nên chưa nộp được: hãy "
            "sửa ô đó thành tên đơn vị mình rồi tải lên lại"
        )
    if example_rows(latest):
        return [("chua-nop", "chưa nộp"), ("co-loi", "còn dữ liệu ví dụ")], (
            f"phiên bản {latest.number} còn dữ liệu ví dụ (hư cấu) nên chưa nộp được: hãy xóa "
            "các dòng ví dụ rồi tải lên lại"
        )
    return [("chua-nop", "chưa nộp"), ("hop-le", "hợp lệ")], (
        f"phiên bản {latest.number} không có lỗi nhưng chưa nộp: nút nộp cho đợt xét ở mục 4 của "
        "đề nghị"
    )


def _sent_standing(
    found: Proposal, sent: Upload, latest: Upload | None, period_errors: int
) -> tuple[list[tuple[str, str]], str]:
    """A submitted proposal's standing. After the badge "đã nộp" the words go on from it, never
    say it again."""
    when = timezone.localtime(found.submitted_at).strftime("%H:%M ngày %d/%m/%Y")
    newer = latest is not None and latest.number > sent.number
    # "nộp" again only where a later version stands beside it, to tell which was sent.
    said = f"phiên bản {sent.number} {'nộp lúc' if newer else 'lúc'} {when} ({_file(sent)})"
    badges = [("da-nop", "đã nộp")]
    if period_errors:
        badges.append(("co-loi", "có lỗi"))
        said += (
            f"; đợt xét thấy {period_errors} lỗi khi đối chiếu với hồ sơ của các đơn vị khác "
            "(xem mục “Đối chiếu với các đơn vị khác”)"
        )
    if newer and latest is not None:
        badges.append(("tai-len-hop-le", "có bản mới chưa nộp"))
        said += (
            f"; phiên bản {latest.number} ({_file(latest)}) tải lên sau chưa nộp: đợt xét vẫn "
            f"dùng phiên bản {sent.number}"
        )
    return badges, said


def _file(version: Upload) -> str:
    """“tệp “de-nghi.xlsx””: the name the clerk's file had, to tell which one was sent."""
    return f"tệp “{version.name}”"


def other_unit(latest: Upload | None) -> dict[str, str] | None:
    """The finding that the latest version names another unit: it cannot be submitted, so the
    page says why instead of offering a button that would only refuse."""
    findings = latest.report["findings"] if latest else []
    return next((f for f in findings if f["code"] == OTHER_UNIT), None)


def where(finding: dict[str, str]) -> str:
    """“ô Sheet!B6 ” for a finding at a cell, else nothing."""
    return f"ô {finding['sheet']}!{finding['cell']} " if finding.get("cell") else "tệp "
