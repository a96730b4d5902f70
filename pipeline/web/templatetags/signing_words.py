"""Template filters for the signed documents' tables (web/_ky_so.html and the package links)."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

from pipeline.web.signed import SignedRow

register = template.Library()


@register.filter
def unsigned(rows: Sequence[SignedRow]) -> int:
    """How many of the documents carry no digital signature yet."""
    return sum(1 for row in rows if not row.signers)
