"""What a build is asked to do, and what it did: options in, one result per workbook out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.build.foreign import Kept
from pipeline.build.manifest import SetAsideEntry
from pipeline.check import CheckResult
from pipeline.resources import PLANS_DIR


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which templates take precedence, what to produce."""

    out_dir: Path = Path("output")
    templates: Path | None = None
    plans_dir: Path = PLANS_DIR
    pdf: bool = True  # convert to PDF and bundle dossiers
    duplex: bool = False  # blank pages so every document starts on a right-hand page
    force: bool = False  # ignore the previous output and rebuild everything
    wait: float = 600.0  # seconds to wait for another build writing into the same folder
    legal: Path | None = None  # the user's own legal file, over data/legal.toml
    combine: bool = True  # convert documents in combined groups (pipeline.pdf.combined)
    # Where the workbook is from its batch folder, as the machine that sent it to a queue's
    # worker sees it: the manifest records that place, not the worker's private copy.
    workbook_path: str = ""


@dataclass(frozen=True)
class BatchResult:
    """What happened to one workbook."""

    check: CheckResult
    folder: Path | None = None
    made: int = 0  # documents rendered (and converted) anew
    reused: int = 0  # documents brought over unchanged from the previous build
    dossiers: int = 0
    unchanged: bool = False  # nothing to do: the previous output is current
    alone: tuple[str, ...] = ()  # why each document converted alone was (pipeline.pdf.combined)
    error: str | None = None
    set_aside: tuple[SetAsideEntry, ...] = ()  # signed copies that no longer match: sign again
    kept: tuple[Kept, ...] = ()  # the user's files and hand-edited documents carried over


@dataclass(frozen=True)
class BuildReport:
    """The outcome of a build: every workbook's result and the time it took."""

    results: tuple[BatchResult, ...]
    out_dir: Path
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every workbook was built, else the worst failure's code."""
        codes = [r.check.exit_code for r in self.results] + [1 for r in self.results if r.error]
        return max(codes, default=0)
