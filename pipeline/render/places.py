"""Where a template's tag is, as someone editing it in Word finds it: "đoạn 12 (“Căn cứ …”)" or
"bảng 2, hàng 3, cột 1 (“{{ r.ten }}”)".

docxtpl hands Jinja the document's XML, whose line numbers say nothing to a Word user. Here each
paragraph of a story (the body, a header, a footer) becomes one line of a plain-text copy of the
template, cleaned as docxtpl cleans its tags; Jinja's line number in that copy is the paragraph.
"""

from __future__ import annotations

import io
import re
import traceback
import unicodedata
import zipfile
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from lxml import etree

from pipeline.render.environment import environment
from pipeline.render.syntax import TEMPLATE_FRAME

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PARTS = re.compile(r"word/(header|footer|footnotes|endnotes)(\d*)\.xml")
_PART_LABELS = {
    "header": "đầu trang",
    "footer": "chân trang",
    "footnotes": "chú thích cuối trang",
    "endnotes": "chú thích cuối văn bản",
}
_SNIPPET = 40  # characters of a paragraph quoted to find it with Word's Find (Ctrl+F)

# docxtpl's own tags, rewritten as docxtpl rewrites them before Jinja reads the template.
_LEVEL = re.compile(r"(\{[{%#])(?:tr|tc|p|r) ")  # {%p if %} is {% if %} at another level
_CELL_VALUE = re.compile(r"\{%\s*(?:colspan|cellbg)\s+(.*?)%\}", re.S)
_MERGE = re.compile(r"\{%\s*[vh]m\s*%\}")
_INSIDE = re.compile(r"(?<=\{[{%])(.*?)(?=[}%]\})", re.S)
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Word's tracked changes: text inserted, deleted or moved; formatting changed.
_REVISIONS = {f"{{{W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}
_NOTES = {f"{{{W}}}{t}" for t in ("commentRangeStart", "commentReference")}
_ROW_TAG = re.compile(r"\{%-?\s*(tr|tc)\s.*?%\}", re.S)  # docxtpl's row and cell tags
_STATEMENT = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.S)
_OPENS = {"if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape"}
_MERGEFIELD = re.compile(r"\bMERGEFIELD\s+\"?([^\s\"\\]+)", re.I)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Story:
    """A flow of text of the template: its paragraphs' texts and where each is, in order."""

    label: str  # "" for the body, "đầu trang", "chân trang 2"…
    texts: tuple[str, ...]
    places: tuple[str, ...]
    in_table: tuple[bool, ...] = ()  # each paragraph is in a table's cell
    revised: tuple[bool, ...] = ()  # each paragraph holds a tracked change not yet accepted
    noted: tuple[bool, ...] = ()  # each paragraph holds a Word comment's anchor
    part: str = ""  # the package's part it is read from ("word/header1.xml")
    merge_fields: tuple[tuple[str, ...], ...] = ()  # each paragraph's Mail Merge fields' names

    @property
    def source(self) -> str:
        """The text Jinja reads for this story: one line per paragraph."""
        return "\n".join(_as_docxtpl(text) for text in self.texts)

    def where(self, lineno: int) -> str:
        """The place of a line of `source` (Jinja counts lines from 1)."""
        index = min(max(lineno, 1), len(self.places)) - 1
        return self.places[index] if self.places else self.label or "nội dung"

    def parse(self) -> nodes.Template:
        """The story's tags as Jinja parses them (TemplateSyntaxError when they do not parse)."""
        return _parsed(self.source)

    def syntax_place(self, exc: TemplateSyntaxError) -> str:
        """Where a syntax error is: at a block left open, its opening tag; else Jinja's line."""
        if "end of template" in (exc.message or "").lower():
            opened = self.unclosed_line()
            if opened is not None:
                return self.where(opened)
        return self.where(exc.lineno)

    def unclosed_line(self) -> int | None:
        """The line of the innermost block tag never closed, if any."""
        source, stack = self.source, []
        for match in _STATEMENT.finditer(source):
            keyword, rest = match.groups()
            if keyword in _OPENS or (keyword == "set" and "=" not in rest):
                stack.append(source.count("\n", 0, match.start()) + 1)
            elif keyword.startswith("end") and stack:
                stack.pop()
        return stack[-1] if stack else None


