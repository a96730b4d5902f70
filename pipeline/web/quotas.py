"""What one account may store and queue: the space a unit's uploaded versions take, uploads and
builds a minute, and a unit's builds waiting or running at once (settings, so tests and offices
can change them). Counted in the database, so every thread and process of the server agrees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from pipeline.errors import HosoError
from pipeline.web.limits import megabytes
from pipeline.web.models import Build, Upload

UNFINISHED = ("queued", "running")


class LimitReached(HosoError):
    """A limit reached; `status` is the API's answer (429: too many at once, 413: no space)."""

    def __init__(self, message: str, status: int = 429) -> None:
        super().__init__(message)
        self.status = status


def _minute_ago() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=1)


def check_upload(user: Any, unit: Any, size: int) -> None:
    """Refuse one more upload of `size` bytes from this account to this unit's proposals."""
    recent = Upload.objects.filter(by=user, at__gte=_minute_ago()).count()
    if recent >= settings.MAX_UPLOADS_PER_MINUTE:
        raise LimitReached(
            f"tài khoản này đã tải lên {recent} tệp trong một phút vừa qua (tối đa "
            f"{settings.MAX_UPLOADS_PER_MINUTE}); hãy chờ một phút rồi tải lên lại."
        )
    used = Upload.objects.filter(proposal__unit=unit).aggregate(total=Sum("size"))["total"] or 0
    quota = settings.MAX_UNIT_STORAGE
    if used + size > quota:
        raise LimitReached(
            f"các tệp đơn vị đã tải lên chiếm {megabytes(used)}, tệp này thêm {megabytes(size)} "
            f"thì quá dung lượng {megabytes(quota)} dành cho mỗi đơn vị; hãy báo người quản trị.",
            status=413,
        )


def check_build(user: Any, unit: Any) -> None:
    """Refuse one more build from this account for this unit."""
    recent = Build.objects.filter(by=user, at__gte=_minute_ago()).count()
    if recent >= settings.MAX_BUILDS_PER_MINUTE:
        raise LimitReached(
            f"tài khoản này đã tạo {recent} hồ sơ trong một phút vừa qua (tối đa "
            f"{settings.MAX_BUILDS_PER_MINUTE}); hãy chờ một phút rồi tạo lại."
        )
    waiting = unfinished_builds(unit)
    if waiting >= settings.MAX_PENDING_BUILDS:
        raise LimitReached(
            f"đơn vị đang có {waiting} hồ sơ chờ tạo hoặc đang tạo (tối đa "
            f"{settings.MAX_PENDING_BUILDS} cùng lúc); hãy chờ một hồ sơ tạo xong rồi tạo tiếp."
        )


def unfinished_builds(unit: Any) -> int:
    """The unit's builds of the last day still waiting or running (an older one that never
    finished is not counted: a lost job does not block the unit for good)."""
    from pipeline.web.builds import queue

    since = timezone.now() - dt.timedelta(days=1)
    jobs = Build.objects.filter(proposal__unit=unit, at__gte=since).values_list("job_id", flat=True)
    return sum(queue().status(job).status in UNFINISHED for job in jobs)
