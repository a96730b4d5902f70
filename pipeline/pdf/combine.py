"""Several DOCX of one template set joined into one DOCX of sections, with a marker at each start.

LibreOffice's cost per document is mostly fixed (importing the package, its 350 KB of styles,
setting up a layout), so converting 20 short documents as one costs far less than 20 calls.
Each document becomes one section of the combined DOCX, or its own sections: its own page setup
and headers (its own sectPr), its first section starting on a new page with page numbers
restarting at 1 (or its own start) and an unnumbered first page (its titlePg), the others as
they would alone. A bookmark at its first paragraph becomes a named destination in the PDF,
which is how `pipeline.pdf.split` finds each document's pages.

Only documents whose package is the same as the others' apart from their text can be joined:
`combine_key` says which ones (None = convert this one alone), `refusal` why not.
"""

from __future__ import annotations

import copy
import hashlib
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKER = "hosoPart"  # bookmark names hosoPart0001…; a document using them is not joined
_MARKER_ID = 900_000  # bookmark ids of the markers, far above docxtpl's and Word's
DOCUMENT = "word/document.xml"
_CORE_PART = "docProps/core.xml"
# Parts that differ between documents of one template without changing the layout of another.
_OWN_PARTS = frozenset({DOCUMENT, _CORE_PART, "docProps/app.xml"})
# What would print differently in a combined document, and how the summary says it (it completes
# "converted alone because the document …"): fields counting the whole document's pages or
# referring elsewhere (all but _SAME_FIELDS), numbered lists (they continue across documents),
# notes, page breaks (one can leave a page with nothing on it, which the combined export would
# skip). An explicit "off" (<w:pageBreakBefore w:val="0"/>, <w:numId w:val="0"/>, as LibreOffice
# and Word write them) is no break and no list.
_BODY_REFUSED = (
    (
        re.compile(
            rb'<w:numPr>(?!(?:<w:ilvl w:val="\d+"/>)?<w:numId w:val="0"/></w:numPr>)'
        ).search,
        "có danh sách tự đánh số (Numbering)",
    ),
    (lambda body: not _same_fields(body), "có trường tự động (Field) trong nội dung"),
    (
        re.compile(rb"<w:footnoteReference\b|<w:endnoteReference\b").search,
        "có chú thích (Footnote)",
    ),
    (
        re.compile(rb'w:type="page"|<w:pageBreakBefore\b(?![^>]*w:val="(?:0|false|off)")').search,
        "có ngắt trang đặt tay (Page Break)",
    ),
    (re.compile(MARKER.encode()).search, f"có dấu trang (Bookmark) tên {MARKER}…"),
)
# Fields that print alone what they print in a combined document: LibreOffice computes the date
# and time when it opens either (measured: a DATE field saved as 01/01/2020 prints the day of the
# conversion, alone as combined, so freezing fields to their saved text would print otherwise),
# and page numbers restart with each document. NUMPAGES, SECTIONPAGES, REF, SEQ, TOC, FILENAME,
# document properties… would count or name the combined document and stay refused.
_SAME_FIELDS = frozenset({b"DATE", b"TIME", b"PAGE"})
_FIELD_PART = re.compile(
    rb'<w:fldChar\b[^>]*w:fldCharType="(begin|separate|end)"'
    rb'|<w:instrText\b[^>]*>([^<]*)<|<w:fldSimple\b[^>]*w:instr="([^"]*)"'
)
SECTIONS = "chia thành nhiều phần (Section) bắt đầu ở trang lẻ hoặc chẵn, hoặc đánh lại số trang"
HEADER_FIELDS = "có trường tự động (Field) ở đầu hoặc chân trang ngoài số trang, như “1/3”"
NUMBERED_STYLE = "dùng kiểu đoạn (Style) tự đánh số"
UNREADABLE = "không đọc được như một tệp Word"
_PSTYLE = re.compile(rb'<w:pStyle w:val="([^"]+)"')
_HEADER_PART = re.compile(r"word/(header|footer)\d*\.xml$")
_SECTION = re.compile(rb"<w:sectPr\b[^>]*/>|<w:sectPr\b.*?</w:sectPr>", re.S)
_REFERENCE = re.compile(rb'<w:(header|footer)Reference\b(?:[^>]*w:type="(\w+)")?')


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Package:
    """What the combiner reads of a DOCX: the catalogue of its parts, its body and properties."""

    path: Path
    parts: tuple[tuple[str, int, int], ...]  # every part's name, CRC-32 and size
    document: bytes
    core: bytes  # docProps/core.xml, where the PDF's title and author come from
    # Why its styles, headers or footers would print differently in a combined document.
    shared_refusal: str | None
    # What of each shared part the combine key compares, by name: its CRC and size, or for a
    # header or footer a digest of its XML without its fields' last results (see `_layout`).
    shared: tuple[tuple[str, str], ...] = ()


