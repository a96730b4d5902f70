"""Render docxtpl templates strictly: a missing value is an error naming template and variable."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import UndefinedError, meta
from lxml import etree

from pipeline.errors import TemplateError
from pipeline.render.blocks import misplaced_block
from pipeline.render.centred import keep_centred_words
from pipeline.render.columns import fit_tables
from pipeline.render.contexts import bind, plain
from pipeline.render.environment import environment
from pipeline.render.fields import field_problems
from pipeline.render.metrics import TextStyles
from pipeline.render.nearest import nearest
from pipeline.render.package import composed, saved_as_other_kind, stable
from pipeline.render.places import (
    commented,
    fill_place,
    merge_fields,
    name_place,
    outside_tables,
    read_stories,
    revisions,
    syntax_error,
    tag_place,
    text_revised,
)
from pipeline.render.prepared import BrokenPart, PreparedTemplate, check_package
from pipeline.render.quoted import quoted_names
from pipeline.render.relationships import MissingRelationship
from pipeline.render.shapes import Shape, given_shapes, part_of
from pipeline.render.syntax import (
    explain,
    raised_in_template,
    runtime_meaning,
    undefined_meaning,
)
from pipeline.render.templates import TemplateSet

SYNTAX, BLOCK, UNKNOWN, UNREADABLE = "syntax", "block", "unknown", "unreadable"
NOTED = "noted"  # Word comments (Review › New Comment) left in a template
TRACKED = "tracked"  # changes tracked in Word, not accepted: the deleted text would print
FIELD = "field"  # a part a value does not have ({{ so.ten }}), or a variable its documents lack
_UNPARSED = (SYNTAX, UNREADABLE)  # the template's tags cannot be known


@dataclass(frozen=True)
class TagProblem:
    """One problem of a template's tags: its kind, where it is ("" when not known), what it is."""

    kind: str  # SYNTAX, BLOCK, UNKNOWN, FIELD or UNREADABLE
    place: str
    said: str

    def __str__(self) -> str:
        if not self.place:
            return self.said
        if self.kind in (TRACKED, NOTED):
            return f"{self.said} (chỗ đầu tiên: {self.place})"
        if self.kind == FIELD:  # as lint says it: "đoạn 14 (“…”): “so.ten”: “so” là …"
            return f"{self.place}: {self.said}"
        if self.kind == BLOCK:  # "phần … (word/…xml): thẻ “{% if %}” nằm trong …"
            return f"{self.said} (thẻ mở ở {self.place})"
        head, _, rest = self.said.partition(": ")  # "lỗi cú pháp ở đoạn 5 (“…”): …"
        return f"{head} ở {self.place}: {rest}"


@dataclass(frozen=True)
class _Checked:
    """A template's problems that depend on it and its allowed keys only: those said before the
    unknown variables, each unknown variable with its place, those said after."""

    before: tuple[TagProblem, ...]
    unknown: tuple[tuple[str, str], ...] = ()
    after: tuple[TagProblem, ...] = ()


