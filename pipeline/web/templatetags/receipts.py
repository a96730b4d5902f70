"""The period page's receipt form: a unit's entry of dot-xet.toml, to show what is recorded."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

from pipeline.period.config import ExpectedUnit

register = template.Library()


@register.filter
def expected_named(units: Sequence[ExpectedUnit], name: str) -> ExpectedUnit | None:
    """The expected unit of that name (a row of the units' table is named as its entry)."""
    return next((u for u in units if u.name == name), None)
