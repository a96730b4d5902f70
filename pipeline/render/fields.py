"""A template's tags that reach into a value the wrong way: a part of a text ({{ so.ten }}), a
part a record does not have ({{ ky.chuc_vu }}), a part of a whole list ({{ ca_nhan.ho_ten }}),
and a variable of the template's kind that its own documents do not have. `hoso lint` finds them
by the declared shapes of the built-in templates, a build's pre-flight by the values it is about
to fill in: each where it is, before anything is made."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping

from jinja2 import TemplateSyntaxError, meta, nodes

from pipeline.render.nearest import nearest
from pipeline.render.places import Story
from pipeline.render.shapes import FLAG, LIST, RECORD, TEXT, Shape

Scope = dict[str, "Named | None"]
# Filters that keep a list's items as they are; those that give one item of it.
_SAME_ITEMS = {"list", "reverse", "sort", "unique", "selectattr", "rejectattr"}
_ONE_ITEM = {"first", "last", "random", "min", "max"}
_TEXT_FILTERS = {"upper", "lower", "capitalize", "title", "trim", "striptags", "join", "string"}
_STR_METHODS = {m for m in dir(str) if not m.startswith("_")}
_DICT_METHODS = {"items", "keys", "values", "get"}
# A part looked for on purpose: {% if r.muc is defined %}, {{ r.muc|default("") }}.
_GUARDS = {"defined", "undefined", "default", "d"}


class Named:
    """A value's shape and how a message names it: "“ky”", "“r” (mỗi phần tử của “ca_nhan”)"."""

    def __init__(self, shape: Shape, name: str) -> None:
        self.shape, self.name = shape, name


def field_problems(
    story: Story,
    shapes: Mapping[str, Shape | None],
    known: Collection[str],
    others: Callable[[str], str] = lambda name: "",
) -> list[tuple[str, str]]:
    """Every tag of a story reaching into a value that has no such part, and every variable of
    the template's kind its documents do not have, each with its place, in the document's order.

    `shapes`: what the documents' values are (None: a value whose kind is not known); `known`:
    every variable of the template's kind; `others(name)`: the templates that have `name`.
    """
    try:
        tree = story.parse()
    except TemplateSyntaxError:
        return []  # said by the syntax check
    top: Scope = {k: None if v is None else Named(v, f"“{k}”") for k, v in shapes.items()}
    found = [*_elsewhere(tree, set(known) - set(shapes), others), *_walk(tree, top, None)]
    found.sort(key=lambda f: f[0])
    return list(dict.fromkeys((story.where(line), said) for line, said in found))


def _elsewhere(
    tree: nodes.Template, missing: set[str], others: Callable[[str], str]
) -> Iterator[tuple[int, str]]:
    """Variables of the template's kind its own documents never have ("nhom" in a unit's list:
    only the period's consolidated list has it), where each is first used."""
    names = meta.find_undeclared_variables(tree) & missing - _looked_for(tree)
    first: dict[str, int] = {}
    for name in tree.find_all(nodes.Name):
        if name.name in names and name.ctx == "load":
            first.setdefault(name.name, name.lineno)
    for name, line in first.items():
        where = others(name)
        yield (
            line,
            f"biến “{name}” không có trong văn bản của mẫu này"
            + (f", chỉ có trong văn bản của mẫu {where}" if where else "")
            + " (xem danh sách biến: hoso templates)",
        )


def _looked_for(tree: nodes.Template) -> set[str]:
    """Variables used on purpose only when there: {% if nhom is defined %}, {{ x|default }}."""
    return {
        node.node.name
        for node in tree.find_all((nodes.Test, nodes.Filter))
        if node.name in _GUARDS and isinstance(node.node, nodes.Name)
    }


def _walk(node: nodes.Node, scope: Scope, parent: nodes.Node | None) -> Iterator[tuple[int, str]]:
    """The mistakes under a node, the names its loops and assignments bind in scope."""
    if isinstance(node, nodes.For):
        yield from _walk(node.iter, scope, node)
        over = _infer(node.iter, scope)
        if over is not None and over.shape.kind != LIST:
            yield node.iter.lineno, _not_a_list(over, node.iter)
        inner = dict(scope)
        looped = _item(over, node.target, node.iter)
        _bind(node.target, looped, inner)
        inner["loop"] = None
        for child in (*node.body, *([node.test] if node.test else [])):
            yield from _walk(child, inner, node)
        for child in node.else_:
            yield from _walk(child, scope, node)
        return
    if isinstance(node, nodes.If) and (checked := _defined(node.test)):
        yield from _walk(node.test, scope, node)
        inner = {**scope, **dict.fromkeys(checked)}  # the parts are filled only where they are
        for child in node.body:
            yield from _walk(child, inner, node)
        for child in (*node.elif_, *node.else_):
            yield from _walk(child, scope, node)
        return
    if isinstance(node, nodes.And) and (checked := _defined(node.left)):
        yield from _walk(node.left, scope, node)  # {{ r.muc is defined and r.muc }}
        yield from _walk(node.right, {**scope, **dict.fromkeys(checked)}, node)
        return
    if isinstance(node, nodes.Assign):
        yield from _walk(node.node, scope, node)
        _bind(node.target, _infer(node.node, scope), scope)
        return
    if isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With | nodes.AssignBlock):
        scope = dict(scope)  # their own names: not known here, never reported
        for name in node.find_all(nodes.Name):
            if name.ctx in ("store", "param"):
                scope[name.name] = None
    if isinstance(node, nodes.Getattr | nodes.Getitem) and not _guarded(parent):
        said = _reach(node, scope, parent)
        if said:
            yield node.lineno, said
            return  # one mistake per expression: what is inside it is said already
    for child in node.iter_child_nodes():
        yield from _walk(child, scope, node)


