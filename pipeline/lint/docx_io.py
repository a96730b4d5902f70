"""Reading a .docx for linting: its stories (body, headers, footers, notes), paragraphs, texts,
locations."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.parser import parse_xml
from lxml import etree

from pipeline.errors import HosoError
from pipeline.files import reason
from pipeline.render.package import saved_as_other_kind

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
}

Element = etree._Element


def q(name: str) -> str:
    """Return the Clark name of a prefixed tag or attribute, e.g. q("w:p")."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def xp(expr: str) -> etree.XPath:
    """Compile an XPath with hoso's prefixes (python-docx's own .xpath takes no namespaces)."""
    return etree.XPath(expr, namespaces=NS)


_TOP_TABLES = xp("./w:tbl | ./w:sdt/w:sdtContent/w:tbl")
_ROWS = xp("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr")
_CELLS = xp("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc")
_SECTIONS = xp("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr")
_HEADER_LABELS = {
    ("headerReference", "default"): "đầu trang",
    ("headerReference", "first"): "đầu trang của trang 1",
    ("headerReference", "even"): "đầu trang của các trang chẵn",
    ("footerReference", "default"): "chân trang",
    ("footerReference", "first"): "chân trang của trang 1",
    ("footerReference", "even"): "chân trang của các trang chẵn",
}


# Word's notes, labelled as the renderer labels them (pipeline.render.places).
_NOTES = ((RT.FOOTNOTES, "chú thích cuối trang"), (RT.ENDNOTES, "chú thích cuối văn bản"))


@dataclass(frozen=True)
class Story:
    """A flow of text: the body, one header/footer part or the notes, with its Vietnamese label."""

    root: Element
    label: str


NOT_FOUND = "không tìm thấy tệp hay thư mục này"


class UnreadableDocx(HosoError):
    """Raised when a file cannot be linted at all; `why` says it without the file's name."""

    def __init__(self, path: Path, why: str) -> None:
        missing = why == NOT_FOUND
        super().__init__(
            f"Không tìm thấy tệp “{path}”." if missing else f"Không đọc được tệp “{path}”: {why}."
        )
        self.path = path
        self.why = why


def not_docx(path: Path) -> str:
    """Why a Word file saved as another kind (.doc, .dotx…) is not read, and what to do."""
    return (
        "hoso chỉ đọc tệp .docx; hãy mở tệp này bằng Word, chọn Tệp › Lưu thành, kiểu “Word "
        f"Document (*.docx)”, tên {path.stem}.docx"
    )


