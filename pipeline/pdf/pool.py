"""A Converter backed by a pool of warm headless LibreOffice workers: timeouts, retries, recycling."""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import ConversionError
from pipeline.files import reason
from pipeline.pdf.converter import (
    ConversionJob,
    ConversionResult,
    check_uno_python,
    default_pool_size,
    find_soffice,
)
from pipeline.pdf.worker import PoolClosed, PoolConfig, PoolStats, Worker, WorkerDown

log = logging.getLogger(__name__)


def _cleanup(workers: list[Worker], root: Path) -> None:
    """Kill every worker and remove the pool's temp dir (also run by weakref.finalize/atexit)."""
    for worker in workers:
        worker.kill_now()
    for worker in workers:
        worker.stop()
    shutil.rmtree(root, ignore_errors=True)


def _scratch_root() -> Path:
    """The pool's temp dir (workers' profiles, soffice's scratch files), or ConversionError."""
    try:
        return Path(tempfile.mkdtemp(prefix="hoso-libreoffice-"))
    except OSError as exc:
        if exc.filename is None:  # gettempdir(): not one candidate could be written
            problem = "không có thư mục tạm nào ghi được (TMPDIR, /tmp, /var/tmp)"
        else:
            problem = f"{exc.filename}: {reason(exc)}"
        raise ConversionError(
            f"Không tạo được thư mục tạm cho LibreOffice: {problem}. Hãy đặt biến môi trường "
            "TMPDIR trỏ tới một thư mục ghi được và còn chỗ trống, rồi chạy lại."
        ) from exc