def _guarded(parent: nodes.Node | None) -> bool:
    """A part looked for on purpose: {% if r.muc is defined %}, {{ r.muc|default("") }}."""
    return isinstance(parent, nodes.Test | nodes.Filter) and parent.name in _GUARDS


def _defined(test: nodes.Node) -> list[str]:
    """The parts an {% if … is defined (and … is defined) %} looks for, as scope keys."""
    if isinstance(test, nodes.And):
        return _defined(test.left) + _defined(test.right)
    defined = isinstance(test, nodes.Test) and test.name == "defined"
    if defined and isinstance(test.node, nodes.Getattr | nodes.Getitem):
        return [f"{_text(test.node)}?"]
    return []


def _bind(target: nodes.Node, value: Named | None, scope: Scope) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = value
    else:
        for name in target.find_all(nodes.Name):
            scope[name.name] = None  # a tuple unpacked: its parts are not known


def _item(
    value: Named | None, target: nodes.Node | None = None, over: nodes.Node | None = None
) -> Named | None:
    """What a loop over the value gives, one at a time (named by the loop's variable)."""
    if value is None or value.shape.kind != LIST or value.shape.item is None:
        return None
    whose = f"mỗi phần tử của {f'“{_text(over)}”' if over is not None else value.name}"
    name = f"“{target.name}” ({whose})" if isinstance(target, nodes.Name) else whose
    return Named(value.shape.item, name)


def _part(node: nodes.Getattr | nodes.Getitem) -> str | None:
    if isinstance(node, nodes.Getattr):
        return node.attr
    arg = node.arg
    return arg.value if isinstance(arg, nodes.Const) and isinstance(arg.value, str) else None


def _infer(node: nodes.Node, scope: Scope) -> Named | None:
    """The shape of an expression, when the contract tells it (None: not known)."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name)
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        value, part = _infer(node.node, scope), _part(node)
        if value is None:
            return None
        if part is None and isinstance(node, nodes.Getitem):
            return _item(value)  # ca_nhan[0]
        if value.shape.kind == RECORD and part in value.shape.fields:
            return Named(value.shape.fields[part], f"“{_text(node)}”")
        return None
    if isinstance(node, nodes.Filter) and node.node is not None:
        value = _infer(node.node, scope)
        if node.name in _TEXT_FILTERS:
            return Named(Shape(TEXT), f"“{_text(node)}”")
        if value is None or value.shape.kind != LIST:
            return None
        if node.name in _ONE_ITEM:
            return _item(value)
        if node.name in ("batch", "slice", "chia_bang"):
            return Named(Shape(LIST, item=value.shape), f"“{_text(node)}”")
        return value if node.name in _SAME_ITEMS else None
    return None


def _reach(node: nodes.Getattr | nodes.Getitem, scope: Scope, parent: nodes.Node | None) -> str:
    """What is wrong with taking this part of this value ("" when nothing, or not known)."""
    value, part = _infer(node.node, scope), _part(node)
    if value is None or part is None or f"{_text(node)}?" in scope:
        return ""
    shape, tag = value.shape, f"“{_text(node)}”"
    called = isinstance(parent, nodes.Call) and parent.node is node
    if shape.kind == RECORD:
        if part in shape.fields or (called and part in _DICT_METHODS):
            return ""  # {% for k, v in ky.items() %}: a record's own methods
        return (
            f"{tag}: {value.name} không có phần “{part}” ("
            + nearest(part, shape.fields, quoted=True)
            + f"các phần của nó: {', '.join(shape.fields)}; xem danh sách biến: hoso templates)"
        )
    if shape.kind == LIST:
        if called:
            return ""  # a list's own methods (count, index): never a field
        inside = shape.item is not None and part in shape.item.fields
        hint = f"{{% for r in {_text(node.node)} %}}{{{{ r.{part} }}}}{{% endfor %}}"
        return f"{tag}: {value.name} là một danh sách, không có phần “{part}”" + (
            f"; mỗi phần tử của nó có: lặp qua danh sách, ví dụ {hint}" if inside else ""
        )
    if called and shape.kind == TEXT and part in _STR_METHODS:
        return ""  # {{ ten.upper() }}: a text's own method
    return (
        f"{tag}: {value.name} là {shape.said}, không có phần “{part}” bên trong: hãy viết "
        f"{{{{ {_text(node.node)} }}}} (xem danh sách biến: hoso templates)"
    )


def _not_a_list(value: Named, over: nodes.Node) -> str:
    """A {% for %} over a value that is not a list, and what to write instead."""
    text, shape = _text(over), value.shape
    said = f"{{% for … in {text} %}}: {value.name} là {shape.said}, không phải một danh sách"
    if shape.kind == TEXT:
        return f"{said}: vòng lặp sẽ đi qua từng chữ cái; hãy viết {{{{ {text} }}}}"
    if shape.kind == RECORD and shape.fields:
        part = next(iter(shape.fields))
        return f"{said}; hãy dùng từng phần của nó ({', '.join(shape.fields)}): {{{{ {text}.{part} }}}}"
    if shape.kind == FLAG:
        return f"{said}, không lặp qua được; hãy viết {{% if {text} %}} … {{% endif %}}"
    return f"{said}, không lặp qua được (xem danh sách biến: hoso templates)"


def _text(node: nodes.Node) -> str:
    """An expression as the author wrote it, near enough to find it."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg
        inner = repr(arg.value) if isinstance(arg, nodes.Const) else "…"
        return f"{_text(node.node)}[{inner}]"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{_text(node.node)}|{node.name}"
    return "…"