def read_package(path: Path) -> Package:
    """Read a DOCX's body and catalogue; parts shared with other documents are read only the
    first time their (name, CRC, size) is seen."""
    with zipfile.ZipFile(path) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        parts = tuple(sorted((i.filename, i.CRC, i.file_size) for i in infos.values()))
        document = archive.read(infos[DOCUMENT]) if DOCUMENT in infos else b""
        core = archive.read(infos[_CORE_PART]) if _CORE_PART in infos else b""
        numbered: frozenset[bytes] = frozenset()
        shared_refusal = None
        shared = []
        for name, crc, size in parts:
            if name in _OWN_PARTS:
                continue
            shared.append((name, f"{crc}:{size}"))
            if name == "word/styles.xml":
                numbered = _checked(archive, (name, crc, size), _numbered_styles)
            elif name.startswith("word/") and not _checked(
                archive, (name, crc, size), _only_page_fields
            ):
                shared_refusal = HEADER_FIELDS
            elif _HEADER_PART.match(name):
                shared[-1] = (name, _checked(archive, (name, crc, size), _layout))
    if any(style in numbered for style in _PSTYLE.findall(document)):
        shared_refusal = shared_refusal or NUMBERED_STYLE
    return Package(path, parts, document, core, shared_refusal, tuple(shared))


_SEEN: dict[tuple[str, int, int], object] = {}


def _checked(archive: zipfile.ZipFile, entry: tuple[str, int, int], check: Callable) -> Any:
    """`check` of a part's bytes, computed once per distinct part (same name, CRC and size)."""
    key = (*entry, check.__name__)
    if key not in _SEEN:
        if len(_SEEN) > 1024:
            _SEEN.clear()
        _SEEN[key] = check(archive.read(entry[0]))
    return _SEEN[key]


def refusal(package: Package) -> str | None:
    """Why a document may not share a combined DOCX (completing "because the document …", in
    Vietnamese), or None when it may."""
    body = package.document
    if not body:
        return UNREADABLE
    if body.count(b"<w:sectPr") != 1 and not _plain_sections(body):
        return SECTIONS
    for found, reason in _BODY_REFUSED:
        if found(body):
            return reason
    return package.shared_refusal


def _same_fields(body: bytes) -> bool:
    """Whether every field of a body is one of _SAME_FIELDS."""
    return all(_keyword(i) in _SAME_FIELDS for i in _instructions(body))


def _instructions(xml: bytes) -> list[bytes]:
    """The instruction of every field of a part. A complex field's may be split over several
    runs (Word does): it is read whole, from its "begin" to its "separate" (or "end")."""
    instructions: list[bytes] = []
    fields: list[list[bytes] | None] = []  # each field begun: its instruction, None once read
    for match in _FIELD_PART.finditer(xml):
        kind, text, simple = match.groups()
        if simple is not None:
            instructions.append(simple)
        elif text is not None:
            if fields and fields[-1] is not None:
                fields[-1].append(text)
        elif kind == b"begin":
            fields.append([])
        elif fields:
            pieces = fields[-1]
            if pieces is not None:
                instructions.append(b"".join(pieces))
            if kind == b"end":
                fields.pop()
            else:
                fields[-1] = None
    return instructions


def _keyword(instruction: bytes) -> bytes:
    """A field's kind, upper case ("PAGE" of " PAGE \\* ARABIC "); empty when it has none."""
    words = instruction.split()
    return words[0].upper() if words else b""


def _plain_sections(body: bytes) -> bool:
    """Whether a body of several sections can be joined: each section after its first starts
    on the next page or runs on (an odd or even page start, or numbering restarted, could make
    LibreOffice insert a blank page that alone it prints and combined it skips) and has no kind
    of header or footer its first lacks, none is tracked as changed, and its last paragraph ends
    no section (the combiner ends its last one there)."""
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError:
        return False
    body_element = root.find(_q("body"))
    if body_element is None or not len(body_element) or body_element[-1].tag != _q("sectPr"):
        return False
    if next(root.iter(_q("sectPrChange")), None) is not None:
        return False
    paragraphs = [p for e in body_element[:-1] for p in e.iter(_q("p"))]
    if not paragraphs or paragraphs[-1].find(f"{_q('pPr')}/{_q('sectPr')}") is not None:
        return False
    # A later section's header of a kind its first lacks would carry into the next document.
    first = _references(body)
    if any(not _references(body, n) <= first for n in range(1, body.count(b"<w:sectPr"))):
        return False
    for section in list(root.iter(_q("sectPr")))[1:]:
        kind = section.find(_q("type"))
        if kind is not None and kind.get(_q("val")) in ("oddPage", "evenPage"):
            return False
        numbering = section.find(_q("pgNumType"))
        if numbering is not None and numbering.get(_q("start")) is not None:
            return False
    return True


