"""DOCX→PDF conversion: a small Converter protocol and a pool of warm headless LibreOffice."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pipeline.errors import ConversionError

__all__ = [
    "INSTALL_HINT",
    "ConversionJob",
    "ConversionResult",
    "Converter",
    "LibreOfficePool",
    "PoolStats",
    "default_pool_size",
    "find_soffice",
    "raise_on_failure",
]

log = logging.getLogger(__name__)

INSTALL_HINT = "Cài đặt bằng: make demo hoặc sudo apt-get install libreoffice-writer-nogui"
UNO_HINT = "Cài đặt bằng: make demo hoặc sudo apt-get install python3-uno"
WORKER_SCRIPT = Path(__file__).with_name("_uno_worker.py")
# Debian's LibreOffice lives here even when /usr/bin is not on PATH (e.g. under cron or systemd).
_FALLBACK_SOFFICE = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")


@dataclass(frozen=True)
class ConversionJob:
    """One DOCX to convert; `label` names the document in messages (e.g. "Tờ trình")."""

    source: Path
    target: Path
    label: str
    timeout: float | None = None  # seconds; None = the converter's default


@dataclass(frozen=True)
class ConversionResult:
    """The outcome of one job; `error` is a Vietnamese reason when `ok` is False."""

    job: ConversionJob
    ok: bool
    error: str | None
    seconds: float
    attempts: int


class Converter(Protocol):
    """Anything that turns DOCX files into PDFs: the LibreOffice pool, a fake in tests."""

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert every job; return one result per job, in job order, failures included."""
        ...

    def close(self) -> None:
        """Release every resource (processes, temp dirs); safe to call twice."""
        ...


def raise_on_failure(results: Iterable[ConversionResult]) -> None:
    """Raise ConversionError naming each document that could not be converted, if any."""
    failed = [r for r in results if not r.ok]
    if not failed:
        return

    def describe(r: ConversionResult) -> str:
        tries = f" (đã thử {r.attempts} lần)" if r.attempts > 1 else ""
        return f"“{r.job.label}”: {r.error}{tries}"

    if len(failed) == 1:
        raise ConversionError(f"Không chuyển được sang PDF tài liệu {describe(failed[0])}.")
    lines = "\n".join(f"  - {describe(r)}" for r in failed)
    raise ConversionError(f"Không chuyển được sang PDF {len(failed)} tài liệu:\n{lines}")


def default_pool_size() -> int:
    """One worker per CPU this process may run on (LibreOffice converts on one core)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def find_soffice(soffice: str | os.PathLike[str] | None = None) -> Path:
    """Locate the soffice launcher, or raise ConversionError with install instructions.

    `soffice` (or else $HOSO_SOFFICE) may be a path or a command name; without either, PATH and
    the usual install locations are searched.
    """
    soffice = soffice or os.environ.get("HOSO_SOFFICE") or None
    if soffice is not None:
        path = Path(soffice)
        found = shutil.which(str(path)) if path.name == str(path) else None
        if found or (path.is_file() and os.access(path, os.X_OK)):
            return Path(found or path)
        raise ConversionError(f"Không tìm thấy LibreOffice (soffice) tại {path}. {INSTALL_HINT}")
    for candidate in ("soffice", "libreoffice", *_FALLBACK_SOFFICE):
        if found := shutil.which(candidate):
            return Path(found)
    raise ConversionError(f"Không tìm thấy LibreOffice (soffice). {INSTALL_HINT}")


def _check_uno_python(python: str) -> None:
    """Fail early, in Vietnamese, when the interpreter for the UNO client lacks `uno`."""
    try:
        probe = subprocess.run(
            [python, "-I", "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            env=_child_env(),
        )
    except (OSError, subprocess.TimeoutExpired):
        probe = None
    if probe is None or probe.returncode != 0:
        raise ConversionError(
            f"Không dùng được cầu nối Python–UNO của LibreOffice với {python} "
            f"(thiếu gói python3-uno). {UNO_HINT}"
        )


def _child_env() -> dict[str, str]:
    """Environment for the system python: without the venv/pyenv variables that would confuse it."""
    drop = {"PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop}


@dataclass
class PoolStats:
    """Counters for tests and benchmarks; `starts` counts every soffice start (incl. restarts)."""

    starts: int = 0
    recycles: int = 0
    crashes: int = 0
    timeouts: int = 0
    conversions: int = 0


class _WorkerDown(Exception):
    """The worker's processes died or stopped answering; carries a Vietnamese reason."""


class _Closed(Exception):
    """The pool is closing: stop working, do not restart anything."""


def _group_alive(pgid: int) -> bool:
    """Whether any non-zombie process is still in process group `pgid`."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process vanished while we looked
        # After "comm)": state, ppid, pgrp. Zombies wait for init to reap them; they are gone.
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def _kill_group(pgid: int, wait: float = 10.0) -> None:
    """SIGKILL a whole process group and wait (sleeping, not spinning) until it has died."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
    deadline = time.monotonic() + wait
    while _group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.02)


