"""Justified paragraphs laid out before they print, so no kept-whole piece stretches a line.

typography.keep_phrases keeps names, places and phrases whole with non-breaking spaces. A piece
that does not fit at the end of a justified line moves whole to the next one, and the plain
spaces of the line it leaves widen to fill it: up to five times their width was measured
(tools/justified_gaps.py), "… của      Ủy ban nhân dân". Each justified paragraph of the body is
laid out here as LibreOffice and Word do (first fit, the font's advance widths), and while one
of its lines would print its spaces wider than MAX_STRETCH times, the best of these is done:

- the pieces around the line's end part at the joints typography.keep_strict allows ("giai
  đoạn / 2022 - 2025", "sơ / kết", "Phòng / Văn hóa"), so the line takes more, or has more
  spaces to share its room;
- the last word of the line before goes down with the first of the stretched one (a
  non-breaking space between them), so the stretched line holds one more word.

As a last resort only, while a line still stretches beyond HARD_STRETCH after both, the piece
after it parts at the least bad joint typography.keep_always allows: a body's or a place's name,
as official documents print them ("… của Ủy ban / nhân dân tỉnh …", "… Đồng Xoài, tỉnh / Bình
Phước."), or the paragraph's last two words (centred.keep_last_words: "… xem xét, quyết /
định./."). A gap five spaces wide looks worse on the page than such a name across two lines.
A line holding blanks left for the văn thư ("số      /TTr-UBND ngày      tháng") then has them
widened (widen_blanks). Past all of these, while a line still stretches beyond HARD_STRETCH and
beyond what Word would print for the paragraph typed plainly (breaking at every space), a
place's own name after it parts too ("thành phố Đồng / Xoài", "xã Bù Gia / Mập"): Word would
print it so, and a line of gaps 2.9 spaces wide reads worse. What never parts stays whole (a
person's name of up to four words, "03 (ba)", "ngày 08/10/2020", "2022 - 2025", a blank): the
line before such a piece may still stretch when nothing else helps. Only spaces change, and
blanks widen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from docx.oxml.ns import qn
from lxml import etree

from pipeline.render.metrics import TextStyles, run_bold, run_size, text_width
from pipeline.vietnamese.typography import LEVELS, NBSP, keep_always, keep_strict

# A line's plain spaces at most this many times their width, as laid out here: LibreOffice prints
# a line up to about 1.5 % narrower than the advance widths say, which stretches it a little more.
MAX_STRETCH = 1.7
# A line stretched beyond this after every other measure parts a body's or a place's name at the
# joint typography.keep_always opens: about 2.5 times as LibreOffice prints (tests/
# test_justified_lines.py), whose lines come out a little narrower still.
HARD_STRETCH = 2.2
ROUNDS = 16  # changes tried on one paragraph at most
PUSH_LINES = 3  # lines above a stretched one whose last words may go down
_P, _R, _T, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:rPr")
_JC, _STYLE, _IND = (f"{qn('w:pPr')}/{qn(tag)}" for tag in ("w:jc", "w:pStyle", "w:ind"))
_VAL = qn("w:val")
_SKIP = (qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:drawing"), qn("w:numPr"))
_OUTSIDE = (qn("w:tc"), qn("w:txbxContent"))
_SPACE = "xml:space"
_BLANK = re.compile(f"{NBSP}{{2,}}")  # a blank left for the văn thư (typography._GAP)
_SINGLE = re.compile(f"(?<!{NBSP}){NBSP}(?!{NBSP})")  # a joint, not a blank
# A level of government, then a place's own name of capitalised words ("thành phố Đồng Xoài").
_PLACE = re.compile(
    r"(?<!\w)(?:" + "|".join(lv.replace(" ", "[ \u00a0]") for lv in LEVELS) + r")[ \u00a0]"
    r"(?P<name>\w[\w']*(?:\u00a0\w[\w']*)+)",
    re.IGNORECASE,
)
# A line holding blanks stretched more than this has them widened (less: they print as typed)…
BLANK_OVER = 2.4
BLANK_STRETCH = 1.25  # …until its plain spaces stretch this much


@dataclass(frozen=True)
class Room:
    """The width of a paragraph's first line and of its other lines, in points."""

    first: float
    rest: float


def ease_justified(body: etree._Element, styles: TextStyles, justified: frozenset[str]) -> None:
    """Ease every justified paragraph of a body (not in a table) whose lines would stretch."""
    width = _text_width(body)
    if width is None:
        return
    for p in list(body.iter(_P)):
        if _justified(p, styles, justified) and not _skipped(p):
            _ease_paragraph(p, styles, width)


