"""Problems found in input, each tied to its source (file › sheet!cell), errors apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from pipeline.inputs.contract import SHEETS
from pipeline.vietnamese import format_ranges

Severity = Literal["error", "warning"]
# More warnings than this of one kind in one column become one warning naming all the rows:
# a thousand-row sheet typed in TCVN3 says so once per column, not a thousand times.
GROUP_OVER = 3
# Errors one action mends in every cell at once, so said once per column like warnings: a file
# written by a program that does not compute its formulas (opened and saved again, all are).
GROUPED_ERRORS = frozenset({"formula-pending"})
# Sheets of one label per row: each row of their value column is another field, never repeats.
_FORMS = frozenset(s.name for s in SHEETS if s.layout == "form")
# A "required" error with nothing more to say than the field: merged with its row's others.
_PLAIN_MISSING = re.compile(r"thiếu (“[^”]+”)\.")


@dataclass(frozen=True)
class Source:
    """Where a value came from: a file, optionally a sheet and a cell (or a key of a plan file)."""

    file: str
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is None:
            return self.file if self.cell is None else f"{self.file} › {self.cell}"
        where = self.sheet if self.cell is None else f"{self.sheet}!{self.cell}"
        return f"{self.file} › {where}"

    def at(self, cell: str) -> Source:
        """Return the same file and sheet with another cell."""
        return Source(self.file, self.sheet, cell)


@dataclass(frozen=True)
class Finding:
    """One problem: severity, where it is, a Vietnamese message, a stable code for machines."""

    severity: Severity
    source: Source
    message: str
    code: str
    # Further cells the finding concerns (a group, the other row of a pair, a row's empty
    # cells): "B7" in the same sheet, "Thành viên HĐ!B4" in another.
    also: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"

    def as_dict(self) -> dict[str, str | None]:
        """Return a JSON-ready mapping."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.source.file,
            "sheet": self.source.sheet,
            "cell": self.source.cell,
            "message": self.message,
            "also": list(self.also),
            "text": str(self),
        }


@dataclass
class Findings:
    """A collector: every rule adds to it, nothing stops at the first problem."""

    items: list[Finding] = field(default_factory=list)

    def error(self, source: Source, message: str, code: str, also: tuple[str, ...] = ()) -> None:
        """Record an error (blocks building); `also`: further cells of the same sheet it is at."""
        self.items.append(Finding("error", source, message, code, also))

    def warning(self, source: Source, message: str, code: str, also: tuple[str, ...] = ()) -> None:
        """Record a warning (reported, does not block); `also` as for errors."""
        self.items.append(Finding("warning", source, message, code, also))

    def name_missing(self, since: int, who: str, skip: str) -> None:
        """Say whose row a value is missing from: the "required" errors recorded since `since`,
        except at the cell `skip` (the name's own), start with `who` ("Hà Thị Lan: thiếu …"; ""
        for a row without its name). Several plain ones become one error at the first empty
        cell naming every missing field, its other cells in `also` (a half-filled row is one
        problem, not a wall of them)."""
        plain: dict[int, str] = {}  # position → the missing field's quoted header
        said = f"{who}: " if who else ""
        for i, f in enumerate(self.items[since:], start=since):
            if f.code == "required" and f.source.cell != skip:
                self.items[i] = replace(f, message=f"{said}{f.message}")
                if match := _PLAIN_MISSING.fullmatch(f.message):
                    plain[i] = match[1]
        if len(plain) < 2:
            return
        # Left to right as the clerk sees the row (a clerk may have moved columns).
        order = sorted(plain, key=lambda i: _column_index(self.items[i].source.cell or ""))
        same = [self.items[i] for i in order]
        fields = ", ".join(plain[i] for i in order)
        cells = [f.source.cell or "" for f in same]
        message = f"{said}thiếu {fields} (ô {_cell_runs(cells)}); hãy điền đủ dòng này."
        first = min(plain)
        self.items[first] = replace(same[0], message=message, also=tuple(cells[1:]))
        self.items = [f for i, f in enumerate(self.items) if i == first or i not in plain]

    @property
    def errors(self) -> list[Finding]:
        """The errors, in the order found."""
        return [f for f in self.items if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The warnings, in the order found."""
        return [f for f in self.items if f.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        """True when at least one error was recorded."""
        return any(f.severity == "error" for f in self.items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _cell_runs(cells: Sequence[str]) -> str:
    """Cells of one row as a reader scans them: "D10–H10, L10" (neighbouring columns joined)."""
    runs: list[list[str]] = []
    for cell in cells:
        if runs and _column_index(cell) == _column_index(runs[-1][-1]) + 1:
            runs[-1].append(cell)
        else:
            runs.append([cell])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _column_index(cell: str) -> int:
    index = 0
    for letter in _column(cell) or "":
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _column(cell: str | None) -> str | None:
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell or "")
    return match.group(1) if match else None


def group_repeats(findings: Iterable[Finding], over: int = GROUP_OVER) -> tuple[Finding, ...]:
    """The findings with repeated warnings (and GROUPED_ERRORS) merged: same code, sheet and
    column, more than `over` (a table's column; a form's value column holds a different field on
    each row).

    The first keeps its place and message, which names every other row with the same problem.
    """
    items = list(findings)
    by_key: dict[tuple, list[Finding]] = {}
    for f in items:
        column = _column(f.source.cell)
        grouped = f.severity == "warning" or f.code in GROUPED_ERRORS
        if grouped and column is not None and f.source.sheet not in _FORMS:
            by_key.setdefault((f.code, f.source.file, f.source.sheet, column), []).append(f)
    merged: dict[int, Finding] = {}
    dropped: set[int] = set()
    for same in by_key.values():
        if len(same) > over:
            merged[id(same[0])] = _merge(same)
            dropped |= {id(f) for f in same[1:]}
    return tuple(merged.get(id(f), f) for f in items if id(f) not in dropped)


def _merge(same: Sequence[Finding]) -> Finding:
    first = same[0]
    column = _column(first.source.cell)
    rows = [int((f.source.cell or "").removeprefix(column or "")) for f in same[1:]]
    note = f" (cùng vấn đề ở {len(rows)} ô khác của cột {column}: dòng {format_ranges(rows)})"
    cells = (*first.also, *(c for f in same[1:] for c in (f.source.cell or "", *f.also)))
    also = tuple(dict.fromkeys(c for c in cells if c and c != first.source.cell))
    return replace(first, message=first.message.rstrip(".") + note + ".", also=also)


def in_sheet_order(findings: Iterable[Finding], sheets: Sequence[str]) -> tuple[Finding, ...]:
    """The findings as a reader goes through the workbook: the file's own first, then sheet by
    sheet in the order given, row by row, column by column; the found order kept otherwise."""
    rank: dict[str, int] = {}
    for name in sheets:
        rank.setdefault(name, len(rank))

    def place(f: Finding) -> tuple[int, int, int, str]:
        if f.source.sheet is None:
            return (-1, 0, 0, "")
        sheet = rank.get(f.source.sheet, len(rank))
        cell = re.fullmatch(r"([A-Z]+)(\d+)", f.source.cell or "")
        return (sheet, int(cell[2]), len(cell[1]), cell[1]) if cell else (sheet, 0, 0, "")

    return tuple(sorted(findings, key=place))