class Renderer:
    """Loads each template once and renders documents from it, deterministically.

    Not thread-safe: a build's stages use it from one thread (pipeline.build.overlap converts
    in another, which never touches it). One Renderer may serve every workbook of a build: what
    it keeps is read from the template files once, as the build's digests are.
    """

    def __init__(self, templates: TemplateSet):
        self.templates = templates
        self.env = environment()
        self._blobs: dict[str, bytes] = {}
        self._ready: dict[str, PreparedTemplate | None] = {}
        self._checked: dict[tuple[str, frozenset[str]], _Checked] = {}

    def _blob(self, name: str) -> bytes:
        if name not in self._blobs:
            data = self.templates.find(name).read_bytes()
            with contextlib.suppress(zipfile.BadZipFile, OSError):  # said where it is read
                data = composed(data)
            self._blobs[name] = data
        return self._blobs[name]

    def blob_sha(self, name: str) -> str:
        """The sha256 of a template's bytes (part of every document's content key)."""
        return hashlib.sha256(self._blob(name)).hexdigest()

    def preflight(
        self,
        allowed: Mapping[str, Collection[str]],
        given: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        known: Collection[str] = (),
    ) -> None:
        """Before anything is written: every template exists, parses, uses only allowed keys,
        and (with `given`, the contexts each template is about to be filled with) reaches only
        into parts those values have. Every problem of every template is said at once.

        `allowed` maps each template file name to the context keys its documents will have;
        `known`, every template file name: any other Word file of the office's folder is said.
        """
        problems = self.templates.strays(known) if known else []
        for name in sorted(allowed):
            try:
                path = self.templates.find(name)
            except TemplateError as exc:
                problems.append(str(exc))
                continue
            shapes = given_shapes(given[name]) if given and name in given else None
            found = self.tag_problems(name, allowed[name], allowed, shapes)
            if shapes is not None and not any(p.kind in _UNPARSED for p in found):
                found += self.field_problems(name, shapes, allowed[name])
            problems += [f"Mẫu {path}: {p}." for p in found]
        if problems:
            raise TemplateError("\n".join(problems))

    def field_problems(
        self, name: str, shapes: Mapping[str, Shape | None], allowed: Collection[str]
    ) -> list[TagProblem]:
        """Tags reaching into a part the values do not have, each where it is."""
        stories = read_stories(self._blob(name))
        return [
            TagProblem(FIELD, place, said)
            for story in stories
            for place, said in field_problems(story, shapes, allowed)
        ]

    def tag_problems(
        self,
        name: str,
        allowed: Collection[str],
        kinds: Mapping[str, Collection[str]] | None = None,
        shapes: Mapping[str, Shape | None] | None = None,
    ) -> list[TagProblem]:
        """What is wrong with a template's tags, each with where it is in the Word document;
        first, Word comments left in it (they crash LibreOffice's export and would reach the
        documents' .docx)."""
        path = self.templates.find(name)
        key = (name, frozenset(allowed))
        if key not in self._checked:  # a build's workbooks share templates: read each once
            self._checked[key] = self._template_problems(path, name, allowed)
        checked = self._checked[key]
        unknown = [
            TagProblem(UNKNOWN, place, _unknown(variable, name, allowed, kinds or {}, shapes or {}))
            for variable, place in checked.unknown
        ]
        return [*checked.before, *unknown, *checked.after]

    def _template_problems(self, path: Path, name: str, allowed: Collection[str]) -> _Checked:
        """What depends on the template and its allowed keys only (the unknown variables' hints
        depend on the other templates and the values too: tag_problems says them)."""
        noted = commented(self._blob(name))
        found = (TagProblem(NOTED, noted[0], _noted(len(noted))),) if noted else ()
        checked = self._tag_problems(path, name, allowed)
        return dataclasses.replace(checked, before=found + checked.before)

    def _tag_problems(self, path: Path, name: str, allowed: Collection[str]) -> _Checked:
        revised = revisions(self._blob(name))
        if revised:  # what the tags say depends on which changes are kept: nothing else is said
            said = _tracked(len(revised), text_revised(self._blob(name)))
            return _Checked((TagProblem(TRACKED, revised[0], said),))
        outside = outside_tables(self._blob(name))
        if outside:  # what docxtpl then makes of the template says nothing of where
            return _Checked(tuple(TagProblem(SYNTAX, place, said) for place, said in outside))
        try:
            used = _variables(path, self.blob_sha(name))
        except JinjaError as exc:
            place, _ = syntax_error(self._blob(name)) or ("", "")
            said = f"lỗi cú pháp: {explain(exc.message or '')}"
            return _Checked((TagProblem(SYNTAX, place, said),))
        except Exception:  # a damaged .docx: python-docx raises assorted errors
            said = saved_as_other_kind(self._blob(name)) or (
                "không đọc được tệp Word (tệp hỏng, đặt mật khẩu, hoặc không phải .docx)"
            )
            return _Checked((TagProblem(UNREADABLE, "", said),))
        broken = syntax_error(self._blob(name))
        if broken is not None:  # parses only as docxtpl joins it: paragraphs would be lost
            place, message = broken
            return _Checked((TagProblem(SYNTAX, place, f"lỗi cú pháp: {explain(message)}"),))
        blocks = tuple(
            TagProblem(BLOCK, tag_place(self._blob(name), opened, nth, part) or "", said)
            for said, part, opened, nth in _misplaced(path, self.blob_sha(name))
        )
        used |= _story_variables(self._blob(name))  # footnotes: docxtpl's list leaves them out
        unknown = tuple(
            (variable, name_place(self._blob(name), variable) or "")
            for variable in sorted(used - set(allowed))
        )
        after = [
            TagProblem(FIELD, p, said)
            for story in read_stories(self._blob(name))
            for p, said in quoted_names(story, allowed)
        ]
        after += [TagProblem(FIELD, p, said) for p, said in merge_fields(self._blob(name), allowed)]
        return _Checked(blocks, unknown, tuple(after))

    def _prepared(self, name: str) -> PreparedTemplate | None:
        if name not in self._ready:
            blob = self._blob(name)
            try:
                ready = (
                    PreparedTemplate(blob, self.env) if PreparedTemplate.supports(blob) else None
                )
            except MissingRelationship:  # the full path says where, naming the template
                ready = None
            self._ready[name] = ready
        return self._ready[name]

    def _render(self, name: str, context: Mapping[str, Any], properties: dict[str, str]) -> bytes:
        """The fast path when it renders this template and context as docxtpl does, else the full."""
        prepared = self._prepared(name)
        if prepared is not None and plain(context):
            try:
                return prepared.render(dict(context), properties)
            except MissingRelationship:  # an id the template lacks: docxtpl's full path decides
                pass
        return self.render_slowly(name, context, properties=properties)

    def render(
        self, name: str, context: Mapping[str, Any], *, label: str, properties: dict[str, str]
    ) -> bytes:
        """The .docx bytes of one document; `label` names it in errors ("Tờ trình")."""
        try:
            return self._render(name, context, properties)
        except MissingRelationship as exc:
            raise TemplateError(
                f"Mẫu {self.templates.find(name)}: {_part_label(exc.part)} ({exc.part}) trỏ tới "
                f"ảnh hoặc liên kết không có trong tệp ({', '.join(exc.ids)}) sau khi điền "
                f"“{label}”: Word sẽ không mở được văn bản này. Hãy chèn lại ảnh hoặc liên kết đó "
                "trong Word."
            ) from None
        except BrokenPart as exc:
            raise TemplateError(
                f"Mẫu {self.templates.find(name)}: {_part_label(exc.part)} ({exc.part}) không còn "
                f"là XML hợp lệ sau khi điền “{label}”: một thẻ {{% … %}} mở ở một chỗ (ví dụ trong "
                "một ô bảng) và đóng ở chỗ khác (ngoài bảng). Hãy đặt cả thẻ mở và thẻ đóng trong "
                "cùng một đoạn, cùng một ô hoặc dùng {%tr %}, {%p %}."
            ) from None
        except etree.XMLSyntaxError:
            raise TemplateError(
                f"Mẫu {self.templates.find(name)}: không còn là XML hợp lệ sau khi điền “{label}” "
                "(một thẻ {% … %} mở và đóng ở hai chỗ khác nhau)."
            ) from None
        except Exception as exc:
            meaning = _meaning(exc)
            if meaning is None:
                raise  # not the template's doing: a bug of hoso's, shown as one
            place = fill_place(self._blob(name), context)
            at = f" ở {place}" if place else ""
            raise TemplateError(
                f"Mẫu {self.templates.find(name)}: lỗi khi điền “{label}”{at}: {meaning}."
            ) from None

    def render_slowly(
        self, name: str, context: Mapping[str, Any], *, properties: dict[str, str]
    ) -> bytes:
        """docxtpl's own full rendering: tags outside body, headers, footers; pictures, links."""
        tpl = DocxTemplate(io.BytesIO(self._blob(name)))
        tpl.render(bind(context, tpl), jinja_env=self.env, autoescape=True)  # errors: see render()
        styles = TextStyles(tpl.docx.styles.element)
        keep_centred_words(tpl.docx.element.body, styles)
        fit_tables(tpl.docx.element.body, styles)
        core = tpl.docx.core_properties
        for key, value in properties.items():
            setattr(core, key, value)
        out = io.BytesIO()
        tpl.save(out)
        data = stable(out.getvalue())
        check_package(data)
        return data


