"""waitress's own answers (a request refused before it reaches the app) as Vietnamese pages.

waitress refuses a body over its size limit, headers too large or a malformed request itself,
with an English text; a browser shows those to the clerk as they are. Its channel class names
the task that writes them (`error_task_class`), so hoso's servers use a channel whose error task
writes the page hoso shows for the same case.
"""

from __future__ import annotations

from typing import Any

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

# What each of waitress's refusals means for the person at the browser.
_SAID = {
    413: ("Tệp gửi lên quá lớn", "Lần gửi này quá lớn: mỗi lần gửi tối đa {limit}. Hãy gửi ít "
          "tệp hơn mỗi lần, hoặc tệp nhỏ hơn."),
    431: ("Yêu cầu không hợp lệ", "Trình duyệt gửi kèm quá nhiều dữ liệu (cookie). Hãy xóa "
          "cookie của trang này trong trình duyệt rồi đăng nhập lại."),
    500: ("Lỗi của hoso", "hoso gặp lỗi khi xử lý yêu cầu này. Hãy thử lại; nếu lỗi còn, báo "
          "người quản trị."),
    501: ("Yêu cầu không hợp lệ", "hoso không nhận kiểu yêu cầu này. Hãy mở lại trang từ "
          "trình duyệt."),
}  # fmt: skip
_OTHER = ("Yêu cầu không hợp lệ", "hoso không hiểu yêu cầu này. Hãy thử lại; nếu lỗi còn, báo "
          "người quản trị.")  # fmt: skip
_PAGE = (
    '<!doctype html>\n<html lang="vi">\n<head><meta charset="utf-8"><title>{title} · hoso'
    "</title></head>\n<body><main>\n<h1>{title}</h1>\n<p>{text}</p>\n"
    '<p><a href="javascript:history.back()">Quay lại</a> · <a href="/">Về trang đầu</a></p>\n'
    "</main></body>\n</html>\n"
)


def page(code: int) -> bytes:
    """The Vietnamese page for one of waitress's refusals (by HTTP status)."""
    from django.conf import settings

    from pipeline.web.limits import megabytes

    title, text = _SAID.get(code, _OTHER)
    text = text.format(limit=megabytes(settings.MAX_REQUEST_BYTES))
    return _PAGE.format(title=title, text=text).encode("utf-8")


class VietnameseErrorTask(ErrorTask):
    """waitress's error task, writing hoso's page instead of waitress's English text."""

    def execute(self) -> None:
        error = self.request.error
        body = page(error.code)
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "text/html; charset=utf-8"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class VietnameseChannel(HTTPChannel):
    """waitress's HTTP channel with hoso's error pages."""

    error_task_class = VietnameseErrorTask


def speak_vietnamese(server: Any) -> None:
    """Make every listening server of `server` (one, or waitress's several) use hoso's pages."""
    servers = getattr(server, "map", None)
    listening = [s for s in servers.values() if hasattr(s, "channel_class")] if servers else []
    for each in listening or [server]:
        each.channel_class = VietnameseChannel
