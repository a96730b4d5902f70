"""Data tables sized to their content: a column never narrower than its longest unbreakable text.

Templates give each column a width; the batch decides what the columns hold. After rendering, a
bordered table whose column is too narrow for a text that must not break (a person's name with
non-breaking spaces, "huyện Bù Gia Mập") is widened, taking the width from the columns that have
room to spare: first from the columns left empty (“Ghi chú”), then from the others in proportion
to their room. The table's total width never changes, and a table that fits is left as it is.
When even that cannot make room (a five-word name and "huyện Bù Gia Mập" in one narrow table), a
column header may wrap first ("Năm / sinh"); then the rightmost body column whose glued texts must
break gets plain spaces again, so its text wraps at words instead of being cut inside one.
Before that, headers keep their words whole ("Số phiếu / đồng ý", never "Số / phiếu / đồng / ý")
at the cost of a place's level leaving its name ("phường / Buôn Ma Thuột") in the body columns
that need it.
Body cells first keep the two syllables of an office's word together ("Văn phòng", "Truyền
thanh": typography.keep_words), and once every text fits, room no text of a column uses goes to
the columns whose texts wrap (render.balance), no header gaining a line.
A body cell spanning columns (a collective's name across its empty "Chức vụ, đơn vị", a group's
heading) sizes no column: it keeps its words and connectors whole in the columns' joint width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.balance import STEP, Header, balance, header_floors
from pipeline.render.connectors import keep_connectors_company, paragraph_font, with_company
from pipeline.render.metrics import TextStyles, run_bold, run_size, text_width
from pipeline.vietnamese.typography import LEVELS, keep_label_words, keep_words

_TBL, _TR, _TC, _P, _R, _T = (qn(f"w:{t}") for t in ("tbl", "tr", "tc", "p", "r", "t"))
DEFAULT_PADDING = 108  # twips a side: Word's default cell margin
SAFETY = 1.03  # a renderer's kerning and rounding: 3 % more than the sum of advance widths
_NO_BORDER = ("nil", "none")
NBSP = "\u00a0"
# The glue between a level of government and its place's name ("phường\u00a0Buôn"): the one a
# narrow table breaks first, the name itself staying whole.
_LEVEL_GLUE = re.compile(
    r"(?<![\w])(" + "|".join(w.replace(" ", "[ \u00a0]") for w in LEVELS) + ")\u00a0(.)",
    re.IGNORECASE,
)


def unglue_places(text: str) -> str:
    """A text whose places' levels may end a line: "phường Buôn\u00a0Ma\u00a0Thuột".

    >>> unglue_places("Xã\u00a0hội phường\u00a0Buôn\u00a0Ma\u00a0Thuột").split(" ")
    ['Xã\xa0hội', 'phường', 'Buôn\xa0Ma\xa0Thuột']
    """
    # Only before a name ("phường\u00a0Buôn"): "Xã\u00a0hội" is no place.
    return _LEVEL_GLUE.sub(lambda m: m[1] + (" " if m[2].isupper() else NBSP) + m[2], text)


def fit_tables(body: etree._Element, styles: TextStyles) -> None:
    """Widen the columns of every bordered table in a body that are too narrow for their texts."""
    for tables in _continued(body):
        _fit(tables, styles)


def _continued(body: etree._Element) -> list[list[etree._Element]]:
    """The bordered tables, each with the tables that continue it: a long list is printed as
    tables of the same grid one under the other, an empty paragraph apart
    (pipeline.authoring.blueprints.TABLE_ROWS), and must keep one set of column widths. Tables
    of one kind under headings of their own (the office's danh sách: each unit's "Cá nhân của
    …" table) share them too: their columns must not shift from one unit to the next."""
    groups: list[list[etree._Element]] = []
    for table in body.iter(_TBL):
        if not _bordered(table):
            continue
        if groups and _continues(groups[-1][-1], table):
            groups[-1].append(table)
        else:
            groups.append([table])
    kinds: dict[tuple[tuple[str | None, ...], tuple[str, ...]], list[etree._Element]] = {}
    for group in groups:
        kinds.setdefault(_kind(group[0]), []).extend(group)
    return list(kinds.values())


def _kind(table: etree._Element) -> tuple[tuple[str | None, ...], tuple[str, ...]]:
    """A table's template grid and column headers: tables alike in both are of one kind."""
    heads = tuple(
        "".join(t.text or "" for t in cell.iter(_T)) for head, _, cell in _cells(table) if head
    )
    return tuple(c.get(qn("w:w")) for c in _grid(table)), heads


def _continues(above: etree._Element, table: etree._Element) -> bool:
    """`table` follows `above` with only an empty paragraph between them, on the same grid."""
    between = above.getnext()
    return (
        between is not None
        and between.tag == _P
        and not any(t.text for t in between.iter(_T))
        and between.getnext() is table
        and [c.get(qn("w:w")) for c in _grid(above)] == [c.get(qn("w:w")) for c in _grid(table)]
    )


def _bordered(table: etree._Element) -> bool:
    """A data table: its inside vertical border is drawn (layout tables have none)."""
    inside = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}/{qn('w:insideV')}")
    return inside is not None and inside.get(qn("w:val")) not in _NO_BORDER


