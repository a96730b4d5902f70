"""The submitter's record of its jobs (SQLite in the data folder): what was asked, and the outcome.

Celery's result backend says what a worker is doing; this record holds what the submitter needs
beyond that and across restarts: the job's key, its output folder, the payload to send again if a
worker dies, the Celery task of the current attempt, the last heartbeat seen, and the final state
once the output folder has been installed.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.steps import restored, stored

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    key TEXT,
    task TEXT NOT NULL,
    name TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    payload TEXT NOT NULL,
    final TEXT,
    message TEXT NOT NULL DEFAULT '',
    documents TEXT NOT NULL DEFAULT '[]',
    exit_code INTEGER,
    attempts INTEGER NOT NULL DEFAULT 1,
    beat INTEGER,
    beat_seen REAL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_key ON jobs (key) WHERE final IS NULL;
"""


@dataclass(frozen=True)
class Job:
    """One job as the submitter recorded it."""

    id: str
    key: str | None
    task: str  # the Celery task id of the current attempt
    name: str  # the batch folder's name (the workbook's stem)
    out_dir: str
    payload: str  # JSON of the task's argument, kept to send again
    final: str | None = None  # "done" | "failed" once finished, else None
    message: str = ""
    documents: str = "[]"  # JSON list of paths relative to out_dir
    exit_code: int | None = None
    attempts: int = 1
    beat: int | None = None  # the last heartbeat counter seen ...
    beat_seen: float | None = None  # ... and when (this machine's clock)
    created: float = 0.0

    @property
    def document_list(self) -> tuple[str, ...]:
        """The documents made, as a tuple."""
        return tuple(json.loads(self.documents))


COLUMNS = [f.name for f in fields(Job)]


class Store:
    """The jobs table of one data folder; every call is its own short transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection that waits for a busy file, committed (or rolled back) and closed."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""
        with self._connect() as db:
            row = db.execute(f"SELECT {','.join(COLUMNS)} FROM jobs WHERE id = ?", (job_id,))
            found = row.fetchone()
        return _job(found) if found else None

    def unfinished(self, key: str) -> list[Job]:
        """The jobs with this key that are not finished yet."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {','.join(COLUMNS)} FROM jobs WHERE key = ? AND final IS NULL", (key,)
            ).fetchall()
        return [_job(row) for row in rows]

    def add(self, job: Job) -> Job:
        """Record a new job."""
        job = replace(job, created=job.created or time.time())
        with self._connect() as db:
            marks = ",".join("?" * len(COLUMNS))
            db.execute(f"INSERT INTO jobs ({','.join(COLUMNS)}) VALUES ({marks})", _row(job))
        return job

    def save(self, job: Job) -> Job:
        """Write a job's new state."""
        with self._connect() as db:
            sets = ",".join(f"{c} = ?" for c in COLUMNS[1:])
            db.execute(f"UPDATE jobs SET {sets} WHERE id = ?", (*_row(job)[1:], job.id))
        return job

    def delete(self, job_id: str) -> None:
        """Forget a job (one that could not even be sent)."""
        with self._connect() as db:
            db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))


def _row(job: Job) -> tuple[object, ...]:
    """The job's values in column order (its message with its next step, pipeline.steps)."""
    return tuple(stored(job.message) if c == "message" else getattr(job, c) for c in COLUMNS)


def _job(row: tuple[object, ...]) -> Job:
    """The job a row holds: its message an Advice again when it names a next step."""
    job = Job(*row)
    return replace(job, message=restored(job.message))
