"""The Django app: its label and the audit of log-ins."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    """The hoso web app."""

    name = "pipeline.web"
    label = "web"
    verbose_name = "hoso"

    def ready(self) -> None:
        """Record log-ins, log-outs and failed log-ins in the audit log."""
        from pipeline.web import accounts

        accounts.connect_signals()
