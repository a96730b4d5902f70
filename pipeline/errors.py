"""One exception hierarchy: every error a user can cause is a HosoError (Vietnamese message)."""

from __future__ import annotations


class HosoError(Exception):
    """Raised for any problem caused by input, configuration or environment (never a hoso bug)."""

    exit_code = 1


class PlanError(HosoError):
    """Raised when a plan preset is unknown or its file is broken (names the file and key)."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems  # each problem of a data file as `key: message`, when known


class WorkbookUnusable(HosoError):
    """Raised when a workbook cannot be used at all (not an xlsx, encrypted, too large...)."""

    exit_code = 2


class TemplateError(HosoError):
    """Raised when a template is missing, malformed, or uses a value the context does not have."""


class ConversionError(HosoError):
    """Raised when a document cannot be converted to PDF (LibreOffice missing, hung or crashing)."""


class OutputError(HosoError):
    """Raised when the output folder cannot be written safely."""