def _justified(p: etree._Element, styles: TextStyles, justified: frozenset[str]) -> bool:
    own = p.find(_JC)
    if own is not None:
        return own.get(_VAL) in justified
    return styles.alignment(_style(p)) in justified


def _skipped(p: etree._Element) -> bool:
    """A paragraph laid out otherwise than by its words: in a cell, with tabs, breaks, a list
    number or a picture."""
    if any(a.tag in _OUTSIDE for a in p.iterancestors()):
        return True
    return any(e.tag in _SKIP for e in p.iter())


def _style(p: etree._Element) -> str | None:
    style = p.find(_STYLE)
    return style.get(_VAL) if style is not None else None


def _text_width(body: etree._Element) -> float | None:
    """The width between the page's margins of the body's section, in points."""
    sect = body.find(qn("w:sectPr"))
    size = sect.find(qn("w:pgSz")) if sect is not None else None
    margins = sect.find(qn("w:pgMar")) if sect is not None else None
    if size is None or margins is None:
        return None
    try:
        twips = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"), 0))
        twips -= int(margins.get(qn("w:right"), 0))
    except (TypeError, ValueError):
        return None
    return twips / 20


def _room(p: etree._Element, styles: TextStyles, width: float) -> Room:
    ind = styles.indent(_style(p))
    own = p.find(_IND)
    for key, value in own.attrib.items() if own is not None else ():
        if value.lstrip("-").isdigit():
            ind[etree.QName(key).localname] = int(value)
    left = ind.get("left", ind.get("start", 0))
    right = ind.get("right", ind.get("end", 0))
    first = ind.get("firstLine", 0) - ind.get("hanging", 0)
    rest = width - (left + right) / 20
    return Room(rest - first / 20, rest)


def _ease_paragraph(p: etree._Element, styles: TextStyles, width: float) -> None:
    size, bold = styles.font(_style(p))
    texts: list[etree._Element] = []
    widths: list[float] = []
    for run in p.iter(_R):
        rpr = run.find(_RPR)
        run_size_ = (run_size(rpr) if rpr is not None else None) or size
        run_bold_ = run_bold(rpr) if rpr is not None else None
        bold_ = bold if run_bold_ is None else run_bold_
        for t in run.iter(_T):
            if t.text:
                texts.append(t)
                widths += [_char_width(c, run_size_, bold_) for c in t.text]
    text = "".join(t.text for t in texts)
    if " " not in text.strip():
        return
    room = _room(p, styles, width)
    eased = ease(text, tuple(widths), room)
    wider = dict(widen_blanks(eased, tuple(widths), room))
    if eased != text or wider:
        _write(texts, eased, wider)


@lru_cache(maxsize=4096)
def _char_width(char: str, size: float, bold: bool) -> float:
    return text_width(char, size, bold)


def _write(texts: list[etree._Element], eased: str, wider: dict[int, int]) -> None:
    """The eased text back into the paragraph's runs, each blank widened where it says."""
    at = 0
    for t in texts:
        end = at + len(t.text)
        new = "".join(c + NBSP * wider.get(at + i, 0) for i, c in enumerate(eased[at:end]))
        at = end
        if new != t.text:
            t.text = new
            t.set(qn(_SPACE), "preserve")


def layout(text: str, widths: Sequence[float], room: Room) -> list[tuple[int, int]]:
    """A text's lines as (start, end) indices, first fit, broken at plain spaces only.

    >>> layout("ab cd ef", [10.0] * 8, Room(50, 50))
    [(0, 5), (6, 8)]
    """
    sums = [0.0, *accumulate(widths)]
    ends = [i for i, c in enumerate(text) if c == " "] + [len(text)]
    lines: list[tuple[int, int]] = []
    start, k = 0, 0
    while k < len(ends):
        limit = (room.first if not lines else room.rest) + 0.01
        best = k  # a piece wider than the line stands alone on it
        while best + 1 < len(ends) and sums[ends[best + 1]] - sums[start] <= limit:
            best += 1
        lines.append((start, ends[best]))
        start, k = ends[best] + 1, best + 1
    return lines


def stretches(text: str, widths: Sequence[float], room: Room) -> list[float]:
    """How many times its plain spaces' width each line but the last prints them (0: a line of
    one piece, which a renderer does not stretch)."""
    lines = layout(text, widths, room)
    out = []
    for index, (start, end) in enumerate(lines[:-1]):
        limit = room.first if index == 0 else room.rest
        spaces = sum(widths[i] for i in range(start, end) if text[i] == " ")
        used = sum(widths[start:end])
        out.append(1 + (limit - used) / spaces if spaces else 0.0)
    return out


