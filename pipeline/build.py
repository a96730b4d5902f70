"""build(): read → validate → context → render → convert → bundle → write, for many workbooks.

Everything that can be checked is checked before anything is written. Each workbook is produced
into a staging folder and swapped in at the end, so a failure keeps its previous output. Rendering
of one workbook overlaps the PDF conversion of the previous one; unchanged documents are reused.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import cache
from pipeline.cache import Previous
from pipeline.convert import ConversionResult, Converter, LibreOfficePool, raise_on_failure
from pipeline.documents import documents_for
from pipeline.dossiers import Staged, finish_batch, stage_batch
from pipeline.errors import HosoError
from pipeline.findings import Finding, Source
from pipeline.plans import get_plan
from pipeline.progress import NullProgress, Progress
from pipeline.render import Renderer, TemplateSet
from pipeline.resources import PLANS_DIR, TEMPLATES_DIR
from pipeline.validate import CheckResult, check_file


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which templates take precedence, what to produce."""

    out_dir: Path = Path("output")
    templates: Path | None = None
    plans_dir: Path = PLANS_DIR
    pdf: bool = True  # convert to PDF and bundle dossiers
    duplex: bool = False  # blank pages so every document starts on a right-hand page
    force: bool = False  # ignore the previous output and rebuild everything


@dataclass
class BatchResult:
    """What happened to one workbook."""

    check: CheckResult
    folder: Path | None = None
    made: int = 0  # documents rendered (and converted) anew
    reused: int = 0  # documents brought over unchanged from the previous build
    dossiers: int = 0
    unchanged: bool = False  # nothing to do: the previous output is current
    error: str | None = None


@dataclass
class BuildReport:
    """The outcome of a build: every workbook's result and the time it took."""

    results: list[BatchResult]
    out_dir: Path
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every workbook was built, else the worst failure's code."""
        codes = [r.check.exit_code for r in self.results] + [1 for r in self.results if r.error]
        return max(codes, default=0)


@dataclass
class Planned:
    """A checked batch with its documents, the renderer of its templates and its folder."""

    result: BatchResult
    documents: list
    renderer: Renderer
    folder: Path
    fast_key: str
    previous: Previous = field(init=False)

    def __post_init__(self) -> None:
        self.previous = Previous(self.folder)


