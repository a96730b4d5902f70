"""One warm LibreOffice: a UNO client process and its soffice in their own process group."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.files import reason
from pipeline.pdf.comments import has_comments, without_comments
from pipeline.pdf.converter import NOT_WRITTEN, TEMP_NOT_WRITTEN, ConversionJob, child_env
from pipeline.vietnamese import format_decimal

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")


@dataclass
class PoolStats:
    """Counters for tests and benchmarks; `starts` counts every soffice start (incl. restarts)."""

    starts: int = 0
    recycles: int = 0
    crashes: int = 0
    timeouts: int = 0
    conversions: int = 0


@dataclass(frozen=True)
class Attempt:
    """One conversion attempt: `retry` when a fresh LibreOffice might succeed, `crashed` when
    LibreOffice died on the document (as opposed to hanging, or refusing it)."""

    ok: bool
    error: str | None = None
    retry: bool = False
    crashed: bool = False


class WorkerDown(Exception):
    """The worker's processes died or stopped answering; carries a Vietnamese reason."""


class PoolClosed(Exception):
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


class Worker:
    """One UNO client process plus its soffice, in their own process group and profile."""

    def __init__(self, index: int, config: PoolConfig, root: Path) -> None:
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
        self.pipe_name: str | None = None  # names the UNO socket even before "ready" arrives
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
            raise PoolClosed
        self.home = Path(tempfile.mkdtemp(prefix=f"w{self.index}-", dir=self.root))
        (self.home / "tmp").mkdir()
        pipe_name = self.pipe_name = f"hoso-{os.getpid()}-{uuid.uuid4().hex[:12]}"
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
                env={**child_env(), "TMPDIR": str(self.home / "tmp")},
                # A new session makes the client the leader of a process group that soffice
                # joins, so one killpg takes down oosplash, soffice.bin and the client together.
                start_new_session=True,
            )  # fmt: skip
        self.pgid = self.proc.pid
        self._buffer = b""
        self.conversions = 0
        if self.closed:  # close() ran while we were spawning: it could not see this group
            self.stop()
            raise PoolClosed
        try:
            ready = self._receive(self.config.startup_timeout + 5)
        except WorkerDown as exc:
            ready = {"error": str(exc)}
        if ready is None or ready.get("event") != "ready":
            detail = self._start_failure(ready or {})
            self.stop()
            raise WorkerDown(f"không khởi động được LibreOffice ({detail})")
        self.soffice_pid = int(ready["soffice_pid"])
        self.sockets = [Path(p) for p in ready.get("sockets", [])]
        self.stats.starts += 1

    def stop(self) -> None:
        """Kill the worker's whole process group and delete its profile; idempotent."""
        proc, pgid, home, sockets = self.proc, self.pgid, self.home, self.sockets
        pipe_name = self.pipe_name
        self.proc = self.pgid = self.soffice_pid = self.home = self.pipe_name = None
        self.sockets = []
        if pgid is not None:
            _kill_group(pgid)
        if pipe_name is not None:
            # A kill before "ready" (Ctrl-C while soffice starts) leaves the UNO socket unlisted.
            sockets = [*sockets, *Path("/tmp").glob(f"OSL_PIPE_*_{pipe_name}")]
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

    def convert(self, job: ConversionJob, timeout: float) -> Attempt:
        """Convert one job; a failure carries a Vietnamese error."""
        source, target = job.source.absolute(), job.target.absolute()
        if not source.is_file():
            return Attempt(False, f"không tìm thấy tệp nguồn {source}")
        target.parent.mkdir(parents=True, exist_ok=True)
        # A PDF left by an earlier build must not pass for this one if this conversion fails.
        target.unlink(missing_ok=True)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        self._next_id += 1
        opened = self._openable(source)
        request = {"id": self._next_id, "source": str(opened), "target": str(target),
                   "partial": str(partial)}  # fmt: skip
        if job.pdf_options:
            request["pdf_options"] = dict(job.pdf_options)
        try:
            self._send(request)
            reply = self._receive(timeout)
        except WorkerDown:
            self.stats.crashes += 1
            return self._fail(target, partial, _stopped(source), crashed=True)
        finally:
            if opened != source:
                shutil.rmtree(opened.parent, ignore_errors=True)
        if reply is None:
            self.stats.timeouts += 1
            return self._fail(
                target, partial, f"quá thời gian chờ {format_decimal(timeout, 3)} giây"
            )
        self.conversions += 1
        if reply.get("ok"):
            self.stats.conversions += 1
            return Attempt(True)
        if reply.get("fatal"):
            self.stats.crashes += 1
            log.info("worker %d: %s: %s", self.index, source, reply.get("error"))
            return self._fail(target, partial, _stopped(source), crashed=True)
        _drop(partial)
        # A full disk, where the PDF goes or where LibreOffice keeps its scratch files, is no
        # fault of the document: said as what it is.
        unwritable = write_problem(target.parent)
        if unwritable is None and self.home is not None:
            unwritable = write_problem(self.home, TEMP_NOT_WRITTEN)
        if unwritable is not None:
            return Attempt(False, unwritable)
        # The document itself is the problem (e.g. not a DOCX): another attempt would fail too.
        return Attempt(False, f"LibreOffice không đọc hoặc không xuất được ({reply.get('error')})")

    def _openable(self, source: Path) -> Path:
        """`source`, or a copy without its Word comments, which make this LibreOffice abort."""
        if self.home is None or not has_comments(source):
            return source
        folder = self.home / f"plain-{self._next_id}"
        folder.mkdir(exist_ok=True)
        copy = folder / source.name  # the same name: LibreOffice may title the PDF with it
        try:
            without_comments(source, copy)
        except ValueError as exc:  # a broken part: LibreOffice says what it makes of the file
            log.info("worker %d: comments of %s kept: %s", self.index, source, exc)
            return source
        return copy

    def _fail(self, target: Path, partial: Path, error: str, *, crashed: bool = False) -> Attempt:
        """Kill the worker (it may be hung or half dead), drop its output, ask for a retry."""
        self.stop()
        # The kill may land between writing the PDF and replying: a failed job has no PDF.
        target.unlink(missing_ok=True)
        _drop(partial)
        return Attempt(False, error, retry=True, crashed=crashed)

    def _send(self, message: dict[str, Any]) -> None:
        """Write one JSON line to the client."""
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(message, ensure_ascii=False).encode() + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError) as exc:  # ValueError: closed by kill_now
            raise WorkerDown("LibreOffice đã dừng đột ngột") from exc

    def _receive(self, timeout: float) -> dict[str, Any] | None:
        """Read one JSON line, or None after `timeout` seconds; EOF raises WorkerDown."""
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
                    raise WorkerDown("LibreOffice đã dừng đột ngột")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            return json.loads(line)
        except ValueError as exc:
            raise WorkerDown(f"LibreOffice trả lời không hợp lệ: {line[:200]!r}") from exc

    def _start_failure(self, reply: dict[str, Any]) -> str:
        """Why soffice did not start, in Vietnamese, with what it wrote (its own words) if any."""
        # A temp folder on a full disk: soffice cannot write its profile (it exits with 77).
        if (
            self.home is not None
            and (full := write_problem(self.home, TEMP_NOT_WRITTEN)) is not None
        ):
            return full
        if reply.get("exit_code") is not None:
            detail = f"soffice dừng ngay khi khởi động, mã thoát {reply['exit_code']}"
        elif reply.get("stopped"):
            # Stopped by a signal (kill -STOP) or held by a debugger: waiting would not help.
            detail = (
                "soffice bị tạm dừng khi đang khởi động, bằng kill -STOP hay trình gỡ lỗi, nên "
                "chờ thêm cũng vô ích"
            )
        elif reply.get("timeout") or not reply.get("error"):
            waited = format_decimal(self.config.startup_timeout, 1)
            detail = f"soffice không sẵn sàng sau {waited} giây"
        else:
            detail = str(reply["error"])
        tail = self._log_tail()
        return f"{detail}; LibreOffice ghi: {tail}" if tail else detail

    def _log_tail(self, limit: int = 300) -> str:
        """The end of the client's stderr log, to explain a failed start."""
        if self.home is None:
            return ""
        with contextlib.suppress(OSError):
            text = (self.home / "worker.log").read_text(errors="replace").strip()
            return text[-limit:]
        return ""


