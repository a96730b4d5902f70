"""A period's units built by a task queue's workers: the unit builder of pipeline.period.build.

The units' folders land in OUT/don-vi exactly as a local `hoso period build` makes them: a unit
whose folder is current is left alone (the same test as a local build), every other workbook is
sent to the workers and its folder installed atomically when it comes back. The office's
documents are then made on this machine, as without workers.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.build import BuildOptions, BuildReport
from pipeline.build.build import recorded_check, unchanged
from pipeline.build.cache import Digests, sha256_file
from pipeline.build.manifest import read_manifest
from pipeline.build.options import BatchResult
from pipeline.build.output import OutputLock
from pipeline.build.progress import NullProgress, Progress
from pipeline.build.stages import Run
from pipeline.check import CheckResult
from pipeline.jobs.app import shown
from pipeline.jobs.model import DONE, JobQueueError
from pipeline.jobs.queue import POLL, JobQueue
from pipeline.jobs.steps import RUN_WORKER
from pipeline.pdf.converter import Converter
from pipeline.period.build import UnitBuilder
from pipeline.steps import Advice


class QueueUnits:
    """Builds units' workbooks on the queue's workers (a pipeline.period.build.UnitBuilder)."""

    def __init__(self, queue: JobQueue) -> None:
        self.queue = queue

    def __call__(
        self,
        paths: Sequence[Path],
        options: BuildOptions,
        *,
        converter: Converter | None = None,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Send every workbook whose folder is not current; wait for all; install each folder."""
        started, progress = time.perf_counter(), progress or NullProgress()
        run = Run(options, progress, Digests())
        results: dict[int, BatchResult] = {}
        with OutputLock(options.out_dir, wait=options.wait, on_wait=progress.busy):
            for i, path in enumerate(paths):
                found = None if options.force else unchanged(path, _sha(path), run)
                if found is not None:
                    results[i] = found
        todo = [i for i in range(len(paths)) if i not in results]
        progress.start(len(todo))
        jobs = {i: self._submit(paths[i], options) for i in todo}
        while jobs:
            for i, job in list(jobs.items()):
                status = self.queue.status(job)
                if status.finished:
                    results[i] = _result(paths[i], options.out_dir, status.status, status.message)
                    progress.workbook_done(str(paths[i]), results[i].folder is not None)
                    del jobs[i]
            if jobs:
                time.sleep(POLL)
        progress.finish()
        ordered = tuple(results[i] for i in range(len(paths)))
        return BuildReport(ordered, options.out_dir, time.perf_counter() - started)

    def _submit(self, path: Path, options: BuildOptions) -> str:
        """One unit's workbook sent to the workers."""
        return self.queue.submit_build(
            path,
            options.out_dir,
            templates=options.templates,
            pdf=options.pdf,
            duplex=options.duplex,
            legal=options.legal,
        )


def _sha(path: Path) -> str:
    """The workbook's sha256, or "" when it cannot be read (the job then says why)."""
    try:
        return sha256_file(path)
    except OSError:
        return ""


def _result(path: Path, out_dir: Path, state: str, message: str) -> BatchResult:
    """A unit's result as a local build reports it, read back from the installed manifest."""
    folder = out_dir / path.stem
    manifest = read_manifest(folder) if state == DONE else None
    if manifest is None:
        return BatchResult(CheckResult(path, str(path), None, ()), error=message)
    return BatchResult(
        recorded_check(path, manifest),
        folder=folder,
        made=len(manifest.documents),
        dossiers=len(manifest.dossiers),
        set_aside=manifest.set_aside,
    )


@contextlib.contextmanager
def queue_units(url: str) -> Iterator[UnitBuilder]:
    """A unit builder on the Redis queue at `url`; refused when no worker answers there."""
    with tempfile.TemporaryDirectory(prefix="hoso-period-jobs-") as data:
        queue = JobQueue(Path(data), url)
        if not queue.workers():
            raise JobQueueError(
                Advice(f"Không có máy xử lý nào trả lời trên hàng đợi {shown(url)}", RUN_WORKER)
            )
        yield QueueUnits(queue)
