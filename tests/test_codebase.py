"""The codebase keeps its shape: module and function sizes, the developer map, declared imports."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
# The UNO worker runs under the system python, whose `uno` no package can declare.
SYSTEM_ONLY = {"uno", "com"}


def _functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _parameters(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    a = fn.args
    names = [*a.posonlyargs, *a.args, *a.kwonlyargs]
    count = len(names) + bool(a.vararg) + bool(a.kwarg)
    return count - (1 if names and names[0].arg in ("self", "cls") else 0)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small_and_its_functions_fit_on_a_screen(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 500, f"{path.name}: {lines} lines"
    for fn in _functions(path):
        length = (fn.end_lineno or fn.lineno) - fn.lineno + 1
        assert length <= 60, f"{path.name}:{fn.lineno} {fn.name}() has {length} lines"
        assert _parameters(fn) <= 7, f"{path.name}:{fn.lineno} {fn.name}() has too many parameters"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_and_public_functions_say_what_they_are(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{path.name}: {node.name} has no docstring"


def _developer_map() -> set[str]:
    """The module paths the README's developer map names, from its indented tree."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tree = text.split("## For developers", 1)[1].split("```")[1]
    found, stack = set(), []
    for line in tree.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        name = line.split()[0]
        stack = stack[:depth]
        if name.endswith("/"):
            stack.append(name)
        elif name.endswith(".py"):
            found.add("".join(stack) + name)
    return found


def test_the_developer_map_lists_every_module() -> None:
    listed = _developer_map()
    actual = {str(p.relative_to(ROOT)) for p in MODULES if p.name != "__init__.py"}
    assert sorted(actual - listed) == [], "modules missing from the README's developer map"
    assert sorted(listed - actual) == [], (
        "the README's developer map names modules that do not exist"
    )


def _imported_top_level() -> set[str]:
    names = set()
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"pipeline"} - SYSTEM_ONLY


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_library_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normalise(re.split(r"[<>=!~\[ ;]", d)[0]) for d in project["dependencies"]}
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for module in sorted(_imported_top_level()):
        dists = {_normalise(d) for d in providers.get(module, [module])}
        if not dists & declared:
            missing[module] = sorted(dists)
    assert missing == {}, "imported but not declared in pyproject.toml dependencies"


# What hoso prints uses the modern tone placement (hòa, thủy, xóa; ../shared/reference/vietnamese.md).
# Only the Vietnamese helpers and a pattern matching a clerk's old-style typing spell the other one.
_OLD_TONE = re.compile(r"\w*(?:[oO][áàảãạéèẻẽẹ]|(?<![qQ])[uU][ýỳỷỹỵ])(?!\w)")
_SPELLS_OLD_STYLE = ("pipeline/vietnamese/", "pipeline/documents/context.py")


def _user_strings(path: Path) -> list[str]:
    if path.suffix == ".html":
        return [path.read_text(encoding="utf-8")]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_printed_words_use_the_modern_tone_placement() -> None:
    files = [*MODULES, *PACKAGE.rglob("*.html"), *(ROOT / "templates").rglob("*.html")]
    found = {
        f"{path.relative_to(ROOT)}: {word}"
        for path in files
        if not str(path.relative_to(ROOT)).startswith(_SPELLS_OLD_STYLE)
        for text in _user_strings(path)
        for word in _OLD_TONE.findall(text)
    }
    assert sorted(found) == [], (
        "old-style tone placement in what hoso prints (write xóa, hòa, thủy)"
    )
