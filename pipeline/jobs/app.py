"""The Celery application of a queue: the embedded one on SQLite files, or Redis across machines.

Both modes run the same task (pipeline.jobs.task.run_build) with the same delivery settings:

- `task_acks_late`: a job's message is acknowledged only when the job has finished, so a worker
  that stops mid-job has not consumed it;
- `task_reject_on_worker_lost` stays off: when the process running a job is killed, Celery marks
  the job failed (WorkerLostError) instead of putting it straight back. Putting it back would loop
  forever on a workbook that crashes its worker every time; the submitter's side
  (pipeline.jobs.queue) sends it again instead, a bounded number of times;
- `worker_prefetch_multiplier = 1`: a worker holds no more messages than it runs, so a worker
  killed outright strands no queued job behind the one it was running;
- Redis: a bounded `visibility_timeout`, after which a message whose worker vanished is delivered
  again. The heartbeat (pipeline.jobs.task) lets the submitter notice much sooner.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from celery import Celery
from filelock import FileLock
from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Transport as SqlTransport

from pipeline.jobs.model import JobQueueError

TASK = "hoso.build"
PERIOD_TASK = "hoso.period"  # a period's documents, built in place into a shared folder
QUEUE = "hoso"
# Redis: a message taken by a worker that vanished comes back after this many seconds.
VISIBILITY_TIMEOUT = 3600
RESULTS_KEPT = 24 * 3600  # results not collected within a day are dropped by the backend
# A job still running after this long is stopped (its process killed): LibreOffice has its own
# per-document timeouts, so this only catches what nothing else would.
TIME_LIMIT = 3600
SQLITE_TIMEOUT = {"connect_args": {"timeout": 30}}  # wait for a busy SQLite file, do not fail


class SqliteTransport(SqlTransport):
    """kombu's SQLAlchemy transport, looking for new jobs every 0.1 s instead of every second (a
    warm worker would otherwise leave a job waiting up to a second; its own option for this is
    passed on to SQLAlchemy's create_engine, which refuses it)."""

    polling_interval = 0.1


TRANSPORT_ALIASES.setdefault("hoso-sqla", f"{__name__}:SqliteTransport")


def is_redis(url: str | None) -> bool:
    """True for a Redis address (redis:// or rediss://)."""
    return url is not None and url.startswith(("redis://", "rediss://"))


def shown(url: str) -> str:
    """A queue's address as printed: its password hidden.

    >>> shown("redis://:bi-mat@may-chu:6379/0")
    'redis://:***@may-chu:6379/0'
    >>> shown("redis://127.0.0.1:6379/0")
    'redis://127.0.0.1:6379/0'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def check_url(url: str) -> None:
    """Refuse a queue address that is not Redis's, saying what one looks like."""
    if not is_redis(url):
        raise JobQueueError(
            f"Địa chỉ hàng đợi không hợp lệ: {shown(url)!r}; hãy dùng dạng redis://máy-chủ:6379/0 "
            "(hoặc bỏ trống để dùng hàng đợi có sẵn trên máy này)."
        )


def jobs_folder(data_dir: Path) -> Path:
    """Where the jobs layer keeps its files inside the data folder."""
    return data_dir / "jobs"


def make_app(data_dir: Path, url: str | None) -> Celery:
    """The Celery app of a queue: embedded (url None) under data_dir, or Redis at url."""
    app = Celery("hoso", set_as_current=False)
    if url is None:
        folder = jobs_folder(data_dir).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        app.conf.update(
            broker_url=f"hoso-sqla+sqlite:///{folder / 'broker.sqlite'}",
            result_backend=f"db+sqlite:///{folder / 'results.sqlite'}",
            broker_transport_options=SQLITE_TIMEOUT,
            database_engine_options=SQLITE_TIMEOUT,
            # The SQLAlchemy transport has no broadcast: no remote control, no worker events.
            worker_enable_remote_control=False,
        )
        # kombu creates its tables, and the queue's row, on first use without retrying (its own
        # lock is per process): a server and its worker starting together on a new data folder
        # must not both try at once, or one of them dies on "UNIQUE constraint failed".
        with FileLock(folder / "setup.lock"), app.connection_for_write() as connection:
            connection.default_channel._new_queue(QUEUE)  # creates the tables and the queue row
    else:
        check_url(url)
        app.conf.update(
            broker_url=url,
            result_backend=url,
            broker_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
            result_backend_transport_options={"visibility_timeout": VISIBILITY_TIMEOUT},
        )
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,
        task_reject_on_worker_lost=False,
        task_track_started=True,
        task_time_limit=TIME_LIMIT,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        result_expires=RESULTS_KEPT,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,  # what hoso prints stays as printed, not logged
        worker_send_task_events=False,
        # Celery's "[time: ERROR/MainProcess]" prefix is English to the user: the time only.
        worker_log_format="[%(asctime)s] %(message)s",
        worker_task_log_format="[%(asctime)s] %(message)s",
    )
    from pipeline.jobs.task import run_build, run_period

    app.task(bind=True, name=TASK)(run_build)
    app.task(bind=True, name=PERIOD_TASK)(run_period)
    return app


# What the broker's usual errors mean, said to the user; its own words only for an unknown one.
_MEANINGS = (
    ("connection refused", "máy chủ Redis chưa chạy hoặc sai địa chỉ (sai cổng)"),
    ("name or service not known", "không tìm thấy máy chủ có tên này (sai địa chỉ?)"),
    ("temporary failure in name resolution", "không tìm thấy máy chủ có tên này (sai địa chỉ?)"),
    ("timed out", "máy chủ không trả lời trong thời gian chờ (máy tắt, tường lửa chặn?)"),
    ("timeout", "máy chủ không trả lời trong thời gian chờ (máy tắt, tường lửa chặn?)"),
    ("noauth", "máy chủ Redis đòi mật khẩu"),
    ("wrongpass", "sai tên hoặc mật khẩu Redis"),
    ("invalid password", "sai tên hoặc mật khẩu Redis"),
    ("no route to host", "không có đường mạng tới máy chủ"),
)


def broker_detail(exc: Exception) -> str:
    """What went wrong, in Vietnamese when the error is a known one; else the broker's own words
    (English, technical) on one line for whoever fixes it."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    own = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    meaning = next((m for key, m in _MEANINGS if key in own.casefold()), None)
    return meaning or f"máy chủ hàng đợi báo lỗi (chi tiết kỹ thuật: {own})"


def ensure_reachable(app: Celery, url: str) -> None:
    """JobQueueError, said in Vietnamese, when the queue's broker does not answer within seconds
    (a worker started on a mistyped address would otherwise wait in silence)."""
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=5)
    except Exception as exc:  # the broker's own errors
        raise JobQueueError(
            f"Không kết nối được hàng đợi Redis ở {shown(url)}: {broker_detail(exc)}."
        ) from None
