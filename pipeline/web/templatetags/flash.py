"""Messages shown where the person lands: a message tagged with a section of a page (its anchor,
the redirect's #fragment) is drawn in that section, when the page has it, not at the page's top."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.contrib.messages.storage.base import Message

register = template.Library()


@register.filter
def in_section(messages: Iterable[Message], section: str) -> list[Message]:
    """The messages tagged with that section's anchor, drawn under its heading."""
    return [m for m in messages if m.extra_tags == section]


@register.filter
def outside(messages: Iterable[Message], drawn: Iterable[str]) -> list[Message]:
    """The messages of no section (or row) the page draws (`drawn`: their anchors, as the view
    lists them), drawn at the page's top: each other one is drawn in its own place."""
    anchors = set(drawn)
    return [m for m in messages if m.extra_tags not in anchors]