def _grid(table: etree._Element) -> list[etree._Element]:
    grid = table.find(qn("w:tblGrid"))
    return [] if grid is None else grid.findall(qn("w:gridCol"))


def _padding(table: etree._Element) -> int:
    """Left plus right cell margin of a table, in twips."""
    margins = table.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    total = 0
    for side in ("left", "right"):
        found = None if margins is None else margins.find(qn(f"w:{side}"))
        total += (
            int(found.get(qn("w:w"), DEFAULT_PADDING)) if found is not None else DEFAULT_PADDING
        )
    return total


def _cells(table: etree._Element) -> Iterator[tuple[bool, int, etree._Element]]:
    """(in a header row, grid column, cell) of each cell spanning exactly one column of this
    table. Header rows are the first and those repeated on every page (w:tblHeader): a row
    naming whose rows the table holds may stand above the column headers."""
    for r, row in enumerate(table.iterchildren(_TR)):
        head = r == 0 or row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        column = 0
        for cell in row.iterchildren(_TC):
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            width = int(span.get(qn("w:val"))) if span is not None else 1
            if width == 1:
                yield head, column, cell
            column += width


def _spans(table: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
    """(first grid column, columns spanned, cell) of each body cell spanning more than one
    column: a collective's name across its empty "Chức vụ, đơn vị", a group's heading row."""
    for r, row in enumerate(table.iterchildren(_TR)):
        if r == 0 or row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None:
            continue
        column = 0
        for cell in row.iterchildren(_TC):
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            width = int(span.get(qn("w:val"))) if span is not None else 1
            if width > 1:
                yield column, width, cell
            column += width


def _paragraph_widths(p: etree._Element, styles: TextStyles) -> tuple[float, ...]:
    """In points: the widest unbreakable piece, the same if U+00A0 broke, the whole paragraph,
    the widest piece with each connector word joined to the next ("và Ủy ban nhân dân"), and
    the widest piece if each place's level could end a line (unglue_places), and that piece
    with each connector word joined to the next."""
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    size, bold = styles.font(style.get(qn("w:val")) if style is not None else None)
    text, sizes, bolds = [], [size], [bold]
    for run in p.iter(_R):
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            sizes.append(run_size(rpr) or size)
            bolds.append(bool(run_bold(rpr)))
        text.extend(t.text or "" for t in run.iter(_T))
    # Break points are plain spaces, tabs and line breaks; U+00A0 stays inside a piece.
    joined = "".join(text).replace("\t", " ").replace("\n", " ")
    size, bold = max(sizes), any(bolds)

    def widest(pieces: list[str]) -> float:
        return max((text_width(w, size, bold) for w in pieces if w), default=0.0)

    lines = "".join(text).replace(NBSP, " ").split("\n")
    return (
        widest(joined.split(" ")),
        widest(joined.replace(NBSP, " ").split(" ")),
        widest([" ".join(line.split()) for line in lines]),
        widest(with_company(joined.split(" "))),
        widest(unglue_places(joined).split(" ")),
        widest(with_company(unglue_places(joined).split(" "))),
    )


@dataclass
class _Needs:
    """Each column's least widths in twips: of the header and body, glued or loose."""

    head: list[int]
    head_loose: list[int]
    body: list[int]
    body_loose: list[int]
    full: list[int]  # the longest body paragraph on one line: wider gains nothing
    company: list[int]  # body texts whole, each "và", "của" on a line with the word after it
    empty: list[bool]  # no body cell has text: the first column to give width away
    heads: list[list[Header]] = field(default_factory=list)  # each column's header cells
    head_company: list[int] = field(default_factory=list)  # headers with no connector alone
    body_places: list[int] = field(default_factory=list)  # body glued but for places' levels
    company_places: list[int] = field(default_factory=list)  # the same, no connector alone

    def hard(self, loosened: set[int]) -> list[int]:
        """Body texts whole (but in loosened columns), headers free to wrap."""
        body = [b if j not in loosened else self.body_loose[j] for j, b in enumerate(self.body)]
        return [max(b, h) for b, h in zip(body, self.head_loose, strict=True)]

    def soft(self, company: bool = False) -> list[int]:
        """Every text whole, headers included; with company, no connector word alone on a line."""
        body = self.company if company else self.body
        head = self.head_company if company else self.head
        return [max(b, h) for b, h in zip(body, head, strict=True)]

    def placed(self, columns: set[int], company: bool = False) -> list[int]:
        """Headers whole, body texts whole but for the places' levels in `columns`; with
        company, no connector word alone on a line ("và / Ủy ban nhân dân")."""
        places = self.company_places if company else self.body_places
        body = self.company if company else self.body
        body = [p if j in columns else b for j, (b, p) in enumerate(zip(body, places, strict=True))]
        return [max(b, h) for b, h in zip(body, self.head, strict=True)]


def _needs(table: etree._Element, styles: TextStyles, columns: int) -> _Needs:
    padding = _padding(table)
    needs = _Needs(
        *([0] * columns for _ in range(6)),
        [True] * columns,
        [[] for _ in range(columns)],
        [0] * columns,
        [0] * columns,
        [0] * columns,
    )
    for head, column, cell in _cells(table):
        if column >= columns:
            continue
        if head:
            needs.heads[column].append([_header_text(p, styles) for p in cell.iter(_P)])
        found = [_paragraph_widths(p, styles) for p in cell.iter(_P)] or [(0.0,) * 6]
        glued, loose, full, company, places, company_places = (
            round(max(w) * SAFETY * 20) + padding for w in zip(*found, strict=True)
        )
        lists = (needs.head, needs.head_loose) if head else (needs.body, needs.body_loose)
        for target, value in zip(lists, (glued, loose), strict=True):
            target[column] = max(target[column], value)
        if head:  # "Yêu cầu / của kế hoạch", never "của" alone on a line of a header
            needs.head_company[column] = max(needs.head_company[column], company, glued)
        if not head and any(f[2] for f in found):
            needs.empty[column] = False
            needs.full[column] = max(needs.full[column], full)
            needs.company[column] = max(needs.company[column], company, glued)
            needs.body_places[column] = max(needs.body_places[column], places)
            needs.company_places[column] = max(needs.company_places[column], places, company_places)
    return needs


def _loosened(needs: _Needs, total: int) -> set[int]:
    """The body columns whose glued texts must break for the table to fit, right to left.

    One column when one is enough (the rightmost such), else as many as it takes.
    """
    if sum(needs.hard(set())) <= total:
        return set()
    columns = range(len(needs.body) - 1, -1, -1)
    for j in columns:
        if sum(needs.hard({j})) <= total:
            return {j}
    loosened: set[int] = set()
    for j in columns:
        loosened.add(j)
        if sum(needs.hard(loosened)) <= total:
            break
    return loosened


def widen(
    widths: list[int], need: list[int], empty: list[bool], full: list[int] | None = None
) -> list[int]:
    """New column widths with the same total: each at least its need when the room allows.

    Width is taken first from empty columns, then from what no text uses (beyond `full`, the
    longest paragraph on one line), then from every column in proportion to its room.

    >>> widen([100, 300, 200], [150, 100, 50], [False, False, True])
    [150, 300, 150]
    >>> widen([100, 300, 200], [150, 100, 50], [False, False, False], [0, 300, 100])
    [150, 300, 150]
    >>> widen([100, 300, 200], [50, 100, 50], [False, False, False])
    [100, 300, 200]
    """
    short = [max(0, n - w) for w, n in zip(widths, need, strict=True)]
    deficit = sum(short)
    if not deficit:
        return list(widths)
    full = full or need
    tiers = (
        [n if e else w for w, n, e in zip(widths, need, empty, strict=True)],
        [max(n, f) for n, f in zip(need, full, strict=True)],
        need,
    )
    current, remaining = list(widths), deficit
    for floors in tiers:
        room = [0 if s else max(0, c - f) for c, f, s in zip(current, floors, short, strict=True)]
        pool = sum(room)
        if not pool or not remaining:
            continue
        share = min(remaining, pool)
        for i, r in enumerate(room):
            current[i] -= r * share // pool
            remaining -= r * share // pool
    granted = deficit - remaining
    gains = [s * granted // deficit for s in short]
    gains[max(range(len(widths)), key=lambda i: short[i])] += granted - sum(gains)
    return [c + g for c, g in zip(current, gains, strict=True)]


def _header_text(p: etree._Element, styles: TextStyles) -> tuple[str, float, bool]:
    """A header paragraph's text (line breaks as newlines), size and weight."""
    text = "".join((e.text or "") if e.tag == _T else "\n" for e in p.iter(_T, qn("w:br")))
    return (text, *paragraph_font(p, styles))


def _glue_words(table: etree._Element) -> None:
    """Two-syllable words of offices and positions whole in the body cells ("Văn phòng"), and
    every word of a column header ("Yêu cầu của kế hoạch", "Số phiếu đồng ý")."""
    cells = [*_cells(table), *((False, column, cell) for column, _, cell in _spans(table))]
    for head, _, cell in cells:
        glue = keep_label_words if head else keep_words
        for t in cell.iter(_T):
            if t.text and " " in t.text:
                t.text = glue(t.text)


def _joined(tables: list[etree._Element], styles: TextStyles, columns: int) -> _Needs:
    """The needs of tables that continue one another: the widest of each column."""
    each = [_needs(table, styles, columns) for table in tables]
    widest = [
        [max(values) for values in zip(*lists, strict=True)]
        for lists in zip(
            *((n.head, n.head_loose, n.body, n.body_loose, n.full, n.company) for n in each),
            strict=True,
        )
    ]
    empty = [all(values) for values in zip(*(n.empty for n in each), strict=True)]
    places, company_places = (
        [max(values) for values in zip(*lists, strict=True)]
        for lists in ([n.body_places for n in each], [n.company_places for n in each])
    )
    # Tables continuing one repeat its headers.
    return _Needs(*widest, empty, each[0].heads, each[0].head_company, places, company_places)


def _places_to_break(
    needs: _Needs, total: int, padding: int
) -> tuple[set[int], float, bool] | None:
    """The body columns whose places' levels may end a line so that every header keeps its
    words whole (none when shrinking the needs is enough; the rightmost one when one is enough,
    else all that have such a place: each broken place may leave its level alone on a line),
    how much the needs must shrink for that (within SAFETY: LibreOffice prints a text at
    exactly its advance widths, measured "phường Buôn Ma Thuột" 116.5 pt at 12 pt as
    render.metrics counts it), and whether each connector word keeps to the next word ("và Ủy
    ban nhân dân")."""
    columns = [
        j for j, (b, p) in enumerate(zip(needs.body, needs.body_places, strict=True)) if p < b
    ]
    room = total - padding * len(needs.body)
    # Nothing broken first: a table 1 % short of its needs printed "Số / phiếu / đồng ý".
    choices = [set(), *({j} for j in reversed(columns))] + ([set(columns)] if columns else [])
    for company in (True, False):  # "và Ủy ban nhân dân" whole when the room allows
        for choice in choices:
            text = sum(needs.placed(choice, company)) - padding * len(needs.body)
            factor = min(1.0, room / max(1, text))
            if factor * SAFETY >= 1:
                return choice, factor, company
    return None


def _squeezed(needs: _Needs, factor: float, padding: int) -> _Needs:
    """The needs with their texts `factor` times as wide, the padding kept."""
    if factor >= 1:
        return needs

    def scale(values: list[int]) -> list[int]:
        return [padding + int((v - padding) * factor) if v > padding else v for v in values]

    return replace(
        needs,
        head=scale(needs.head),
        body=scale(needs.body),
        body_places=scale(needs.body_places),
        company=scale(needs.company),
        company_places=scale(needs.company_places),
        full=scale(needs.full),
    )


def _fit(tables: list[etree._Element], styles: TextStyles) -> None:
    """Fit a table (and the tables continuing it) to its texts: one set of column widths."""
    grid = _grid(tables[0])
    widths = [int(col.get(qn("w:w"), "0")) for col in grid]
    if not widths or not all(widths):
        return
    for table in tables:
        _glue_words(table)
    needs = _joined(tables, styles, len(widths))
    soft = next((s for s in (needs.soft(True), needs.soft()) if sum(s) <= sum(widths)), None)
    padding = _padding(tables[0])
    placing = None if soft else _places_to_break(needs, sum(widths), padding)
    places = placing[0] if placing else set()
    if placing:
        needs = _squeezed(needs, placing[1], padding)
        soft = needs.placed(places, placing[2])
    loosened = set() if soft else _loosened(needs, sum(widths))
    target = soft or needs.hard(loosened)
    fitted, narrow_heads = _widths_for(widths, target, needs, _padding(tables[0]))
    for table in tables:
        _break_glue(table, loosened, narrow_heads)
        _break_places(table, places)
        if fitted != widths:
            _set_widths(table, fitted)
        padding = _padding(table)
        spans = ((c, cell, fitted[c : c + n]) for c, n, cell in _spans(table))
        cells = [*((c, cell, fitted[c : c + 1]) for _, c, cell in _cells(table)), *spans]
        for column, cell, room in cells:
            for p in cell.iter(_P) if column < len(fitted) else ():
                keep_connectors_company(p, sum(room) - padding, styles)


def _widths_for(
    widths: list[int], target: list[int], needs: _Needs, padding: int
) -> tuple[list[int], set[int]]:
    """The fitted widths and the columns whose headers are too narrow for their glued words.

    Each column at least its target; its header no taller than the template's header row when
    the room allows (render.balance.header_floors: never "Số phiếu đồng / ý" to make room for a
    body text); then room no text of a column uses goes to the columns whose texts wrap.
    """
    heads = header_floors(needs.heads, widths, needs.head, padding)
    roomy = [max(t, h) for t, h in zip(target, heads, strict=True)]
    fitted = widen(widths, roomy, needs.empty, needs.full)
    # widen's rounding may leave a column a few twips short: within the safety margin.
    if any(f < t - STEP for f, t in zip(fitted, target, strict=True)):
        fitted = widen(widths, target, needs.empty, needs.full)  # body texts before headers
    # widen rounds each share down: a column may end a twip or so short of its header.
    narrow_heads = {j for j, w in enumerate(fitted) if w < needs.head[j] - len(fitted)}
    floors = [
        w if j in narrow_heads else r for j, (w, r) in enumerate(zip(fitted, roomy, strict=True))
    ]
    return balance(fitted, floors, needs.full, needs.empty), narrow_heads


def _set_widths(table: etree._Element, fitted: list[int]) -> None:
    """New column widths in the grid (LibreOffice) and in every cell (Word)."""
    for col, width in zip(_grid(table), fitted, strict=True):
        col.set(qn("w:w"), str(width))
    for row in table.iterchildren(_TR):
        column = 0
        for cell in row.iterchildren(_TC):
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            count = int(span.get(qn("w:val"))) if span is not None else 1
            tcw = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tcw is not None:
                tcw.set(qn("w:w"), str(sum(fitted[column : column + count])))
                tcw.set(qn("w:type"), "dxa")
            column += count


def _break_places(table: etree._Element, columns: set[int]) -> None:
    """In the body cells of `columns`, a place's level may end a line (unglue_places)."""
    for in_head, column, cell in _cells(table):
        if column in columns and not in_head:
            for t in cell.iter(_T):
                if t.text and NBSP in t.text:
                    t.text = unglue_places(t.text)


def _break_glue(table: etree._Element, body: set[int], head: set[int]) -> None:
    """Plain spaces again in the cells of columns too narrow for their glued texts."""
    for in_head, column, cell in _cells(table):
        if column in (head if in_head else body):
            for t in cell.iter(_T):
                if t.text and NBSP in t.text:
                    t.text = t.text.replace(NBSP, " ")