class _Worker:
    """One UNO client process plus its soffice, in their own process group and profile."""

    def __init__(self, index: int, config: _PoolConfig, root: Path) -> None:
        self.index = index
        self.config = config
        self.root = root
        self.lock = threading.Lock()  # one thread drives a worker at a time
        self.closed = False
        self.proc: subprocess.Popen[bytes] | None = None
        self.pgid: int | None = None
        self.soffice_pid: int | None = None
        self.home: Path | None = None  # per-start temp dir: profile, soffice's TMPDIR, log
        self.sockets: list[Path] = []  # soffice's socket files in /tmp, left behind by a kill
        self.conversions = 0  # since the last start, for recycling
        self.stats = PoolStats()
        self._buffer = b""
        self._next_id = 0

    # -- lifecycle -------------------------------------------------------------------------

    def ensure_started(self) -> None:
        """Start the worker unless it runs; recycle it when it has converted enough documents."""
        if self.proc is not None and self.conversions >= self.config.recycle_after:
            log.debug("worker %d: recycling after %d conversions", self.index, self.conversions)
            self.stats.recycles += 1
            self.stop()
        if self.proc is None:
            self._start()

    def _start(self) -> None:
        """Launch the UNO client (which launches soffice) and wait for its "ready" line."""
        if self.closed:
            raise _Closed
        self.home = Path(tempfile.mkdtemp(prefix=f"w{self.index}-", dir=self.root))
        (self.home / "tmp").mkdir()
        pipe_name = f"hoso-{os.getpid()}-{uuid.uuid4().hex[:12]}"
        with open(self.home / "worker.log", "wb") as log_file:
            self.proc = subprocess.Popen(
                [self.config.uno_python, "-I", str(WORKER_SCRIPT), "--soffice",
                 self.config.soffice, "--home", str(self.home), "--pipe", pipe_name,
                 "--startup-timeout", str(self.config.startup_timeout)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                # soffice keeps scratch files in $TMPDIR/lu*.tmp and only deletes them when it
                # exits normally; inside the worker's home they go away with the profile.
                env={**_child_env(), "TMPDIR": str(self.home / "tmp")},
                # A new session makes the client the leader of a process group that soffice
                # joins, so one killpg takes down oosplash, soffice.bin and the client together.
                start_new_session=True,
            )  # fmt: skip
        self.pgid = self.proc.pid
        self._buffer = b""
        self.conversions = 0
        if self.closed:  # close() ran while we were spawning: it could not see this group
            self.stop()
            raise _Closed
        try:
            ready = self._receive(self.config.startup_timeout + 5)
        except _WorkerDown as exc:
            ready = {"error": str(exc)}
        if ready is None or ready.get("event") != "ready":
            detail = (ready or {}).get("error") or "hết thời gian chờ khởi động"
            detail = f"{detail}; {self._log_tail()}".rstrip("; ")
            self.stop()
            raise _WorkerDown(f"không khởi động được LibreOffice ({detail})")
        self.soffice_pid = int(ready["soffice_pid"])
        self.sockets = [Path(p) for p in ready.get("sockets", [])]
        self.stats.starts += 1

    def stop(self) -> None:
        """Kill the worker's whole process group and delete its profile; idempotent."""
        proc, pgid, home, sockets = self.proc, self.pgid, self.home, self.sockets
        self.proc = self.pgid = self.soffice_pid = self.home = None
        self.sockets = []
        if pgid is not None:
            _kill_group(pgid)
        for socket_file in sockets:
            socket_file.unlink(missing_ok=True)
        if proc is not None:
            for stream in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    stream.close()  # type: ignore[union-attr]
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)

    def kill_now(self) -> None:
        """Kill the process group without waiting or locking: used by close() from any thread."""
        self.closed = True
        if self.pgid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pgid, signal.SIGKILL)

    # -- conversion ------------------------------------------------------------------------

    def convert(self, job: ConversionJob, timeout: float) -> tuple[bool, str | None, bool]:
        """Convert one job; return (ok, Vietnamese error, worth retrying on a fresh worker)."""
        source, target = job.source.absolute(), job.target.absolute()
        if not source.is_file():
            return False, f"không tìm thấy tệp nguồn {source}", False
        target.parent.mkdir(parents=True, exist_ok=True)
        # A PDF left by an earlier build must not pass for this one if this conversion fails.
        target.unlink(missing_ok=True)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        self._next_id += 1
        request = {"id": self._next_id, "source": str(source), "target": str(target),
                   "partial": str(partial)}  # fmt: skip
        try:
            self._send(request)
            reply = self._receive(timeout)
        except _WorkerDown as exc:
            self.stats.crashes += 1
            return self._fail(target, partial, str(exc))
        if reply is None:
            self.stats.timeouts += 1
            return self._fail(target, partial, f"quá thời gian chờ {timeout:g} giây")
        self.conversions += 1
        if reply.get("ok"):
            self.stats.conversions += 1
            return True, None, False
        if reply.get("fatal"):
            self.stats.crashes += 1
            return self._fail(target, partial, f"LibreOffice gặp lỗi ({reply.get('error')})")
        # The document itself is the problem (e.g. not a DOCX): another attempt would fail too.
        partial.unlink(missing_ok=True)
        return False, f"LibreOffice không đọc hoặc không xuất được ({reply.get('error')})", False

    def _fail(self, target: Path, partial: Path, error: str) -> tuple[bool, str, bool]:
        """Kill the worker (it may be hung or half dead), drop its output, ask for a retry."""
        self.stop()
        # The kill may land between writing the PDF and replying: a failed job has no PDF.
        target.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
        return False, error, True

    def _send(self, message: dict[str, Any]) -> None:
        """Write one JSON line to the client."""
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError) as exc:  # ValueError: closed by kill_now
            raise _WorkerDown("LibreOffice đã dừng đột ngột") from exc

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        """Read one JSON line, or None after `timeout` seconds; EOF raises _WorkerDown."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            # select() sleeps in the kernel until output, EOF or the deadline: no polling.
            readable, _, _ = select.select([fd], [], [], remaining)
            if readable:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _WorkerDown("LibreOffice đã dừng đột ngột")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            return json.loads(line)
        except ValueError as exc:
            raise _WorkerDown(f"LibreOffice trả lời không hợp lệ: {line[:200]!r}") from exc

    def _log_tail(self, limit: int = 300) -> str:
        """The end of the client's stderr log, to explain a failed start."""
        if self.home is None:
            return ""
        with contextlib.suppress(OSError):
            text = (self.home / "worker.log").read_text(errors="replace").strip()
            return text[-limit:]
        return ""


