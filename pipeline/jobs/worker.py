"""run_worker(): a Celery worker for the embedded queue or for Redis, until it is stopped."""

from __future__ import annotations

import os
import socket
import uuid
import warnings
from pathlib import Path

from pipeline.jobs import task
from pipeline.jobs.app import QUEUE, is_redis, make_app
from pipeline.pdf.converter import default_pool_size


def run_worker(data_dir: Path, url: str | None = None, concurrency: int = 1) -> None:
    """Run a worker until stopped (the CLI's `hoso worker --data DIR [--queue URL]`).

    Each of its `concurrency` processes keeps one warm LibreOffice pool, the machine's cores
    shared among them. Ctrl-C (SIGINT) or SIGTERM lets the running jobs finish, then stops.
    """
    app = make_app(data_dir, url)
    # Celery warns in English about running as root; hoso's tasks take JSON only (no pickle).
    warnings.filterwarnings("ignore", message=".*superuser privileges.*")
    task.pool_size = max(1, default_pool_size() // max(1, concurrency))
    name = f"hoso-{os.getpid()}-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
    argv = [
        "--quiet",
        "worker",
        "--loglevel=WARNING",
        f"--concurrency={concurrency}",
        "--pool=prefork",
        f"--hostname={name}",
        f"--queues={QUEUE}",
        "--without-mingle",
        "--without-gossip",
    ]
    if not is_redis(url):
        argv.append("--without-heartbeat")  # no broadcast on the SQLite transport
    app.worker_main(argv)
