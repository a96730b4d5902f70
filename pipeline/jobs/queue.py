"""JobQueue: jobs of `hoso build` submitted, watched, retried when a worker dies, and installed.

The submitter's side owns the truth about a job. Celery's result backend says what the worker
reports (queued, running with progress and heartbeat, finished with the zipped folder); this side
installs the folder into out_dir (atomically, under its lock) and records the final state, so a
job is "done" only once its documents are where the caller looks for them.

A worker can die in two ways while running a job, and neither leaves the job "running" forever:
- its pool process is killed: Celery marks the task failed with WorkerLostError (acks_late, no
  reject_on_worker_lost, see pipeline.jobs.app);
- the whole worker (or its machine) dies: nothing is marked, but the job's heartbeat counter stops
  moving; after `stale_after` seconds without a new beat the job is taken as lost.
Either way the job is sent again (a new Celery task, the same job id) up to `attempts` times in
all, then marked failed with a Vietnamese message. A lost attempt that comes back to life later
(Redis redelivers its message after the visibility timeout) writes only to its own, forgotten
task id: the output folder is installed from the current attempt only.

Known limit: a worker killed in the few milliseconds between taking a message and marking it
started leaves that job "queued" (Redis hands the message out again after its visibility
timeout; the embedded queue does not). A prefetch of one keeps it to that instant.
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from celery.result import AsyncResult
from filelock import FileLock

from pipeline.build.cache import code_fingerprint
from pipeline.build.foreign import kept_text
from pipeline.build.holder import holder_of, job_waiting_text
from pipeline.build.output import OutputBusy
from pipeline.build.signed import set_aside_text, workbook_place
from pipeline.errors import HosoError
from pipeline.files import os_error
from pipeline.jobs.app import (
    PERIOD_TASK,
    TASK,
    TIME_LIMIT,
    broker_detail,
    is_redis,
    jobs_folder,
    make_app,
    shown,
)
from pipeline.jobs.archive import decode, encode, install, names, pack
from pipeline.jobs.model import DONE, FAILED, QUEUED, RUNNING, JobBusy, JobQueueError, JobStatus
from pipeline.jobs.steps import CHECK_WORKER, SEND_LOG
from pipeline.jobs.store import Job, Store
from pipeline.jobs.task import PROGRESS
from pipeline.steps import Advice

STALE_AFTER = 60.0  # seconds without a new heartbeat before a running job is taken as lost
ATTEMPTS = 3  # a job whose worker dies is run at most this many times in all
POLL = 0.5  # seconds between two looks at every outstanding job of a spread period build
WAIT_POLL = 0.1  # seconds between two looks at the one job wait() waits for
NOT_DOCUMENTS = ("manifest.json",)


class JobQueue:
    """Build jobs on the embedded queue (url None) or on Celery with Redis (url "redis://…")."""

    def __init__(
        self,
        data_dir: Path,
        url: str | None = None,
        *,
        stale_after: float = STALE_AFTER,
        attempts: int = ATTEMPTS,
    ) -> None:
        self.data_dir, self.url = data_dir, url
        self.stale_after, self.attempts = stale_after, attempts
        self.app = make_app(data_dir, url)
        folder = jobs_folder(data_dir)
        self.store = Store(folder / "jobs.sqlite")
        self._lock = FileLock(folder / "jobs.lock")

    def submit_build(
        self,
        workbook: Path,
        out_dir: Path,
        *,
        templates: Path | None = None,
        key: str | None = None,
        pdf: bool = True,
        duplex: bool = False,
        legal: Path | None = None,
    ) -> str:
        """Queue `hoso build` of one workbook into out_dir; return the job id.

        key: e.g. the proposal id; while a job with the same key is queued or running, JobBusy.
        """
        payload = _payload(workbook, templates, pdf, duplex, legal)
        # The manifest records where the workbook is from its folder as this machine sees it
        # (the worker builds a private copy): the same manifest as a local build.
        payload["workbook_path"] = workbook_place(workbook, out_dir / workbook.stem)
        return self._submit(json.dumps(payload), workbook.stem, out_dir, key)

    def submit_period(
        self, period: Path, out_dir: Path, *, key: str | None = None, pdf: bool = True
    ) -> str:
        """Queue the build of a period's documents (`hoso period build`) into out_dir; its id.

        The worker reads the period folder and writes out_dir itself: both must be on a disk
        the workers see (the embedded queue's worker is on this machine).
        """
        payload = {"kind": "period", "period": str(period.resolve()), "pdf": pdf}
        payload |= {"out_dir": str(out_dir.resolve()), "code": code_fingerprint()}
        return self._submit(json.dumps(payload), period.name, out_dir, key)

    def _submit(self, payload: str, name: str, out_dir: Path, key: str | None) -> str:
        """Record a job and send it; JobBusy while another job with the same key is unfinished."""
        with self._lock:
            if key is not None and any(not self.status(j.id).finished for j in self._busy(key)):
                raise JobBusy(
                    "Hồ sơ này đang được tạo (đang chờ hoặc đang chạy); "
                    "hãy chờ lần đó xong rồi tạo lại."
                )
            job = Job(uuid.uuid4().hex, key, uuid.uuid4().hex, name, str(out_dir), payload)
            self.store.add(job)
        try:
            self._send(job)
        except JobQueueError:
            self.store.delete(job.id)
            raise
        return job.id

    def _busy(self, key: str) -> list[Job]:
        """The unfinished jobs with this key."""
        return self.store.unfinished(key)

    def _send(self, job: Job) -> None:
        """Put the job's current attempt on the queue."""
        try:
            payload = json.loads(job.payload)
            task = PERIOD_TASK if payload.get("kind") == "period" else TASK
            self.app.send_task(task, args=[payload], task_id=job.task)
        except Exception as exc:  # kombu raises the broker's own errors (connection, SQLite…)
            raise JobQueueError(
                f"Không gửi được việc vào hàng đợi {self._where()} ({broker_detail(exc)}). "
                "Hãy kiểm tra máy chủ hàng đợi rồi thử lại."
            ) from None

    def _where(self) -> str:
        """The queue as a user knows it."""
        return shown(self.url) if self.url else f"trên máy này ({jobs_folder(self.data_dir)})"

    def status(self, job_id: str) -> JobStatus:
        """The job's status now; a finished attempt's folder is installed into out_dir first."""
        job = self.store.get(job_id)
        if job is None:
            raise JobQueueError(f"Không có việc tạo hồ sơ nào mã {job_id}.")
        if job.final is not None:
            return _final(job)
        locks = jobs_folder(self.data_dir) / "locks"
        locks.mkdir(exist_ok=True)
        with FileLock(locks / f"{job_id}.lock"):
            job = self.store.get(job_id) or job  # another caller may have finished it meanwhile
            if job.final is not None:
                return _final(job)
            return self._look(job)

    def _look(self, job: Job) -> JobStatus:
        """Ask the result backend about the current attempt and act on what it says."""
        result = AsyncResult(job.task, app=self.app)
        try:
            state, info = result.state, result.info
        except Exception as exc:  # the backend's own errors (connection, SQLite…)
            raise JobQueueError(
                f"Không đọc được trạng thái từ hàng đợi {self._where()} ({broker_detail(exc)})."
            ) from None
        if state == "SUCCESS":
            return self._finish(job, info, result)
        if state == "FAILURE":
            if type(info).__name__ == "WorkerLostError":
                return self._lost(job)
            # A bug of hoso's: its words (English, perhaps a server path) are in the worker's log.
            message = UNFORESEEN
            if type(info).__name__ == "TimeLimitExceeded":
                message = f"Việc tạo hồ sơ chạy quá {TIME_LIMIT // 60} phút nên đã bị dừng."
            result.forget()
            return _final(self.store.save(replace(job, final=FAILED, message=message, exit_code=1)))
        if state in ("STARTED", PROGRESS):
            meta = info if isinstance(info, dict) else {}
            return self._running(job, meta)
        note = f"Đang chờ máy xử lý (lần chạy thứ {job.attempts})." if job.attempts > 1 else ""
        return JobStatus(job.id, QUEUED, note)

    def _running(self, job: Job, meta: dict[str, Any]) -> JobStatus:
        """A running attempt: its progress, unless its heartbeat stopped `stale_after` ago."""
        beat, now = meta.get("beat"), time.time()  # this machine's clock only
        if beat != job.beat or job.beat_seen is None:
            job = self.store.save(replace(job, beat=beat, beat_seen=now))
        elif now - job.beat_seen > self.stale_after:
            return self._lost(job)
        done, total = int(meta.get("done", 0)), int(meta.get("total", 0))
        note = f"Đang tạo văn bản {done}/{total}." if total else "Đang kiểm tra tệp."
        waiting = str(meta.get("waiting") or "")  # the worker waits for its output folder
        holder = holder_of(meta.get("holder")) if waiting else None  # ... held by whom
        return JobStatus(
            job.id, RUNNING, note, done=done, total=total, waiting=waiting, holder=holder
        )

    def _lost(self, job: Job) -> JobStatus:
        """The attempt's worker died: send the job again, or give up after `attempts` tries."""
        AsyncResult(job.task, app=self.app).forget()
        if is_redis(self.url):
            # Redis would deliver the lost attempt again after its visibility timeout: the
            # workers alive now will drop it (a later run would be harmless, only wasted).
            with contextlib.suppress(Exception):
                self.app.control.revoke(job.task)
        if job.attempts >= self.attempts:
            message = Advice(
                f"Máy xử lý bị dừng đột ngột khi đang tạo hồ sơ ({job.attempts} lần); "
                "việc tạo hồ sơ đã dừng. ",
                CHECK_WORKER,
            )
            return _final(self.store.save(replace(job, final=FAILED, message=message, exit_code=1)))
        job = replace(job, task=uuid.uuid4().hex, attempts=job.attempts + 1, beat=None)
        self._send(self.store.save(replace(job, beat_seen=None)))
        return JobStatus(job.id, QUEUED, f"Máy xử lý bị dừng; đang chạy lại (lần {job.attempts}).")

    def _finish(self, job: Job, outcome: Any, result: AsyncResult) -> JobStatus:
        """The attempt finished: install its folder into out_dir and record the outcome."""
        outcome = outcome if isinstance(outcome, dict) else {}
        code, message = int(outcome.get("exit_code", 1)), str(outcome.get("message", ""))
        folder = outcome.get("folder")
        again = (
            f" (đã chạy lại lần {job.attempts} vì máy xử lý bị dừng)" if job.attempts > 1 else ""
        )
        if outcome.get("in_place"):  # a period's documents: written by the worker itself
            job = replace(job, final=DONE, message=(message + again).strip(), exit_code=code)
        elif folder is None:
            job = replace(job, final=FAILED, message=message, exit_code=code)
        else:
            data = decode(folder)
            try:
                # Not waiting here, in the caller's request: the job waits, its page says for
                # whom, and a later look installs the folder once the other build is done.
                set_aside, kept = install(data, Path(job.out_dir), job.name, wait=0)
            except OutputBusy as exc:
                said = job_waiting_text(exc.holder)
                return JobStatus(job.id, RUNNING, waiting=said, holder=exc.holder)
            except HosoError as exc:
                job = replace(job, final=FAILED, message=str(exc), exit_code=exc.exit_code)
            else:
                documents = [f"{job.name}/{n}" for n in names(data) if n not in NOT_DOCUMENTS]
                note = set_aside_text(Path(job.name), set_aside)
                notes = [message + again, note, *kept_text(Path(job.name), kept)]
                message = "\n".join(filter(None, notes))
                job = replace(job, final=DONE, message=message, exit_code=code)
                job = replace(job, documents=json.dumps(sorted(documents), ensure_ascii=False))
        self.store.save(job)
        result.forget()
        return _final(job)

    def running_on(self, job_id: str) -> str | None:
        """The worker process ("machine:pid") running the job's current attempt, if one is."""
        job = self.store.get(job_id)
        if job is None or job.final is not None:
            return None
        info = AsyncResult(job.task, app=self.app).info
        return info.get("worker") if isinstance(info, dict) else None

    def wait(self, job_id: str, timeout: float) -> JobStatus:
        """Look at the job until it is finished or `timeout` seconds have passed; its status."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.status(job_id)
            if status.finished or time.monotonic() >= deadline:
                return status
            time.sleep(WAIT_POLL)

    def workers(self, timeout: float = 3.0) -> list[str]:
        """The names of the workers that answer (Redis only; the embedded queue cannot ask)."""
        if not is_redis(self.url):
            return []
        try:
            replies = self.app.control.ping(timeout=timeout)
        except Exception as exc:  # the broker's own errors
            raise JobQueueError(
                f"Không kết nối được hàng đợi Redis ở {self._where()}: {broker_detail(exc)}."
            ) from None
        return sorted(name for reply in replies for name in reply)


UNFORESEEN = Advice(
    "Lỗi không lường trước của hoso khi tạo hồ sơ (lỗi của chương trình, không phải của tệp). ",
    SEND_LOG,
)


def _final(job: Job) -> JobStatus:
    """The status of a finished job, from the record."""
    assert job.final is not None
    return JobStatus(job.id, job.final, job.message, job.document_list, exit_code=job.exit_code)


def _payload(
    workbook: Path, templates: Path | None, pdf: bool, duplex: bool, legal: Path | None
) -> dict[str, Any]:
    """The task's argument: the workbook's bytes and everything else the build reads."""
    try:
        data = workbook.read_bytes()
        folder = encode(pack(templates)) if templates is not None and templates.is_dir() else None
        legal_file = [legal.name, encode(legal.read_bytes())] if legal is not None else None
    except OSError as exc:
        raise os_error(exc, exc.filename or workbook, "đọc", JobQueueError) from None
    return {
        "workbook": workbook.name,
        "data": encode(data),
        "templates": folder,
        "legal": legal_file,
        "pdf": pdf,
        "duplex": duplex,
        "code": code_fingerprint(),
    }


def open_queue(data_dir: Path, url: str | None = None) -> JobQueue:
    """url None: the embedded queue, stored under data_dir (survives restarts, needs no server);
    url "redis://…": Celery with Redis (workers on several machines)."""
    return JobQueue(data_dir, url)