def _as_docxtpl(text: str) -> str:
    """A paragraph's text with docxtpl's tags rewritten as docxtpl rewrites them for Jinja."""
    text = _LEVEL.sub(r"\1 ", text)
    text = _CELL_VALUE.sub(lambda m: "{{ " + m.group(1) + " }}", text)
    text = _MERGE.sub("", text)
    return _INSIDE.sub(lambda m: m.group(1).translate(_STRAIGHT), text)


def _own_text(p: etree._Element) -> str:
    """The paragraph's own text (not that of a text box in it), as docxtpl sees it in a tag."""
    texts = [
        t.text or ""
        for t in p.iter(_w("t"))
        if next(t.iterancestors(_w("p")), None) is p and not _in_fallback(t)
    ]
    return unicodedata.normalize("NFC", "".join(texts))


def _separator(p: etree._Element) -> bool:
    """A paragraph of Word's own notes (the line above footnotes), not one the author typed."""
    return any(
        note.get(_w("type")) is not None for note in p.iterancestors(_w("footnote"), _w("endnote"))
    )


def _in_fallback(el: etree._Element) -> bool:
    return any(True for _ in el.iterancestors(_FALLBACK))


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rstrip() + "…"


def _cell_place(tc: etree._Element, root: etree._Element) -> str:
    """ "bảng 2, hàng 3, cột 1": tables counted in the story, rows and cells in their table."""
    tr = next(tc.iterancestors(_w("tr")))
    tbl = next(tr.iterancestors(_w("tbl")))

    def own(el: etree._Element, tag: str, parent: str) -> list[etree._Element]:
        return [x for x in el.iter(_w(tag)) if next(x.iterancestors(_w(parent))) is el]

    tables = [t for t in root.iter(_w("tbl")) if next(t.iterancestors(_w("tc")), None) is None]
    outer = next(tbl.iterancestors(_w("tc")), None)
    if outer is not None:
        nested = own(outer, "tbl", "tc")
        table = f"{_cell_place(outer, root)}, bảng con {nested.index(tbl) + 1}"
    else:
        table = f"bảng {tables.index(tbl) + 1 if tbl in tables else 1}"
    row = own(tbl, "tr", "tbl").index(tr) + 1
    column = own(tr, "tc", "tr").index(tc) + 1
    return f"{table}, hàng {row}, cột {column}"


def read_story(root: etree._Element, label: str, part: str = "") -> Story:
    """The paragraphs of one story with their places."""
    texts, places, cells, revised, noted, number = [], [], [], [], [], 0
    merged: list[tuple[str, ...]] = []
    for p in root.iter(_w("p")):
        if _in_fallback(p) or _separator(p):
            continue
        text = _own_text(p)
        tc = next(p.iterancestors(_w("tc")), None)
        if tc is None:
            number += 1
            place = f"đoạn {number}"
        else:
            place = _cell_place(tc, root)
        said = f"{place} (“{_quoted(text)}”)" if text.strip() else f"{place} (đoạn trống)"
        texts.append(text)
        places.append(f"{label}, {said}" if label else said)
        cells.append(tc is not None)
        revised.append(_revised(p))
        noted.append(any(el.tag in _NOTES for el in p.iter()))
        merged.append(_merge_fields(p))
    lists = (texts, places, cells, revised, noted)
    return Story(label, *(tuple(x) for x in lists), part=part, merge_fields=tuple(merged))


def _merge_fields(p: etree._Element) -> tuple[str, ...]:
    """The names of a paragraph's Mail Merge fields (Word's «ho_ten»), which hoso never fills:
    their instructions, typed over several runs or held by one simple field."""
    codes = "".join(t.text or "" for t in p.iter(_w("instrText")))
    codes += " ".join(f.get(_w("instr"), "") for f in p.iter(_w("fldSimple")))
    return tuple(m.group(1) for m in _MERGEFIELD.finditer(codes))


