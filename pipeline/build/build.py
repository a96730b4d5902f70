"""build(): every workbook checked, then produced; one writer per output folder at a time.

Each workbook is checked before anything of it is written, and produced into a staging folder
that is swapped in at the end, so a failure keeps its previous output. A workbook whose folder is
current (same workbook, plans, templates, code and options) is not even checked again.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.build import interrupt
from pipeline.build.cache import Digests, Previous, sha256_file
from pipeline.build.manifest import Manifest
from pipeline.build.options import BatchResult, BuildOptions, BuildReport
from pipeline.build.output import OutputLock, sweep
from pipeline.build.overlap import Overlap
from pipeline.build.progress import NullProgress, Progress
from pipeline.build.stages import Run, build_workbook, check, fast_key
from pipeline.check import CheckResult
from pipeline.check.findings import Finding, Source
from pipeline.errors import HosoError
from pipeline.inputs import legal
from pipeline.inputs.plans import get_plan
from pipeline.pdf.combined import combining
from pipeline.pdf.converter import Converter
from pipeline.pdf.pool import LibreOfficePool

DEFAULT_OPTIONS = BuildOptions()


def build(
    paths: Sequence[Path],
    options: BuildOptions = DEFAULT_OPTIONS,
    *,
    converter: Converter | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Check each workbook, then produce its dossier if it has no errors.

    Workbooks are independent: one's errors never stop another. With several to produce, they
    overlap: while LibreOffice converts one workbook's documents the next is checked and rendered.
    """
    started = time.perf_counter()
    run = Run(options, progress or NullProgress(), Digests())
    try:
        with (
            legal.using(options.legal),
            OutputLock(options.out_dir, wait=options.wait, on_wait=run.progress.busy),
        ):
            results = _build(list(paths), run, converter)
            interrupt.check()  # a stop Python dropped after the last write: said, not ignored
    finally:
        sweep()  # staging folders written into by LibreOffice after they were dropped
    run.progress.finish()
    return BuildReport(tuple(results), options.out_dir, time.perf_counter() - started)


def _build(paths: list[Path], run: Run, converter: Converter | None) -> list[BatchResult]:
    """Results in the order of `paths`: unchanged folders first found, then the rest produced."""
    shas = [_digest(p) for p in paths]  # each workbook is hashed once per build
    results: dict[int, BatchResult] = {}
    todo = []
    for i, path in enumerate(paths):
        clash = next((p for p in paths[:i] if p.stem == path.stem), None)
        if clash is not None:
            results[i] = _clash(path, shas[i], clash, run)
        elif (done := None if run.options.force else unchanged(path, shas[i], run)) is not None:
            results[i] = done
        else:
            todo.append(i)
    run.progress.start(len(todo))
    # LibreOffice starts now, in the background, when some workbook may need new documents.
    with _converter(converter, run.options, needed=len(todo)) as conv:
        if len(todo) == 1:
            (i,) = todo
            results[i] = build_workbook(paths[i], shas[i], run, conv)
            run.progress.workbook_done(results[i].check.label, results[i].folder is not None)
        elif todo:
            overlap = Overlap(conv, run)
            for i in todo:
                overlap.add(i, paths[i], shas[i])
            results.update(overlap.finish())
    return [results[i] for i in range(len(paths))]


def _digest(path: Path) -> str:
    """The workbook's sha256, or "" when it cannot be read (the check then says why)."""
    try:
        return sha256_file(path)
    except OSError:
        return ""


def _clash(path: Path, sha256: str, first: Path, run: Run) -> BatchResult:
    """Two workbooks with the same name would write the same folder: the second is refused,
    with its own findings (checked all the same: the user fixes them before renaming it)."""
    folder = run.options.out_dir / path.stem
    checked = check(path, sha256, run)
    return BatchResult(
        checked, error=f"Trùng tên thư mục kết quả {folder} với {first}; hãy đổi tên một tệp."
    )


def unchanged(path: Path, sha256: str, run: Run) -> BatchResult | None:
    """The result of the previous build of this workbook, when nothing it depends on changed."""
    folder = run.options.out_dir / path.stem
    previous = Previous(folder)
    manifest = previous.manifest
    if manifest is None or not sha256 or manifest.workbook != path.name:
        return None
    try:
        plan = get_plan(manifest.plan, run.options.plans_dir)
    except HosoError:
        return None
    if fast_key(sha256, plan.template_dir, run) != manifest.fast_key:
        return None
    if not previous.whole_batch_intact():
        return None
    return BatchResult(
        recorded_check(path, manifest),
        folder=folder,
        reused=len(manifest.documents),
        dossiers=len(manifest.dossiers),
        unchanged=True,
    )


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
            if not options.combine:
                yield pool
                return
            lanes = pool.size if needed > 1 else 1
            with combining(pool, lanes=lanes, many=needed > 1) as converter:
                yield converter


def recorded_check(path: Path, manifest: Manifest) -> CheckResult:
    """The check result a folder's manifest records for the workbook at `path`."""
    findings = tuple(
        Finding(f.severity, Source(str(path), f.sheet, f.cell), f.message, f.code, f.also)
        for f in manifest.findings
    )
    return CheckResult(path, str(path), None, findings)
