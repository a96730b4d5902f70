"""What `hoso verify` says of a file's signatures: Vietnamese lines, and plain JSON values."""

from __future__ import annotations

from datetime import datetime

from pipeline.signing.appearance import said_time, vietnam_day
from pipeline.signing.steps import ADD_ROOT, FETCH_CRL, NO_TRUST
from pipeline.signing.verify import FileCheck, SignatureCheck
from pipeline.steps import Advice, advice_of
from pipeline.vietnamese.numbers import grouped

# A verdict naming what to do with the trust folder is an Advice (pipeline.steps): a terminal's
# user does it, a page's reader asks the server's administrator (a package's report on the web).
_VERDICTS: dict[str, str] = {
    "hop-le": "hợp lệ: nội dung còn nguyên, chứng thư số tin cậy",
    "hong": "HỎNG: nội dung đã ký bị thay đổi sau khi ký",
    "mot-phan": "CHỈ BAO TRÙM MỘT PHẦN",
    "het-han": "CHỨNG THƯ SỐ ĐÃ HẾT HẠN khi ký",
    "chua-hieu-luc": "CHỨNG THƯ SỐ CHƯA CÓ HIỆU LỰC khi ký",
    "khong-tin-cay": "KHÔNG TIN CẬY: chứng thư số không dẫn tới chứng thư gốc nào của cơ quan",
    "dau-thoi-gian-hong": (
        "DẤU THỜI GIAN HỎNG: dấu thời gian kèm chữ ký đã bị thay đổi hoặc không phải của chữ ký "
        "này, nên thời gian ký chỉ là giờ máy của người ký tự ghi (nội dung đã ký còn nguyên)"
    ),
    "dau-thoi-gian-khong-tin-cay": Advice(
        "DẤU THỜI GIAN KHÔNG TIN CẬY: nơi cấp dấu thời gian không dẫn tới chứng thư gốc nào của "
        "cơ quan, nên thời gian ký chưa được xác nhận (nội dung còn nguyên, chứng thư số của "
        "người ký tin cậy); nếu cơ quan tin nơi cấp này, ",
        ADD_ROOT,
        " của nó vào thư mục tin cậy",
    ),
    "chua-xac-minh-goc": Advice(
        "nội dung còn nguyên; chưa xác minh chứng thư gốc (", NO_TRUST, ")"
    ),
    "thu-hoi": "ĐÃ BỊ THU HỒI: chứng thư số của người ký đã bị tổ chức chứng thực thu hồi",
    "crl-cu": Advice(
        "CHƯA KIỂM TRA ĐƯỢC THU HỒI: danh sách thu hồi (CRL) của nơi cấp trong thư mục tin cậy "
        "đã quá hạn cập nhật; ",
        FETCH_CRL,
        " của tổ chức chứng thực vào thư mục đó",
    ),
}
_REVOCATION_NOTES = {
    None: "chưa kiểm tra thu hồi (thư mục tin cậy không có CRL của nơi cấp)",
    "con-hieu-luc": "chưa bị thu hồi (theo CRL trong thư mục tin cậy)",
}


def validity_text(check: SignatureCheck) -> str:
    """When the signer's certificate was valid, as a Vietnamese reader writes dates."""
    start, end = (
        vietnam_day(datetime.fromisoformat(t)) for t in (check.valid_from, check.valid_until)
    )
    return f"chứng thư chỉ có hiệu lực từ {start} đến {end}"


def signature_lines(check: SignatureCheck, number: int) -> list[str]:
    """One signature said in Vietnamese: who, when, the verdict (an Advice when it names a step
    to take with the trust folder)."""
    more = ""
    if check.status == "mot-phan":
        more = f": {check.added_after}"
    if check.status in ("het-han", "chua-hieu-luc"):
        more = f": {validity_text(check)}"
    if check.status == "thu-hoi" and check.revoked_at:
        more = f" lúc {said_time(check.revoked_at)}"
    if check.status in ("hop-le", "dau-thoi-gian-khong-tin-cay"):
        more = f"; {_REVOCATION_NOTES[check.revocation]}"
    lines = [f"{number}. {who_when(check)}", _framed("   ", _VERDICTS[check.status], more)]
    if check.annotations and check.whole_file:
        lines.append(
            "   sau khi ký có thêm chú thích (được chữ ký sau bao trùm; trang văn bản không đổi): "
            + "; ".join(check.annotations)
        )
    return lines + ([f"   {scope_text(check)}"] if check.intact and check.signed_bytes else [])