def _revised(p: etree._Element) -> bool:
    """The paragraph (or its table row) holds a change Word tracks and no one accepted yet."""
    tr = next(p.iterancestors(_w("tr")), None)
    row = [] if tr is None else [el for pr in tr.iterchildren(_w("trPr")) for el in pr.iter()]
    return any(el.tag in _REVISIONS for el in (*p.iter(), *row))


def commented(blob: bytes) -> list[str]:
    """Where a template holds Word comments (Review › New Comment)."""
    return [
        place
        for story in read_stories(blob)
        for place, noted in zip(story.places, story.noted, strict=True)
        if noted
    ]


def revisions(blob: bytes) -> list[str]:
    """Where a template holds changes tracked in Word (Track Changes) that no one accepted:
    docxtpl fills the deleted text too, and the documents print it struck through."""
    return [
        place
        for story in read_stories(blob)
        for place, revised in zip(story.places, story.revised, strict=True)
        if revised
    ]


def merge_fields(blob: bytes, allowed: Collection[str]) -> list[tuple[str, str]]:
    """Each Mail Merge field of a template, where it is and what to type instead: documents
    would print its «name» as Word last showed it."""
    found = []
    for story in read_stories(blob):
        for place, names in zip(story.places, story.merge_fields, strict=True):
            for name in names:
                tag = f"{{{{ {name} }}}}" if name in allowed else "thẻ {{ … }} của biến cần in"
                found.append(
                    (
                        place,
                        f"trường trộn thư (Mail Merge) «{name}»: hoso không điền trường trộn thư "
                        f"nên mọi văn bản in nguyên «{name}». Hãy xóa trường đó rồi gõ {tag} "
                        "(danh sách biến: hoso templates)",
                    )
                )
    return found


def text_revised(blob: bytes) -> bool:
    """Whether any tracked change of a template inserts, deletes or moves text (not only
    formatting, whose documents print right but carry the change's marks)."""
    tracked = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo)[\s>]")
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        parts = [n for n in zf.namelist() if n == "word/document.xml" or _PARTS.fullmatch(n)]
        return any(tracked.search(zf.read(name)) for name in parts)


@lru_cache(maxsize=256)
def _parsed(source: str) -> nodes.Template:
    """A story's Jinja tree, parsed once per process: the pre-flight's checks each walk it, for
    every workbook of a build (the trees are only read, never changed)."""
    return environment().parse(source)


@lru_cache(maxsize=64)
def read_stories(blob: bytes) -> tuple[Story, ...]:
    """The body, then each header and footer of a template's bytes (empty when unreadable)."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            found = sorted((m for m in map(_PARTS.fullmatch, zf.namelist()) if m), key=_order)
            parts = [("", "word/document.xml")]
            for match in found:
                kind = match.group(1)
                many = sum(m.group(1) == kind for m in found) > 1
                label = f"{_PART_LABELS[kind]} {match.group(2)}" if many else _PART_LABELS[kind]
                parts.append((label, match.group(0)))
            xmls = [(label, part, zf.read(part)) for label, part in parts]
        return tuple(read_story(etree.fromstring(xml), label, part) for label, part, xml in xmls)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        return ()  # the renderer says the file cannot be read; no place to add


def _order(match: re.Match[str]) -> tuple[str, int]:
    return match.group(1), int(match.group(2) or 0)


@lru_cache(maxsize=64)
def syntax_error(blob: bytes) -> tuple[str, str] | None:
    """Where the first tag that does not parse is, and Jinja's words (None when all parse).

    A tag broken in Word can still parse as docxtpl joins it: "{{ line }" swallows the text up to
    the next "}}", and a {%p %} tag in it then drops every paragraph in between, silently.
    """
    for story in read_stories(blob):
        try:  # compiled, not only parsed: a filter hoso does not have is said here, where it is
            environment().compile(story.source)
        except TemplateSyntaxError as exc:
            return story.syntax_place(exc), exc.message or ""
    return None


def fill_place(blob: bytes, context: Mapping[str, Any]) -> str:
    """Where filling a template with this context fails ("" when it is not found): each story's
    text filled on its own, the failing line of Jinja's traceback its paragraph."""
    env = environment()
    for story in read_stories(blob):
        try:
            env.from_string(story.source).render(dict(context))
        except Exception as exc:  # the document's own error is said by the caller
            frames = traceback.extract_tb(exc.__traceback__)
            lines = [f.lineno for f in frames if f.filename == TEMPLATE_FRAME and f.lineno]
            return story.where(lines[-1]) if lines else ""
    return ""