def _cost(text: str, widths: Sequence[float], room: Room) -> tuple[float, ...]:
    return tuple(sorted(stretches(text, widths, room), reverse=True))


@lru_cache(maxsize=4096)  # a batch prints the same paragraphs in many documents
def ease(text: str, widths: tuple[float, ...], room: Room, last_resort: bool = True) -> str:
    """A paragraph's text with plain and non-breaking spaces so placed that its lines stretch
    least, opening the joints typography.keep_strict allows; then (`last_resort`), while a line
    still stretches beyond HARD_STRETCH, the joints of the piece after it that
    typography.keep_always allows."""
    cost = _cost(text, widths, room)
    if not cost or cost[0] <= MAX_STRETCH:
        return text
    soft = _joints(text, keep_strict(text))
    current = _eased(text, widths, room, soft)
    # A short last line ("quyết / định./.") reads better than a line stretched beyond HARD_STRETCH
    # to keep it company ("Kính trình Chủ tịch … xem   xét, / quyết định./.").
    last = _joints(text, keep_always(text), tail=True) - soft if last_resort else set()
    for _ in range(ROUNDS if last else 0):
        cost = _cost(current, widths, room)
        if not cost or cost[0] <= HARD_STRETCH:
            break
        # Parted after the eased text's stretched line, or after the line the pushes moved it
        # from: "… đề nghị của / Ủy ban nhân dân xã X." eased by pushing "nghị của" down left
        # "… hồ sơ đề" stretched 3.4 times, with nothing after it to part.
        plain = "".join(
            " " if i in last and c == " " else t
            for i, (c, t) in enumerate(zip(current, text, strict=True))
        )
        parted = _parted(current, widths, room, last) + _parted(plain, widths, room, last)
        opened = (_eased(t, widths, room, soft) for t in parted)
        best = min(((t, _cost(t, widths, room)) for t in opened), key=lambda x: x[1], default=None)
        if best is None or not best[1] or best[1][0] >= cost[0]:
            break  # parting a name only where it eases the line that stretches most
        current = best[0]
    return _unglued(current, widths, room) if last_resort else current


def _word_like(text: str) -> str:
    """The text as Word would lay it out typed plainly: every single non-breaking space a plain
    one (a blank left for the văn thư stays)."""
    return _SINGLE.sub(" ", text)


def _unglued(text: str, widths: Sequence[float], room: Room) -> str:
    """The very last resort: while a line still stretches beyond HARD_STRETCH and beyond what
    Word would stretch the same paragraph typed plainly, the piece after it (a place's own name
    "Bù Gia / Mập", a person's name) parts at its spaces, as Word would print it."""
    plain = _cost(_word_like(text), widths, room)
    cost = _cost(text, widths, room)
    for _ in range(ROUNDS):
        if not cost or cost[0] <= max(HARD_STRETCH, plain[0] if plain else 0.0):
            break
        tried = [(t, _cost(t, widths, room)) for t in _opened(text, widths, room)]
        best = min(tried, key=lambda pair: pair[1], default=None)
        if best is None or best[1] >= cost:
            break
        text, cost = best
    return text


def _place_joints(text: str) -> set[int]:
    """The single non-breaking spaces inside a place's own name: between the capitalised words
    after a level of government ("xã Bù_Gia_Mập", "thành phố Buôn_Ma_Thuột"); a person's name,
    which no level precedes, has none.

    >>> sorted(_place_joints(f"của xã{NBSP}Bù{NBSP}Gia{NBSP}Mập, ông Lê{NBSP}Văn{NBSP}An"))
    [9, 13]
    """
    out: set[int] = set()
    for found in _PLACE.finditer(text):
        if not all(word[:1].isupper() for word in found.group("name").split(NBSP)):
            continue  # "xã hội": no place
        start = found.start("name")
        out.update(start + m.start() for m in _SINGLE.finditer(found.group("name")))
    return out


def _opened(text: str, widths: Sequence[float], room: Room) -> list[str]:
    """Texts whose piece after a line stretched beyond HARD_STRETCH has the joints inside a
    place's own name plain (never a person's name, a number's, a date's, a blank)."""
    lines = layout(text, widths, room)
    every = _place_joints(text)
    out = []
    for (start, end), mark in zip(lines, stretches(text, widths, room), strict=False):
        if mark <= HARD_STRETCH or _BLANK.search(text, start, end):
            continue
        nxt = text.find(" ", end + 1)
        after = nxt if nxt >= 0 else len(text)
        out.append(
            "".join(" " if end < i < after and i in every else c for i, c in enumerate(text))
        )
    return [t for t in out if t != text]


