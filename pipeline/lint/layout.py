"""Finding the parts of an NĐ 30 document: header block, title, trích yếu, body, signature, tables."""

# How parts are recognised (templates that follow this are checked fully):
# - title: the first top-level paragraph starting with a document type (TỜ TRÌNH, BIÊN BẢN…),
#   at most 60 characters, typed upper case or centred;
# - header: the first table before the title holding "CỘNG HÒA XÃ HỘI…", the motto, "Số:" or
#   ", ngày"; its first column is the left column, its last the right; without such a table, the
#   paragraphs before the title;
# - trích yếu: up to three centred, non-empty paragraphs right after the title, ending at a rule;
# - signature: the last table after the title holding "Nơi nhận" or an authority line (TM., KT.,
#   CHỦ TỊCH, THƯ KÝ…), borderless ones first; else trailing paragraphs from the first such line;
# - body: top-level paragraphs between the trích yếu and the signature;
# - data tables: other tables with visible borders and at least two rows.

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.lint.context import LintContext
from pipeline.lint.docx_io import Element, q
from pipeline.lint.lines import is_rule_paragraph, rule_under

DOC_TYPES = (
    "TỜ TRÌNH",
    "BIÊN BẢN",
    "BÁO CÁO",
    "DANH SÁCH",
    "TRÍCH NGANG",
    "QUYẾT ĐỊNH",
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
)
_TITLE = re.compile(rf"^({'|'.join(DOC_TYPES)})\b")
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = re.compile(r"độc\s*lập\s*[-–—]\s*tự\s*do\s*[-–—]\s*hạnh\s*phúc", re.I)
SO_LINE = re.compile(r"^\s*số\s*:", re.I)
PLACE_DATE = re.compile(r",\s*ngày\b", re.I)
NOI_NHAN = re.compile(r"^\s*nơi\s+nhận\b", re.I)
KINH_GUI = re.compile(r"^\s*kính\s+gửi\b", re.I)
# Who signs: the authority prefixes of NĐ 30 (TM., KT., Q., TL., TUQ.) and the usual titles.
_AUTHORITY = re.compile(
    r"^((TM|KT|Q|TL|TUQ)\.|XÁC NHẬN|THỦ TRƯỞNG|NGƯỜI BÁO CÁO|THƯ KÝ|CHỦ TỊCH|PHÓ CHỦ TỊCH|"
    r"CHỦ TỌA|CHỦ TRÌ|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG|PHÓ TRƯỞNG|HIỆU TRƯỞNG|BÍ THƯ|CHÁNH)"
)
_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


@dataclass
class HeaderBlock:
    """The header: left and right columns, each a list of cells (lists of paragraphs)."""

    left: list[list[Element]]
    right: list[list[Element]]

    def left_paragraphs(self) -> list[Element]:
        """Return the left column's paragraphs in reading order."""
        return [p for cell in self.left for p in cell]

    def right_paragraphs(self) -> list[Element]:
        """Return the right column's paragraphs in reading order."""
        return [p for cell in self.right for p in cell]

    def next_in_cell(self, p: Element) -> Element | None:
        """Return the paragraph after p in the same cell, or None."""
        for cell in self.left + self.right:
            for i, candidate in enumerate(cell):
                if candidate is p:
                    return cell[i + 1] if i + 1 < len(cell) else None
        return None


@dataclass
class Layout:
    """The identified parts; any may be missing (then its checks are skipped)."""

    header: HeaderBlock | None = None
    header_table: Element | None = None
    title: Element | None = None
    trich_yeu: list[Element] = field(default_factory=list)
    body: list[Element] = field(default_factory=list)
    signature_table: Element | None = None
    signature: list[list[Element]] = field(default_factory=list)
    data_tables: list[Element] = field(default_factory=list)


def normalize_upper(text: str) -> str:
    """Upper-case, collapse whitespace and unify the old tone placement HOÀ → HÒA."""
    return " ".join(text.upper().split()).replace("HOÀ", "HÒA")


def is_national(ctx: LintContext, p: Element) -> bool:
    """True for the national title line (or its first half when split over two lines)."""
    return normalize_upper(ctx.visible(p)).startswith("CỘNG HÒA XÃ HỘI")


def is_authority(ctx: LintContext, p: Element) -> bool:
    """True for a signature authority/title line such as "KT. CHỦ TỊCH" or "THƯ KÝ"."""
    text = ctx.visible(p).strip()
    return len(text) <= 80 and ctx.is_upper(p) and bool(_AUTHORITY.match(normalize_upper(text)))


def block_items(container: Element) -> list[Element]:
    """Return the top-level paragraphs and tables of the body, content controls flattened."""
    items: list[Element] = []
    for child in container:
        if child.tag in (q("w:p"), q("w:tbl")):
            items.append(child)
        elif child.tag in (q("w:sdt"), q("w:customXml")):
            content = child.find(q("w:sdtContent"))
            items.extend(block_items(content if content is not None else child))
    return items


def cell_paragraphs(tc: Element) -> list[Element]:
    """Return the paragraphs directly in a cell (not those of nested tables)."""
    return tc.findall(q("w:p"))


def table_paragraphs(tbl: Element) -> list[Element]:
    """Return the paragraphs directly in the table's cells."""
    return [p for tc in tbl.iterfind(f"{q('w:tr')}/{q('w:tc')}") for p in cell_paragraphs(tc)]


