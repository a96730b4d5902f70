"""Who may see what: roles, the objects of a user's unit (others are 404), the audit log and who
reads which of its entries."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from pipeline.web.models import AuditEntry, Build, Period, Profile, Proposal, Upload

View = Callable[..., HttpResponse]


def role_of(user: Any) -> str:
    """The user's role: van-thu, thi-dua, quan-tri, or "" (no profile)."""
    if not user.is_authenticated:
        return ""
    profile = Profile.objects.filter(user=user).first()
    return profile.role if profile else ""


def unit_of(user: Any) -> Any:
    """The unit of a clerk, or None."""
    profile = Profile.objects.filter(user=user).select_related("unit").first()
    return profile.unit if profile else None


def requires(*roles: str) -> Callable[[View], View]:
    """Log-in required, and one of these roles; anyone else gets 404 (nothing is revealed)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if role_of(request.user) not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorate


def own_proposal(user: Any, pk: int) -> Proposal:
    """A proposal of the user's unit, else 404."""
    unit = unit_of(user)
    found = Proposal.objects.filter(pk=pk, unit=unit).select_related("unit").first()
    if unit is None or found is None:
        raise Http404
    return found


def own_upload(user: Any, pk: int) -> Upload:
    """An uploaded version of the user's unit, else 404."""
    found = Upload.objects.filter(pk=pk, proposal__unit=unit_of(user)).first()
    if found is None or unit_of(user) is None:
        raise Http404
    return found


def own_build(user: Any, pk: int) -> Build:
    """A build of the user's unit, else 404."""
    found = Build.objects.filter(pk=pk, proposal__unit=unit_of(user)).first()
    if found is None or unit_of(user) is None:
        raise Http404
    return found


def audit(
    request: HttpRequest | None,
    action: str,
    target: str = "",
    detail: str = "",
    *,
    user: Any = None,
) -> None:
    """Record who did what, when, from where."""
    who = user or (request.user if request is not None else None)
    known = who if who is not None and who.is_authenticated else None
    AuditEntry.objects.create(
        user=known,
        username=known.get_username() if known else "",
        action=action,
        target=target[:300],
        detail=detail,
        ip=request.META.get("REMOTE_ADDR") if request is not None else None,
        period_id=period_about(target),
    )


def period_about(target: str) -> int | None:
    """The period an entry's target is about: "đợt <slug>", "đề nghị <n>" or "hồ sơ <n>" of a
    proposal sent to it; None for anything else."""
    about = _ABOUT.match(target)
    if about is None:
        return None
    kind, key = about.groups()
    if kind == "đợt":
        return Period.objects.filter(slug=key).values_list("pk", flat=True).first()
    if not key.isdigit():
        return None
    if kind == "đề nghị":
        found = Proposal.objects.filter(pk=int(key)).values_list("period_id", flat=True)
    else:
        found = Build.objects.filter(pk=int(key)).values_list("proposal__period_id", flat=True)
    return found.first()


# Log-ins, passwords, accounts and tokens are the administrator's: the office reads its periods'.
ACCOUNT_ACTIONS = (
    "dang-nhap",
    "dang-nhap-sai",
    "dang-xuat",
    "doi-mat-khau",
    "them-tai-khoan",
    "sua-tai-khoan",
    "cap-token",
)
# What an entry is about: a period ("đợt vi-du, lần 3"), a proposal or a unit's build.
_ABOUT = re.compile(r"^(đợt|đề nghị|hồ sơ) ([\w-]+)")
LOG_LENGTH = 300


def log_entries(user: Any, period: Period | None = None) -> list[AuditEntry]:
    """The audit log as the user may read it, newest first: everything for the administrator; for
    the office what was done in its periods (by itself and by the units' clerks), or in one period;
    nothing for anyone else."""
    role = role_of(user)
    if role == "quan-tri" and period is None:
        return list(AuditEntry.objects.select_related("user")[:LOG_LENGTH])
    if role not in ("quan-tri", "thi-dua"):
        return []
    entries = AuditEntry.objects.exclude(action__in=ACCOUNT_ACTIONS).filter(period__isnull=False)
    if period is not None:
        entries = entries.filter(period=period)
    return list(entries.select_related("user", "period")[:LOG_LENGTH])
