"""The Django app: its label and the audit of log-ins; django-axes named in Vietnamese."""

from __future__ import annotations

from typing import Any

import axes.apps
from django.apps import AppConfig
from django.utils import timezone


class WebConfig(AppConfig):
    """The hoso web app."""

    default = True  # the app config of "pipeline.web" (AxesConfig below is not)
    name = "pipeline.web"
    label = "web"
    verbose_name = "Hồ sơ khen thưởng"

    def ready(self) -> None:
        """Record log-ins, log-outs and failed log-ins in the audit log."""
        from pipeline.web import accounts

        accounts.connect_signals()


class AxesConfig(axes.apps.AppConfig):
    """django-axes as the administrator's pages show it: its section and its records in
    Vietnamese (its own names are English: the app label "Axes", "Access Log for …")."""

    default = False  # named in INSTALLED_APPS; never chosen for "pipeline.web"
    verbose_name = "Đăng nhập"

    def ready(self) -> None:
        """What axes does, then its records' names (page titles, breadcrumbs, the admin's history)
        in Vietnamese; django-axes has no other way to name them."""
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = _attempt  # type: ignore[method-assign,assignment]
        AccessFailureLog.__str__ = _failure  # type: ignore[method-assign,assignment]
        AccessLog.__str__ = _log  # type: ignore[method-assign,assignment]


def _who(record: Any) -> str:
    """Who, from where: "vanthu từ 127.0.0.1"."""
    name = record.username or "(không tên)"
    return f"{name} từ {record.ip_address}" if record.ip_address else name


def _when(record: Any) -> str:
    """When, in the server's time zone: " lúc 08:05:09 ngày 06/12/2026"."""
    if record.attempt_time is None:
        return ""
    return " " + timezone.localtime(record.attempt_time).strftime("lúc %H:%M:%S ngày %d/%m/%Y")


def _attempt(record: Any) -> str:
    return f"{_who(record)}: {record.failures_since_start} lần đăng nhập sai"


def _failure(record: Any) -> str:
    locked = ", bị khóa" if record.locked_out else ""
    return f"Đăng nhập sai: {_who(record)}{_when(record)}{locked}"


def _log(record: Any) -> str:
    return f"Đăng nhập: {_who(record)}{_when(record)}"