def combine_key(package: Package) -> str | None:
    """The key of documents that may share a combined DOCX, or None when this one may not."""
    if refusal(package) is not None:
        return None
    digest = hashlib.sha256()
    # A section without a header (or footer) of a kind shows the previous section's: documents
    # are joined only with others whose first section has headers and footers of the same kinds.
    digest.update(b" ".join(sorted(_references(package.document))) + b"\n")
    for name, fingerprint in package.shared:
        digest.update(f"{name}\0{fingerprint}\n".encode())
    return digest.hexdigest()


def _references(body: bytes, section: int = 0) -> frozenset[bytes]:
    """The kinds of header and footer a body's section (its first by default) refers to, e.g.
    b"header:first"; a section without a kind shows the previous section's."""
    found = list(_SECTION.finditer(body))
    if len(found) <= section:
        return frozenset()
    return frozenset(
        reference.group(1) + b":" + (reference.group(2) or b"default")
        for reference in _REFERENCE.finditer(found[section].group(0))
    )


def _only_page_fields(xml: bytes) -> bool:
    """Whether every field of a part is PAGE (a header's page number restarts per section)."""
    return all(_keyword(i) in (b"PAGE", b"") for i in _instructions(xml))


def _layout(xml: bytes) -> str:
    """A digest of a header's or footer's XML without what its fields showed when last saved.

    LibreOffice saves the page number it last laid out in each header's PAGE field ("0" in one
    template, "2" in another): headers alike but for that print the same, since the field is
    computed again, and must not keep documents of different templates apart.
    """
    root = etree.fromstring(xml)
    showing = False  # between a complex field's "separate" and its "end": its last result
    for element in list(root.iter(_q("fldChar"), _q("t"), _q("fldSimple"))):
        if element.tag == _q("fldChar"):
            showing = element.get(_q("fldCharType")) == "separate"
        elif element.tag == _q("fldSimple"):
            for text in element.iter(_q("t")):
                text.text = None
        elif showing:
            element.text = None
    return hashlib.sha256(etree.tostring(root, method="c14n")).hexdigest()


def _numbered_styles(styles: bytes) -> frozenset[bytes]:
    """Ids of the paragraph styles that number their paragraphs (lists continue across parts)."""
    if b"<w:numPr" not in styles:
        return frozenset()
    root = etree.fromstring(styles)
    return frozenset(
        style.get(_q("styleId"), "").encode()
        for style in root.iter(_q("style"))
        if any(not _no_list(numbering) for numbering in style.iter(_q("numPr")))
    )


def _no_list(numbering: etree._Element) -> bool:
    """Whether a w:numPr says "no list" (numId 0), as a style taking its parent's list off does."""
    number = numbering.find(_q("numId"))
    return number is not None and number.get(_q("val")) == "0"


def marker_name(index: int) -> str:
    """The bookmark (and PDF named destination) at the start of the index-th document."""
    return f"{MARKER}{index + 1:04d}"


def end_marker_name(marker: str) -> str:
    """The bookmark in the last paragraph of the document whose start is `marker`."""
    return f"{marker}End"


def combine(packages: Sequence[Package], target: Path) -> None:
    """Write one DOCX of len(packages) sections; the packages share one `combine_key`."""
    first = etree.fromstring(packages[0].document)
    body = first.find(_q("body"))
    assert body is not None
    for child in list(body):
        body.remove(child)
    for index, package in enumerate(packages):
        elements, sect = _split_body(package.document)
        _mark(elements, index)
        _mark_end(elements, index)
        # The document's first section starts on a new page numbered as alone (from 1 unless it
        # sets its own start); the others as alone.
        _restart(next((s for e in elements for s in e.iter(_q("sectPr"))), sect))
        if index < len(packages) - 1:
            if elements[-1].tag != _q("p"):
                # A section ends in a paragraph. Alone, LibreOffice drops the empty paragraph
                # after a final table; here one must stay, so it is made 1 pt high lest it
                # push a full page's table over (the end marker tells when it still does).
                elements.append(_hairline_paragraph())
            _end_section(elements[-1], sect)
        body.extend(elements if index < len(packages) - 1 else [*elements, sect])
    xml = etree.tostring(first, xml_declaration=True, encoding="UTF-8", standalone=True)
    with (
        zipfile.ZipFile(packages[0].path) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
    ):
        for info in source.infolist():
            if info.filename == DOCUMENT:
                archive.writestr(DOCUMENT, xml)
            else:
                archive.writestr(info.filename, source.read(info))


