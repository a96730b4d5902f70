"""Room a table's columns do not use, given to the columns whose texts wrap.

A template's column widths are a guess at the batch: "Họ và tên" wide enough for a long name,
"Chức vụ, đơn vị công tác" for a short one. When the batch's names are short and its positions
long ("Phó Chánh Văn phòng, Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện …"), a
typesetter narrows the columns whose every text fits on one line with room to spare and widens
the ones that wrap. A column gives away only what none of its texts uses: its body texts stay on
one line each, its header takes no more lines than it did.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.render.connectors import SAFETY, lines

# A header cell: its paragraphs, each (text with its non-breaking spaces, size, bold).
Header = Sequence[tuple[str, float, bool]]
STEP = 20  # twips: a header's least width is searched to the point


def header_lines(cell: Header, width: int, padding: int, safety: float = SAFETY) -> int:
    """How many lines a header cell's paragraphs take in a column `width` twips wide, each
    line's width counted `safety` times its advance widths (1: as a renderer likely prints)."""
    room = (width - padding) / 20
    return sum(len(lines(text, room, size, bold, safety)) for text, size, bold in cell)


def header_floors(
    heads: Sequence[Sequence[Header]], widths: Sequence[int], least: Sequence[int], padding: int
) -> list[int]:
    """Each column's least width at which its header takes no more lines than at `widths`
    (never below `least`, its widest unbreakable piece): a header gains no line break, so
    narrowing a column never prints "Hình / thức" or "đồng / ý".

    The header as printed now is counted at the advance widths (a renderer fits "đồng ý" in a
    column the safety margin says is too narrow); a narrower column with the margin, so a header
    that barely fits keeps its width.
    """
    return [
        _least(cells, min(low, width), width, padding)
        for cells, width, low in zip(heads, widths, least, strict=True)
    ]


def _least(cells: Sequence[Header], low: int, high: int, padding: int) -> int:
    """The least width between `low` and `high` (to the STEP) at which no header cell takes
    more lines than at `high`."""
    now = [header_lines(cell, high, padding, 1.0) for cell in cells]

    def fits(width: int) -> bool:
        return all(header_lines(c, width, padding) <= n for c, n in zip(cells, now, strict=True))

    if fits(low):
        return low
    while high - low > STEP:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high


def share(widths: list[int], room: Sequence[int], wish: Sequence[int]) -> list[int]:
    """Widths with `room` taken from the columns that have it and given to those that `wish`
    for more, in proportion, as far as the wishes go; the total width stays.

    >>> share([200, 200], [100, 0], [0, 300]), share([200, 200], [100, 0], [0, 40])
    ([100, 300], [160, 240])
    """
    given = min(sum(room), sum(wish))
    if not given:
        return list(widths)
    out = list(widths)
    for i, r in enumerate(room):
        out[i] -= r * given // sum(room)
    gains = [w * given // sum(wish) for w in wish]
    gains[max(range(len(wish)), key=lambda i: wish[i])] += sum(widths) - sum(out) - sum(gains)
    return [o + g for o, g in zip(out, gains, strict=True)]


def balance(
    widths: list[int], floors: Sequence[int], full: Sequence[int], empty: Sequence[bool]
) -> list[int]:
    """Room beyond each column's floor given to the columns whose longest text (`full`, on one
    line) wraps: first the room of empty columns (“Ghi chú”), then of the others.

    >>> balance([200, 200, 200], [100, 150, 50], [0, 400, 120], [True, False, False])
    [100, 380, 120]
    """
    out = list(widths)
    for tier in (True, False):
        room = [
            max(0, w - max(f, n)) if e is tier else 0
            for w, f, n, e in zip(out, floors, full, empty, strict=True)
        ]
        wish = [max(0, n - w) for w, n in zip(out, full, strict=True)]
        out = share(out, room, wish)
    return out
