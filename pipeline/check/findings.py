"""Problems found in input, each tied to its source (file › sheet!cell), errors apart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


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
            "text": str(self),
        }


@dataclass
class Findings:
    """A collector: every rule adds to it, nothing stops at the first problem."""

    items: list[Finding] = field(default_factory=list)

    def error(self, source: Source, message: str, code: str) -> None:
        """Record an error (blocks building)."""
        self.items.append(Finding("error", source, message, code))

    def warning(self, source: Source, message: str, code: str) -> None:
        """Record a warning (reported, does not block)."""
        self.items.append(Finding("warning", source, message, code))

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
