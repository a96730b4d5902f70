"""The one task both modes run: `hoso build` of one workbook sent as bytes, the folder sent back.

A worker process keeps one warm LibreOffice pool for all its jobs (closed when the process ends).
While a job runs, a heartbeat thread publishes a counter with the progress every few seconds: the
submitter's side takes a counter that stops moving as a worker that died (pipeline.jobs.queue),
whatever the clocks of the two machines say.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path
from typing import Any

from celery.signals import worker_process_shutdown

from pipeline.build import BuildOptions, build
from pipeline.build.cache import code_fingerprint
from pipeline.build.holder import holder_data, job_waiting_text
from pipeline.build.options import BatchResult
from pipeline.errors import HosoError
from pipeline.jobs.archive import decode, encode, extract, pack
from pipeline.pdf.pool import LibreOfficePool

HEARTBEAT = 2.0  # seconds between two beats of a running job
PROGRESS = "PROGRESS"  # the Celery state of a running job that has reported progress
MAX_LISTED = 20  # errors quoted in a failed job's message
JOB_PREFIX = (
    "hoso-job-"  # a job's private folder in the temporary folder (pipeline.jobs.worker clears)
)

_pool: LibreOfficePool | None = None
_pool_lock = threading.Lock()
pool_size: int | None = None  # set by run_worker before the worker forks its processes


def converter() -> LibreOfficePool:
    """This process's LibreOffice pool, started on its first job and kept warm for the next."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = LibreOfficePool(pool_size)
            _pool.warm_up()
        return _pool


@worker_process_shutdown.connect
def close_pool(**_: Any) -> None:
    """The worker process is stopping: stop its LibreOffice."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.close()
            _pool = None


def remove_job_folders(pid: int) -> None:
    """Remove the job folders of pool process `pid` (stopped midway: nothing of it is kept)."""
    for path in Path(tempfile.gettempdir()).glob(f"{JOB_PREFIX}{pid}-*"):
        shutil.rmtree(path, ignore_errors=True)


class Heartbeat:
    """The progress of a running job, published with a beat counter (a Progress for build())."""

    def __init__(self, task: Any) -> None:
        self.task = task
        self.task_id = task.request.id  # task.request is per thread: read it on the job's own
        self.beat = self.done = self.total = 0
        self.waiting = ""  # who holds the output folder this job waits for (a period's, in place)
        self.holder: Any = None  # ... and that build's record, when known (for the JSON API)
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="hoso-heartbeat")

    def __enter__(self) -> Heartbeat:
        self.publish()
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        while not self.stopped.wait(HEARTBEAT):
            self.publish()

    def publish(self) -> None:
        """Store the job's state: running, this many steps of so many, and a new beat."""
        with self.lock:
            self.beat += 1
            meta: dict[str, Any] = {"beat": self.beat, "done": self.done, "total": self.total}
            meta["waiting"], meta["holder"] = self.waiting, holder_data(self.holder)
            meta["worker"] = f"{socket.gethostname()}:{os.getpid()}"
            if self.task_id is not None:
                self.task.update_state(task_id=self.task_id, state=PROGRESS, meta=meta)

    def busy(self, said: str) -> None:
        """Another build writes the folder the job writes in place (a period's documents): who,
        in the page's words (no path of this machine), published until the job goes on."""
        with self.lock:
            self.holder = getattr(said, "holder", None)
            self.waiting = job_waiting_text(self.holder)
        self.publish()

    def start(self, workbooks: int) -> None:
        """The build goes on (no longer waiting); nothing to count yet: documents are counted
        when the workbook has passed its check."""
        with self.lock:
            self.waiting, self.holder = "", None
        self.publish()

    def planned(self, documents: int) -> None:
        """The documents to make are known."""
        with self.lock:
            self.total += documents
            self.waiting, self.holder = "", None
        self.publish()

    def document_done(self) -> None:
        """One more document is made (published with the next beat)."""
        with self.lock:
            self.done += 1

    def workbook_done(self, label: str, ok: bool) -> None:
        """The workbook is finished."""
        self.publish()

    def finish(self) -> None:
        """The build is over."""