@lru_cache(maxsize=256)
def _variables(path: Path, sha: str) -> frozenset[str]:
    """The variables a template uses (cached by content: a review period reuses a few templates)."""
    return frozenset(DocxTemplate(path).get_undeclared_template_variables(environment()))


@lru_cache(maxsize=256)
def _misplaced(path: Path, sha: str) -> tuple[tuple[str, str, str, int], ...]:
    """Each part's block whose tags sit at different levels (pipeline.render.blocks): what to
    say, the part, the opening tag and how many of its text come before it there."""
    tpl = DocxTemplate(path)
    tpl.render_init()
    parts = [(str(tpl.docx.part.partname), tpl.get_xml())]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        parts += [(str(p.partname), tpl.get_part_xml(p)) for _, p in tpl.get_headers_footers(uri)]
    found = []
    for part, xml in parts:
        misplaced = misplaced_block(tpl.patch_xml(xml))
        if misplaced is not None:
            name = part.lstrip("/")
            said = f"{_part_label(name)} ({name}): {misplaced.said}"
            found.append((said, name, misplaced.opened, misplaced.nth))
    return tuple(found)


def _unknown(
    variable: str,
    name: str,
    allowed: Collection[str],
    kinds: Mapping[str, Collection[str]],
    shapes: Mapping[str, Shape | None],
) -> str:
    """What is said of a variable the template's documents do not have, with a hint."""
    hint = _elsewhere(variable, name, kinds) + part_of(variable, shapes)
    hint = hint or nearest(variable, allowed)  # a guess only when nothing is known
    return f"dùng biến không có: {variable} ({hint}xem danh sách biến: hoso templates)"


