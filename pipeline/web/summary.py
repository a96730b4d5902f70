"""The period page's figures, computed once from its check and its rows, so that the summary at
the top, the units' table, the quota section and the findings' list say the same numbers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath

from pipeline.check.examples import EXAMPLE_CODE
from pipeline.period.check import OWN_COLUMN, PeriodCheck, shows_own_column
from pipeline.period.rules import Clash
from pipeline.period.statistics import OWN_LEGEND, unit_decided_lines
from pipeline.web.periods import DUPLICATE, LABELS, QuotaBar, UnitRow, unit_files_named
from pipeline.web.wording import (
    OfficeFinding,
    certificates,
    certificates_said,
    for_office,
    office_finding,
    unit_files,
)

# The order a reader takes the statuses in: what was sent and what is wrong with it, then what
# was not sent (and what its units have uploaded without sending).
ORDER = (
    "da-nop",
    "tre-han",
    "chua-ky",
    "co-loi",
    "tra-lai",
    "chua-nop",
    "tai-len-hop-le",
    "tai-len-co-loi",
)


# Said within "đã nộp" and "chưa nộp" ("đã nộp 4, trong đó: trễ hạn 1"), not beside them: a
# reader adding up the figures must reach the number of units.
PARTS = {
    "da-nop": ("tre-han", "chua-ky", "co-loi"),
    "chua-nop": ("tai-len-hop-le", "tai-len-co-loi"),
}


@dataclass(frozen=True)
class AwardCount:
    """An award proposed in the period for which the plan sets no quota this review."""

    award: str
    collectives: int
    individuals: int
    by_unit: bool = False  # decided by each unit's own head: no quota of the period counts it


@dataclass(frozen=True)
class Summary:
    """Every figure of the period page."""

    units: int
    statuses: tuple[tuple[str, str, int], ...]  # (key, words, units in it); a unit may be in two
    overlap: bool  # some unit is in two statuses (late and with errors, say)
    collectives: int  # proposed in the workbooks in the period (the table's total)
    individuals: int
    unquoted: tuple[AwardCount, ...]
    unit_errors: int  # the table's totals: the units' workbooks, their signed documents, and
    unit_warnings: int  # the period's findings about one unit (late, proposed twice)
    general: tuple[OfficeFinding, ...]  # the period's findings of no unit
    twice: tuple[str, ...]
    unit_decided: tuple[str, ...] = ()  # awards each unit's head decides: not the office's
    # The table's column "Đơn vị tự quyết định" and its legend: some unit proposes such an award.
    own_column: str = ""
    own_legend: str = ""
    # The units whose workbook in the period still holds hoso's example (fictional) rows, and
    # whether the office's council workbook does: said loudly, as `hoso period check` says it.
    examples: tuple[str, ...] = ()
    council_examples: bool = False

    @property
    def groups(self) -> list[tuple[str, str, int, list[tuple[str, str, int]]]]:
        """The statuses as the summary says them: (key, words, units, the statuses within)."""
        found = {key: (key, words, n) for key, words, n in self.statuses}
        within = {part for parts in PARTS.values() for part in parts}
        return [
            (*found[key], [found[p] for p in PARTS.get(key, ()) if p in found])
            for key in found
            if key not in within
        ]

    @property
    def general_errors(self) -> int:
        """Errors of the period as a whole."""
        return sum(f.count for f in self.general if f.severity == "error")

    @property
    def general_warnings(self) -> int:
        """Warnings of the period as a whole."""
        return sum(f.count for f in self.general if f.severity == "warning")

    @property
    def errors(self) -> int:
        """Every error of the period."""
        return self.unit_errors + self.general_errors

    @property
    def warnings(self) -> int:
        """Every warning of the period."""
        return self.unit_warnings + self.general_warnings


def summarize(checked: PeriodCheck, rows: list[UnitRow], bars: list[QuotaBar]) -> Summary:
    """The page's figures from the period's check, its unit rows and quota bars."""
    counted = {id(f) for u in checked.units for f in u.findings}
    config = str(checked.period.config_path)
    stock = certificates(checked.period)  # the period's own, where a finding names both
    named = unit_files_named(rows)  # a unit's file said as its unit and the name it came under
    general = tuple(
        replace(f, text=unit_files(certificates_said(f.text, stock), named))
        for f in (
            office_finding(f, config, str(checked.period.folder))
            for f in checked.findings
            if id(f) not in counted and f.code not in (DUPLICATE, MISSING)
        )
    ) + _missing(checked)
    # Each clash once, naming both units and cells: not once from each side (A↔B and B↔A).
    twice = tuple(_clash(c, rows) for c in checked.clashes)
    units = [r for r in rows if not r.copy]  # a unit's second workbook is no unit of its own
    counts = {key: sum(key in (r.status, *r.also) for r in units) for key in ORDER}
    return Summary(
        units=len(units),
        statuses=tuple((key, LABELS[key], n) for key, n in counts.items() if n),
        overlap=any(len(r.also) > 1 for r in units),  # two statuses within "đã nộp"
        collectives=sum(r.collectives or 0 for r in rows),
        individuals=sum(r.individuals or 0 for r in rows),
        unquoted=_unquoted(checked, {b.award for b in bars}),
        unit_errors=sum(r.errors or 0 for r in rows),
        unit_warnings=sum(r.warnings or 0 for r in rows),
        general=general,
        twice=twice,
        unit_decided=unit_decided_lines(checked),
        **_own_column(checked),
        examples=example_units(checked),
        council_examples=council_examples(checked),
    )


def council_examples(checked: PeriodCheck) -> bool:
    """Whether the office's council workbook still holds example rows."""
    return any(f.code == EXAMPLE_CODE for f in checked.findings)