# Less free space than this where a PDF goes: LibreOffice's failed export was the disk's doing
# (its own error, "SfxBaseModel::impl_store … failed: 0x11b", says nothing a person can act on).
_LOW_SPACE = 1 << 20
_PROBE = b"\0" * (64 << 10)


def write_problem(folder: Path, saying: str = NOT_WRITTEN) -> str | None:
    """Why nothing can be written in `folder` (a full disk, no permission…), in Vietnamese after
    `saying` and the folder (or its disk), or None when a test write there succeeds and the disk
    has room."""
    probe = folder / f".hoso-probe-{uuid.uuid4().hex[:8]}"
    try:
        stats = os.statvfs(folder)
        if stats.f_bavail * stats.f_frsize < _LOW_SPACE:
            raise OSError(errno.ENOSPC, "low space")
        with open(probe, "wb") as handle:
            handle.write(_PROBE)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        # A full disk is said once for every document: by its mount point, not each folder.
        where = _mount(folder) if exc.errno in (errno.ENOSPC, errno.EDQUOT) else folder
        return f"{saying}{where}: {reason(exc)}"
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return None


def _mount(folder: Path) -> Path:
    """The mount point of the disk a folder is on."""
    mount = folder.absolute()
    while not os.path.ismount(mount) and mount.parent != mount:
        mount = mount.parent
    return mount


def _drop(partial: Path) -> None:
    """Remove a failed export's partial PDF and the lock file LibreOffice keeps beside it (left
    there when the export fails, e.g. on a full disk)."""
    partial.unlink(missing_ok=True)
    partial.with_name(f".~lock.{partial.name}#").unlink(missing_ok=True)


def _stopped(source: Path) -> str:
    """What a person reads when LibreOffice died converting `source` (it is restarted)."""
    return f"LibreOffice dừng đột ngột khi chuyển tệp {source.name}"


@dataclass(frozen=True)
class PoolConfig:
    """Settings shared by all workers of a pool."""

    soffice: str
    uno_python: str
    startup_timeout: float
    recycle_after: int
