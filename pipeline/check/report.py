"""Check results as data: the JSON of `hoso check --json` (the web API returns the same)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.check.copies import said, same_proposals
from pipeline.check.validate import CheckResult


def file_report(result: CheckResult) -> dict[str, Any]:
    """One workbook's entry: its label, status, counts and every finding."""
    return {
        "file": result.label,
        "status": "unusable" if result.unusable else "errors" if result.errors else "ok",
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "findings": [f.as_dict() for f in result.findings],
    }


def results_report(results: Sequence[CheckResult]) -> dict[str, Any]:
    """Every workbook's entry and the totals."""
    return {
        "files": [file_report(r) for r in results],
        "errors": sum(len(r.errors) for r in results),
        "warnings": sum(len(r.warnings) for r in results),
        # Across files: workbooks proposing the same (a copy left beside the real one).
        "same_proposals": [
            {"unit": g.unit, "files": list(g.labels), "message": said(g)}
            for g in same_proposals(results)
        ],
    }
