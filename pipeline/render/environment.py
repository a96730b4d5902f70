"""The Jinja environment of every template: strict, XML-escaping, with Vietnamese filters."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from pipeline import vietnamese as vn
from pipeline.render.filters import FILTERS


def _typeset(value: Any) -> Any:
    """Every printed text breaks only at sensible points: never inside a place name or phrase."""
    if isinstance(value, str) and not hasattr(value, "__html__"):  # Markup is already final
        return vn.keep_phrases(value)
    return value


# The largest text or list a template may make by "*", and the largest power by "**": a
# template is a document, and one tag must not take the machine (a worker's too) for minutes.
MAX_MADE = 1_000_000
MAX_POWER = 1_000


class _Sandboxed(SandboxedEnvironment):
    """Jinja's sandbox: a template (an office's own, sent to every worker of the queue) reaches
    its values and hoso's filters, never Python's insides ("__class__", "os.popen")."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*` and `**` within bounds; beyond them, a SecurityError the renderer explains."""
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_POWER:
            raise SecurityError(f"số mũ {right} quá lớn (tối đa {MAX_POWER})")
        if operator == "*":
            sized, times = (left, right) if isinstance(left, str | list | tuple) else (right, left)
            made = isinstance(sized, str | list | tuple) and isinstance(times, int)
            if made and len(sized) * times > MAX_MADE:
                raise SecurityError(f"phép nhân tạo ra hơn {MAX_MADE:,} phần tử".replace(",", "."))
        return super().call_binop(context, operator, left, right)


class _CompilingOnce(_Sandboxed):
    """A sandboxed environment that compiles each template source once.

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
    """A strict (no silent blanks), XML-escaping environment with hoso's filters."""
    # Values from cells are inserted as escaped text, never parsed: "{{ 7*7 }}" in a cell stays literal.
    env = _CompilingOnce(undefined=StrictUndefined, autoescape=True, finalize=_typeset)
    env.filters.update({name: fn for name, (fn, _) in FILTERS.items()})
    return env
