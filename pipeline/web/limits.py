"""Requests too large for the app: refused with a Vietnamese page before the body is read.

waitress's own limit is set well above this one (see server.serve), so a browser meets this
page, and the page's script stops a too-large upload before it is even sent; what waitress itself
refuses gets a Vietnamese page too (waitress_errors).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string


def megabytes(size: int) -> str:
    """A size as a clerk reads it: "40 MB", "2,5 MB" (one decimal, with a comma, below 10 MB)."""
    value = size / 1_048_576
    return f"{value:.0f} MB" if value >= 10 else f"{value:.1f} MB".replace(".", ",")


def file_size(size: int) -> str:
    """A file's size as a person reads it: "850 byte", "17,1 KB", "2,5 MB" (a decimal comma)."""
    if size < 1024:
        return f"{size} byte"
    if size >= 1_048_576:
        return megabytes(size)
    value = size / 1024
    return f"{value:.0f} KB" if value >= 100 else f"{value:.1f} KB".replace(".", ",")


def sizes(request: HttpRequest) -> dict[str, int]:
    """The limits every page tells its upload forms' script (see static/web/limits.js)."""
    return {
        "max_upload_bytes": settings.MAX_UPLOAD_BYTES,
        "max_request_bytes": settings.MAX_REQUEST_BYTES,
        "max_upload_files": settings.MAX_UPLOAD_FILES,
    }


class RequestLimit:
    """Refuse (413) a request whose declared body is over MAX_REQUEST_BYTES."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = settings.MAX_REQUEST_BYTES
        if size > limit:
            body = render_to_string(
                "413.html", {"size": megabytes(size), "limit": megabytes(limit)}
            )
            return HttpResponse(body, status=413)
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (too many files or fields in one request, mostly), in Vietnamese."""
    body = render_to_string("400.html", {"max_files": settings.MAX_UPLOAD_FILES})
    return HttpResponseBadRequest(body)