def _parted(text: str, widths: Sequence[float], room: Room, last: set[int]) -> list[str]:
    """Texts whose piece after a line stretched beyond HARD_STRETCH, and holding no blank, is
    parted at its joints keep_always allows ("… của / Ủy ban nhân dân" → "… của Ủy ban / nhân
    dân")."""
    lines = layout(text, widths, room)
    out = []
    for (start, end), mark in zip(lines, stretches(text, widths, room), strict=False):
        if mark <= HARD_STRETCH or _BLANK.search(text, start, end):
            continue  # a line holding a blank widens it instead (widen_blanks)
        nxt = text.find(" ", end + 1)
        after = nxt if nxt >= 0 else len(text)
        chars = list(text)
        for i in range(end + 1, after):
            if i in last and chars[i] == NBSP:
                chars[i] = " "
        out.append("".join(chars))
    return [t for t in out if t != text]


def _eased(text: str, widths: Sequence[float], room: Room, soft: set[int]) -> str:
    """The text eased by the first measures: soft joints opened, words pushed down."""
    current, cost = text, _cost(text, widths, room)
    for _ in range(ROUNDS):
        if not cost or cost[0] <= MAX_STRETCH:
            break
        tried = [(c, _cost(c, widths, room)) for c in _moves(current, widths, room, soft)]
        best = min(tried, key=lambda pair: pair[1], default=None)
        if best is None or best[1] >= cost:
            break
        current, cost = best
    return current


def _joints(text: str, strict: str, tail: bool = False) -> set[int]:
    """Where a text has a non-breaking space its strict form has not: the joints that may open;
    the paragraph's last two words' (centred.keep_last_words) only with `tail`."""
    out = {i for i, (a, b) in enumerate(zip(text, strict, strict=True)) if a == NBSP and b == " "}
    last = text.rfind(NBSP)
    if not tail and last >= 0 and " " not in text[last:] and text[last - 1 : last] != NBSP:
        out.discard(last)
    return out


def _moves(text: str, widths: Sequence[float], room: Room, soft: set[int]) -> list[str]:
    """Texts one change away that may ease a stretched line (any: the worst may not ease)."""
    lines = layout(text, widths, room)
    out = []
    for worst, mark in enumerate(stretches(text, widths, room)):
        if mark <= MAX_STRETCH:
            continue
        start, end = lines[worst]
        nxt = text.find(" ", end + 1)
        after = nxt if nxt >= 0 else len(text)
        # the next piece, the line, both, the paragraph
        for a, b in ((end + 1, after), (start, end), (start, after), (0, len(text))):
            chars = list(text)
            for i in range(a, b):
                if i in soft and chars[i] == NBSP:
                    chars[i] = " "
            out.append("".join(chars))
        for above in range(max(0, worst - PUSH_LINES), worst):  # a word of a line above goes down
            out += _pushed(text, lines[above])
    return [t for t in out if t != text]


def _pushed(text: str, line: tuple[int, int]) -> list[str]:
    """The text with the last piece, and the last two, of a line glued to the next line."""
    start, end = line
    if end >= len(text) or text[end] != " ":
        return []
    one = text[:end] + NBSP + text[end + 1 :]
    before = text.rfind(" ", start, end)
    return [one] if before < 0 else [one, one[:before] + NBSP + one[before + 1 :]]


@lru_cache(maxsize=4096)
def widen_blanks(text: str, widths: tuple[float, ...], room: Room) -> tuple[tuple[int, int], ...]:
    """Non-breaking spaces to add to the blanks left for the văn thư ("số      /TTr-UBND ngày
    tháng") on a line that still stretches: (index of a blank's last space, how many). A
    blank is for a number written by hand, so a wider one costs nothing, and the line's plain
    spaces stretch to BLANK_STRETCH at most: "… năm 2023 của / Ủy ban nhân dân …" prints evenly.
    """
    lines = layout(text, widths, room)
    adds: dict[int, int] = {}
    for (start, end), mark in zip(lines, stretches(text, widths, room), strict=False):
        ends = [m.end() - 1 for m in _BLANK.finditer(text, start, end)]
        if mark <= BLANK_OVER or not ends:
            continue
        spaces = sum(widths[i] for i in range(start, end) if text[i] == " ")
        each = int((mark - BLANK_STRETCH) * spaces / widths[ends[0]] / len(ends))
        adds.update((end, each) for end in ends if each)  # every blank as wide as the others
    if not adds:
        return ()
    chars = [c + NBSP * adds.get(i, 0) for i, c in enumerate(text)]
    wider = [w for i, w in enumerate(widths) for _ in range(1 + adds.get(i, 0))]
    if len(layout("".join(chars), wider, room)) != len(lines):
        return ()  # never a line more
    return tuple(sorted(adds.items()))