def build(
    paths: Sequence[Path],
    options: BuildOptions = BuildOptions(),
    *,
    converter: Converter | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Check each workbook, then produce its dossier if it has no errors.

    Workbooks are independent: one's errors never stop another. They are pipelined, so while
    LibreOffice converts one workbook's documents the next one is checked and rendered.
    """
    started = time.perf_counter()
    progress = progress or NullProgress()
    digests = cache.Digests()
    current = [None if options.force else _current(p, options, digests) for p in paths]
    progress.start(sum(c is None for c in current))
    results: list[BatchResult] = []
    folders: dict[Path, Path] = {}
    # LibreOffice starts now, in the background, when some workbook may need new documents.
    with _converter(converter, options, needed=sum(c is None for c in current)) as conv:
        production = _Production(conv, options, progress)
        for path, done in zip(paths, current, strict=True):
            result = done or BatchResult(check_file(path, plans_dir=options.plans_dir))
            results.append(result)
            item = None if result.unchanged else _plan(result, options, digests, folders)
            if item is not None:
                production.add(item)
        production.finish()
    progress.finish()
    return BuildReport(results, options.out_dir, time.perf_counter() - started)


def _fast_key(
    workbook_sha: str, plan_templates: Path | None, options: BuildOptions, digests: cache.Digests
) -> str:
    folders = [options.plans_dir, options.templates, TEMPLATES_DIR, plan_templates]
    return cache.fast_key(
        workbook_sha, [digests.folder(f) for f in folders], options.pdf, options.duplex
    )


def _current(path: Path, options: BuildOptions, digests: cache.Digests) -> BatchResult | None:
    """The result of the previous build of this workbook, when nothing it depends on changed."""
    folder = options.out_dir / path.stem
    previous = Previous(folder)
    manifest = previous.manifest
    if not manifest.get("fast_key") or not path.is_file() or manifest.get("workbook") != path.name:
        return None
    try:
        plan = get_plan(manifest.get("plan", ""), options.plans_dir)
    except HosoError:
        return None
    key = _fast_key(cache.sha256_file(path), plan.template_dir, options, digests)
    if key != manifest["fast_key"] or not previous.whole_batch_intact():
        return None
    findings = tuple(
        Finding(
            f["severity"], Source(str(path), f.get("sheet"), f.get("cell")), f["message"], f["code"]
        )
        for f in manifest.get("findings", [])
    )
    return BatchResult(
        CheckResult(path, str(path), None, findings),
        folder=folder,
        reused=len(manifest.get("documents", [])),
        dossiers=len(manifest.get("dossiers", [])),
        unchanged=True,
    )


def _plan(
    result: BatchResult, options: BuildOptions, digests: cache.Digests, folders: dict
) -> Planned | None:
    """Everything that can fail before writing: documents, contexts, templates, folder name."""
    batch = result.check.batch
    if batch is None:
        return None
    folder = options.out_dir / result.check.path.stem
    if folder in folders:
        result.error = (
            f"Trùng tên thư mục kết quả {folder} với {folders[folder]}; hãy đổi tên một tệp."
        )
        return None
    folders[folder] = result.check.path
    try:
        renderer = Renderer(TemplateSet.build(options.templates, batch.info.plan.template_dir))
        documents = documents_for(batch)
        renderer.preflight(d.template for d in documents)
    except HosoError as exc:
        result.error = str(exc)
        return None
    key = _fast_key(batch.sha256, batch.info.plan.template_dir, options, digests)
    return Planned(result, documents, renderer, folder, key)


@contextlib.contextmanager
def _converter(
    given: Converter | None, options: BuildOptions, *, needed: int
) -> Iterator[Converter | None]:
    """The caller's converter, or a LibreOffice pool started now, warming while we check."""
    if not options.pdf or not needed or given is not None:
        yield given
    else:
        with LibreOfficePool() as pool:
            # One workbook to redo (a correction) needs one worker; a review period needs all.
            pool.warm_up(count=None if needed > 1 else 1)
            yield pool


class _Production:
    """Render batch after batch while a second thread converts the previous ones to PDF."""

    def __init__(self, conv: Converter | None, options: BuildOptions, progress: Progress):
        self.options, self.progress = options, progress
        self.to_convert: queue.Queue[Staged | None] = queue.Queue(maxsize=2)
        self.converted: queue.Queue[tuple[Staged, list[ConversionResult] | BaseException]] = (
            queue.Queue()
        )
        self.open: list[Staged] = []
        self.worker = threading.Thread(
            target=_convert_loop,
            args=(conv, self.to_convert, self.converted, progress),
            daemon=True,
        )
        self.worker.start()

    def add(self, item: Planned) -> None:
        """Render a batch and hand it to the conversion thread; finish batches already converted."""
        self.progress.planned(len(item.documents))
        self._guard(self._add, item)

    def _add(self, item: Planned) -> None:
        staged = _stage(item, self.options, self.progress)
        if staged is not None:
            self.open.append(staged)
            self.to_convert.put(staged)
        _finish_ready(self.converted, self.open, self.options, self.progress, block=False)

    def finish(self) -> None:
        """Wait for the last conversions, then bundle and commit their batches."""
        self._guard(self.to_convert.put, None)
        while self.open:
            self._guard(
                _finish_ready, self.converted, self.open, self.options, self.progress, block=True
            )
        self.worker.join()

    def _guard(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        try:
            fn(*args, **kwargs)
        except BaseException:
            # Ctrl-C or a bug: drop every unfinished staging folder; the converter's context
            # manager then stops LibreOffice, which also ends the (daemon) conversion thread.
            for staged in self.open:
                staged.out.abort()
            raise


def _stage(item: Planned, options: BuildOptions, progress: Progress) -> Staged | None:
    """Render (or reuse) every DOCX of a batch into its staging folder; None when that fails."""
    try:
        return stage_batch(item, options, progress)
    except HosoError as exc:
        item.result.error = str(exc)
        progress.workbook_done(item.result.check.label, False)
        return None


def _convert_loop(
    conv: Converter | None, inbox: queue.Queue, outbox: queue.Queue, progress: Progress
) -> None:
    """The conversion thread: converts what is waiting, results handed back to the main thread.

    Batches already waiting are converted in one call, so a worker does not sit idle at the end
    of each batch while the other finishes its last document.
    """
    done = False
    while not done:
        waiting = [inbox.get()]
        while not inbox.empty():
            waiting.append(inbox.get())
        done = waiting[-1] is None
        batches = [b for b in waiting if b is not None]
        jobs = [job for b in batches for job in b.jobs]
        try:
            results = (
                []
                if conv is None or not jobs
                else conv.convert(jobs, on_result=lambda _r: progress.document_done())
            )
        except BaseException as exc:  # handed to the main thread, which decides
            for staged in batches:
                outbox.put((staged, exc))
            continue
        by_job = {id(r.job): r for r in results}
        for staged in batches:
            outbox.put((staged, [by_job[id(job)] for job in staged.jobs]))


def _finish_ready(
    converted: queue.Queue,
    open_batches: list[Staged],
    options: BuildOptions,
    progress: Progress,
    *,
    block: bool,
) -> None:
    """Bundle and commit every batch whose conversion is done."""
    while open_batches:
        try:
            staged, outcome = converted.get(block=block)
        except queue.Empty:
            return
        open_batches.remove(staged)
        result = staged.item.result
        try:
            if isinstance(outcome, BaseException):
                raise outcome
            raise_on_failure(outcome)
            finish_batch(staged, options)
            result.folder = staged.item.folder
        except HosoError as exc:
            staged.out.abort()
            result.error = str(exc)
        except BaseException:
            staged.out.abort()
            raise
        progress.workbook_done(result.check.label, result.error is None)
        if block:
            return