def example_units(checked: PeriodCheck) -> tuple[str, ...]:
    """The units whose workbook in the period still holds example rows, named as the period
    names them (a unit's second copy said so)."""
    names = {u.file: u.name for u in checked.units if u.file is not None}
    return tuple(
        names.get(r.path, r.path.name) + (" (tệp thứ hai)" if r.path in checked.copies else "")
        for r in checked.results
        if any(f.code == EXAMPLE_CODE for f in r.findings)
    )


def _clash(clash: Clash, rows: list[UnitRow]) -> str:
    """A nominee proposed twice, each place named as the units' table names its unit, with the
    version submitted here and the cell ("UBND xã A (phiên bản 2, Cá nhân!C7)"): not the path of
    a file in the period's don-vi/, a folder the office never sees on the web."""
    by_file = {r.workbook: r for r in rows if r.workbook}
    places = []
    for unit, source in clash.places:
        row = by_file.get(PurePath(source.file).name)
        cell = f"{source.sheet}!{source.cell}" if source.sheet and source.cell else source.sheet
        said = [
            f"phiên bản {row.version}" if row and row.version else "",
            "tệp thứ hai" if row and row.copy else "",
            cell or "",
        ]
        where = ", ".join(s for s in said if s)
        places.append(f"{row.name if row else unit}" + (f" ({where})" if where else ""))
    return for_office(
        f"{clash.what} “{clash.name}”{clash.born} được hai đơn vị đề nghị: {places[0]} và "
        f"{places[1]}; mỗi {clash.what} chỉ được một đơn vị đề nghị trong một đợt."
    )


def _own_column(checked: PeriodCheck) -> dict[str, str]:
    """The units' table's column of an award each unit decides itself, with the legend
    `hoso period check` prints under its table; as there, none unless some unit proposes one."""
    if not shows_own_column(checked.units):
        return {}
    return {"own_column": OWN_COLUMN, "own_legend": OWN_LEGEND}


MISSING = "period-missing"  # a unit that sent nothing: one line for them all, not one each


def _missing(checked: PeriodCheck) -> tuple[OfficeFinding, ...]:
    """The units that sent nothing, said once (a province's forty are not forty lines above the
    period's own findings); each still counts as a warning."""
    # A unit whose workbook was sent back has its own line ("đã trả lại để sửa"), not this one.
    names = [
        u.name for u in checked.units if u.status == "chua-nop" and u.expected and not u.returned
    ]
    said = [f for f in checked.findings if f.code == MISSING]
    if not said:
        return ()
    if len(said) == 1:
        return (OfficeFinding("warning", said[0].message),)
    text = f"{len(said)} đơn vị chưa nộp hồ sơ (xem bảng “Các đơn vị”): {'; '.join(names)}."
    return (OfficeFinding("warning", text, count=len(said)),)


def _unquoted(checked: PeriodCheck, quoted: set[str]) -> tuple[AwardCount, ...]:
    """The awards the units propose that have no quota bar, with how many of each: the office's
    first, then those each unit's own head decides (never in a quota of the period)."""
    found: dict[tuple[str, bool], list[int]] = {}
    office = [(b, False) for b in checked.office_batches if b.info.award.name not in quoted]
    for batch, by_unit in [*office, *((b, True) for b in checked.unit_decided)]:
        figures = found.setdefault((batch.info.award.name, by_unit), [0, 0])
        figures[0] += len(batch.proposed_collectives)
        figures[1] += len(batch.proposed_individuals)
    return tuple(AwardCount(name, *n, by_unit) for (name, by_unit), n in found.items())