class LibreOfficePool:
    """A Converter backed by warm headless LibreOffice instances, one private profile each.

    Use as ``with LibreOfficePool() as pool: results = pool.convert(jobs)``. Every document has
    a timeout; a worker that hangs or crashes is killed (whole process group) and restarted and
    the document retried up to `retries` times (or its job's `attempts`), but not after a second
    identical crash; a worker is recycled after `recycle_after` conversions. Leaving the
    ``with`` block, an exception out of `convert` (Ctrl-C included), garbage collection and
    interpreter exit all kill every soffice this pool started.
    """

    def __init__(
        self,
        size: int | None = None,
        *,
        timeout: float = 60.0,
        retries: int = 2,
        recycle_after: int = 200,
        startup_timeout: float = 60.0,
        soffice: str | os.PathLike[str] | None = None,
        uno_python: str | os.PathLike[str] | None = None,
    ) -> None:
        """Check LibreOffice and python3-uno are present; workers start lazily (or `warm_up`)."""
        if size is not None and size < 1:
            raise ValueError("size must be at least 1")
        soffice_path = find_soffice(soffice)
        python = str(uno_python or os.environ.get("HOSO_UNO_PYTHON") or "/usr/bin/python3")
        check_uno_python(python)
        self.size = size or default_pool_size()
        self.timeout = timeout
        self.retries = retries
        config = PoolConfig(str(soffice_path), python, startup_timeout, max(1, recycle_after))
        self._root = _scratch_root()
        self._workers = [Worker(i, config, self._root) for i in range(self.size)]
        self._threads: list[threading.Thread] = []
        self._convert_lock = threading.Lock()
        self._closed = False
        # Runs at close(), at garbage collection, or at interpreter exit, whichever comes first.
        self._finalizer = weakref.finalize(self, _cleanup, self._workers, self._root)

    def __enter__(self) -> LibreOfficePool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def stats(self) -> PoolStats:
        """Counters summed over all workers."""
        total = PoolStats()
        for worker in self._workers:
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(worker.stats, name))
        return total

    def process_groups(self) -> list[int]:
        """Process-group ids of the running workers (each holds one soffice)."""
        return [w.pgid for w in self._workers if w.pgid is not None]

    def soffice_pids(self) -> list[int]:
        """Pids of the running soffice launchers, one per started worker."""
        return [w.soffice_pid for w in self._workers if w.soffice_pid is not None]

    def warm_up(self, wait: bool = False, count: int | None = None) -> None:
        """Start workers (all, or the first `count`) in the background, overlapping other work.

        Workers not warmed start when a batch has enough jobs to need them.
        """
        self._check_open()
        threads = [self._spawn(self._warm, worker) for worker in self._workers[:count]]
        if wait:
            for thread in threads:
                thread.join()

    def _warm(self, worker: Worker) -> None:
        """Start one worker; a failure here is retried (and reported) by the first job."""
        with worker.lock, contextlib.suppress(WorkerDown, PoolClosed):
            worker.ensure_started()

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert all jobs in parallel; `on_result` is called in this thread as each finishes.

        Raises ConversionError only when LibreOffice cannot be started at all; any exception
        (also from `on_result`, or Ctrl-C) closes the pool before propagating.
        """
        self._check_open()
        with self._convert_lock:
            return self._convert(list(jobs), on_result)

    def _convert(
        self, jobs: list[ConversionJob], on_result: Callable[[ConversionResult], None] | None
    ) -> list[ConversionResult]:
        """Feed a shared queue to one thread per worker; collect results in the caller's thread."""
        pending: queue.SimpleQueue[tuple[int, ConversionJob]] = queue.SimpleQueue()
        for item in enumerate(jobs):
            pending.put(item)
        done: queue.SimpleQueue[tuple[int, ConversionResult] | ConversionError] = (
            queue.SimpleQueue()
        )
        for worker in self._workers[: len(jobs)]:
            self._spawn(self._drain, worker, pending, done)
        results: list[ConversionResult | None] = [None] * len(jobs)
        try:
            for _ in jobs:
                item = done.get()
                if isinstance(item, ConversionError):
                    raise item
                index, result = item
                results[index] = result
                if on_result is not None:
                    on_result(result)
        except BaseException:
            self.close()  # kills the workers, which unblocks and ends the drain threads
            raise
        return [r for r in results if r is not None]

    def _drain(
        self,
        worker: Worker,
        pending: queue.SimpleQueue[tuple[int, ConversionJob]],
        done: queue.SimpleQueue[Any],
    ) -> None:
        """Convert jobs from the shared queue on one worker until the queue is empty."""
        with worker.lock:
            while not worker.closed:
                try:
                    index, job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    done.put((index, self._convert_one(worker, job)))
                except PoolClosed:
                    return
                except ConversionError as exc:
                    done.put(exc)
                    return
                except Exception as exc:  # a bug here must not leave the caller waiting forever
                    log.exception("unexpected error converting %s", job.source)
                    done.put((index, ConversionResult(job, False, f"lỗi nội bộ: {exc}", 0.0, 1)))

    def _convert_one(self, worker: Worker, job: ConversionJob) -> ConversionResult:
        """Run one job with bounded retries, restarting the worker after a hang or crash.

        LibreOffice dying twice in the same way on a document ends it: that file, not chance,
        kills LibreOffice, and a third attempt would only cost one more restart.
        """
        started = time.monotonic()
        timeout = job.timeout if job.timeout is not None else self.timeout
        limit = job.attempts if job.attempts is not None else self.retries + 1
        error: str | None = None
        crash: str | None = None  # the previous attempt's crash
        attempt = 0
        for attempt in range(1, max(1, limit) + 1):
            try:
                worker.ensure_started()
            except WorkerDown as exc:
                error, crash = str(exc), None
                if worker.stats.starts == 0 and attempt > self.retries:
                    # This worker never started once: LibreOffice is unusable here, not the file.
                    raise ConversionError(f"{error[:1].upper()}{error[1:]}.") from None
                continue
            outcome = worker.convert(job, timeout)
            if outcome.ok:
                return ConversionResult(job, True, None, time.monotonic() - started, attempt)
            if worker.closed:
                raise PoolClosed
            error = outcome.error
            if not outcome.retry or (outcome.crashed and error == crash):
                break
            crash = error if outcome.crashed else None
            log.info("“%s”: %s; thử lại với LibreOffice mới", job.label, error)
        return ConversionResult(job, False, error, time.monotonic() - started, attempt)

    def _spawn(self, target: Callable[..., None], *args: Any) -> threading.Thread:
        """Start a daemon thread and remember it, so close() can wait for it."""
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return thread

    def _check_open(self) -> None:
        """Refuse work after close(): the workers and their profiles are gone."""
        if self._closed:
            raise RuntimeError("LibreOfficePool is closed")

    def close(self) -> None:
        """Kill every soffice of this pool, wait for them to die and delete the profiles."""
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            worker.kill_now()  # unblocks threads waiting on a worker, without taking its lock
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=30)
        self._finalizer()  # stop() each worker (reap, wait for the group) and rmtree