def outside_tables(blob: bytes) -> list[tuple[str, str]]:
    """Each {%tr %} or {%tc %} tag typed in a paragraph outside any table, and what to write:
    docxtpl replaces the table row (cell) around such a tag, and outside a table it takes one of
    another table's rows, or says only that some {% endif %} is out of place."""
    found = []
    for story in read_stories(blob):
        for text, place, cell in zip(story.texts, story.places, story.in_table, strict=True):
            for match in _ROW_TAG.finditer(text):
                if cell:
                    continue
                tag = " ".join(match.group(0).split())
                level = "dòng" if match.group(1) == "tr" else "ô"
                instead = "{%p" + tag[len(match.group(1)) + 2 :]
                found.append(
                    (
                        place,
                        f"thẻ “{tag}” nằm ngoài bảng: thẻ {{%{match.group(1)} … %}} thay cả "
                        f"một {level} của bảng nên chỉ dùng được trong bảng; ngoài bảng hãy "
                        f"viết “{instead}” (thay cả đoạn)",
                    )
                )
    return found


def name_place(blob: bytes, name: str) -> str | None:
    """Where a variable is first used (None when it is found nowhere)."""
    for story in read_stories(blob):
        try:
            tree = story.parse()
        except TemplateSyntaxError:
            continue
        lines = list(_free(tree, name, bound=False)) or [
            n.lineno for n in tree.find_all(nodes.Name) if n.name == name
        ]
        if lines:
            return story.where(min(lines))
    return None


def _free(node: nodes.Node, name: str, *, bound: bool) -> Iterator[int]:
    """The lines a name is used on where no loop, macro or {% with %} around it binds it: {{ r }}
    outside the {%tr for r in … %} row, not its use inside."""
    if isinstance(node, nodes.Name) and node.name == name and node.ctx == "load" and not bound:
        yield node.lineno
    if isinstance(node, nodes.For):
        yield from _free(node.iter, name, bound=bound)
        inner = bound or name == "loop" or _binds(node.target, name)
        for child in (*node.body, *([node.test] if node.test else [])):
            yield from _free(child, name, bound=inner)
        for child in node.else_:
            yield from _free(child, name, bound=bound)
        return
    if isinstance(node, nodes.Macro | nodes.CallBlock | nodes.With):
        bound = bound or _binds(node, name)
    for child in node.iter_child_nodes():
        yield from _free(child, name, bound=bound)


def _binds(node: nodes.Node, name: str) -> bool:
    """The node (a loop's target, a macro) binds the name."""
    names = (
        [node, *node.find_all(nodes.Name)]
        if isinstance(node, nodes.Name)
        else node.find_all(nodes.Name)
    )
    return any(n.name == name and n.ctx in ("store", "param") for n in names)


def tag_place(blob: bytes, tag: str, nth: int = 0, part: str = "") -> str | None:
    """Where a statement tag ("{% if x %}", as pipeline.render.blocks quotes it) is: its `nth`
    occurrence (from 0) in the part named (in any part when none is)."""
    words = tag.strip("{%} ").split()
    pattern = re.compile(r"\{%-?\s*" + r"\s*".join(map(re.escape, words)) + r"\s*-?%\}")
    for story in read_stories(blob):
        if part and story.part != part:
            continue
        for text, place in zip(story.texts, story.places, strict=True):
            nth -= len(pattern.findall(_as_docxtpl(text)))
            if nth < 0:
                return place
    return None
