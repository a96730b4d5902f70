"""`hoso period build` starts LibreOffice before the rest of hoso loads: its start (a second or
more) then overlaps the imports and the check of the period, not only the check."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.pdf.pool import LibreOfficePool

_started: list[LibreOfficePool] = []


def start(argv: Sequence[str]) -> None:
    """For `hoso period build` with PDFs (not its help), start one LibreOffice worker now."""
    args = list(argv[1:])
    if args[:2] != ["period", "build"] or {"--no-pdf", "-h", "--help"} & set(args):
        return
    # A process spawned by this one (the PDF splitter) imports the main module again.
    if multiprocessing.current_process().name != "MainProcess":
        return
    try:
        from pipeline.pdf.pool import LibreOfficePool

        pool = LibreOfficePool()
        pool.warm_up(count=1)
    except Exception:  # no LibreOffice here: the build starts its own and says why it cannot
        return
    _started.append(pool)


def take() -> LibreOfficePool | None:
    """The pool `start` started, now the caller's to use and close; None when there is none."""
    return _started.pop() if _started else None
