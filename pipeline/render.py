"""Render docxtpl templates strictly: a missing value is an error naming template and variable."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, UndefinedError
from jinja2 import TemplateError as JinjaError

from pipeline.documents import REGISTRY, Document
from pipeline.errors import TemplateError
from pipeline.ooxml import stable_zip
from pipeline.prepared import PreparedTemplate
from pipeline.resources import TEMPLATES_DIR


class _CompilingOnce(Environment):
    """An Environment that compiles each template source once.

    docxtpl hands the same document XML to `from_string` for every render of a template;
    compiling it again each time was half the cost of rendering a document.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


def environment() -> Environment:
    """The Jinja environment of every template: strict (no silent blanks) and XML-escaping."""
    # Values from cells are inserted as escaped text, never parsed: "{{ 7*7 }}" in a cell stays literal.
    return _CompilingOnce(undefined=StrictUndefined, autoescape=True)


@dataclass(frozen=True)
class TemplateSet:
    """Where templates are looked up, in order: the user's folder, the plan's folder, built-in."""

    folders: tuple[Path, ...]

    @classmethod
    def build(cls, user: Path | None = None, plan: Path | None = None) -> TemplateSet:
        """A lookup order with the built-in templates last."""
        return cls(tuple(p for p in (user, plan, TEMPLATES_DIR) if p is not None))

    def find(self, name: str) -> Path:
        """The first template of that name in lookup order."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise TemplateError(
            f"Không tìm thấy mẫu {name} trong: {', '.join(map(str, self.folders))}."
        )


class Renderer:
    """Loads each template once and renders documents from it, deterministically."""

    def __init__(self, templates: TemplateSet):
        self.templates = templates
        self.env = environment()
        self._blobs: dict[str, bytes] = {}
        self._ready: dict[str, PreparedTemplate | None] = {}

    def _blob(self, name: str) -> bytes:
        if name not in self._blobs:
            self._blobs[name] = self.templates.find(name).read_bytes()
        return self._blobs[name]

    def blob_sha(self, name: str) -> str:
        """The sha256 of a template's bytes (part of every document's content key)."""
        return hashlib.sha256(self._blob(name)).hexdigest()

    def preflight(self, names: Iterable[str]) -> None:
        """Before anything is written: every template exists, parses, and uses only known keys."""
        problems = []
        for name in sorted(set(names)):
            kind = next((k for k in REGISTRY.values() if name in k.templates), None)
            try:
                path = self.templates.find(name)
                used = _variables(path, self.blob_sha(name))
            except TemplateError as exc:
                problems.append(str(exc))
                continue
            except JinjaError as exc:
                problems.append(f"Mẫu {path}: lỗi cú pháp ({exc.message}).")
                continue
            except Exception as exc:  # a damaged .docx: python-docx raises assorted errors
                problems.append(f"Mẫu {path}: không đọc được tệp Word ({exc}).")
                continue
            unknown = sorted(used - set(kind.keys)) if kind else []
            if unknown:
                problems.append(
                    f"Mẫu {path} dùng biến không có: {', '.join(unknown)} (xem danh sách biến: hoso templates)."
                )
        if problems:
            raise TemplateError("\n".join(problems))

    def _prepared(self, name: str) -> PreparedTemplate | None:
        if name not in self._ready:
            blob = self._blob(name)
            self._ready[name] = (
                PreparedTemplate(blob, self.env) if PreparedTemplate.supports(blob) else None
            )
        return self._ready[name]

    def render(self, doc: Document, *, properties: dict[str, str] | None = None) -> bytes:
        """The rendered .docx bytes of one document."""
        try:
            prepared = self._prepared(doc.template)
            if prepared is not None:
                return prepared.render(doc.context, properties or {})
            return self.render_slowly(doc, properties=properties)
        except UndefinedError as exc:
            raise TemplateError(
                f"Mẫu {self.templates.find(doc.template)}: thiếu giá trị cho biến ({exc.message}) "
                f"khi tạo “{doc.title}”."
            ) from None
        except JinjaError as exc:
            raise TemplateError(
                f"Mẫu {self.templates.find(doc.template)}: lỗi ({exc.message})."
            ) from None

    def render_slowly(self, doc: Document, *, properties: dict[str, str] | None = None) -> bytes:
        """docxtpl's own full rendering: for templates with tags outside body, headers, footers."""
        tpl = DocxTemplate(io.BytesIO(self._blob(doc.template)))
        tpl.render(doc.context, jinja_env=self.env, autoescape=True)  # errors: see render()
        core = tpl.docx.core_properties
        for key, value in (properties or {}).items():
            setattr(core, key, value)
        out = io.BytesIO()
        tpl.save(out)
        return stable_zip(out.getvalue())


@lru_cache(maxsize=256)
def _variables(path: Path, sha: str) -> frozenset[str]:
    """The variables a template uses (cached by content: a review period reuses a few templates)."""
    return frozenset(DocxTemplate(path).get_undeclared_template_variables(environment()))
