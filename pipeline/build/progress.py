"""Progress of a build: a bar on a terminal, plain lines in CI, nothing with --quiet."""

from __future__ import annotations

import sys
import threading
from typing import Protocol, TextIO

from pipeline.build.holder import BUSY

__all__ = ["BUSY", "BarProgress", "LineProgress", "NullProgress", "Progress", "for_terminal"]


class Progress(Protocol):
    """What build() tells whoever is watching; called from more than one thread."""

    def busy(self, said: str) -> None:
        """Another build is writing into the same output folder: this one waits for it; `said`
        is what to tell the person waiting (who holds the folder, when known)."""

    def start(self, workbooks: int) -> None:
        """The work ahead: workbooks to check and, if they pass, produce."""

    def planned(self, documents: int) -> None:
        """A checked workbook adds this many documents to render (and convert)."""

    def document_done(self) -> None:
        """One more document is ready (rendered and, with PDFs, converted)."""

    def workbook_done(self, label: str, ok: bool) -> None:
        """A workbook's folder is written (or failed)."""

    def finish(self) -> None:
        """The build is over."""


class NullProgress:
    """Says nothing (--quiet, library use, tests)."""

    def busy(self, said: str) -> None:
        """Nothing to show."""

    def start(self, workbooks: int) -> None:
        """Nothing to show."""

    def planned(self, documents: int) -> None:
        """Nothing to show."""

    def document_done(self) -> None:
        """Nothing to show."""

    def workbook_done(self, label: str, ok: bool) -> None:
        """Nothing to show."""

    def finish(self) -> None:
        """Nothing to show."""


class LineProgress:
    """One plain line per finished workbook: readable in CI logs, no control characters."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = 0
        self.done = 0
        self.lock = threading.Lock()

    def busy(self, said: str) -> None:
        """Say why nothing happens yet."""
        print(said, file=self.stream, flush=True)

    def start(self, workbooks: int) -> None:
        """Announce the work."""
        self.total = workbooks
        if workbooks:
            print(f"Tạo hồ sơ: {workbooks} tệp cần kiểm tra và tạo.", file=self.stream, flush=True)

    def planned(self, documents: int) -> None:
        """Documents are not announced one workbook at a time in logs."""

    def document_done(self) -> None:
        """Documents are not reported one by one in logs."""

    def workbook_done(self, label: str, ok: bool) -> None:
        """Print the workbook's outcome with the running count."""
        with self.lock:
            self.done += 1
            state = "xong" if ok else "lỗi"
            print(f"[{self.done}/{self.total}] {label}: {state}", file=self.stream, flush=True)

    def finish(self) -> None:
        """Nothing more to print; the summary follows."""


class BarProgress:
    """A progress bar (tqdm) with counts, rate and time remaining, for an interactive terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.bar = None

    def busy(self, said: str) -> None:
        """Say why nothing happens yet."""
        print(said, file=self.stream, flush=True)

    def start(self, workbooks: int) -> None:
        """Open the bar; its total grows as workbooks pass their check."""
        from tqdm import tqdm

        self.bar = tqdm(
            total=0, unit=" văn bản", desc=f"Tạo hồ sơ ({workbooks} tệp)", file=self.stream
        )

    def planned(self, documents: int) -> None:
        """Add a checked workbook's documents to the total."""
        if self.bar is not None:
            self.bar.total += documents
            self.bar.refresh()

    def document_done(self) -> None:
        """Advance by one document."""
        if self.bar is not None:
            self.bar.update(1)

    def workbook_done(self, label: str, ok: bool) -> None:
        """Note a failed workbook above the bar."""
        if self.bar is not None and not ok:
            self.bar.write(f"✗ {label}")

    def finish(self) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()


def for_terminal(quiet: bool, stream: TextIO | None = None) -> Progress:
    """The right reporter: none when quiet, a bar on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return NullProgress()
    return BarProgress(stream) if stream.isatty() else LineProgress(stream)
