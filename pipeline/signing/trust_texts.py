"""What `hoso signed add` says of a signed file's signatures that the office's trust folder does
not vouch for: a revoked certificate refuses the file, the rest are warnings beside it."""

from __future__ import annotations

from pathlib import Path

from pipeline.signing.appearance import said_time
from pipeline.signing.matching import Refusal
from pipeline.signing.steps import ADD_ROOT, NEW_CRL
from pipeline.signing.verify import FileCheck, SignatureCheck
from pipeline.steps import Advice


def distrust(check: FileCheck, trust: Path | None) -> tuple[str, ...]:
    """Why each signature is not trusted though the file is its document's (Vietnamese); Refusal
    for a revoked certificate: a signature made with it is worth nothing, as an expired one's.

    The other doubts keep the file: it is the office's own document, signed; what is unknown is
    who vouches for the signer or the time, which the office may settle (a CA's root added, a new
    CRL downloaded) without anyone signing again. `hoso verify` and `hoso package` still fail it."""
    for signature in check.signatures:
        if signature.status == "thu-hoi":
            when = f" lúc {said_time(signature.revoked_at)}" if signature.revoked_at else ""
            raise Refusal(
                f"chữ ký của {signature.signer} dùng chứng thư số đã bị tổ chức chứng thực thu "
                f"hồi{when} (theo danh sách thu hồi trong {trust}): chữ ký này không có giá trị; "
                "hãy ký lại bằng chứng thư số còn hiệu lực"
            )
    return tuple(note for s in check.signatures if (note := _doubt(s, trust)) is not None)


def _doubt(signature: SignatureCheck, trust: Path | None) -> str | None:
    """Why one signature is not trusted, with what the office can do; None when nothing is amiss
    (or nothing was checked: no trust folder)."""
    who = f"chữ ký mang tên {signature.signer}"
    if signature.status == "dau-thoi-gian-hong":
        return (
            f"{who}: dấu thời gian kèm theo bị HỎNG (đã bị thay đổi hoặc không phải của chữ ký "
            "này), nên thời gian ký chỉ là giờ máy của người ký tự ghi; nội dung đã ký còn nguyên"
        )
    if signature.status == "khong-tin-cay":
        return Advice(
            f"{who} CHƯA TIN CẬY: chứng thư số không dẫn tới chứng thư gốc nào trong {trust}, "
            "nên chưa xác minh được người ký (ai cũng tự tạo được chứng thư số mang tên bất kỳ). "
            "Nếu người ký dùng chứng thư của tổ chức chứng thực mà cơ quan tin, ",
            ADD_ROOT,
            f" của tổ chức đó vào {trust}; nếu không, hãy ký lại bằng chứng thư số do tổ chức "
            "chứng thực cấp",
        )
    if signature.status == "crl-cu":
        return Advice(
            f"{who}: CHƯA KIỂM TRA ĐƯỢC THU HỒI, danh sách thu hồi (CRL) của nơi cấp trong "
            f"{trust} đã quá hạn cập nhật; ",
            NEW_CRL,
        )
    if signature.status == "dau-thoi-gian-khong-tin-cay":
        return Advice(
            f"{who}: DẤU THỜI GIAN KHÔNG TIN CẬY, nơi cấp dấu thời gian ({signature.timestamp_by}) "
            f"không dẫn tới chứng thư gốc nào trong {trust}, nên thời gian ký chưa được xác nhận; "
            "nếu cơ quan tin nơi cấp này, ",
            ADD_ROOT,
            " của nó vào thư mục tin cậy",
        )
    return None