@dataclass(frozen=True)
class _PoolConfig:
    """Settings shared by all workers of a pool."""

    soffice: str
    uno_python: str
    startup_timeout: float
    recycle_after: int


def _cleanup(workers: list[_Worker], root: Path) -> None:
    """Kill every worker and remove the pool's temp dir (also run by weakref.finalize/atexit)."""
    for worker in workers:
        worker.kill_now()
    for worker in workers:
        worker.stop()
    shutil.rmtree(root, ignore_errors=True)


class LibreOfficePool:
    """A Converter backed by warm headless LibreOffice instances, one private profile each.

    Use as ``with LibreOfficePool() as pool: results = pool.convert(jobs)``. Every document has
    a timeout; a worker that hangs or crashes is killed (whole process group) and restarted and
    the document retried up to `retries` times; a worker is recycled after `recycle_after`
    conversions. Leaving the ``with`` block, an exception out of `convert` (Ctrl-C included),
    garbage collection and interpreter exit all kill every soffice this pool started.
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
        _check_uno_python(python)
        self.size = size or default_pool_size()
        self.timeout = timeout
        self.retries = retries
        config = _PoolConfig(str(soffice_path), python, startup_timeout, max(1, recycle_after))
        self._root = Path(tempfile.mkdtemp(prefix="hoso-libreoffice-"))
        self._workers = [_Worker(i, config, self._root) for i in range(self.size)]
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

    def _warm(self, worker: _Worker) -> None:
        """Start one worker; a failure here is retried (and reported) by the first job."""
        with worker.lock, contextlib.suppress(_WorkerDown, _Closed):
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
        worker: _Worker,
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
                except _Closed:
                    return
                except ConversionError as exc:
                    done.put(exc)
                    return
                except Exception as exc:  # a bug here must not leave the caller waiting forever
                    log.exception("unexpected error converting %s", job.source)
                    done.put((index, ConversionResult(job, False, f"lỗi nội bộ: {exc}", 0.0, 1)))

    def _convert_one(self, worker: _Worker, job: ConversionJob) -> ConversionResult:
        """Run one job with bounded retries, restarting the worker after a hang or crash."""
        started = time.monotonic()
        timeout = job.timeout if job.timeout is not None else self.timeout
        error: str | None = None
        attempt = 0
        for attempt in range(1, self.retries + 2):
            try:
                worker.ensure_started()
            except _WorkerDown as exc:
                error = str(exc)
                if worker.stats.starts == 0 and attempt > self.retries:
                    # This worker never started once: LibreOffice is unusable here, not the file.
                    raise ConversionError(f"{error[:1].upper()}{error[1:]}.") from None
                continue
            ok, error, retry = worker.convert(job, timeout)
            if ok:
                return ConversionResult(job, True, None, time.monotonic() - started, attempt)
            if worker.closed:
                raise _Closed
            if not retry:
                break
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