def _elsewhere(variable: str, name: str, kinds: Mapping[str, Collection[str]]) -> str:
    """ "biến của mẫu bao-cao-ca-nhan.docx, không có ở mẫu này; " for a variable another kind of
    template has ({{ ho_ten }} typed in the Tờ trình), "" when none has it."""
    others = sorted(k for k, keys in kinds.items() if k != name and variable in keys)
    if not others:
        return ""
    listed = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
    return f"biến của mẫu {listed}, không có ở mẫu này; "


def _story_variables(blob: bytes) -> frozenset[str]:
    """The variables every story of a template uses (body, headers, footers, footnotes)."""
    found: set[str] = set()
    for story in read_stories(blob):
        with contextlib.suppress(JinjaError):  # said by the syntax check
            found |= meta.find_undeclared_variables(story.parse())
    return frozenset(found)


def _tracked(count: int, text: bool) -> str:
    """A template whose changes tracked in Word are not accepted, and what to do in Word;
    `text`: a change inserts or deletes text (else it only formats)."""
    what = (
        "văn bản tạo ra sẽ in cả chữ đã xóa (gạch ngang) lẫn vạch đánh dấu sửa đổi"
        if text
        else "đó là thay đổi định dạng, mọi văn bản tạo ra sẽ mang theo dấu sửa đổi chưa chấp nhận"
    )
    return (
        f"còn {count} đoạn có sửa đổi được theo dõi (Track Changes) chưa chấp nhận: {what}. "
        "Trong Word chọn Xem lại › Chấp nhận › Chấp nhận tất cả thay đổi (Review › Accept › "
        "Accept All Changes), tắt Theo dõi thay đổi rồi lưu mẫu"
    )


def _noted(count: int) -> str:
    """A template with Word comments, and what to do in Word."""
    return (
        f"còn {count} đoạn có ghi chú (Comment) của Word: ghi chú sẽ đi vào tệp Word của mọi văn "
        "bản tạo ra, và LibreOffice không chuyển được văn bản có ghi chú sang PDF. Trong Word chọn "
        "Xem lại › Xóa › Xóa tất cả ghi chú trong tài liệu (Review › Delete › Delete All Comments) "
        "rồi lưu mẫu"
    )


def _meaning(exc: Exception) -> str | None:
    """What a template's tag did wrong while filled, in Vietnamese (None: not the template's)."""
    if isinstance(exc, UndefinedError):
        return undefined_meaning(exc.message or "")
    if isinstance(exc, JinjaError):  # raised by a tag itself ({% raise %}, a loop's limit…)
        return explain(exc.message or "")
    return runtime_meaning(exc) if raised_in_template(exc) else None


def _part_label(part: str) -> str:
    """A package part as a template author knows it."""
    for prefix, label in (
        ("word/header", "đầu trang"),
        ("word/footer", "chân trang"),
        ("word/document", "nội dung"),
        ("word/footnotes", "chú thích cuối trang"),
    ):
        if part.startswith(prefix):
            return f"phần {label}"
    return "phần"
