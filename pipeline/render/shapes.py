"""What a template's context value is: text, a number, yes/no, a group of named parts (a record)
or a list, and the parts of each record: declared for the built-in templates (pipeline.lint.shapes)
or read off the contexts a build is about to render."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT, NUMBER, FLAG, RECORD, LIST = "text", "number", "flag", "record", "list"


@dataclass(frozen=True)
class Shape:
    """The kind of one value: for a record its parts, for a list the shape of its items."""

    kind: str
    fields: Mapping[str, Shape] = field(default_factory=dict)
    item: Shape | None = None  # None: a list whose items are not known (an empty list)

    @property
    def said(self) -> str:
        """The kind as the author reads it."""
        return {
            TEXT: "một giá trị chữ",
            NUMBER: "một số",
            FLAG: "một giá trị đúng/sai",
            RECORD: "một nhóm giá trị",
            LIST: "một danh sách",
        }[self.kind]


T, N, B = Shape(TEXT), Shape(NUMBER), Shape(FLAG)


def record(**fields: Shape) -> Shape:
    """A value with named parts: {{ ky.ho_ten }}."""
    return Shape(RECORD, fields)


def items(of: Shape) -> Shape:
    """A list: {% for r in ca_nhan %}."""
    return Shape(LIST, item=of)


def texts(*names: str) -> dict[str, Shape]:
    """Parts that are all text."""
    return dict.fromkeys(names, T)


def shape_of(value: object) -> Shape:
    """The shape of a real context value (a list's items' parts taken together)."""
    if isinstance(value, bool):
        return B
    if isinstance(value, int | float):
        return N
    if isinstance(value, Mapping):
        return record(**{k: shape_of(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        found: Shape | None = None
        for one in value:
            found = merged(found, shape_of(one))
        return Shape(LIST, item=found)
    return T


def merged(one: Shape | None, other: Shape | None) -> Shape | None:
    """Two shapes of one value taken together: a record has the parts of both."""
    if one is None or other is None:
        return other if one is None else one
    if one.kind == RECORD and other.kind == RECORD:
        parts = {k: merged(one.fields.get(k), v) for k, v in other.fields.items()}
        return record(**{**one.fields, **parts})  # type: ignore[arg-type]
    if one.kind == LIST and other.kind == LIST:
        return Shape(LIST, item=merged(one.item, other.item))
    return one


def given_shapes(contexts: Iterable[Mapping[str, Any]]) -> dict[str, Shape | None]:
    """The shape of each value of a template's contexts taken together; None for a value whose
    kind differs between contexts (nothing is known of it)."""
    found: dict[str, Shape | None] = {}
    for context in contexts:
        for key, value in context.items():
            shape, before = shape_of(value), found.get(key)
            if key not in found:
                found[key] = shape
            elif before is not None and before.kind == shape.kind:
                found[key] = merged(before, shape)
            else:
                found[key] = None
    return found


def part_of(name: str, shapes: Mapping[str, Shape | None]) -> str:
    """ "là một phần của ky: {{ ky.ho_ten }}; " for a name typed alone that is a part of a record
    (or of each item of a list), "" when it is none's."""
    found = []
    for key, shape in sorted(shapes.items()):
        if shape is None:
            continue
        item = shape.item if shape.kind == LIST else None
        if shape.kind == RECORD and name in shape.fields:
            found.append(f"{{{{ {key}.{name} }}}}")
        elif item is not None and item.kind == RECORD and name in item.fields:
            found.append(f"{{{{ r.{name} }}}} trong vòng lặp {{% for r in {key} %}}")
    if not found:
        return ""
    return f"là một phần của giá trị khác: {' hoặc '.join(found[:2])}; "
