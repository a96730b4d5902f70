"""Pages every role shares: the start page by role, log-in, and the audit log for the admin."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pipeline.web.access import requires, role_of
from pipeline.web.models import AuditEntry

START = {"van-thu": "de-nghi", "thi-dua": "dot-xet-list", "quan-tri": "nhat-ky"}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's start page."""
    role = role_of(request.user)
    if role not in START:
        return render(request, "web/khong_vai_tro.html", status=403)
    return redirect(START[role])


class Login(auth_views.LoginView):
    """Django's log-in with our template (django-axes counts the failures)."""

    template_name = "web/dang_nhap.html"
    redirect_authenticated_user = True


@requires("quan-tri")
def audit_log(request: HttpRequest) -> HttpResponse:
    """The last entries of the audit log."""
    entries = AuditEntry.objects.select_related("user")[:300]
    return render(request, "web/nhat_ky.html", {"entries": entries})
