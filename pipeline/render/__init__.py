"""Render .docx templates with docxtpl: strict, escaping, byte-stable, each template prepared once."""

from pipeline.render.renderer import Renderer
from pipeline.render.templates import TemplateSet

__all__ = ["Renderer", "TemplateSet"]
