"""Many workbooks at once: while LibreOffice converts one batch, the next is checked and rendered.

The main thread runs the stages of pipeline.build.stages in order for each workbook; only the
convert stage's LibreOffice calls run in a second thread, which takes every batch waiting so a
worker does not sit idle at the end of one batch while another finishes its last document.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.build.options import BatchResult
from pipeline.build.output import BatchFolder
from pipeline.build.stages import (
    Planned,
    Rendered,
    Run,
    bundle,
    check,
    commit,
    conversions,
    convert,
    documents,
    keep_signed,
    preflight,
    render,
)
from pipeline.errors import HosoError
from pipeline.pdf.converter import ConversionResult, Converter

Outcome = list[ConversionResult] | BaseException
STOP_WAIT = 60.0  # seconds a stopped build waits for its conversion thread to end


class Overlap:
    """Produce workbook after workbook; results come back in the order workbooks were added."""

    def __init__(self, converter: Converter | None, run: Run):
        self.run = run
        self.converter = converter
        self.to_convert: queue.Queue[Rendered | None] = queue.Queue(maxsize=2)
        self.converted: queue.Queue[tuple[Rendered, Outcome]] = queue.Queue()
        self.open: list[Rendered] = []
        self.results: dict[int, BatchResult] = {}
        self.order: dict[int, int] = {}  # id(rendered) → position of its workbook
        self.worker = threading.Thread(
            target=_convert_loop,
            args=(converter, self.to_convert, self.converted, run),
            daemon=True,
        )
        self.worker.start()

    def add(self, position: int, path: Path, sha256: str) -> None:
        """Check and render one workbook, hand it to the conversion thread; finish what is done."""
        self._guard(self._add, position, path, sha256)

    def _add(self, position: int, path: Path, sha256: str) -> None:
        checked = check(path, sha256, self.run)
        if checked.batch is None:
            self._store(position, BatchResult(checked))
        else:
            try:
                planned = documents(checked, self.run)
                preflight(planned)
                rendered = _render(planned, BatchFolder(planned.folder), self.run)
            except HosoError as exc:
                self._store(position, BatchResult(checked, error=str(exc)))
            else:
                self.order[id(rendered)] = position
                self.open.append(rendered)
                self.to_convert.put(rendered)
        self._finish_ready(block=False)

    def finish(self) -> dict[int, BatchResult]:
        """Wait for the last conversions, then bundle and commit their batches."""
        self._guard(self.to_convert.put, None)
        while self.open:
            self._guard(self._finish_ready, block=True)
        self.worker.join()
        return self.results

    def _store(self, position: int, result: BatchResult) -> None:
        self.results[position] = result
        self.run.progress.workbook_done(result.check.label, result.folder is not None)

    def _finish_ready(self, *, block: bool) -> None:
        """Convert → bundle → commit every batch whose PDFs are done."""
        while self.open:
            try:
                rendered, outcome = self.converted.get(block=block)
            except queue.Empty:
                return
            self.open.remove(rendered)
            self._store(self.order.pop(id(rendered)), _complete(rendered, outcome, self.run))
            if block:
                return

    def _guard(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                self._stop_converting()
            # Ctrl-C or a bug: drop every unfinished staging folder; the converter's context
            # manager then stops LibreOffice, which also ends the (daemon) conversion thread.
            for rendered in self.open:
                rendered.out.abort()
            raise

    def _stop_converting(self) -> None:
        """Stopped: LibreOffice stopped now (as the pool does on Ctrl-C in its own thread), and
        the conversion thread waited for, so that nothing writes into a staging folder after it
        is dropped (a combined PDF already made is still split into it)."""
        if self.converter is not None:
            with contextlib.suppress(Exception):
                self.converter.close()
        with contextlib.suppress(queue.Empty):
            while True:
                self.to_convert.get_nowait()
        with contextlib.suppress(queue.Full):
            self.to_convert.put_nowait(None)
        self.worker.join(timeout=STOP_WAIT)  # a second Ctrl-C is not raised here (interrupt)


def _render(planned: Planned, out: BatchFolder, run: Run) -> Rendered:
    """The render stage; its staging folder is dropped when it fails."""
    try:
        return render(planned, out, run)
    except BaseException:
        out.abort()
        raise


def _complete(rendered: Rendered, outcome: Outcome, run: Run) -> BatchResult:
    """The stages after LibreOffice: convert (record the PDFs) → keep signed → bundle → commit."""
    checked = rendered.planned.check
    try:
        if isinstance(outcome, BaseException):
            raise outcome
        result = commit(bundle(keep_signed(convert(rendered, outcome)), run))
    except HosoError as exc:
        rendered.out.abort()
        result = BatchResult(checked, error=rendered.out.unstaged(str(exc)))
    except BaseException:
        rendered.out.abort()
        raise
    return result


def _convert_loop(
    converter: Converter | None,
    inbox: queue.Queue[Rendered | None],
    outbox: queue.Queue[tuple[Rendered, Outcome]],
    run: Run,
) -> None:
    """The conversion thread: converts what is waiting; results go back to the main thread."""
    done = False
    while not done:
        waiting = [inbox.get()]
        while not inbox.empty():
            waiting.append(inbox.get())
        done = waiting[-1] is None
        batches = [b for b in waiting if b is not None]
        try:
            outcomes: list[Outcome] = list(conversions(batches, converter, run))
        except BaseException as exc:  # handed to the main thread, which decides
            outcomes = [exc] * len(batches)
        for rendered, outcome in zip(batches, outcomes, strict=True):
            outbox.put((rendered, outcome))