def open_docx(path: Path) -> Document:
    """Open a .docx with python-docx, turning every failure into a Vietnamese UnreadableDocx."""
    if path.is_dir():
        raise UnreadableDocx(path, "đây là thư mục, không phải tệp Word")
    if not path.is_file():
        raise UnreadableDocx(path, NOT_FOUND)
    if path.suffix.lower() != ".docx":
        raise UnreadableDocx(path, not_docx(path))
    try:
        with path.open("rb") as handle:
            empty = not handle.read(1)
    except OSError as exc:  # permissions: the file is fine, the user may not read it
        raise UnreadableDocx(path, reason(exc, "đọc")) from None
    if empty:
        raise UnreadableDocx(
            path, "tệp rỗng (0 byte), không có nội dung; tệp có thể chưa được chép hoặc lưu xong"
        )
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # The library's reason is English and technical: keep it on the chain, not in the message.
        raise UnreadableDocx(
            path,
            saved_as_other_kind(path.read_bytes())
            or "đây không phải tệp Word .docx hợp lệ (tệp có thể bị hỏng, được đặt mật khẩu, "
            "hoặc là loại tệp khác bị đổi đuôi thành .docx)",
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocx(path, "nội dung XML bên trong tệp .docx bị hỏng") from exc


def section_properties(document: Document) -> list[Element]:
    """Return every section's w:sectPr in document order."""
    return list(_SECTIONS(document.element))


def header_footer_refs(document: Document) -> Iterator[tuple[int, str, str, Element]]:
    """Yield (section number, reference tag, type, part root) for each header/footer reference."""
    related = document.part.related_parts
    for number, sect_pr in enumerate(section_properties(document), start=1):
        for ref in sect_pr:
            tag = etree.QName(ref).localname
            if tag not in ("headerReference", "footerReference"):
                continue
            part = related.get(ref.get(q("r:id")))
            if part is not None:
                yield number, tag, ref.get(q("w:type"), "default"), part.element


def stories(document: Document) -> list[Story]:
    """Return the body, each distinct header/footer part and the footnotes and endnotes,
    labelled for messages."""
    result = [Story(document.element.body, "")]
    seen: set[int] = set()
    many_sections = len(section_properties(document)) > 1
    for number, tag, kind, root in header_footer_refs(document):
        if id(root) in seen:
            continue
        seen.add(id(root))
        label = _HEADER_LABELS.get((tag, kind), "đầu trang hoặc chân trang")
        result.append(Story(root, f"{label}, phần {number}" if many_sections else label))
    return result + notes(document)


def notes(document: Document) -> list[Story]:
    """The footnotes and endnotes parts (python-docx reads them as bytes only), their separator
    lines left out: Word draws those, nobody types them."""
    found = []
    for reltype, label in _NOTES:
        try:
            root = parse_xml(document.part.part_related_by(reltype).blob)
        except (KeyError, etree.XMLSyntaxError):
            continue  # none, or unreadable: Word would show no notes either
        for note in root.findall("*"):
            if note.get(q("w:type")) not in (None, "normal"):
                root.remove(note)
        found.append(Story(root, label))
    return found


def theme_fonts(document: Document) -> dict[str, str]:
    """Return the theme's Latin fonts as {"major": …, "minor": …} (empty when there is no theme)."""
    try:
        root = etree.fromstring(document.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}  # no usable theme: theme fonts are then reported by their theme name
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{q('a:' + kind + 'Font')}/{q('a:latin')}")
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface")
    return fonts


def in_fallback(el: Element) -> bool:
    """True inside mc:Fallback, the duplicate of mc:Choice that Word ignores."""
    return any(True for _ in el.iterancestors(q("mc:Fallback")))


def paragraphs(root: Element) -> Iterator[Element]:
    """Yield every w:p under root (tables, nested tables and text boxes included) once."""
    for p in root.iter(q("w:p")):
        if not in_fallback(p):
            yield p


def own_runs(p: Element) -> list[Element]:
    """Return the runs of p itself (inside hyperlinks, fields…), not those of text boxes in it."""
    return [
        r
        for r in p.iter(q("w:r"))
        if next(r.iterancestors(q("w:p")), None) is p and not in_fallback(r)
    ]


def run_text(r: Element) -> str:
    """Return a run's text; tabs and breaks become "\t" and "\n" so regexes can see them."""
    parts = []
    for child in r:
        tag = etree.QName(child).localname
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def paragraph_text(p: Element) -> str:
    """Return the NFC text of a paragraph (its own runs only)."""
    return unicodedata.normalize("NFC", "".join(run_text(r) for r in own_runs(p)))


def shorten(text: str, limit: int = 60) -> str:
    """Collapse whitespace and cut long text with an ellipsis, for `where`."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ancestor(el: Element, name: str) -> Element | None:
    """Return the nearest ancestor with the prefixed tag name, or None."""
    return next(el.iterancestors(q(name)), None)


def table_location(tbl: Element) -> str:
    """Return "bảng 2" for a top-level table or "bảng 1, hàng 1, cột 2, bảng con 1" when nested."""
    tc = ancestor(tbl, "w:tc")
    if tc is None:
        container = next(tbl.iterancestors(q("w:body"), q("w:hdr"), q("w:ftr")), None)
        tables = _TOP_TABLES(container) if container is not None else [tbl]
        number = next((i for i, t in enumerate(tables, 1) if t is tbl), 1)
        return f"bảng {number}"
    nested = tc.findall(q("w:tbl"))
    number = next((i for i, t in enumerate(nested, 1) if t is tbl), 1)
    return f"{cell_location(tc)}, bảng con {number}"


def to_int(value: str | None, default: int = 0) -> int:
    """Read an integer attribute leniently: anything unreadable gives the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def row_number(tr: Element) -> int:
    """Return the 1-based position of a row in its table (rows in content controls too)."""
    tbl = ancestor(tr, "w:tbl")
    rows = _ROWS(tbl) if tbl is not None else [tr]
    return next((i for i, row in enumerate(rows, 1) if row is tr), 1)


def cell_location(tc: Element) -> str:
    """Return "bảng 2, hàng 3, cột 1" for a cell (cells counted as they appear in the row)."""
    tr = ancestor(tc, "w:tr")
    tbl = ancestor(tc, "w:tbl")
    if tr is None or tbl is None:
        return "bảng"
    column = next((i for i, cell in enumerate(_CELLS(tr), 1) if cell is tc), 1)
    return f"{table_location(tbl)}, hàng {row_number(tr)}, cột {column}"


def paragraph_location(p: Element, story_label: str) -> str:
    """Return a Vietnamese location: story, text box, cell, then the paragraph's shortened text."""
    parts = [story_label] if story_label else []
    if ancestor(p, "w:txbxContent") is not None:
        parts.append("hộp văn bản")
    tc = ancestor(p, "w:tc")
    if tc is not None:
        parts.append(cell_location(tc))
    text = shorten(paragraph_text(p))
    parts.append(f"đoạn “{text}”" if text else "đoạn trống")
    return ", ".join(parts)
