"""What the checks of one workbook share: the findings, the file's label, the plan once known."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.check.cells import CellReader
from pipeline.check.findings import Findings, Source
from pipeline.check.workbook import RawSheet, RawWorkbook
from pipeline.inputs.contract import FieldSpec, SheetSpec
from pipeline.inputs.plans import Award, Plan, Review


@dataclass(frozen=True)
class Checking:
    """One workbook being checked; `findings` collects every problem of every sheet."""

    raw: RawWorkbook
    label: str
    findings: Findings = field(default_factory=Findings)
    plan: Plan | None = None
    review: Review | None = None
    award: Award | None = None

    def sheet(self, name: str) -> RawSheet | None:
        """A contract sheet as read, or None when the workbook lacks it."""
        return self.raw.sheets.get(name)

    def reader(self, sheet: RawSheet) -> CellReader:
        """A cell reader reporting into this workbook's findings."""
        return CellReader(
            Source(self.label, sheet.spec.name),
            self.findings,
            sheet.formula_without_value,
            sheet.beside,
            sheet.merged,
            sheet.notes,
        )

    @property
    def has_council(self) -> bool:
        """True when the plan asks for a Biên bản (without a known plan: not demanded)."""
        return self.plan is not None and self.plan.dossier.has_council

    def required(self, spec: FieldSpec, report: bool = True) -> bool:
        """Whether a field must be filled, given the plan and the row's report type."""
        return {"yes": True, "no": False, "report": report, "council": self.has_council}[spec.need]


def field_spec(sheet_spec: SheetSpec, key: str) -> FieldSpec:
    """The contract's field of a sheet by key."""
    return next(f for f in sheet_spec.fields if f.key == key)
