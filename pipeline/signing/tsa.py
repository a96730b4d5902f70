"""A timestamp authority (RFC 3161 over HTTP) asked to date a signature (`hoso sign --tsa`), and
why it gave none, in plain words."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

from asn1crypto import tsp
from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

from pipeline.errors import HosoError

TSA_SECONDS = 15  # how long a timestamp authority has to answer
DIGEST = "sha256"  # the signature's digest algorithm, which its timestamp uses too


class _Refused(TimestampRequestError):
    """The authority answered with a refusal (its reason, if it gave one, in `detail`)."""

    def __init__(self, detail: str) -> None:
        super().__init__("refused")
        self.detail = detail


class _Timestamper(HTTPTimeStamper):
    """pyHanko's HTTP client, reading a refusal too: asn1crypto's TimeStampResp requires the
    token that a refusing authority leaves out (RFC 3161 makes it optional)."""

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        """The authority's answer; a refusal or an unreadable answer raised as such."""
        response = await super().async_request_tsa_response(req)
        try:
            response["status"]
            return response
        except ValueError:
            pass
        try:
            status = tsp.PKIStatusInfo.load(response.contents)
            refused = status["status"].native not in ("granted", "granted_with_mods")
            said = "; ".join(status["status_string"].native or [])
        except ValueError:
            refused = False
        if refused:
            raise _Refused(said)
        raise TimestampRequestError("Timestamp server response is malformed.")


def timestamper(url: str) -> HTTPTimeStamper:
    """A client of the timestamp authority at `url`, which must be a web address."""
    if not re.match(r"https?://[^/\s]+", url):
        raise HosoError(
            f"--tsa {url}: không phải địa chỉ web của nơi cấp dấu thời gian; hãy ghi đủ, bắt đầu "
            "bằng http:// hoặc https:// (ví dụ http://tsa.example.vn/tsa)."
        )
    return _Timestamper(url, timeout=TSA_SECONDS)


def authority_time(stamper: HTTPTimeStamper) -> datetime:
    """The authority's time now, read from the token pyHanko asks for first to size the signature
    (kept and reused by it, so this costs no request of its own)."""
    token = asyncio.run(stamper.async_dummy_response(DIGEST))
    try:
        info = token["content"]["encap_content_info"]["content"].parsed
        return info["gen_time"].native
    except (ValueError, KeyError, TypeError, AttributeError):
        raise TimestampRequestError("Timestamp server response is malformed.") from None


def tsa_problem(exc: TimestampRequestError) -> str:
    """Why a timestamp authority gave no timestamp, in plain words."""
    cause = exc.__cause__
    status = getattr(cause, "status", None)
    if isinstance(exc, _Refused) or "refused" in str(exc):
        detail = f" (“{exc.detail}”)" if isinstance(exc, _Refused) and exc.detail else ""
        return f"nơi cấp dấu thời gian từ chối yêu cầu{detail}"
    if isinstance(cause, TimeoutError):
        return f"không trả lời trong {TSA_SECONDS} giây"
    if isinstance(status, int) and status >= 400:
        return f"máy chủ trả lời lỗi HTTP {status}"
    if isinstance(cause, OSError):
        return "không kết nối được (sai địa chỉ, máy chủ không chạy, hoặc máy không có mạng)"
    return (
        "câu trả lời không phải dấu thời gian hợp lệ (địa chỉ có đúng là của nơi cấp dấu thời "
        "gian không?)"
    )