def _hairline_paragraph() -> etree._Element:
    """An empty paragraph as low as LibreOffice lays one out: 1 pt type, exact 1 pt line."""
    paragraph = etree.Element(_q("p"))
    props = etree.SubElement(paragraph, _q("pPr"))
    spacing = etree.SubElement(props, _q("spacing"))
    for key, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(_q(key), value)
    run = etree.SubElement(props, _q("rPr"))
    for tag in ("sz", "szCs"):
        etree.SubElement(run, _q(tag)).set(_q("val"), "2")
    return paragraph


def _split_body(xml: bytes) -> tuple[list[etree._Element], etree._Element]:
    """A document's body elements and its (last, body-level) section properties."""
    body = etree.fromstring(xml).find(_q("body"))
    assert body is not None
    children = list(body)
    if not children or children[-1].tag != _q("sectPr"):
        raise ValueError("no section properties at the end of the body")
    elements, sect = children[:-1], children[-1]
    if not any(e.tag == _q("p") for e in elements):
        raise ValueError("the body has no paragraph")
    return elements, sect


def _mark(elements: list[etree._Element], index: int) -> None:
    """Put the document's marker (an empty bookmark) at the start of its first paragraph."""
    paragraph = next(p for e in elements for p in e.iter(_q("p")))
    _bookmark(paragraph, 2 * index, marker_name(index))


def _mark_end(elements: list[etree._Element], index: int) -> None:
    """Put the end marker in the document's own last paragraph (before any added one).

    An added section-ending paragraph pushed onto a page of its own, or a last page the export
    skipped as empty, shows as an end marker that is not on the document's last page.
    """
    paragraph = [p for e in elements for p in e.iter(_q("p"))][-1]
    _bookmark(paragraph, 2 * index + 1, end_marker_name(marker_name(index)))


def _bookmark(paragraph: etree._Element, number: int, name: str) -> None:
    """An empty bookmark at the start of `paragraph` (after its properties)."""
    start = etree.Element(_q("bookmarkStart"))
    start.set(_q("id"), str(_MARKER_ID + number))
    start.set(_q("name"), name)
    end = etree.Element(_q("bookmarkEnd"))
    end.set(_q("id"), str(_MARKER_ID + number))
    at = 1 if len(paragraph) and paragraph[0].tag == _q("pPr") else 0
    paragraph.insert(at, start)
    paragraph.insert(at + 1, end)


# Elements of sectPr that come before w:type / w:pgNumType in the schema's order.
_BEFORE_TYPE = {_q(t) for t in ("headerReference", "footerReference", "footnotePr", "endnotePr")}
_AFTER_NUMBERING = {
    _q(t) for t in ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi")
} | {_q(t) for t in ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")}


def _restart(sect: etree._Element) -> None:
    """The section starts on a new page, numbered as alone: from its own start if it sets one
    (a document continuing another's numbering), else from 1."""
    for tag in ("type", "pgNumType"):
        for old in sect.findall(_q(tag)):
            if tag == "pgNumType":
                if old.get(_q("start")) is None:
                    old.set(_q("start"), "1")
            else:
                sect.remove(old)
    kind = etree.Element(_q("type"))
    kind.set(_q("val"), "nextPage")
    sect.insert(sum(1 for c in sect if c.tag in _BEFORE_TYPE), kind)
    if sect.find(_q("pgNumType")) is None:
        numbering = etree.Element(_q("pgNumType"))
        numbering.set(_q("start"), "1")
        after = next((i for i, c in enumerate(sect) if c.tag in _AFTER_NUMBERING), len(sect))
        sect.insert(after, numbering)


def _end_section(paragraph: etree._Element, sect: etree._Element) -> None:
    """Make `paragraph` the last of a section: its properties carry the section's."""
    props = paragraph.find(_q("pPr"))
    if props is None:
        props = etree.Element(_q("pPr"))
        paragraph.insert(0, props)
    change = props.find(_q("pPrChange"))
    if change is not None:
        change.addprevious(copy.deepcopy(sect))
    else:
        props.append(copy.deepcopy(sect))
