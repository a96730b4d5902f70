"""The lint result type and the Vietnamese number formatting its messages share."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.vietnamese import format_decimal


@dataclass(frozen=True)
class LintIssue:
    """One violation of NĐ 30/2020: a stable rule id (for programs, never shown to a user), a
    Vietnamese message and where it is."""

    rule: str
    message: str
    where: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def fmt_num(value: float, digits: int = 1) -> str:
    """Format a number the Vietnamese way: no useless decimals, a comma as decimal mark."""
    return format_decimal(value, digits)


def fmt_pt(sizes: list[float] | set[float] | tuple[float, ...]) -> str:
    """Format one or more font sizes as "13 pt" or "12, 13 pt"."""
    return ", ".join(fmt_num(s) for s in sorted(set(sizes))) + " pt"


def fmt_range(lo: float, hi: float, unit: str = "pt") -> str:
    """Format an expected range as "13–14 pt", or "13 pt" when both ends are equal."""
    if lo == hi:
        return f"{fmt_num(lo)} {unit}"
    return f"{fmt_num(lo)}–{fmt_num(hi)} {unit}"
