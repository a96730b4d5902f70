"""A docxtpl template prepared once and rendered many times without reopening the package.

docxtpl renders by opening the whole .docx with python-docx, patching and compiling its XML,
rendering, and saving every part again: about 20 ms a document, most of it repeated work. A review
period renders a few templates a thousand times, so here docxtpl's own steps are split: what
depends only on the template (opening, `patch_xml`, compiling) runs once; per document only the
Jinja rendering, docxtpl's `fix_tables`/`fix_docpr_ids` and hoso's `fit_tables` run, and the
package is written with the untouched parts copied as they are.

It takes only what it renders as docxtpl does: templates whose tags are in the body, headers and
footers (`supports`), contexts of plain values (pipeline.render.contexts); every rendered part is
parsed and its relationship ids checked. tests/test_render_peer.py compares it with docxtpl's own
rendering, part by part, for every docxtpl feature.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

from pipeline.render.centred import keep_centred_words
from pipeline.render.columns import fit_tables
from pipeline.render.metrics import TextStyles
from pipeline.render.package import read_members, write_package
from pipeline.render.relationships import check_members, check_references, declared, rels_name

_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_PROPERTY_TAGS = {"title": "dc:title", "author": "dc:creator", "subject": "dc:subject"}
_TAGS = ("{{", "{%", "{#")
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class _Part:
    """An XML part rendered per document: its zip name, patched source and encoding."""

    name: str
    source: str
    encoding: str
    body: bool  # the main document's body (rendered into the document.xml skeleton)
    ids: frozenset[str]  # the relationship ids its .rels declares: all a rendering may point to


class PreparedTemplate:
    """A template whose per-template work is done; `render` makes one document's bytes."""

    def __init__(self, blob: bytes, env: Environment):
        self.env = env
        self.tpl = DocxTemplate(io.BytesIO(blob))
        self.tpl.render_init()
        self.members = read_members(blob)
        members = dict(self.members)
        self.styles = TextStyles.from_bytes(members.get("word/styles.xml"))
        self.parts = self._parts(members)
        self._head, self._tail = self._skeleton()
        key = hashlib.sha256(blob).hexdigest()  # Renderers of other builds: check a template once
        if key not in _STATIC:
            _STATIC[key] = self._static(members)
        self._core_name, self._core_source = _STATIC[key]

    @staticmethod
    def supports(blob: bytes) -> bool:
        """False when tags sit where only docxtpl's full path renders them (footnotes, properties)."""
        for name, data in read_members(blob):
            if name.startswith("word/") and any(
                k in name for k in ("document", "header", "footer")
            ):
                continue
            if name.endswith(".xml") and any(t.encode() in data for t in _TAGS):
                return False
        return True

    def _parts(self, members: dict[str, bytes]) -> list[_Part]:
        tpl = self.tpl
        main = str(tpl.docx.part.partname).lstrip("/")
        ids = declared(members.get(rels_name(main)))
        parts = [_Part(main, tpl.patch_xml(tpl.get_xml()), "utf-8", True, ids)]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                xml = tpl.get_part_xml(part)
                name = str(part.partname).lstrip("/")
                ids = declared(members.get(rels_name(name)))
                # docxtpl's XML string has no declaration: the part is written back as UTF-8.
                parts.append(_Part(name, tpl.patch_xml(xml), "utf-8", False, ids))
        return parts

    def _static(self, members: dict[str, bytes]) -> tuple[str, bytes]:
        """What depends on the template only: its copied parts checked, its core.xml as docxtpl
        writes it (text properties rendered: tag-free here, so the same text; the empty ones
        docxtpl sets written as empty elements)."""
        # What is copied as it is must point to declared relationships too (else: the full path).
        check_members({n: d for n, d in members.items() if n not in {p.name for p in self.parts}})
        skeleton = etree.fromstring(self._head + b"<hoso-body/>" + self._tail, parser=_PARSER)
        check_references(self.parts[0].name, skeleton, self.parts[0].ids)
        self.tpl.render_properties({}, self.env)
        package = self.tpl.docx.part.package
        part = next(p for p in package.iter_parts() if p.content_type == CT.OPC_CORE_PROPERTIES)
        return str(part.partname).lstrip("/"), part.blob

    def _skeleton(self) -> tuple[bytes, bytes]:
        """document.xml around its body, so a rendered body drops in between."""
        root = self.tpl.docx._element
        marker = etree.SubElement(root, "hoso-body")
        root.replace(root.body, marker)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        head, tail = xml.split(b"<hoso-body/>")
        return head, tail

    def render(self, context: dict[str, Any], properties: dict[str, str]) -> bytes:
        """The .docx bytes of one document (Jinja errors propagate to the caller)."""
        tpl = self.tpl
        tpl.docx_ids_index = 1000  # docPr ids restart for every document, as a fresh render does
        replaced = {}
        for part in self.parts:
            xml = tpl.render_xml_part(part.source, None, context, self.env)
            if part.body:
                try:
                    tree = tpl.fix_tables(xml)  # parses the body: a broken one fails here
                except etree.XMLSyntaxError as exc:
                    raise BrokenPart(part.name, str(exc)) from None
                tpl.fix_docpr_ids(tree)
                check_references(part.name, tree, part.ids)
                keep_centred_words(tree, self.styles)
                fit_tables(tree, self.styles)
                replaced[part.name] = (
                    self._head + etree.tostring(tree, encoding="UTF-8") + self._tail
                )
            else:
                data = _DECLARATION + xml.encode(part.encoding)
                root = parse_part(part.name, data)  # never write a header Word cannot open
                check_references(part.name, root, part.ids)
                replaced[part.name] = data
        return self._package(replaced, properties)

    def _package(self, replaced: dict[str, bytes], properties: dict[str, str]) -> bytes:
        members = (
            (
                name,
                _core(self._core_source, properties)
                if name == self._core_name
                else replaced.get(name, data),
            )
            for name, data in self.members
        )
        return write_package(members)


def _core(data: bytes, properties: dict[str, str]) -> bytes:
    """core.xml with the document's title, author and subject."""
    root = etree.fromstring(data)
    for key, value in properties.items():
        tag = _PROPERTY_TAGS.get(key)
        if tag is None:
            continue
        element = root.find(tag, _NS)
        if element is None:
            prefix, local = tag.split(":")
            element = etree.SubElement(root, f"{{{_NS[prefix]}}}{local}")
        element.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class BrokenPart(Exception):
    """A rendered part that is not well-formed XML (a tag opened in one place, closed in another)."""

    def __init__(self, part: str, reason: str):
        super().__init__(part)
        self.part, self.reason = part, reason


def parse_part(name: str, data: bytes) -> etree._Element:
    """Parse one rendered part; BrokenPart naming it when it is not well-formed."""
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise BrokenPart(name, str(exc)) from None


def check_package(data: bytes) -> None:
    """Parse every XML part of a finished package and check its relationship ids (full path)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    for name, part in members.items():
        if name.endswith((".xml", ".rels")):
            parse_part(name, part)
    check_members(members)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
# By template sha256: the core part's name and bytes of a template whose copied parts passed.
_STATIC: dict[str, tuple[str, bytes]] = {}