def has_borders(ctx: LintContext, tbl: Element) -> bool:
    """True when the table or any of its cells draws a visible border."""
    chain = ctx.styles.table_chain(tbl)
    for side in _BORDER_SIDES:
        # Per side, the table's own w:tblBorders overrides its style's.
        found = [
            b for t in chain if (b := t.find(f"{q('w:tblBorders')}/{q('w:' + side)}")) is not None
        ]
        if found and found[0].get(q("w:val")) not in ("nil", "none"):
            return True
    cell_borders = tbl.iterfind(f"{q('w:tr')}/{q('w:tc')}/{q('w:tcPr')}/{q('w:tcBorders')}/*")
    return any(b.get(q("w:val")) not in ("nil", "none") for b in cell_borders)


def is_title(ctx: LintContext, p: Element) -> bool:
    """True for a document type line: TỜ TRÌNH, BIÊN BẢN… typed upper case or centred."""
    text = ctx.visible(p).strip()
    if not text or len(text) > 60 or not _TITLE.match(normalize_upper(text)):
        return False
    return ctx.is_upper(p) or ctx.alignment(p) == "center"


def _header_cue(ctx: LintContext, p: Element) -> bool:
    text = ctx.visible(p)
    return bool(
        is_national(ctx, p) or MOTTO.search(text) or SO_LINE.match(text) or PLACE_DATE.search(text)
    )


def _find_header(ctx: LintContext, items: list[Element], title_at: int) -> tuple[Layout, int]:
    """Find the header table (or paragraphs before the title); return it and where it ends."""
    for i, el in enumerate(items[:title_at]):
        if el.tag == q("w:tbl") and any(_header_cue(ctx, p) for p in table_paragraphs(el)):
            rows = [tr.findall(q("w:tc")) for tr in el.findall(q("w:tr"))]
            left = [cell_paragraphs(cells[0]) for cells in rows if cells]
            right = [cell_paragraphs(cells[-1]) for cells in rows if len(cells) > 1]
            # Paragraphs between the table and the title may hold the Số or the date line.
            extra = [p for p in items[i + 1 : title_at] if p.tag == q("w:p")]
            block = HeaderBlock([*left, extra], [*right, extra])
            return Layout(header=block, header_table=el), i + 1
    if title_at < len(items):
        paras = [p for p in items[:title_at] if p.tag == q("w:p")]
        if any(_header_cue(ctx, p) for p in paras):
            return Layout(header=HeaderBlock([paras], [paras])), title_at
    return Layout(), 0


def _trich_yeu(ctx: LintContext, items: list[Element], start: int) -> tuple[list[Element], int]:
    """Collect the centred lines under the title until the rule; return them and the next index."""
    lines: list[Element] = []
    i = start
    while i < len(items) and items[i].tag == q("w:p") and len(lines) < 3:
        p = items[i]
        if not ctx.has_text(p):
            return lines, i + 1 if is_rule_paragraph(ctx, p) else i
        if ctx.alignment(p) != "center" or KINH_GUI.match(ctx.visible(p)):
            break
        lines.append(p)
        i += 1
        if rule_under(ctx, p, None) is not None:
            break
    return lines, i


def _signature_table(ctx: LintContext, items: list[Element], start: int) -> int | None:
    """Return the index of the last table after start holding a signature or Nơi nhận.

    Borderless tables win: a data table may hold an upper-case title like "TRƯỞNG PHÒNG".
    """
    found = [
        i
        for i in range(start, len(items))
        if items[i].tag == q("w:tbl")
        and any(
            NOI_NHAN.match(ctx.visible(p)) or is_authority(ctx, p)
            for p in table_paragraphs(items[i])
        )
    ]
    borderless = [i for i in found if not has_borders(ctx, items[i])]
    return (borderless or found or [None])[-1]


def _signature_paragraphs(ctx: LintContext, items: list[Element], start: int) -> int | None:
    """Return the index of the first trailing paragraph that starts a signature block."""
    for i in range(start, len(items)):
        p = items[i]
        if p.tag == q("w:p") and (NOI_NHAN.match(ctx.visible(p)) or is_authority(ctx, p)):
            return i
    return None


def _attach_signature(ctx: LintContext, layout: Layout, items: list[Element], start: int) -> int:
    """Find the signature block after start; return the index where the body ends."""
    at = _signature_table(ctx, items, start)
    if at is not None:
        layout.signature_table = items[at]
        layout.signature = [cell_paragraphs(tc) for tc in items[at].iter(q("w:tc"))]
        return at
    at = _signature_paragraphs(ctx, items, start)
    if at is None:
        return len(items)
    end = next(
        (j for j in range(at, len(items)) if items[j].tag == q("w:tbl") or is_title(ctx, items[j])),
        len(items),
    )
    layout.signature = [items[at:end]]
    return at


def find_layout(ctx: LintContext) -> Layout:
    """Identify the parts of the document's body by position, text and formatting."""
    items = block_items(ctx.document.element.body)
    title_at = next(
        (i for i, el in enumerate(items) if el.tag == q("w:p") and is_title(ctx, el)), len(items)
    )
    layout, after_header = _find_header(ctx, items, title_at)
    body_start = after_header
    if title_at < len(items):
        layout.title = items[title_at]
        layout.trich_yeu, body_start = _trich_yeu(ctx, items, title_at + 1)
    body_end = _attach_signature(ctx, layout, items, body_start)
    layout.body = [el for el in items[body_start:body_end] if el.tag == q("w:p")]
    layout.data_tables = [
        el
        for el in items
        if el.tag == q("w:tbl")
        and el is not layout.header_table
        and el is not layout.signature_table
        and len(el.findall(q("w:tr"))) >= 2
        and has_borders(ctx, el)
    ]
    return layout