def _other_version(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The refusal of a job sent by another version of hoso, or None when the versions agree."""
    if payload.get("code") == code_fingerprint():
        return None
    return _outcome(
        1,
        f"Máy xử lý {socket.gethostname()} chạy một phiên bản hoso khác với máy gửi việc; "
        "hãy cài cùng một phiên bản hoso trên mọi máy rồi tạo lại.",
    )


def run_period(task: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """Build a period's documents into `payload["out_dir"]` (a folder both sides see), warm."""
    refused = _other_version(payload)
    if refused is not None:
        return refused
    from pipeline.period.build import build_period
    from pipeline.period.config import load_period

    folder, out_dir = Path(payload["period"]), Path(payload["out_dir"])
    options = BuildOptions(out_dir=out_dir, pdf=bool(payload.get("pdf", True)))
    try:
        with Heartbeat(task) as beat:
            period = load_period(folder)
            pool = converter() if options.pdf else None
            made = build_period(period, options, progress=beat, pool=pool)
    except HosoError as exc:
        said = f"Không tạo được văn bản của đợt: {exc}"
        return _outcome(exc.exit_code, unrooted_period(said, folder, out_dir))
    return {**_outcome(made.exit_code, period_message(made)), "in_place": True}


def period_message(made: Any) -> str:
    """What a period build left undone and took away, for the office's page (one line each):
    units with errors by name, a workbook or office folder not made with its reason; files
    named inside the period or results folder, never by the server's path, and a unit's results
    by the unit and its workbook's file (pipeline.jobs.naming)."""
    from pipeline.jobs.naming import named_folders, named_in_error, unit_named
    from pipeline.period.outdated import outdated_text

    lines = []
    checked = made.checked
    # A unit's second workbook bears its unit's name: said as the period page says it, so the
    # unit itself is not taken for one with errors.
    copy = " (tệp thứ hai, không tính)"
    erring = [
        u.name + (copy if u.file in checked.copies else "")
        for u in checked.units
        if u.status == "co-loi"
    ]
    if made.exit_code != 0 and erring:
        named = ", ".join(dict.fromkeys(erring))
        lines.append(f"Có đơn vị còn lỗi ({named}): văn bản của họ chưa tạo.")
    folder, out_dir = made.checked.period.folder, made.out_dir
    for result in made.units.results:
        if result.error:
            unit = unit_named(checked, result.check.path.stem)
            error = named_in_error(unrooted_period(result.error, folder, out_dir))
            lines.append(f"Không tạo được hồ sơ của {unit}: {error}")
    for what, result in made.offices:
        if result.error:
            lines.append(f"Không tạo được văn bản của cơ quan ({what}): {result.error}")
    if not made.offices:
        lines.append("Văn bản của cơ quan chưa tạo: xem lỗi của đợt trên trang này.")
    # Named from the results folder, the root of the run's download (its own name is the
    # server's, a run number or a random one): "đã chuyển vào cu/", not "vào 79f2…/cu/".
    said = outdated_text(Path(out_dir.name), made.outdated)
    said = [line.replace(f", trong {out_dir.name}/:", ":") for line in said]
    said = [line.replace(f"{out_dir.name}/", "") for line in said]
    text = unrooted_period("\n".join([*lines, *said]), folder, out_dir)
    return named_folders(text, checked)  # a unit's results by its name, not "don-vi/…"


PERIOD_FOLDER = "thư mục của đợt xét"
RESULTS_FOLDER = "thư mục kết quả"


def unrooted_period(text: str, folder: Path, out_dir: Path) -> str:
    """A period job's message with no path of the machine that ran it: a file inside the
    results folder named from there, one inside the period folder from there."""
    # The results first: by default (hoso period build) they are inside the period folder.
    for root, bare in ((out_dir, RESULTS_FOLDER), (folder, PERIOD_FOLDER)):
        for path in dict.fromkeys((str(root), str(root.resolve()))):
            text = text.replace(f"{path}/", "").replace(path, bare)
    return text


def run_build(task: Any, payload: dict[str, Any]) -> dict[str, Any]:
    """Build the workbook carried by `payload`; return the exit code, message and zipped folder."""
    refused = _other_version(payload)
    if refused is not None:
        return refused
    # The job beats until its outcome is ready, the folder packed and the job's own folder
    # removed: a worker zipping a large dossier on a busy machine is alive, not lost.
    own = f"{JOB_PREFIX}{os.getpid()}-"  # its process's: removed if that stops mid-job
    with Heartbeat(task) as beat, tempfile.TemporaryDirectory(prefix=own) as tmp:
        root = Path(tmp)
        try:
            options = _options(payload, root)
            workbook = root / "vao" / payload["workbook"]
            workbook.parent.mkdir()
            workbook.write_bytes(decode(payload["data"]))
            pool = converter() if options.pdf else None
            report = build([workbook], options, converter=pool, progress=beat)
        except HosoError as exc:
            return _outcome(exc.exit_code, _unrooted(str(exc), root))
        result = report.results[0]
        message = _unrooted(_message(result), root)
        if result.folder is None:
            return _outcome(report.exit_code, message)
        return _outcome(report.exit_code, message, encode(pack(result.folder)))


def _options(payload: dict[str, Any], root: Path) -> BuildOptions:
    """The build's options, with the sent templates and legal file unpacked into `root`."""
    templates = legal = None
    if payload.get("templates"):
        templates = extract(decode(payload["templates"]), root / "mau")
    if payload.get("legal"):
        name, data = payload["legal"]
        legal = root / "phap-ly" / Path(name).name
        legal.parent.mkdir()
        legal.write_bytes(decode(data))
    return BuildOptions(
        out_dir=root / "ra",
        templates=templates,
        pdf=bool(payload.get("pdf", True)),
        duplex=bool(payload.get("duplex", False)),
        force=True,
        legal=legal,
        workbook_path=str(payload.get("workbook_path", "")),
    )


def _outcome(exit_code: int, message: str, folder: str | None = None) -> dict[str, Any]:
    """What a job returns (JSON): the folder is base64 zip bytes, or None when nothing was made."""
    return {"exit_code": exit_code, "message": message, "folder": folder}


def _message(result: BatchResult) -> str:
    """A short Vietnamese account of one workbook's build."""
    if result.error:
        return result.error
    errors = result.check.errors
    if errors or result.folder is None:
        lines = [str(f) for f in errors[:MAX_LISTED]]
        if len(errors) > MAX_LISTED:
            lines.append(f"… và {len(errors) - MAX_LISTED} lỗi khác.")
        head = f"Tệp còn {len(errors)} lỗi, chưa tạo hồ sơ:" if errors else "Không tạo được hồ sơ."
        return "\n".join([head, *lines])
    warnings = len(result.check.warnings)
    text = f"Đã tạo {result.made} văn bản, {result.dossiers} hồ sơ PDF"
    return text + (f"; {warnings} cảnh báo." if warnings else ".")


def _unrooted(message: str, root: Path) -> str:
    """A message without the job's private folders: the workbook is named as the user sent it."""
    for sub in ("vao", "ra", "mau", "phap-ly"):
        message = message.replace(f"{root / sub}/", "")
    return message.replace(f"{root}/", "")
