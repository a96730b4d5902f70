"""Render .docx templates with docxtpl: strict, escaping, byte-stable, each template prepared once."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.render.renderer import Renderer
    from pipeline.render.templates import TemplateSet

__all__ = ["Renderer", "TemplateSet"]
# Imported when first asked for, not with the package: a module importing one of its light parts
# (pipeline.render.environment, .metrics: `hoso check` through the CLI) does not load docxtpl.
_WHERE = {"Renderer": "pipeline.render.renderer", "TemplateSet": "pipeline.render.templates"}


def __getattr__(name: str) -> object:
    """Renderer or TemplateSet, from their module (see _WHERE)."""
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