def who_when(check: SignatureCheck) -> str:
    """Who signed (their organisation too) and when, saying whose word that time is."""
    who = check.signer + (
        f" ({check.organisation})"
        if check.organisation and check.organisation != check.signer
        else ""
    )
    return f"{who}, ký lúc {said_time(check.time)} {time_source(check)}" if check.time else who


def time_source(check: SignatureCheck) -> str:
    """Whose word the signing time is: a timestamp authority's, or only the signer's machine."""
    if check.timestamp_broken:
        return (
            "(giờ do máy của người ký tự ghi, chưa được xác nhận: dấu thời gian kèm theo bị hỏng)"
        )
    if not check.timestamp_by:
        return "(giờ do máy của người ký tự ghi, chưa được xác nhận: không có dấu thời gian)"
    trust = {
        True: "",
        None: ", chưa xác minh chứng thư gốc",
        False: ", nhưng nơi cấp dấu thời gian không dẫn tới chứng thư gốc tin cậy",
    }
    return f"(theo dấu thời gian của {check.timestamp_by}{trust[check.timestamp_trusted]})"


def scope_text(check: SignatureCheck) -> str:
    """What the signature covers: the whole file as it was then, and what came after it."""
    size = f"{grouped(check.signed_bytes)} byte"
    if not check.after:
        return f"Chữ ký này bao trùm toàn bộ tệp ({size})."
    later = []
    for signer, count in check.after:
        what = f"chữ ký của {signer}" if signer else "nội dung khác không phải chữ ký"
        later.append(f"{what} ({grouped(count)} byte)")
    return (
        f"Chữ ký này bao trùm toàn bộ tệp tại thời điểm ký ({size} đầu của tệp); "
        f"sau đó có thêm {', rồi '.join(later)}."
    )


def file_lines(check: FileCheck, name: str | None = None) -> list[str]:
    """A file's verdict line (the file said as `name` if given, else by its path), then each
    signature's lines, indented; a line naming a step is an Advice."""
    said = check.path if name is None else name
    if check.error is not None:
        return [f"✗ {said}: {check.error}"]
    if not check.signatures:
        return [f"✗ {said}: không có chữ ký số"]
    mark = "✗" if check.failed else "✓"
    lines = [f"{mark} {said}: {len(check.signatures)} chữ ký"]
    for number, signature in enumerate(check.signatures, start=1):
        lines += [_framed("    ", line) for line in signature_lines(signature, number)]
    return lines


def _framed(before: str, said: str, after: str = "") -> str:
    """`said` between two texts, still an Advice with its step when it is one."""
    advice = advice_of(said)
    if advice is None:
        return before + said + after
    return Advice(before + advice.head, advice.step, advice.tail + after, **advice.values)


def file_json(check: FileCheck) -> dict:
    """A file's check as plain JSON values."""
    return {
        "path": str(check.path),
        "ok": not check.failed,
        "error": check.error,
        "signatures": [
            {
                "field": s.field,
                "signer": s.signer,
                "organisation": s.organisation,
                "time": s.time,
                "timestamp_by": s.timestamp_by or None,
                "timestamp_trusted": s.timestamp_trusted,
                "timestamp_broken": s.timestamp_broken,
                "signed_bytes": s.signed_bytes,
                "after": [{"signer": who or None, "bytes": n} for who, n in s.after],
                "intact": s.intact,
                "whole_file": s.whole_file,
                "added_after": s.added_after,
                "trusted": s.trusted,
                "revocation": s.revocation,
                "revoked_at": s.revoked_at,
                "valid_from": s.valid_from,
                "valid_until": s.valid_until,
                "annotations_after": list(s.annotations),
                "status": s.status,
            }
            for s in check.signatures
        ],
    }
