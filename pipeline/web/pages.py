"""Pages every role shares: the start page by role, log-in, the audit log (admin, office), and the
page for an action's address opened as a page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse_lazy

from pipeline.web.access import audit, log_entries, requires, role_of
from pipeline.web.log_words import readable
from pipeline.web.models import Period

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


class PasswordChange(auth_views.PasswordChangeView):
    """Django's own password change for every logged-in user (the session stays), audited."""

    template_name = "web/doi_mat_khau.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        """Save the new password, log it and say so."""
        response = super().form_valid(form)
        audit(self.request, "doi-mat-khau", self.request.user.get_username())
        messages.success(self.request, "Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.")
        return response


@requires("quan-tri", "thi-dua")
def audit_log(request: HttpRequest) -> HttpResponse:
    """The last entries of the audit log the user may read; one period's with ?dot=<slug>."""
    slug = request.GET.get("dot")
    period = get_object_or_404(Period, slug=slug) if slug else None
    role = role_of(request.user)
    named = period is not None or role != "quan-tri"  # the office's log has a period column
    context = {"entries": readable(log_entries(request.user, period), named), "period": period}
    return render(request, "web/nhat_ky.html", {**context, "role": role})


class MethodPage:
    """Django answers an action's address opened as a page (a bookmark, a link copied from the
    address bar) with an empty 405, which browsers show blank or in their own words: say why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        if request.path.startswith("/api/"):  # a script: the API's own error, in JSON
            allowed = response.get("Allow", "")
            body = {"error": f"Địa chỉ này chỉ nhận {allowed.replace(', ', ' hoặc ')}."}
            response.content = json.dumps(body, ensure_ascii=False).encode()
            response["Content-Type"] = "application/json"
        else:
            response.content = render_to_string("405.html").encode()
            response["Content-Type"] = "text/html; charset=utf-8"
        # Django's CommonMiddleware has already said 0 bytes: a server would cut the page off.
        response["Content-Length"] = str(len(response.content))
        return response
